using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Paragon.Diagnostics;
using Paragon.Testing;

namespace Paragon.Integration.Tests;

/// <summary>
/// A real ASP.NET Core service set up as the README says (AddParagon from DI, OpenTelemetry tracing with the HttpClient
/// instrumentation and the redaction hook, the application's logging), serving a request that calls a provider for a
/// user with an email address in the provider's path: what an exporter receives and what the logs hold must carry neither.
/// </summary>
public sealed class HostTelemetryTests : IAsyncLifetime
{
    private const string UserId = "user-5b2e-host";
    private const string Email = "alice.host@example.com";

    private readonly LocalSigningKey _key = LocalSigningKey.Create();
    private LocalParagonProxy _proxy = null!;

    public async Task InitializeAsync() =>
        _proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions().TrustKey(_key.PublicKeyPem).AddProvider("echo", FakeProviders.Echo()));

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task A_service_traced_as_the_README_says_exports_no_path_value_and_no_user_id()
    {
        var exported = new List<Activity>();
        var logs = new ConcurrentQueue<(string Category, LogLevel Level, string Text)>();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information).AddProvider(new QueueLoggerProvider(logs));
        builder.Services.AddParagon(o =>
        {
            o.ProjectId = _proxy.ProjectId;
            o.SigningKey = _key.PrivateKeyPem;
            o.ProxyBaseUrl = _proxy.BaseUrl;
        });
        builder.Services.AddOpenTelemetry().WithTracing(t => t
            .AddSource(ParagonTelemetry.SourceName)
            .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = ParagonTelemetry.RedactHttpClientSpan)
            .AddInMemoryExporter(exported));

        await using WebApplication app = builder.Build();
        app.MapGet("/profile", async context =>
        {
            ParagonClient paragon = context.RequestServices.GetRequiredService<ParagonClient>();
            using ParagonResponse response = await paragon.ForUser(UserId).RequestAsync("echo", $"/users/{Email}/profile?email={Email}");
            await context.Response.WriteAsync(response.ReadAsJson().GetProperty("path").GetString()!);
        });
        await app.StartAsync();
        using (var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) })
        {
            Assert.Equal($"/users/{Email}/profile", await http.GetStringAsync(new Uri("/profile", UriKind.Relative)));
        }

        await app.StopAsync();

        // Only what concerns this call to Paragon (other tests' clients run in this process too): System.Net.Http's span to
        // this test's proxy, and our span in the same trace.
        string proxyAuthority = _proxy.BaseUrl.GetLeftPart(UriPartial.Authority);
        Activity[] attempts = exported.Where(a => a.GetTagItem("url.full") is string url && url.StartsWith(proxyAuthority, StringComparison.Ordinal)).ToArray();
        Activity attempt = Assert.Single(attempts);
        Activity[] ours = exported.Where(a => a.Source.Name == ParagonTelemetry.SourceName && a.TraceId == attempt.TraceId).ToArray();
        Assert.Single(ours);
        Assert.Equal($"{proxyAuthority}/projects/{_proxy.ProjectId}/sdk/proxy/echo/{{path}}", attempt.GetTagItem("url.full"));
        foreach (Activity span in ours.Concat(attempts))
        {
            string texts = span.DisplayName + " " + string.Join(" ", span.TagObjects.Select(t => t.Key + "=" + t.Value));
            Assert.DoesNotContain("alice", texts, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(UserId, texts, StringComparison.Ordinal);
        }

        // No log line of Paragon's or the HttpClient's at Information or above names the email or the user.
        (string Category, LogLevel Level, string Text)[] relevant = logs
            .Where(l => l.Level >= LogLevel.Information && (l.Category.StartsWith("Paragon", StringComparison.Ordinal) || l.Category.StartsWith("System.Net.Http", StringComparison.Ordinal)))
            .ToArray();
        Assert.All(relevant, l => Assert.DoesNotContain("alice", l.Text, StringComparison.OrdinalIgnoreCase));
        Assert.All(relevant, l => Assert.DoesNotContain(UserId, l.Text, StringComparison.Ordinal));
    }

    /// <summary>
    /// A browser's request carries no <c>traceparent</c>, so the service's own span is where the trace begins. With the
    /// README's set-up, alone or with the ASP.NET Core instrumentation most services add, the Paragon span must be
    /// exported, as a child of the request's span (same trace), with System.Net.Http's attempt beneath it.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_request_that_starts_the_trace_exports_the_Paragon_span_in_it(bool aspNetCoreInstrumentation)
    {
        var exported = new List<Activity>();
        var metrics = new List<Metric>();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        // The default console and debug loggers, as a new service has them: ASP.NET Core then starts an activity for
        // every request even when no ActivitySource listener asked for it.
        builder.Services.AddParagon(o =>
        {
            o.ProjectId = _proxy.ProjectId;
            o.SigningKey = _key.PrivateKeyPem;
            o.ProxyBaseUrl = _proxy.BaseUrl;
        });
        builder.Services.AddOpenTelemetry().WithTracing(t =>
        {
            t.AddSource(ParagonTelemetry.SourceName)
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = ParagonTelemetry.RedactHttpClientSpan)
                .AddInMemoryExporter(exported);
            if (aspNetCoreInstrumentation)
            {
                t.AddAspNetCoreInstrumentation();
            }
        }).WithMetrics(m => m.AddMeter(ParagonTelemetry.SourceName).AddInMemoryExporter(metrics));

        await using WebApplication app = builder.Build();
        ActivityTraceId requestTrace = default;
        ActivitySpanId requestSpan = default;
        app.MapGet("/profile", async context =>
        {
            requestTrace = Activity.Current?.TraceId ?? default;
            requestSpan = Activity.Current?.SpanId ?? default;
            ParagonClient paragon = context.RequestServices.GetRequiredService<ParagonClient>();
            using ParagonResponse response = await paragon.ForUser(UserId).RequestAsync("echo", "/users/me");
            await context.Response.WriteAsync("ok");
        });
        await app.StartAsync();

        // As a browser sends it: no traceparent (this process's HttpClient would otherwise send a sampled one).
        using (var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = new Uri(app.Urls.First()) })
        {
            Assert.Equal("ok", await http.GetStringAsync(new Uri("/profile", UriKind.Relative)));
        }

        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        await app.StopAsync();

        // A call takes milliseconds: the histogram's buckets are .NET's own for http.client.request.duration, not the
        // default 0, 5, 10, 25 … (seconds) in whose first bucket every call would land.
        Metric duration = Assert.Single(metrics, m => m.Name == ParagonTelemetry.CallDurationName);
        var bounds = new List<double>();
        foreach (ref readonly MetricPoint point in duration.GetMetricPoints())
        {
            foreach (HistogramBucket bucket in point.GetHistogramBuckets())
            {
                bounds.Add(bucket.ExplicitBound);
            }

            break;
        }

        Assert.Equal([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, double.PositiveInfinity], bounds);

        Assert.NotEqual(default, requestTrace);
        // Listeners are process-wide, and other classes' tests call Paragon at the same time: only this request's trace counts.
        Activity ours = Assert.Single(exported, a => a.Source.Name == ParagonTelemetry.SourceName && a.TraceId == requestTrace);
        Assert.Equal(requestTrace, ours.TraceId);
        Assert.Equal(requestSpan, ours.ParentSpanId);
        Assert.True(ours.Recorded);
        Assert.Contains(exported, a => a.ParentSpanId == ours.SpanId && a.GetTagItem("url.full") is string);
    }

    [Theory]
    [InlineData("https://proxy.useparagon.com/projects/p-1/sdk/proxy/slack/users/alice%40x.com/profile?x=1", "https://proxy.useparagon.com/projects/p-1/sdk/proxy/slack/{path}")]
    [InlineData("https://proxy.useparagon.com/projects/p-1/sdk/proxy/custom/abc-1/records/42", "https://proxy.useparagon.com/projects/p-1/sdk/proxy/custom/abc-1/{path}")]
    [InlineData("https://proxy.useparagon.com/projects/p-1/sdk/proxy/slack", "https://proxy.useparagon.com/projects/p-1/sdk/proxy/slack/{path}")]
    [InlineData("https://api.example.com/users/alice", null)]
    public void Only_a_proxy_URL_is_redacted_and_it_keeps_its_host_project_and_integration(string url, string? expected)
    {
        using var activity = new Activity("System.Net.Http.HttpRequestOut");
        activity.SetTag("url.full", url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        ParagonTelemetry.RedactHttpClientSpan(activity, request);
        Assert.Equal(expected ?? url, activity.GetTagItem("url.full"));
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<(string, LogLevel, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((category, logLevel, formatter(state, exception) + " " + exception));
        }
    }
}
