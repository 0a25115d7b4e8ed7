using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Paragon.Platform;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>ActionKit's two endpoints through the funnel, over loopback HTTP to the local proxy's ActionKit.</summary>
public sealed class ActionKitTests(ActionKitFixture fixture) : IClassFixture<ActionKitFixture>
{
    private string ActionsRoute => $"/projects/{fixture.Proxy.ProjectId}/actions";

    [Fact]
    public async Task Actions_are_listed_per_integration_from_the_actionkit_host_with_the_users_token()
    {
        using ParagonClient client = fixture.Client();
        string userId = ActionKitFixture.NewUser();
        ActionKitCatalog catalog = await client.ForUser(userId).ListActionsAsync();

        Assert.Equal(["slack", "hubspot", "googleCalendar"], catalog.Integrations.Keys);
        Assert.Equal(10, catalog.Actions.Count);
        ActionKitAction send = catalog.Find("SLACK_SEND_MESSAGE")!;
        Assert.Equal("slack", send.Integration);
        Assert.Equal("Slack: Send a message to a channel", send.Description);
        Assert.Equal(["channel", "message"], send.Parameters.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Object, send.Definition.GetProperty("function").ValueKind);
        ActionKitAction contact = catalog.Find("HUBSPOT_CREATE_RECORD_CONTACTS")!;
        Assert.Equal("string", contact.Parameters.GetProperty("properties").GetProperty("field-email").GetProperty("type").GetString());
        Assert.Null(catalog.Find("NOPE"));

        RecordedRequest sent = fixture.Proxy.Requests.Last(r => r.UserId == userId);
        Assert.Equal("GET", sent.Method);
        Assert.Equal(ActionsRoute, sent.RawTarget);
        Assert.StartsWith("Bearer ", sent.Header("Authorization"), StringComparison.Ordinal);
        Assert.Null(sent.Header("X-Paragon-Use-Raw-Response"));
        Assert.Equal(200, sent.Status);
    }

    [Fact]
    public async Task List_options_are_sent_as_actionkits_query_and_the_integration_filter_is_honoured()
    {
        using ParagonClient client = fixture.Client();
        string userId = ActionKitFixture.NewUser();
        var options = new ActionKitListOptions { Format = "json_schema", LimitToAvailable = false, ReloadFields = true };
        options.Integrations.Add("slack");
        options.Integrations.Add("googleCalendar");
        options.Categories.Add("crm");
        ActionKitCatalog catalog = await client.ForUser(userId).ListActionsAsync(options);

        Assert.Equal(["slack", "googleCalendar"], catalog.Integrations.Keys);
        RecordedRequest sent = fixture.Proxy.Requests.Last(r => r.UserId == userId);
        Assert.Equal(ActionsRoute + "?format=json_schema&integrations=slack%2CgoogleCalendar&categories=crm&limit_to_available=false&reload_fields=true", sent.RawTarget);
    }

    [Fact]
    public async Task By_default_only_the_integrations_the_user_connected_are_listed()
    {
        using ParagonClient client = fixture.Client();
        ActionKitCatalog catalog = await client.ForUser(ActionKitFixture.NewUser("no-hubspot-")).ListActionsAsync();
        Assert.Equal(["slack", "googleCalendar"], catalog.Integrations.Keys);

        var all = new ActionKitListOptions { LimitToAvailable = false };
        Assert.Contains("hubspot", (await client.ForUser(ActionKitFixture.NewUser("no-hubspot-")).ListActionsAsync(all)).Integrations.Keys);
    }

    [Fact]
    public async Task An_action_runs_for_the_user_and_account_of_the_client_and_answers_with_the_providers_payload()
    {
        using ParagonClient client = fixture.Client();
        string userId = ActionKitFixture.NewUser();
        JsonElement answer = await client.ForUser(userId).WithCredential("cred-7")
            .RunActionAsync("SLACK_SEND_MESSAGE", new JsonObject { ["channel"] = "C123", ["message"] = "Hello from the agent" });

        Assert.True(answer.GetProperty("ok").GetBoolean());
        Assert.Equal("C123", answer.GetProperty("channel").GetString());
        RecordedActionRun run = fixture.Proxy.ActionKit.Runs.Single(r => r.UserId == userId);
        Assert.Equal("SLACK_SEND_MESSAGE", run.Action);
        Assert.Equal("slack", run.Integration);
        Assert.Equal("cred-7", run.CredentialId);
        Assert.Equal("Hello from the agent", run.Parameters!["message"]!.GetValue<string>());

        RecordedRequest sent = fixture.Proxy.Requests.Last(r => r.UserId == userId);
        Assert.Equal("POST", sent.Method);
        Assert.Equal(ActionsRoute, sent.RawTarget);
        Assert.Equal("""{"action":"SLACK_SEND_MESSAGE","parameters":{"channel":"C123","message":"Hello from the agent"}}""", sent.BodyText);
        Assert.Equal("cred-7", sent.Header("X-Paragon-Credential"));
    }

    [Fact]
    public async Task Parameters_may_be_a_json_element_and_none_sends_an_empty_object()
    {
        using ParagonClient client = fixture.Client();
        string userId = ActionKitFixture.NewUser();
        ParagonUserClient user = client.ForUser(userId);
        using JsonDocument parameters = JsonDocument.Parse("""{"calendarId":"primary"}""");
        JsonElement events = await user.RunActionAsync("GOOGLE_CALENDAR_LIST_EVENTS", parameters.RootElement);
        Assert.Equal(2, events.GetProperty("items").GetArrayLength());

        await user.RunActionAsync("SLACK_LIST_CHANNELS", (JsonObject?)null);
        Assert.Equal("""{"action":"SLACK_LIST_CHANNELS","parameters":{}}""", fixture.Proxy.Requests.Last(r => r.UserId == userId).BodyText);

        using JsonDocument array = JsonDocument.Parse("[1]");
        await Assert.ThrowsAsync<ArgumentException>(() => user.RunActionAsync("SLACK_LIST_CHANNELS", array.RootElement));
    }

    [Fact]
    public async Task An_unknown_action_is_actionkits_error_and_is_sent_once()
    {
        using ParagonClient client = fixture.Client();
        string userId = ActionKitFixture.NewUser();
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser(userId).RunActionAsync("SLACK_LAUNCH_ROCKET", new JsonObject()));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("action_not_found", error.ErrorCode);
        Assert.Equal("Action not found: SLACK_LAUNCH_ROCKET.", error.ErrorMessage);
        Assert.Equal(ParagonErrorSource.Paragon, error.ErrorSource);
        Assert.Equal("actionkit", error.Integration);
        Assert.Single(fixture.Proxy.Requests, r => r.UserId == userId);
        Assert.DoesNotContain(fixture.Proxy.ActionKit.Runs, r => r.UserId == userId);
    }

    [Fact]
    public async Task A_failing_action_is_never_retried_even_on_a_status_a_read_would_retry()
    {
        using ParagonClient client = fixture.Client();
        string userId = ActionKitFixture.NewUser();
        fixture.Proxy.ActionKit.Fail("GOOGLE_CALENDAR_DELETE_EVENT", 503, "41070", """{"message":"Unable to delete event","details":{"ECODE":"OAUTH_027"}}""");
        var error = await Assert.ThrowsAsync<ParagonApiException>(() =>
            client.ForUser(userId).RunActionAsync("GOOGLE_CALENDAR_DELETE_EVENT", new JsonObject { ["eventId"] = "evt-1" }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("41070", error.ErrorCode);
        Assert.Contains("Unable to delete event", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(fixture.Proxy.ActionKit.Runs, r => r.UserId == userId);
    }

    [Fact]
    public async Task An_action_of_an_integration_the_user_has_not_connected_is_refused()
    {
        using ParagonClient client = fixture.Client();
        var error = await Assert.ThrowsAsync<ParagonApiException>(() =>
            client.ForUser(ActionKitFixture.NewUser("no-hubspot-")).RunActionAsync("HUBSPOT_CREATE_RECORD_CONTACTS", new JsonObject { ["field-email"] = "a@example.com" }));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Integration not enabled for user.", error.ErrorMessage);
    }

    [Fact]
    public async Task A_token_the_proxy_does_not_trust_is_refused_with_401()
    {
        using var other = LocalSigningKey.Create();
        using ParagonClient client = fixture.Client(o => o.SigningKey = other.PrivateKeyPem);
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser(ActionKitFixture.NewUser()).ListActionsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("SLACK SEND")]
    [InlineData("SLACK_SEND\n_MESSAGE")]
    [InlineData("SLACK\u0000")]
    public async Task A_bad_action_name_is_refused_before_anything_is_sent(string name)
    {
        using ParagonClient client = fixture.Client();
        string userId = ActionKitFixture.NewUser();
        await Assert.ThrowsAsync<ArgumentException>(() => client.ForUser(userId).RunActionAsync(name, new JsonObject()));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ForUser(userId).RunActionAsync(new string('A', 257), new JsonObject()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.ForUser(userId).RunActionAsync(null!, new JsonObject()));
        Assert.DoesNotContain(fixture.Proxy.Requests, r => r.UserId == userId);
    }

    [Fact]
    public async Task Bad_list_options_are_refused_before_anything_is_sent()
    {
        using ParagonClient client = fixture.Client();
        var badIntegration = new ActionKitListOptions();
        badIntegration.Integrations.Add("slack/../../sdk");
        await Assert.ThrowsAsync<ArgumentException>(() => client.ForUser("u").ListActionsAsync(badIntegration));
        var badCategory = new ActionKitListOptions();
        badCategory.Categories.Add("crm,all");
        await Assert.ThrowsAsync<ArgumentException>(() => client.ForUser("u").ListActionsAsync(badCategory));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ForUser("u").ListActionsAsync(new ActionKitListOptions { Format = "" }));
    }

    [Fact]
    public void Self_hosted_options_point_actionkit_at_worker_actionkit()
    {
        var options = new ParagonClientOptions().UseSelfHosted("paragon.example.com");
        Assert.Equal(new Uri("https://worker-actionkit.paragon.example.com"), options.ActionKitBaseUrl);
    }

    [Fact]
    public void The_saved_catalogue_served_is_the_one_under_tests()
    {
        string saved = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoRoot(), "tests", "ActionKit", "actionkit.json"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(saved), fixture.Proxy.ActionKit.Catalog));
    }

    private static string RepoRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory, "Paragon.Typed.sln")))
        {
            directory = System.IO.Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
