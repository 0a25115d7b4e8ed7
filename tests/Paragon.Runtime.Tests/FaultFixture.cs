using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>
/// Load, fault and secret tests share one proxy and run alone: they count connections, allocations and calls that a
/// test running beside them would disturb.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSuite : ICollectionFixture<FaultFixture>
{
    public const string Name = "Load and faults (not parallel)";
}

/// <summary>
/// Its own local proxy, with providers that misbehave on purpose: <c>nonce</c> echoes the call's nonce and the token's
/// user, <c>drop</c> aborts the connection mid-body, <c>slow</c> waits until the client gives up, <c>truncated</c> answers
/// 200 with cut-off JSON, <c>big</c> streams a generated body of <c>?length</c> bytes, <c>status</c> answers
/// <c>/{code}</c> with <c>?retryAfter</c>. Every client comes from <see cref="CreateClient"/>.
/// </summary>
public sealed class FaultFixture : IAsyncLifetime, IDisposable
{
    public LocalSigningKey Key { get; } = LocalSigningKey.Create();

    public LocalParagonProxy Proxy { get; private set; } = null!;

    /// <summary>Calls each provider path received, by "integration path".</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>Paths whose request the server saw aborted by the client.</summary>
    public ConcurrentQueue<string> Aborted { get; } = new();

    /// <summary>
    /// Every text the suite shows to a caller or an operator: exception messages and ToString(), responses and requests.
    /// The secrets test searches it for the token and the key. Log lines and activity tags belong here too: add them where
    /// the client is created (<see cref="CreateClient"/>), in this one place.
    /// </summary>
    public ConcurrentQueue<string> Exposed { get; } = new();

    private readonly ConcurrentBag<IDisposable> _owned = [];

    public async Task InitializeAsync()
    {
        var options = new LocalProxyOptions().TrustKey(Key.PublicKeyPem)
            .AddProvider("nonce", request => ValueTask.FromResult(FakeResponse.Json(new JsonObject { ["nonce"] = request.QueryValue("n"), ["userId"] = request.UserId })))
            .AddProvider("drop", request =>
            {
                Count(request);
                return ValueTask.FromResult(FakeResponse.Json("{\"items\":[" + new string('1', 64 * 1024) + "]}").WithAbortAfterBytes(1000));
            })
            .AddProvider("slow", SlowAsync)
            .AddProvider("truncated", request => ValueTask.FromResult(FakeResponse.Json("""{"ok":true,"channels":[{"id":"C1","na""")))
            .AddProvider("big", request => ValueTask.FromResult(FakeResponse.Generated(long.Parse(request.QueryValue("length")!, System.Globalization.CultureInfo.InvariantCulture))))
            .AddProvider("status", request =>
            {
                Count(request);
                var response = FakeResponse.Json("""{"message":"slow down"}""", int.Parse(request.Path.TrimStart('/'), System.Globalization.CultureInfo.InvariantCulture));
                if (request.QueryValue("retryAfter") is { } retryAfter)
                {
                    response.WithHeader("Retry-After", retryAfter);
                }

                return ValueTask.FromResult(response);
            });
        Proxy = await LocalParagonProxy.StartAsync(options);
        ListenToActivities();
    }

    /// <summary>
    /// The one place the suite gets a client: the DI-registered one (<c>services.AddParagon(...)</c>), over
    /// IHttpClientFactory, with the application's logger and a listener on every activity source. Every log line (message
    /// and values, at every level: the factory's own HTTP logging too) and every activity's name and tags go to
    /// <see cref="Exposed"/> for the secrets test.
    /// </summary>
    /// <param name="configure">Changes to the options.</param>
    /// <param name="http">Changes to the client's HttpClient builder (handlers, the primary handler's limits).</param>
    public ParagonClient CreateClient(Action<ParagonClientOptions>? configure = null, Action<IHttpClientBuilder>? http = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new ExposingLoggerProvider(Exposed)));
        IHttpClientBuilder builder = services.AddParagon(options =>
        {
            options.ProjectId = Proxy.ProjectId;
            options.SigningKey = Key.PrivateKeyPem;
            options.ProxyBaseUrl = Proxy.BaseUrl;
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(options);
        });
        http?.Invoke(builder);
        ServiceProvider provider = services.BuildServiceProvider();
        _owned.Add(provider);
        return provider.GetRequiredService<ParagonClient>();
    }

    private ActivityListener? _activities;

    private void ListenToActivities()
    {
        // Paragon's span and System.Net.Http's per attempt: names, tags and events, as an exporter would send them.
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                Exposed.Enqueue(activity.DisplayName + " " + activity.OperationName + " " + activity.StatusDescription);
                foreach (KeyValuePair<string, object?> tag in activity.TagObjects)
                {
                    Exposed.Enqueue(tag.Key + "=" + tag.Value);
                }

                foreach (ActivityEvent e in activity.Events)
                {
                    Exposed.Enqueue(e.Name + " " + string.Join(" ", e.Tags.Select(t => t.Key + "=" + t.Value)));
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    private sealed class ExposingLoggerProvider(ConcurrentQueue<string> exposed) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, exposed);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> exposed) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                exposed.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    exposed.Enqueue(string.Join(" ", values.Select(v => v.Key + "=" + v.Value)));
                }
            }
        }
    }

    /// <summary>Records what an exception shows (message and ToString, with its inner exceptions) for the secrets test.</summary>
    public T Expose<T>(T error) where T : Exception
    {
        Exposed.Enqueue(error.Message);
        Exposed.Enqueue(error.ToString());
        return error;
    }

    public int CallsTo(string integration, string path) => Calls.GetValueOrDefault(integration + " " + path);

    private void Count(FakeRequest request) => Calls.AddOrUpdate(request.Integration + " " + request.Path, 1, (_, n) => n + 1);

    private async ValueTask<FakeResponse> SlowAsync(FakeRequest request)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(60), request.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            Aborted.Enqueue(request.Path);
        }

        return FakeResponse.Json("""{"late":true}""");
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        _activities?.Dispose();
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        Key.Dispose();
    }
}
