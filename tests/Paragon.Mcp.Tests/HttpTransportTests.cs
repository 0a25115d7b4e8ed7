using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Paragon.Testing;

namespace Paragon.Mcp.Tests;

/// <summary>MCP over HTTP on a real Kestrel host: the user is the authenticated principal's, never an argument.</summary>
public sealed class HttpTransportTests(McpFixture fixture) : IClassFixture<McpFixture>
{
    private const string ListEvents = """{"calendarId":"primary","timeMin":"2026-12-08T00:00:00Z"}""";

    [Fact]
    public async Task A_user_lists_read_only_tools_and_a_call_runs_for_that_user()
    {
        using ParagonClient paragon = fixture.Client();
        await using McpHttpHost host = await McpHttpHost.StartAsync(paragon);
        string a = McpFixture.NewUser("a-");
        await using McpClient client = await host.ConnectAsync(a);

        IList<McpClientTool> tools = await client.ListToolsAsync();

        Assert.NotEmpty(tools);
        Assert.All(tools, tool => Assert.True(tool.ProtocolTool.Annotations?.ReadOnlyHint));
        foreach (McpClientTool tool in tools)
        {
            // No tool takes a user, token, host or path: there is nothing a model could point elsewhere.
            JsonElement properties = tool.ProtocolTool.InputSchema.GetProperty("properties");
            foreach (JsonProperty property in properties.EnumerateObject())
            {
                Assert.DoesNotMatch("(?i)user|token|host|path|url", property.Name);
            }
        }

        CallToolResult result = await client.CallToolAsync("GOOGLE_CALENDAR_LIST_EVENTS", McpFixture.Arguments(ListEvents));

        Assert.NotEqual(true, result.IsError);
        RecordedActionRun run = Assert.Single(fixture.Proxy.ActionKit.Runs, r => r.UserId == a);
        Assert.Equal("GOOGLE_CALENDAR_LIST_EVENTS", run.Action);
        Assert.StartsWith("Bearer ", fixture.Proxy.Requests.Last(r => r.UserId == a).Header("Authorization"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("userId")]
    [InlineData("user_id")]
    [InlineData("path")]
    public async Task An_argument_that_is_not_a_parameter_is_refused_and_nothing_reaches_the_proxy(string argument)
    {
        using ParagonClient paragon = fixture.Client();
        await using McpHttpHost host = await McpHttpHost.StartAsync(paragon);
        string a = McpFixture.NewUser("a-");
        string b = McpFixture.NewUser("b-");
        await using McpClient client = await host.ConnectAsync(a);
        var arguments = new Dictionary<string, object?>(McpFixture.Arguments(ListEvents))
        {
            [argument] = argument == "path" ? "/projects/other/actions" : b,
        };

        CallToolResult result = await client.CallToolAsync("GOOGLE_CALENDAR_LIST_EVENTS", arguments);

        Assert.True(result.IsError);
        Assert.Contains($"Unknown argument '{argument}'", McpFixture.Text(result), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Proxy.Requests, r => r.UserId == b);
        Assert.DoesNotContain(fixture.Proxy.ActionKit.Runs, r => r.UserId == a || r.UserId == b);
    }

    [Fact]
    public async Task The_tool_itself_also_refuses_an_unknown_property()
    {
        // Belt and braces under the filter: the runtime's ParagonTool checks arguments against its closed schema.
        using ParagonClient paragon = fixture.Client();
        string a = McpFixture.NewUser("a-");
        Microsoft.Extensions.AI.AIFunction tool = (await paragon.ForUser(a).GetActionToolsAsync()).Single(t => t.Name == "GOOGLE_CALENDAR_LIST_EVENTS");
        var arguments = new Dictionary<string, object?>(McpFixture.Arguments(ListEvents)) { ["userId"] = "B" };

        object? result = await tool.InvokeAsync(new Microsoft.Extensions.AI.AIFunctionArguments(arguments));

        JsonElement error = Assert.IsType<JsonElement>(result).GetProperty("error");
        Assert.Equal("invalid_arguments", error.GetProperty("kind").GetString());
        Assert.DoesNotContain(fixture.Proxy.ActionKit.Runs, r => r.UserId == a);
    }

    [Fact]
    public async Task A_write_not_allowed_is_absent_and_a_direct_call_is_refused_by_the_filter()
    {
        using ParagonClient paragon = fixture.Client();
        await using McpHttpHost host = await McpHttpHost.StartAsync(paragon);
        string a = McpFixture.NewUser("a-");
        await using McpClient client = await host.ConnectAsync(a);

        IList<McpClientTool> tools = await client.ListToolsAsync();
        CallToolResult result = await client.CallToolAsync("SLACK_SEND_MESSAGE", McpFixture.Arguments("""{"channel":"C1","message":"hi"}"""));

        Assert.DoesNotContain(tools, t => t.Name == "SLACK_SEND_MESSAGE");
        Assert.True(result.IsError);
        Assert.Contains("not available to this user", McpFixture.Text(result), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Proxy.ActionKit.Runs, r => r.UserId == a);
    }

    [Fact]
    public async Task Allowed_writes_are_listed_with_destructive_and_idempotent_annotations_and_run()
    {
        using ParagonClient paragon = fixture.Client();
        await using McpHttpHost host = await McpHttpHost.StartAsync(paragon, options =>
        {
            options.Tools.AllowWrites.Add("slack");
            options.Tools.AllowWrites.Add("HUBSPOT_DELETE_*");
        });
        string a = McpFixture.NewUser("a-");
        await using McpClient client = await host.ConnectAsync(a);

        IList<McpClientTool> tools = await client.ListToolsAsync();

        ToolAnnotations send = tools.Single(t => t.Name == "SLACK_SEND_MESSAGE").ProtocolTool.Annotations!;
        Assert.Equal((false, false, false), (send.ReadOnlyHint, send.DestructiveHint, send.IdempotentHint));
        ToolAnnotations delete = tools.Single(t => t.Name == "HUBSPOT_DELETE_RECORD_CONTACTS").ProtocolTool.Annotations!;
        Assert.Equal((false, true), (delete.ReadOnlyHint, delete.DestructiveHint));
        Assert.DoesNotContain(tools, t => t.Name == "HUBSPOT_CREATE_RECORD_CONTACTS" || t.Name == "GOOGLE_CALENDAR_DELETE_EVENT");

        CallToolResult result = await client.CallToolAsync("SLACK_SEND_MESSAGE", McpFixture.Arguments("""{"channel":"C1","message":"hi"}"""));

        Assert.True(result.IsError != true, McpFixture.Text(result));
        Assert.Equal("SLACK_SEND_MESSAGE", Assert.Single(fixture.Proxy.ActionKit.Runs, r => r.UserId == a).Action);
    }

    [Fact]
    public async Task Without_a_principal_there_are_no_tools_and_calls_are_refused()
    {
        using ParagonClient paragon = fixture.Client();
        // A configured user is for stdio only: an anonymous HTTP request never falls back to it.
        await using McpHttpHost host = await McpHttpHost.StartAsync(paragon, options => options.UserId = "configured-user");
        await using McpClient client = await host.ConnectAsync(user: null);
        int before = fixture.Proxy.Requests.Count;

        Assert.Empty(await client.ListToolsAsync());
        CallToolResult result = await client.CallToolAsync("SLACK_LIST_CHANNELS", McpFixture.Arguments("{}"));

        Assert.True(result.IsError);
        Assert.Contains("not authenticated", McpFixture.Text(result), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Proxy.Requests.Count);
    }

    [Fact]
    public async Task The_user_comes_from_the_configured_claim()
    {
        using ParagonClient paragon = fixture.Client();
        await using McpHttpHost host = await McpHttpHost.StartAsync(paragon, options => options.UserClaimType = McpHttpHost.OtherClaim);
        string a = McpFixture.NewUser("a-");
        await using McpClient client = await host.ConnectAsync(a);

        CallToolResult result = await client.CallToolAsync("SLACK_LIST_CHANNELS", McpFixture.Arguments("{}"));

        Assert.NotEqual(true, result.IsError);
        Assert.Single(fixture.Proxy.ActionKit.Runs, r => r.UserId == "other-" + a);
        Assert.DoesNotContain(fixture.Proxy.Requests, r => r.UserId == a);
    }
}
