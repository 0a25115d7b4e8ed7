using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paragon.DependencyInjection;
using Paragon.Diagnostics;
using Paragon.Platform;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>
/// The Users API, workflow triggers and App Events over real loopback HTTP: the local proxy serves the proxy and the API
/// paths on one base URL, so the client's ApiBaseUrl is set to it too. Each test uses its own user id, so the users'
/// state on the shared local platform does not leak between tests.
/// </summary>
public sealed class PlatformTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N");

    private string Prefix => $"/projects/{fixture.Proxy.ProjectId}/sdk";

    [Fact]
    public async Task A_custom_integration_named_by_its_id_is_sent_as_given()
    {
        using ParagonClient client = fixture.Client();
        using ParagonResponse response = await client.ForUser("user-custom").RequestAsync("custom/" + PlatformFixture.CustomIntegrationId, "/tasks?limit=2");

        JsonElement echoed = response.ReadAsJson();
        Assert.Equal("/tasks", echoed.GetProperty("path").GetString());
        RecordedRequest sent = fixture.Proxy.LastRequest;
        Assert.Equal($"/projects/{fixture.Proxy.ProjectId}/sdk/proxy/custom/{PlatformFixture.CustomIntegrationId}/tasks?limit=2", sent.RawTarget);
        Assert.Equal("custom/" + PlatformFixture.CustomIntegrationId, sent.Integration);
    }

    [Fact]
    public async Task Me_is_read_from_the_api_host_with_the_integrations_and_unknown_fields_kept()
    {
        using ParagonClient client = fixture.Client();
        string userId = NewUser();
        ParagonUser me = await client.ForUser(userId).GetMeAsync();

        Assert.Equal(userId, me.Id);
        ParagonUserIntegration slack = me.Integrations!["slack"];
        Assert.True(slack.Enabled);
        string credentialId = Assert.Single(fixture.Proxy.Platform.User(userId).CredentialIds("slack"));
        Assert.Equal(credentialId, slack.CredentialId);
        Assert.Equal("VALID", slack.CredentialStatus);
        Assert.Equal(credentialId, Assert.Single(slack.AllCredentials!).Id);
        Assert.Equal("provider-" + userId, slack.AdditionalProperties!["providerId"].GetString());
        Assert.Equal(JsonValueKind.Object, slack.AdditionalProperties["configuredWorkflows"].ValueKind);
        Assert.True(me.AdditionalProperties!["authenticated"].GetBoolean());

        RecordedRequest sent = fixture.Proxy.LastRequest;
        Assert.Equal("GET", sent.Method);
        Assert.Equal(Prefix + "/me", sent.RawTarget);
        Assert.StartsWith("Bearer ", sent.Header("Authorization"), StringComparison.Ordinal);
        Assert.Null(sent.Header("X-Paragon-Use-Raw-Response"));
        Assert.Equal(200, sent.Status);
    }

    [Fact]
    public async Task Metadata_patched_comes_back_on_me()
    {
        using ParagonClient client = fixture.Client();
        ParagonUserClient user = client.ForUser(NewUser());
        await user.UpdateMetadataAsync(new JsonObject { ["Email"] = "ada@example.com", ["Seats"] = 3 });
        await user.UpdateMetadataAsync(new JsonObject { ["Plan"] = "pro" });

        RecordedRequest patch = fixture.Proxy.LastRequest;
        Assert.Equal("PATCH", patch.Method);
        Assert.Equal(Prefix + "/me", patch.RawTarget);
        Assert.Equal("""{"meta":{"Plan":"pro"}}""", patch.BodyText);

        ParagonUser me = await user.GetMeAsync();
        Assert.Equal("ada@example.com", me.Meta!["Email"].GetString());
        Assert.Equal(3, me.Meta["Seats"].GetInt32());
        Assert.Equal("pro", me.Meta["Plan"].GetString());
    }

    [Fact]
    public async Task IsConnected_is_false_for_a_never_connected_integration_and_for_one_paragon_does_not_list()
    {
        using ParagonClient client = fixture.Client();
        Assert.False(await client.ForUser("never-connected").IsConnectedAsync("slack"));
        Assert.False(await client.ForUser(NewUser()).IsConnectedAsync("hubspot"));
        Assert.True(await client.ForUser(NewUser()).IsConnectedAsync("slack"));

        ParagonUser me = await client.ForUser("never-connected").GetMeAsync();
        Assert.False(me.Integrations!["slack"].Enabled);
        Assert.False(me.Integrations.ContainsKey("hubspot"));
    }

    [Fact]
    public async Task Disconnect_by_integration_id_then_the_user_is_no_longer_connected_nor_proxied()
    {
        using ParagonClient client = fixture.Client();
        ParagonUserClient user = client.ForUser(NewUser());
        Assert.True(await user.IsConnectedAsync("slack"));

        ParagonIntegration slack = (await user.ListIntegrationsAsync()).Single(i => i.Type == "slack");
        Assert.Equal(fixture.Proxy.Platform.IntegrationId("slack"), slack.Id);
        await user.DisconnectAsync(slack.Id!);

        RecordedRequest sent = fixture.Proxy.LastRequest;
        Assert.Equal("DELETE", sent.Method);
        Assert.Equal(Prefix + "/integrations/" + slack.Id, sent.RawTarget);
        Assert.Null(sent.Header("X-Paragon-Credential"));
        Assert.False(await user.IsConnectedAsync("slack"));

        var error = await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("slack", "/auth.test"));
        Assert.Equal("integration_not_enabled", error.ErrorCode);
    }

    [Fact]
    public async Task Disconnect_with_a_credential_selected_disconnects_only_that_account()
    {
        using ParagonClient client = fixture.Client();
        string userId = NewUser();
        fixture.Proxy.Platform.User(userId).Connect("echo", "second-account");
        ParagonUserClient user = client.ForUser(userId);

        IReadOnlyList<ParagonCredential> credentials = await user.ListCredentialsAsync();
        Assert.Contains(credentials, c => c.Id == "second-account");
        Assert.Equal(2, (await user.GetMeAsync()).Integrations!["echo"].AllCredentials!.Count);

        await user.WithCredential("second-account").DisconnectAsync(fixture.Proxy.Platform.IntegrationId("echo"));

        Assert.Equal("second-account", fixture.Proxy.LastRequest.Header("X-Paragon-Credential"));
        Assert.True(await user.IsConnectedAsync("echo"));
        Assert.DoesNotContain("second-account", fixture.Proxy.Platform.User(userId).CredentialIds("echo"));
    }

    [Fact]
    public async Task Credentials_are_listed_and_updated_with_unknown_fields_kept()
    {
        using ParagonClient client = fixture.Client();
        string userId = NewUser();
        ParagonUserClient user = client.ForUser(userId);
        string slackCredential = Assert.Single(fixture.Proxy.Platform.User(userId).CredentialIds("slack"));

        IReadOnlyList<ParagonCredential> credentials = await user.ListCredentialsAsync();
        ParagonCredential listed = credentials.Single(c => c.Id == slackCredential);
        Assert.Equal(fixture.Proxy.Platform.IntegrationId("slack"), listed.IntegrationId);
        Assert.Equal("VALID", listed.Status);

        ParagonCredential? updated = await user.UpdateCredentialAsync(slackCredential, new JsonObject { ["config"] = new JsonObject { ["region"] = "eu" } });

        RecordedRequest sent = fixture.Proxy.LastRequest;
        Assert.Equal("PATCH", sent.Method);
        Assert.Equal(Prefix + "/credentials/" + slackCredential, sent.RawTarget);
        Assert.Equal(slackCredential, updated!.Id);
        Assert.Equal("eu", updated.AdditionalProperties!["config"].GetProperty("region").GetString());
    }

    [Fact]
    public async Task Integration_metadata_is_listed()
    {
        using ParagonClient client = fixture.Client();
        IReadOnlyList<ParagonIntegrationMetadata> metadata = await client.ForUser(NewUser()).GetMetadataAsync();
        ParagonIntegrationMetadata slack = metadata.Single(m => m.Type == "slack");
        Assert.Equal("slack", slack.Name);
        Assert.Equal("#000000", slack.BrandColor);
        Assert.EndsWith("/slack.svg", slack.Icon, StringComparison.Ordinal);
        Assert.Equal(Prefix + "/metadata", fixture.Proxy.LastRequest.RawTarget);
    }

    [Fact]
    public async Task A_workflow_is_turned_off_for_the_user()
    {
        using ParagonClient client = fixture.Client();
        string userId = NewUser();
        await client.ForUser(userId).DeleteWorkflowAsync(PlatformFixture.QueuedWorkflow);

        Assert.Equal("DELETE", fixture.Proxy.LastRequest.Method);
        Assert.Equal(Prefix + "/workflows/" + PlatformFixture.QueuedWorkflow, fixture.Proxy.LastRequest.RawTarget);
        Assert.Equal([PlatformFixture.QueuedWorkflow], fixture.Proxy.Platform.User(userId).DisabledWorkflows);
    }

    [Fact]
    public async Task A_workflow_without_a_response_step_is_enqueued()
    {
        using ParagonClient client = fixture.Client();
        string userId = NewUser();
        WorkflowTriggerResult result = await client.ForUser(userId).TriggerWorkflowAsync(PlatformFixture.QueuedWorkflow, new JsonObject { ["lead"] = "ada" });

        Assert.Equal(WorkflowTriggerStatus.Enqueued, result.Status);
        Assert.Equal(HttpStatusCode.Accepted, result.StatusCode);
        Assert.Null(result.Result);
        RecordedTrigger trigger = fixture.Proxy.Platform.Triggers.Single(t => t.UserId == userId);
        Assert.Equal("ada", (string?)trigger.Body!["lead"]);
        Assert.Equal("POST", fixture.Proxy.LastRequest.Method);
        Assert.Equal(Prefix + "/triggers/" + PlatformFixture.QueuedWorkflow, fixture.Proxy.LastRequest.RawTarget);
    }

    [Fact]
    public async Task A_workflow_with_a_response_step_completes_with_its_result_even_one_that_looks_like_an_envelope()
    {
        // Without raw responses the proxy's {"output": …} is unwrapped; a workflow's own result must not be.
        using ParagonClient client = fixture.Client(o => o.UseRawResponse = false);
        WorkflowTriggerResult result = await client.ForUser(NewUser()).TriggerWorkflowAsync(PlatformFixture.EchoWorkflow, new JsonObject { ["a"] = 1 });

        Assert.Equal(WorkflowTriggerStatus.Completed, result.Status);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("""{"output":{"received":{"a":1}}}""", result.Result!.Value.GetRawText());
    }

    [Fact]
    public async Task A_workflow_that_answers_text_without_a_content_type_completes_with_that_text()
    {
        // The workflow ran (and was billed): a result that is not JSON must not become an exception the caller retries on.
        using ParagonClient client = fixture.Client();
        WorkflowTriggerResult result = await client.ForUser(NewUser()).TriggerWorkflowAsync(PlatformFixture.TextWorkflow, new JsonObject { ["a"] = 1 });

        Assert.Equal(WorkflowTriggerStatus.Completed, result.Status);
        Assert.Equal(JsonValueKind.String, result.Result!.Value.ValueKind);
        Assert.Equal("ok, {not json", result.Result.Value.GetString());
    }

    [Fact]
    public async Task A_workflow_still_running_after_55_seconds_is_an_outcome_with_its_execution_id_not_an_exception()
    {
        using ParagonClient client = fixture.Client();
        WorkflowTriggerResult result = await client.ForUser(NewUser()).TriggerWorkflowAsync(PlatformFixture.SlowWorkflow);

        Assert.Equal(WorkflowTriggerStatus.StillRunning, result.Status);
        Assert.Equal((HttpStatusCode)542, result.StatusCode);
        Assert.Equal("exec-42", result.ExecutionId);
        Assert.Equal("{}", fixture.Proxy.LastRequest.BodyText);
    }

    [Fact]
    public async Task Triggers_and_events_carry_the_selected_credential()
    {
        using ParagonClient client = fixture.Client();
        string userId = NewUser();
        ParagonUserClient account = client.ForUser(userId).WithCredential("cred-7");
        await account.TriggerWorkflowAsync(PlatformFixture.QueuedWorkflow);
        Assert.Equal("cred-7", fixture.Proxy.Platform.Triggers.Single(t => t.UserId == userId).CredentialId);

        await account.SendEventAsync("Contact Created", new JsonObject { ["email"] = "ada@example.com" });
        Assert.Equal("cred-7", fixture.Proxy.Platform.Events.Single(e => e.UserId == userId).CredentialId);
    }

    [Fact]
    public async Task A_trigger_that_fails_with_503_is_not_retried()
    {
        using ParagonClient client = fixture.Client(o => o.Retry.MaxRetries = 3);
        string userId = NewUser();
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser(userId).TriggerWorkflowAsync(PlatformFixture.UnavailableWorkflow));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsParagonError);
        Assert.Single(fixture.Proxy.Platform.Triggers, t => t.UserId == userId);
    }

    [Fact]
    public async Task An_unknown_workflow_is_a_paragon_error()
    {
        using ParagonClient client = fixture.Client();
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser(NewUser()).TriggerWorkflowAsync("no-such-workflow"));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.True(error.IsParagonError);
        Assert.Equal("paragon", error.Integration);
        Assert.Equal("workflow_not_found", error.ErrorCode);
    }

    [Fact]
    public async Task An_event_is_recorded_with_its_name_and_payload()
    {
        using ParagonClient client = fixture.Client();
        string userId = NewUser();
        await client.ForUser(userId).SendEventAsync("Contact Created", new JsonObject { ["email"] = "ada@example.com", ["tags"] = new JsonArray("a", "b") });

        RecordedEvent recorded = fixture.Proxy.Platform.Events.Single(e => e.UserId == userId);
        Assert.Equal("Contact Created", recorded.Name);
        Assert.Equal("""{"email":"ada@example.com","tags":["a","b"]}""", recorded.Payload!.ToJsonString());
        Assert.Null(recorded.CredentialId);
        RecordedRequest sent = fixture.Proxy.LastRequest;
        Assert.Equal(Prefix + "/events/trigger", sent.RawTarget);
        Assert.Equal(201, sent.Status);
        Assert.Equal("""{"name":"Contact Created","payload":{"email":"ada@example.com","tags":["a","b"]}}""", sent.BodyText);
    }

    [Fact]
    public async Task An_event_payload_can_be_a_model_with_source_generated_metadata()
    {
        using ParagonClient client = fixture.Client();
        string userId = NewUser();
        await client.ForUser(userId).SendEventAsync("Tagged", new[] { "x", "y" }, TestJson.Default.StringArray);

        Assert.Equal("""["x","y"]""", fixture.Proxy.Platform.Events.Single(e => e.UserId == userId).Payload!.ToJsonString());
    }

    public static TheoryData<string, Func<ParagonUserClient, Task>, string> BadArguments => new()
    {
        { "workflowId", u => u.TriggerWorkflowAsync(""), "empty" },
        { "workflowId", u => u.TriggerWorkflowAsync("  "), "empty" },
        { "workflowId", u => u.TriggerWorkflowAsync("a/b"), "'/'" },
        { "workflowId", u => u.TriggerWorkflowAsync("../me"), "'/'" },
        { "workflowId", u => u.TriggerWorkflowAsync("wf\r\n1"), "control characters" },
        { "workflowId", u => u.TriggerWorkflowAsync(null!), "workflow id" },
        { "workflowId", u => u.DeleteWorkflowAsync("a/b"), "'/'" },
        { "integrationId", u => u.DisconnectAsync(""), "empty" },
        { "integrationId", u => u.DisconnectAsync("slack/x"), "'/'" },
        { "credentialId", u => u.UpdateCredentialAsync("c\n", new JsonObject()), "control characters" },
        { "changes", u => u.UpdateCredentialAsync("c", null!), "JSON object" },
        { "name", u => u.SendEventAsync(null!, new JsonObject()), "App Event's name" },
        { "name", u => u.SendEventAsync(" ", new JsonObject()), "empty" },
        { "meta", u => u.UpdateMetadataAsync(null!), "JSON object" },
        { "integration", u => u.IsConnectedAsync("sla ck"), "contains ' '" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_are_refused_before_anything_is_sent(string parameter, Func<ParagonUserClient, Task> call, string expected)
    {
        using ParagonClient client = fixture.Client();
        int before = fixture.Proxy.Requests.Count;
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(client.ForUser(NewUser())));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Proxy.Requests.Count);
    }

    [Fact]
    public async Task A_token_paragon_refuses_raises_a_paragon_401()
    {
        using LocalSigningKey stranger = LocalSigningKey.Create();
        using ParagonClient client = fixture.Client(o => o.SigningKey = stranger.PrivateKeyPem);
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser(NewUser()).GetMeAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.True(error.IsParagonError);
        Assert.Equal("unauthorized", error.ErrorCode);
        Assert.Contains("GET paragon /sdk/me", error.Message, StringComparison.Ordinal);
        Assert.Equal(Prefix + "/me", fixture.Proxy.LastRequest.RawTarget);
    }

    [Fact]
    public async Task A_platform_call_is_one_span_tagged_paragon_with_its_operation_id()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ParagonTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using ParagonClient client = fixture.Client();
        using (var parent = new Activity("platform-test").Start())
        {
            await client.ForUser(NewUser()).GetMeAsync();
            Activity span = stopped.Single(a => a.TraceId == parent.TraceId && a.Source.Name == ParagonTelemetry.SourceName);
            Assert.Equal("paragon", span.GetTagItem(ParagonTelemetry.IntegrationTag));
            Assert.Equal("sdk.me.get", span.GetTagItem(ParagonTelemetry.OperationIdTag));
        }
    }

    [Fact]
    public void Self_hosted_sets_the_proxy_api_and_actionkit_hosts()
    {
        ParagonClientOptions options = new ParagonClientOptions().UseSelfHosted("paragon.example.com");
        Assert.Equal(new Uri("https://worker-proxy.paragon.example.com"), options.ProxyBaseUrl);
        Assert.Equal(new Uri("https://zeus.paragon.example.com"), options.ApiBaseUrl);
        Assert.Equal(new Uri("https://worker-actionkit.paragon.example.com"), options.ActionKitBaseUrl);
        Assert.Equal(new Uri("https://actionkit.useparagon.com"), new ParagonClientOptions().ActionKitBaseUrl);
    }

    [Fact]
    public async Task A_client_from_configuration_reads_the_actionkit_url_and_calls_the_api_through_the_http_client_factory()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Paragon:ProjectId"] = fixture.Proxy.ProjectId,
            ["Paragon:SigningKey"] = fixture.Key.PrivateKeyPem,
            ["Paragon:ProxyBaseUrl"] = fixture.Proxy.BaseUrl.ToString(),
            ["Paragon:ApiBaseUrl"] = fixture.Proxy.BaseUrl.ToString(),
            ["Paragon:ActionKitBaseUrl"] = "https://actionkit.paragon.example.com",
        }).Build();
        var services = new ServiceCollection();
        services.AddParagon(configuration.GetSection("Paragon"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        ParagonClient client = provider.GetRequiredService<ParagonClient>();
        Assert.Equal(new Uri("https://actionkit.paragon.example.com"), client.ActionKitBaseUrl);
        string userId = NewUser();
        Assert.Equal(userId, (await client.ForUser(userId).GetMeAsync()).Id);
    }

    [Fact]
    public async Task Start_up_validation_refuses_a_plain_http_actionkit_url()
    {
        var services = new ServiceCollection();
        services.AddParagon(options =>
        {
            options.ProjectId = fixture.Proxy.ProjectId;
            options.SigningKey = fixture.Key.PrivateKeyPem;
            options.ActionKitBaseUrl = new Uri("http://actionkit.example.com");
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("ActionKitBaseUrl must be an https URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://actionkit.useparagon.com", "absolute http(s) URL")]
    [InlineData("https://actionkit.useparagon.com/?x=1", "query")]
    public void A_bad_actionkit_url_is_refused_at_construction(string url, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => fixture.Client(o => o.ActionKitBaseUrl = new Uri(url)));
        Assert.Equal("ActionKitBaseUrl", error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A local proxy of its own (the platform tests change its users' state), with a custom integration known by id.</summary>
public sealed class PlatformFixture : IAsyncLifetime, IDisposable
{
    public const string CustomIntegrationId = "0b9a3c5e-7f41-4d2a-9c1e-5a6b7c8d9e0f";

    public const string QueuedWorkflow = "wf-queued";

    public const string EchoWorkflow = "wf-echo";

    public const string SlowWorkflow = "wf-slow";

    public const string TextWorkflow = "wf-text";

    public const string UnavailableWorkflow = "wf-unavailable";

    public LocalSigningKey Key { get; } = LocalSigningKey.Create();

    public LocalParagonProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new LocalProxyOptions().TrustKey(Key.PublicKeyPem)
            .AddProvider("echo", FakeProviders.Echo())
            .AddProvider("slack", FakeProviders.Slack())
            .AddProvider("custom/" + CustomIntegrationId, FakeProviders.Echo());
        options.IsConnected = (user, integration) => user != "never-connected";
        Proxy = await LocalParagonProxy.StartAsync(options);
        Proxy.Platform
            .AddWorkflow(QueuedWorkflow, LocalWorkflow.Enqueue())
            .AddWorkflow(EchoWorkflow, LocalWorkflow.RespondWith(body => new JsonObject { ["output"] = new JsonObject { ["received"] = body?.DeepClone() } }))
            .AddWorkflow(SlowWorkflow, LocalWorkflow.StillRunning("exec-42"))
            .AddWorkflow(TextWorkflow, LocalWorkflow.RespondWithText("ok, {not json"))
            .AddWorkflow(UnavailableWorkflow, LocalWorkflow.RespondWith(_ => new JsonObject { ["message"] = "busy" }, 503));
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Dispose();
    }

    public void Dispose() => Key.Dispose();

    public ParagonClientOptions Options(Action<ParagonClientOptions>? configure = null)
    {
        var options = new ParagonClientOptions
        {
            ProjectId = Proxy.ProjectId,
            SigningKey = Key.PrivateKeyPem,
            ProxyBaseUrl = Proxy.BaseUrl,
            ApiBaseUrl = Proxy.BaseUrl,
        };
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        configure?.Invoke(options);
        return options;
    }

    public ParagonClient Client(Action<ParagonClientOptions>? configure = null) => new(Options(configure));
}
