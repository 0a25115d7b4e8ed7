using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paragon.Diagnostics;
using Paragon.Proxy;

namespace Paragon.Runtime.Tests;

/// <summary>
/// One span, one duration measurement and one log line per logical call, over the real local proxy. Listeners are
/// process-global and other classes' tests run at the same time: each test starts a root activity and looks only at what
/// belongs to its trace.
/// </summary>
public sealed class TelemetryTests : IClassFixture<ProxyFixture>, IDisposable
{
    private readonly ProxyFixture _fixture;
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;
    private readonly CapturingLoggerFactory _logs = new();

    public TelemetryTests(ProxyFixture fixture)
    {
        _fixture = fixture;
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ParagonTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);

        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ParagonTelemetry.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            _measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value, tags.ToArray(), Activity.Current?.TraceId ?? default)));
        _meterListener.Start();
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    private sealed record Measurement(string Name, string? Unit, double Value, KeyValuePair<string, object?>[] Tags, ActivityTraceId Trace)
    {
        public object? Tag(string name) => Tags.FirstOrDefault(t => t.Key == name).Value;
    }

    private ParagonClient Client(Action<ParagonClientOptions>? configure = null) => new(_fixture.Options(configure), null, _logs);

    private static Activity Root() => new Activity("telemetry-test").SetIdFormat(ActivityIdFormat.W3C).Start();

    private (Activity Span, Measurement Measurement) Single(Activity root)
    {
        Activity[] spans = _activities.Where(a => a.TraceId == root.TraceId).ToArray();
        Measurement[] measurements = _measurements.Where(m => m.Trace == root.TraceId).ToArray();
        Assert.Single(spans);
        Assert.Single(measurements);
        Assert.Equal(root.SpanId, spans[0].ParentSpanId);
        Assert.Equal(ParagonTelemetry.CallDurationName, measurements[0].Name);
        Assert.Equal("s", measurements[0].Unit);
        Assert.InRange(measurements[0].Value, 0, spans[0].Duration.TotalSeconds + 1);
        return (spans[0], measurements[0]);
    }

    /// <summary>The span and the measurement carry the same tags, with the values given (null: absent).</summary>
    private static void AssertTags(Activity span, Measurement measurement, params (string Name, object? Value)[] expected)
    {
        foreach ((string name, object? value) in expected)
        {
            Assert.True(Equals(value, span.GetTagItem(name)), $"span tag {name}: expected {value ?? "(none)"}, got {span.GetTagItem(name) ?? "(none)"}");
            Assert.True(Equals(value, measurement.Tag(name)), $"metric tag {name}: expected {value ?? "(none)"}, got {measurement.Tag(name) ?? "(none)"}");
        }
    }

    [Fact]
    public async Task A_raw_success_is_one_internal_span_named_by_method_and_integration_and_one_measurement()
    {
        using ParagonClient client = Client();
        using (Activity root = Root())
        {
            using ParagonResponse response = await client.ForUser("u-telemetry-ok").RequestAsync("echo", "/things/123?limit=5");
            root.Stop();

            (Activity span, Measurement measurement) = Single(root);
            Assert.Equal("GET echo", span.DisplayName);
            Assert.Equal(ActivityKind.Internal, span.Kind);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.Equal(ParagonTelemetry.SourceName, span.Source.Name);
            Assert.Equal(typeof(ParagonClient).Assembly.GetName().Version!.ToString(3), span.Source.Version);
            AssertTags(span, measurement,
                ("paragon.integration", "echo"), ("http.request.method", "GET"), ("http.response.status_code", 200),
                ("paragon.retry.count", 0), ("paragon.operation.id", null), ("paragon.error.source", null), ("error.type", null));
        }

        CapturedLog line = Assert.Single(_logs.Lines);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Equal("Paragon.Typed", line.Category);
        Assert.Contains("echo", line.Message);
        Assert.Contains("200", line.Message);
        Assert.Null(line.Exception);
    }

    [Fact]
    public async Task A_typed_call_is_named_by_integration_and_operation_id()
    {
        using ParagonClient client = Client();
        using Activity root = Root();
        var request = new ProxyRequest("echo", HttpMethod.Get, "/things/{id}").SetPathValue("id", "42");
        request.OperationId = "things.get";
        using ParagonResponse response = await client.ForUser("u-telemetry-typed").SendAsync(request);
        root.Stop();

        (Activity span, Measurement measurement) = Single(root);
        Assert.Equal("echo things.get", span.DisplayName);
        AssertTags(span, measurement, ("paragon.operation.id", "things.get"), ("paragon.integration", "echo"), ("http.response.status_code", 200));
        Assert.Contains("things.get", Assert.Single(_logs.Lines).Message);
    }

    [Fact]
    public async Task A_provider_404_is_an_error_span_from_the_provider_and_a_warning()
    {
        using ParagonClient client = Client();
        using Activity root = Root();
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("u-telemetry-404").RequestAsync("status", "/404"));
        root.Stop();

        // The exception says what the span, the metric and the log say: a proxy error whose body is not Paragon's.
        Assert.Equal(ParagonErrorSource.Provider, error.ErrorSource);
        Assert.Contains("from the provider", error.Message);

        (Activity span, Measurement measurement) = Single(root);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        AssertTags(span, measurement,
            ("paragon.integration", "status"), ("http.response.status_code", 404), ("paragon.error.source", "provider"),
            ("error.type", "404"), ("paragon.retry.count", 0));

        CapturedLog line = Assert.Single(_logs.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("provider", line.Message);
        Assert.Contains(typeof(ParagonApiException).FullName!, line.Message);
    }

    [Fact]
    public async Task A_success_whose_body_is_not_the_model_is_an_error_of_its_own_type()
    {
        using ParagonClient client = Client();
        using Activity root = Root();
        var request = new ProxyRequest("echo", HttpMethod.Get, "/things");
        request.OperationId = "things.count";
        var asNumber = (JsonTypeInfo<int>)new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() }.GetTypeInfo(typeof(int));
        await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => ProxyCalls.ReadJsonAsync(client.ForUser("u-telemetry-unreadable"), request, asNumber, default));
        root.Stop();

        (Activity span, Measurement measurement) = Single(root);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        AssertTags(span, measurement, ("http.response.status_code", 200), ("error.type", "unreadable_response"), ("paragon.error.source", null));
        CapturedLog line = Assert.Single(_logs.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains(typeof(ParagonUnreadableResponseException).FullName!, line.Message);
    }

    [Fact]
    public async Task A_paragon_404_is_an_error_span_from_paragon()
    {
        using ParagonClient client = Client();
        using Activity root = Root();
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("never-connected").RequestAsync("slack", "/chat.postMessage",
            new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { channel = "C1" } }));
        Assert.Equal("integration_not_enabled", error.ErrorCode);
        root.Stop();

        (Activity span, Measurement measurement) = Single(root);
        Assert.Equal("POST slack", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        AssertTags(span, measurement, ("http.response.status_code", 404), ("paragon.error.source", "paragon"), ("error.type", "404"), ("http.request.method", "POST"));
        Assert.Equal(LogLevel.Warning, Assert.Single(_logs.Lines).Level);
    }

    [Fact]
    public async Task A_call_retried_twice_is_one_span_with_a_retry_count_of_two()
    {
        using ParagonClient client = Client();
        using Activity root = Root();
        string key = _fixture.Flaky(failures: 2);
        using ParagonResponse response = await client.ForUser("u-telemetry-flaky").RequestAsync("flaky", key);
        root.Stop();
        Assert.Equal(3, _fixture.FlakyCalls[key]);

        (Activity span, Measurement measurement) = Single(root);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        AssertTags(span, measurement, ("paragon.retry.count", 2), ("http.response.status_code", 200), ("error.type", null));
        CapturedLog line = Assert.Single(_logs.Lines);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Contains("after 2 retries", line.Message);
    }

    [Fact]
    public async Task A_client_from_DI_logs_through_the_apps_logger_and_counts_the_resilience_handlers_retries()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(_logs);
        services.AddParagon(o =>
            {
                o.ProjectId = _fixture.Proxy.ProjectId;
                o.SigningKey = _fixture.Key.PrivateKeyPem;
                o.ProxyBaseUrl = _fixture.Proxy.BaseUrl;
            })
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.Delay = TimeSpan.FromMilliseconds(5);
                o.Retry.BackoffType = Polly.DelayBackoffType.Constant;
                o.Retry.UseJitter = false;
            });
        await using ServiceProvider provider = services.BuildServiceProvider();
        using Activity root = Root();
        string key = _fixture.Flaky(failures: 2);

        using ParagonResponse response = await provider.GetRequiredService<ParagonClient>().ForUser("u-telemetry-di").RequestAsync("flaky", key + "?status=503");
        root.Stop();

        Assert.Equal(3, _fixture.FlakyCalls[key]); // the handler's two retries; the client's own retry stood aside
        (Activity span, Measurement measurement) = Single(root);
        AssertTags(span, measurement, ("paragon.retry.count", 2), ("http.response.status_code", 200));
        CapturedLog line = Assert.Single(_logs.Lines, l => l.Category == ParagonTelemetry.SourceName && l.EventId.Name == "CallCompleted");
        Assert.Contains("after 2 retries", line.Message);

        // Each of the three attempts on the wire, by host only (IHttpClientFactory's own loggers are replaced).
        Assert.Equal(3, _logs.Lines.Count(l => l.Category == ParagonTelemetry.SourceName && l.EventId.Name == "AttemptCompleted"));
    }

    [Fact]
    public async Task A_timeout_is_an_error_span_of_type_timeout_without_a_status()
    {
        using ParagonClient client = Client(o => o.Timeout = TimeSpan.FromMilliseconds(300));
        using Activity root = Root();
        await Assert.ThrowsAsync<TimeoutException>(() => client.ForUser("u-telemetry-slow").RequestAsync("slow", "/wait"));
        root.Stop();

        (Activity span, Measurement measurement) = Single(root);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        AssertTags(span, measurement, ("error.type", "timeout"), ("http.response.status_code", null), ("paragon.error.source", null), ("paragon.integration", "slow"));
        Assert.InRange(measurement.Value, 0.25, 10);
        CapturedLog line = Assert.Single(_logs.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains(typeof(TimeoutException).FullName!, line.Message);
    }

    [Fact]
    public async Task A_call_the_caller_cancels_is_logged_at_Debug_not_as_a_failure()
    {
        using ParagonClient client = Client();
        using Activity root = Root();
        using var cancel = new System.Threading.CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ForUser("u-telemetry-cancel").RequestAsync("slow", "/wait", cancellationToken: cancel.Token));
        root.Stop();

        (Activity span, Measurement measurement) = Single(root);
        AssertTags(span, measurement, ("error.type", "canceled"));
        CapturedLog line = Assert.Single(_logs.Lines);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Contains("canceled by the caller", line.Message);
    }

    [Fact]
    public async Task No_token_key_user_id_or_query_value_reaches_a_log_a_span_a_metric_or_an_exception()
    {
        string userId = "user-" + Guid.NewGuid().ToString("N");
        string queryValue = "q" + Guid.NewGuid().ToString("N");
        var exceptions = new List<Exception>();
        using ParagonClient client = Client(o => o.Timeout = TimeSpan.FromSeconds(5));
        using ParagonClient impatient = Client(o => o.Timeout = TimeSpan.FromMilliseconds(300));
        ParagonUserClient user = client.ForUser(userId);
        using Activity root = Root();

        using (await user.RequestAsync("echo", "/things?apikey=" + queryValue))
        {
        }

        exceptions.Add(await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("status", "/404?apikey=" + queryValue)));
        exceptions.Add(await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("salesforce", "/sobjects?apikey=" + queryValue)));
        using (await user.RequestAsync("flaky", _fixture.Flaky(failures: 2) + "?apikey=" + queryValue))
        {
        }

        exceptions.Add(await Assert.ThrowsAsync<TimeoutException>(() => impatient.ForUser(userId).RequestAsync("slow", "/wait?apikey=" + queryValue)));
        root.Stop();

        string[] tokens = _fixture.Proxy.Requests.Where(r => r.UserId == userId).Select(r => r.Header("Authorization")!["Bearer ".Length..]).Distinct().ToArray();
        Assert.NotEmpty(tokens);
        string pemBody = string.Concat(_fixture.Key.PrivateKeyPem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
        var secrets = new List<string>(tokens) { userId, queryValue, "apikey=" };
        // Any 40-character run of the key would be a leak; so would any of its lines.
        secrets.AddRange(Enumerable.Range(0, pemBody.Length / 40).Select(i => pemBody.Substring(i * 40, 40)));

        Activity[] spans = _activities.Where(a => a.TraceId == root.TraceId).ToArray();
        Measurement[] measurements = _measurements.Where(m => m.Trace == root.TraceId).ToArray();
        Assert.Equal(5, spans.Length);
        Assert.Equal(5, measurements.Length);
        Assert.Equal(5, _logs.Lines.Count);

        var seen = new List<string>();
        foreach (Activity span in spans)
        {
            seen.Add(span.DisplayName);
            seen.Add(span.OperationName);
            seen.Add(span.StatusDescription ?? "");
            seen.AddRange(span.TagObjects.Select(t => t.Key + "=" + t.Value));
            seen.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => e.Name + " " + t.Key + "=" + t.Value).Append(e.Name)));
            seen.AddRange(span.Baggage.Select(b => b.Key + "=" + b.Value));
        }

        seen.AddRange(measurements.SelectMany(m => m.Tags.Select(t => t.Key + "=" + t.Value)));
        seen.AddRange(_logs.Lines.SelectMany(l => l.State.Select(s => s.Key + "=" + s.Value).Append(l.Message).Append(l.Exception?.ToString() ?? "")));
        seen.AddRange(exceptions.SelectMany(e => new[] { e.Message, e.ToString() }));

        foreach (string text in seen)
        {
            foreach (string secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret ({secret[..Math.Min(6, secret.Length)]}…) leaked into: {text}");
            }
        }
    }

    [Theory]
    [InlineData("u42")]
    [InlineData("a-rather-long-user-id")]
    public async Task Paragons_error_body_names_the_user_but_the_message_does_not(string userId)
    {
        using ParagonClient client = Client();
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser(userId).RequestAsync("salesforce", "/sobjects"));

        Assert.Contains("\"endUserId\":\"" + userId + "\"", error.ResponseBody);
        Assert.DoesNotContain("\"" + userId + "\"", error.Message);
        Assert.Contains("[redacted user]", error.Message);
        Assert.Contains("integration_not_enabled", error.Message);
    }

    private sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> State);

    /// <summary>Keeps every line at every level, formatted, with its structured values.</summary>
    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        private readonly ConcurrentQueue<CapturedLog> _lines = new();

        public IReadOnlyCollection<CapturedLog> Lines => _lines.ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<CapturedLog> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
                lines.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), exception, values.ToArray()));
            }
        }
    }
}
