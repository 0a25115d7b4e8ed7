using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Paragon.Diagnostics;
using Paragon.Testing;

namespace Paragon.Integration.Tests;

/// <summary>
/// The opt-out of the strict read (issue 15): a provider answers <c>GET /pets/broken</c> without the pet's required
/// <c>name</c>. Strict, the default, fails the call; a client with <see cref="ParagonClientOptions.LenientRequiredFields"/>,
/// or a spec item with <c>RequiredFields="Lenient"</c>, reads the pet with the default in its place, and says so in a
/// Warning log line and an event on the call's span, over the real funnel and the local proxy.
/// </summary>
public sealed class RequiredFieldsTests : IClassFixture<IntegrationFixture>, IDisposable
{
    private readonly IntegrationFixture _fixture;
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _logs = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;
    private readonly ILoggerFactory _loggers;

    public RequiredFieldsTests(IntegrationFixture fixture)
    {
        _fixture = fixture;
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new QueueLoggerProvider(_logs)));
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ParagonTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _loggers.Dispose();
    }

    [Fact]
    public async Task Strict_by_default_a_missing_required_field_fails_the_call_and_logs_no_lenient_read()
    {
        using ParagonClient client = Client(lenient: false);
        var error = await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => client.ForUser("user-42").Edge.PetsGetAsync("broken"));
        Assert.Contains("name", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs, l => l.Text.Contains("read leniently", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lenient_client_reads_the_default_and_reports_the_field_in_a_warning_and_on_the_span()
    {
        using ParagonClient client = Client(lenient: true);
        Paragon.Integrations.Edge.Pet pet = await client.ForUser("user-42").Edge.PetsGetAsync("broken");

        Assert.Equal(1, pet.Id);
        Assert.Equal("dog", pet.Kind.ToString());
        Assert.Null(pet.Name); // the default: what the provider did not send
        (LogLevel level, string text) = Assert.Single(_logs, l => l.Text.Contains("read leniently", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("custom.edge pets.get GET", text, StringComparison.Ordinal);
        Assert.Contains("1 required fields were missing or null", text, StringComparison.Ordinal);
        Assert.Contains("(Pet.name)", text, StringComparison.Ordinal);
        AssertSpanEvent("Pet.name");
    }

    [Fact]
    public async Task A_spec_item_marked_lenient_reads_leniently_on_a_strict_client_and_reports_nested_fields()
    {
        // LenientEdge is the edge API's pet with RequiredFields="Lenient" on its item: the client stays strict for the rest.
        using ParagonClient client = Client(lenient: false);
        Paragon.Integrations.LenientEdge.Pet pet = await client.ForUser("user-42").LenientEdge.PetsGetAsync("broken");

        Assert.Equal(1, pet.Id);
        Assert.Null(pet.Name);
        Assert.Null(pet.Owner);
        (LogLevel level, string text) = Assert.Single(_logs, l => l.Text.Contains("read leniently", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("(Pet.name, Pet.owner)", text, StringComparison.Ordinal);
        AssertSpanEvent("Pet.name,Pet.owner");

        // The rest of the client is still strict.
        await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => client.ForUser("user-42").Edge.PetsGetAsync("broken"));
    }

    [Fact]
    public async Task A_lenient_client_logs_what_a_paged_read_found_missing_too()
    {
        // Pages are read after the funnel handed the response back (the call's span has ended by then): the log line is
        // written where the page is read, with the client's logger.
        var issues = await LenientGitHubAsync("""[{"id":1,"number":7,"state":"open"}]""", async user =>
        {
            var all = new System.Collections.Generic.List<Paragon.Integrations.GitHub.Issue>();
            await foreach (Paragon.Integrations.GitHub.Issue issue in user.GitHub.IssuesListForRepoPagedAsync("octo", "hello"))
            {
                all.Add(issue);
            }

            return all;
        });

        Assert.Null(Assert.Single(issues).Title);
        (LogLevel level, string text) = Assert.Single(_logs, l => l.Text.Contains("read leniently", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("github issues/list-for-repo GET", text, StringComparison.Ordinal);
        Assert.Contains("(Issue.title)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lenient_read_takes_a_null_number_as_its_default_and_reports_it_as_missing()
    {
        // System.Text.Json refuses null for a long before any setter runs: the lenient read failed on {"id": null}.
        var issues = await LenientGitHubAsync(
            """[{"id":null,"number":7,"title":"t","state":"open"},{"id":3,"number":8,"title":"u","state":"open"}]""",
            user => user.GitHub.IssuesListForRepoAsync("octo", "hello"));

        Assert.Equal([0L, 3L], issues.Select(i => i.Id));
        Assert.Equal([7, 8], issues.Select(i => (int)i.Number));
        (LogLevel _, string text) = Assert.Single(_logs, l => l.Text.Contains("read leniently", StringComparison.Ordinal));
        Assert.Contains("1 required fields were missing or null", text, StringComparison.Ordinal);
        Assert.Contains("(Issue.id)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lenient_context_read_outside_a_call_names_at_most_20_fields_on_the_current_span()
    {
        // No call's collector here (a lenient spec's context used by hand, or a union's alternative read later): each missing
        // field went to the current span as an event of its own, without the cap a call has.
        using var source = new ActivitySource("RequiredFieldsTests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using Activity span = source.StartActivity("handler")!;

        for (int i = 0; i < 100; i++)
        {
            Paragon.Integrations.LenientEdge.Pet pet = System.Text.Json.JsonSerializer.Deserialize(
                """{"id":1}""", Paragon.Integrations.LenientEdge.LenientEdgeJsonContext.Default.Pet)!;
            Assert.Equal(1, pet.Id);
        }

        Assert.Equal(20, span.Events.Count(e => e.Name == "paragon.required_fields.missing"));
    }

    /// <summary>A lenient client over a local proxy whose GitHub answers every call with <paramref name="issuesJson"/>.</summary>
    private async Task<TResult> LenientGitHubAsync<TResult>(string issuesJson, Func<ParagonUserClient, Task<TResult>> call)
    {
        using var key = LocalSigningKey.Create();
        await using LocalParagonProxy proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions().TrustKey(key.PublicKeyPem)
            .AddProvider("github", _ => ValueTask.FromResult(FakeResponse.Json(issuesJson))));
        using var client = new ParagonClient(new ParagonClientOptions
        {
            ProjectId = proxy.ProjectId,
            SigningKey = key.PrivateKeyPem,
            ProxyBaseUrl = proxy.BaseUrl,
            LenientRequiredFields = true,
        }, httpClient: null, _loggers);
        return await call(client.ForUser("user-42"));
    }

    private void AssertSpanEvent(string fields)
    {
        Activity span = Assert.Single(_spans, s => s.Events.Any(e => e.Name == "paragon.required_fields.missing"));
        Assert.Equal("custom.edge", span.GetTagItem("paragon.integration"));
        Assert.Equal("pets.get", span.GetTagItem("paragon.operation.id"));
        ActivityEvent missing = span.Events.Single(e => e.Name == "paragon.required_fields.missing");
        Assert.Equal(fields, missing.Tags.Single(t => t.Key == "paragon.required_fields.missing").Value);
    }

    private ParagonClient Client(bool lenient) =>
        new(new ParagonClientOptions
        {
            ProjectId = _fixture.Proxy.ProjectId,
            SigningKey = _fixture.Key.PrivateKeyPem,
            ProxyBaseUrl = _fixture.Proxy.BaseUrl,
            LenientRequiredFields = lenient,
        }, httpClient: null, _loggers);

    private sealed class QueueLoggerProvider(ConcurrentQueue<(LogLevel, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<(LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
