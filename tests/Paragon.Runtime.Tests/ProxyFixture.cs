using System.Collections.Generic;
using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>
/// One local Paragon proxy on 127.0.0.1 for a test class, with a throwaway signing key and fake providers:
/// <c>echo</c> and <c>custom.tasklab</c> describe what they received, <c>slack</c> is a small Slack, <c>status</c>
/// answers <c>/{code}</c> with that status and a body chosen by the query, <c>flaky</c> throttles (or with
/// <c>?mode=drop</c> drops the connection) a scripted number of times, <c>slow</c> waits until released, <c>files</c> serves bytes.
/// </summary>
public sealed class ProxyFixture : IAsyncLifetime, IDisposable
{
    public LocalSigningKey Key { get; } = LocalSigningKey.Create();

    public LocalParagonProxy Proxy { get; private set; } = null!;

    /// <summary>Per test key: how many times the flaky provider was called.</summary>
    public ConcurrentDictionary<string, int> FlakyCalls { get; } = new();

    private readonly CancellationTokenSource _release = new();

    public static readonly byte[] FileBytes = CreateFile(3 * 1024 * 1024 + 17);

    public async Task InitializeAsync()
    {
        var options = new LocalProxyOptions().TrustKey(Key.PublicKeyPem)
            .AddProvider("echo", FakeProviders.Echo())
            .AddProvider("custom.tasklab", FakeProviders.Echo())
            .AddProvider("slack", FakeProviders.Slack())
            .AddProvider("status", StatusProvider)
            .AddProvider("flaky", FlakyProvider)
            .AddProvider("slow", SlowProvider)
            .AddProvider("files", request => ValueTask.FromResult(FakeResponse.Bytes(FileBytes, "application/pdf")));
        options.IsConnected = (user, integration) => user != "never-connected";
        Proxy = await LocalParagonProxy.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        _release.Cancel();
        await Proxy.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        _release.Dispose();
        Key.Dispose();
    }

    public ParagonClientOptions Options(Action<ParagonClientOptions>? configure = null)
    {
        var options = new ParagonClientOptions
        {
            ProjectId = Proxy.ProjectId,
            SigningKey = Key.PrivateKeyPem,
            ProxyBaseUrl = Proxy.BaseUrl,
        };
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        configure?.Invoke(options);
        return options;
    }

    public ParagonClient Client(Action<ParagonClientOptions>? configure = null) => new(Options(configure));

    /// <summary>A client whose token cache sees the given clock.</summary>
    internal ParagonClient Client(Func<DateTimeOffset> clock, Action<ParagonClientOptions>? configure = null) => new(Options(configure), null, clock);

    private static ValueTask<FakeResponse> StatusProvider(FakeRequest request)
    {
        int status = int.Parse(request.Path.TrimStart('/'), System.Globalization.CultureInfo.InvariantCulture);
        FakeResponse response = request.QueryValue("shape") switch
        {
            "google" => FakeResponse.Json($$$"""{"error":{"code":{{{status}}},"message":"Requested entity was not found.","status":"NOT_FOUND"}}""", status),
            "salesforce" => FakeResponse.Json("""[{"message":"Provided external ID field does not exist","errorCode":"NOT_FOUND","fields":[]}]""", status),
            "slack" => FakeResponse.Json("""{"ok":false,"error":"ratelimited"}""", status),
            "long" => FakeResponse.Text(new string('x', 5000), status),
            "echo-auth" => FakeResponse.Json(new JsonObject { ["message"] = "bad token " + request.Headers.GetValueOrDefault("X-Echo", "") }, status)
                .WithHeader("X-Echoed", request.Headers.GetValueOrDefault("X-Echo", "")),
            "stall" => FakeResponse.Json("""{"late":true}""", status).WithBodyDelay(TimeSpan.FromSeconds(20)),
            "surrogate" => FakeResponse.Json("""{"output":"\ud800"}""", status),
            "html" => FakeResponse.Text("<html><body>Bad Gateway</body></html>", status, "text/html"),
            "output" => FakeResponse.Json("""{"output":1}""", status),
            "huge" => FakeResponse.Text(new string('x', 16 << 20), status),
            _ => FakeResponse.Empty(status),
        };
        if (request.QueryValue("location") is { } location)
        {
            response.WithHeader("Location", location);
        }

        if (request.QueryValue("retryAfter") is { } retryAfter)
        {
            response.WithHeader("Retry-After", retryAfter);
        }

        return ValueTask.FromResult(response);
    }

    private async ValueTask<FakeResponse> FlakyProvider(FakeRequest request)
    {
        string key = request.Path;
        int call = FlakyCalls.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (request.QueryValue("delayMs") is { } delay)
        {
            await Task.Delay(int.Parse(delay, System.Globalization.CultureInfo.InvariantCulture));
        }

        bool fail = call <= _failures.GetValueOrDefault(key);
        if (fail && request.QueryValue("mode") == "drop")
        {
            return FakeResponse.AbortConnection();
        }

        return fail
            ? FakeResponse.Json("""{"message":"slow down"}""", request.QueryValue("status") == "503" ? 503 : 429).WithHeader("Retry-After", request.QueryValue("retryAfter") ?? "0")
            : FakeResponse.Json(new JsonObject { ["ok"] = true, ["calls"] = call });
    }

    private readonly ConcurrentDictionary<string, int> _failures = new();

    /// <summary>Makes <c>/flaky{key}</c> fail <paramref name="failures"/> times, then succeed; returns the key (a path).</summary>
    public string Flaky(int failures)
    {
        string key = "/" + Guid.NewGuid().ToString("N");
        _failures[key] = failures;
        return key;
    }

    private async ValueTask<FakeResponse> SlowProvider(FakeRequest request)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), _release.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return FakeResponse.Json("""{"late":true}""");
    }

    private static byte[] CreateFile(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
