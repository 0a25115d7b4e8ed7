using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Paragon.AI;
using Paragon.Platform;

namespace Paragon.Runtime.Tests;

/// <summary>
/// What ActionKit's catalogue and a model's arguments may hold that the tools must survive: names a run would refuse,
/// schemas that compose, arguments nested past what JsonNode reads. Each failed before its fix (the tool threw, or
/// refused every argument). This class sets its fixture's catalogue, so it has a fixture of its own.
/// </summary>
public sealed class AIToolBoundaryTests(ActionKitFixture fixture) : IClassFixture<ActionKitFixture>
{
    [Fact]
    public async Task A_catalogue_name_that_a_run_would_refuse_makes_no_action_and_no_tool()
    {
        string page = "SLACK_LIST_" + new string('X', 300);
        fixture.Proxy.ActionKit.UseCatalog(new JsonObject
        {
            ["actions"] = new JsonObject
            {
                ["slack"] = new JsonArray(
                    Entry("SLACK_LIST_CHANNELS"),
                    Entry("SLACK LIST USERS"),
                    Entry("SLACK_LIST_\u0007BELLS"),
                    Entry(page)),
            },
        });
        using ParagonClient client = fixture.Client();
        ParagonUserClient user = client.ForUser(ActionKitFixture.NewUser());

        ActionKitCatalog catalog = await user.ListActionsAsync();
        IReadOnlyList<AIFunction> tools = await user.GetActionToolsAsync();

        Assert.Equal(["SLACK_LIST_CHANNELS"], catalog.Actions.Select(a => a.Name));
        Assert.Equal(["SLACK_LIST_CHANNELS"], tools.Select(t => ((ParagonTool)t).Operation));
    }

    [Fact]
    public void A_hand_made_catalogue_is_checked_the_same_way_even_when_every_action_counts_as_a_read()
    {
        using ParagonClient client = fixture.Client();
        var catalog = new ActionKitCatalog(new Dictionary<string, IReadOnlyList<ActionKitAction>>
        {
            ["slack"] = [new ActionKitAction("slack", "SLACK LIST USERS", "List", default), new ActionKitAction("slack", "SLACK_LIST_CHANNELS", "List", default)],
        });

        var options = new ParagonToolOptions();
        options.ReadOnlyActions.Add("*"); // before the check, the bad name became a tool whose every call threw

        IReadOnlyList<AIFunction> tools = client.ForUser("u").CreateActionTools(catalog, options);

        Assert.Equal(["SLACK_LIST_CHANNELS"], tools.Select(t => ((ParagonTool)t).Operation));
    }

    [Fact]
    public void A_schema_that_composes_is_not_closed_to_the_arguments_it_allows()
    {
        using ParagonClient client = fixture.Client();
        using JsonDocument composed = JsonDocument.Parse("""{"anyOf":[{"properties":{"channel":{"type":"string"}}},{"properties":{"user":{"type":"string"}}}]}""");
        using JsonDocument plain = JsonDocument.Parse("""{"properties":{"channel":{"type":"string"}}}""");
        var catalog = new ActionKitCatalog(new Dictionary<string, IReadOnlyList<ActionKitAction>>
        {
            ["slack"] = [new ActionKitAction("slack", "SLACK_LIST_CHANNELS", "List", composed.RootElement), new ActionKitAction("slack", "SLACK_LIST_USERS", "List", plain.RootElement)],
        });

        IReadOnlyList<AIFunction> tools = client.ForUser("u").CreateActionTools(catalog);

        Assert.False(tools[0].JsonSchema.TryGetProperty("additionalProperties", out _));
        Assert.False(tools[1].JsonSchema.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public async Task An_argument_nested_deeper_than_json_nodes_read_is_a_tool_error_not_an_exception()
    {
        using ParagonClient client = fixture.Client();
        string userId = ActionKitFixture.NewUser();
        using JsonDocument schema = JsonDocument.Parse("""{"properties":{"calendarId":{"type":"string"}}}""");
        var catalog = new ActionKitCatalog(new Dictionary<string, IReadOnlyList<ActionKitAction>>
        {
            ["googleCalendar"] = [new ActionKitAction("googleCalendar", "GOOGLE_CALENDAR_LIST_EVENTS", "List", schema.RootElement)],
        });
        AIFunction tool = Assert.Single(client.ForUser(userId).CreateActionTools(catalog));
        string deep = new string('[', 100) + new string(']', 100);
        using JsonDocument document = JsonDocument.Parse(deep, new JsonDocumentOptions { MaxDepth = 200 });

        JsonElement result = Assert.IsType<JsonElement>(await tool.InvokeAsync(new AIFunctionArguments(new Dictionary<string, object?> { ["calendarId"] = document.RootElement })));

        Assert.Equal("invalid_arguments", result.GetProperty("error").GetProperty("kind").GetString());
        Assert.DoesNotContain(fixture.Proxy.ActionKit.Runs, r => r.UserId == userId);
    }

    private static JsonObject Entry(string name) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = name, ["description"] = "d", ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() } },
    };
}
