using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paragon.Proxy;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>
/// The funnel's boundary against a hostile provider (relayed as-is by Paragon) and a careless caller, over a raw socket
/// where the break is on the wire: bodies that never end or expand without bound, bodies that stall, headers smuggled
/// through a body, redirects, Retry-After values, tokens that expire between attempts, and what reaches logs.
/// </summary>
[Collection(FaultSuite.Name)] // the memory test measures the heap, which tests running beside it would disturb
public sealed class BoundaryTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly LocalSigningKey _key = LocalSigningKey.Create();

    public void Dispose() => _key.Dispose();

    private ParagonClientOptions Options(Uri baseUrl, Action<ParagonClientOptions>? configure = null)
    {
        var options = new ParagonClientOptions { ProjectId = "p-1", SigningKey = _key.PrivateKeyPem, ProxyBaseUrl = baseUrl };
        configure?.Invoke(options);
        return options;
    }

    // 256 MiB of zeros, gzipped to about 254 KiB: what a hostile provider sends through Paragon as a 200.
    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++)
            {
                gzip.Write(zeros);
            }
        }

        return packed.ToArray();
    });

    private static RawHttpServer BombServer(int status = 200) => new(async (request, stream, ct) =>
        await RawHttpServer.WriteAsync(stream, status, [new("Content-Type", "application/json"), new("Content-Encoding", "gzip")], GzipBomb.Value, ct));

    [Fact]
    public async Task A_gzip_bomb_answered_as_a_success_is_refused_at_the_body_limit_and_leaves_the_heap_as_it_was()
    {
        await using RawHttpServer server = BombServer();
        using var client = new ParagonClient(Options(server.BaseUrl));
        ParagonUserClient user = client.ForUser("u-bomb");

        // A first call warms everything up (JIT, pools, the connection), so that what follows measures only what calls keep.
        // Each call runs in a method of its own that returns only numbers and text, so that only the client could keep
        // anything of it.
        await RefuseAsync(user);
        long before = HeapAfterFullCollection();
        (long allocated, long limit, HttpStatusCode status, string message) = await RefuseAsync(user);
        long afterOne = HeapAfterFullCollection();
        for (int i = 0; i < 4; i++)
        {
            await RefuseAsync(user);
        }

        long afterFive = HeapAfterFullCollection();
        output.WriteLine($"wire {GzipBomb.Value.Length >> 10} KiB, expanded 256 MiB: a refused call allocated {allocated >> 20} MiB; the heap after a full GC was {(afterOne - before) >> 10} KiB above before after one call, {(afterFive - before) >> 10} KiB after five");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ParagonClientOptions.DefaultMaxResponseBodySize, limit);
        Assert.Contains("MaxResponseBodySize", message);
        Assert.Contains("succeeded", message);
        Assert.Contains("StreamResponse", message);

        // Reading stops at the limit (30 MB), not at 256 MiB; the shared pool keeps nothing of it (before, about 1 GiB stayed
        // pooled after one call), and calls do not accumulate. Measured: the heap is back within 2 MiB in most runs; in some
        // loaded full runs one buffer of at most the limit was still reachable after the call (what holds it was not found:
        // the reader drops its reference), never more than one however many calls, so that is the bound asserted.
        Assert.True(allocated < 160L << 20, $"The refused call allocated {allocated >> 20} MiB.");
        Assert.True(afterFive - before < limit + (8L << 20), $"After five refused calls the heap grew by {(afterFive - before) >> 20} MiB and stayed.");

        // Typed reads (whose body is lent from the pool) stop at the same limit.
        await Assert.ThrowsAsync<ParagonResponseTooLargeException>(() => ProxyCalls.ReadJsonAsync(user, new ProxyRequest("evil", ProxyMethods.Get, "/bomb"), TestJson.Default.StringArray, default));
    }

    [Fact]
    public async Task A_gzip_bomb_answered_as_an_error_is_cut_at_the_error_cap()
    {
        await using RawHttpServer server = BombServer(status: 500);
        using var client = new ParagonClient(Options(server.BaseUrl));
        ParagonApiException error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("u").RequestAsync("evil", "/bomb"));
        Assert.Contains("[truncated", error.ResponseBody);
        Assert.True(error.ResponseBody!.Length < (2 << 20));
    }

    [Fact]
    public async Task The_success_body_limit_is_a_setting_checked_on_the_bytes_after_decompression()
    {
        byte[] json = Encoding.UTF8.GetBytes("[\"" + new string('a', 5000) + "\"]");
        byte[] packed;
        using (var buffer = new MemoryStream())
        {
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(json);
            }

            packed = buffer.ToArray();
        }

        await using var server = new RawHttpServer(async (request, stream, ct) =>
            await RawHttpServer.WriteAsync(stream, 200, [new("Content-Type", "application/json"), new("Content-Encoding", "gzip")], packed, ct));
        using var strict = new ParagonClient(Options(server.BaseUrl, o => o.MaxResponseBodySize = 4096));
        ParagonResponseTooLargeException error = await Assert.ThrowsAsync<ParagonResponseTooLargeException>(() => strict.ForUser("u").RequestAsync("evil", "/x"));
        Assert.Equal(4096, error.Limit);
        Assert.True(packed.Length < 4096); // the wire was small: the limit is on what it expanded to

        using var roomy = new ParagonClient(Options(server.BaseUrl, o => o.MaxResponseBodySize = json.Length));
        using ParagonResponse response = await roomy.ForUser("u").RequestAsync("evil", "/x");
        Assert.Equal(json.Length, response.ReadAsBytes().Length);

        // A streamed body is how to read more than the limit.
        using ParagonResponse streamed = await strict.ForUser("u").RequestAsync("evil", "/x", new ParagonRequestOptions { StreamResponse = true });
        using var all = new MemoryStream();
        await streamed.ReadAsStream().CopyToAsync(all);
        Assert.Equal(json.Length, all.Length);
    }

    [Fact(Timeout = 120_000)] // a stalled read must fail the test, not hang the suite
    public async Task A_declared_length_beyond_the_limit_is_refused_without_reading_the_body()
    {
        await using var server = new RawHttpServer(async (request, stream, ct) =>
        {
            // Declares 100 MB and sends nothing more: a client that read it would wait for the time-out.
            await RawHttpServer.WriteAsync(stream, 200, [new("Content-Type", "application/json"), new("Content-Length", "100000000")], [], ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var client = new ParagonClient(Options(server.BaseUrl, o => o.Timeout = TimeSpan.FromSeconds(60)));
        var clock = Stopwatch.StartNew();
        ParagonResponseTooLargeException error = await Assert.ThrowsAsync<ParagonResponseTooLargeException>(() => client.ForUser("u").RequestAsync("evil", "/x"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains("100000000", error.Message);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<(long Allocated, long Limit, HttpStatusCode Status, string Message)> RefuseAsync(ParagonUserClient user)
    {
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        ParagonResponseTooLargeException error = await Assert.ThrowsAsync<ParagonResponseTooLargeException>(() => user.RequestAsync("evil", "/bomb"));
        return (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, error.Limit, error.StatusCode, error.Message);
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static RawHttpServer StallingServer() => new(async (request, stream, ct) =>
    {
        // Headers and the start of a body that is never finished: the connection stays open, silent.
        await RawHttpServer.WriteAsync(stream, 200, [new("Content-Type", "application/octet-stream"), new("Content-Length", "1000")], new byte[10], ct);
        await Task.Delay(Timeout.Infinite, ct);
    });

    [Fact(Timeout = 120_000)] // a stalled read must fail the test, not hang the suite
    public async Task A_streamed_body_that_stalls_after_its_headers_ends_with_a_timeout()
    {
        await using RawHttpServer server = StallingServer();
        using var client = new ParagonClient(Options(server.BaseUrl, o => o.Timeout = TimeSpan.FromSeconds(1)));
        using ParagonResponse response = await client.ForUser("u").RequestAsync("files", "/big", new ParagonRequestOptions { StreamResponse = true });
        await using Stream body = response.ReadAsStream();

        var clock = Stopwatch.StartNew();
        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => body.CopyToAsync(Stream.Null));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"The stalled read ended after {clock.Elapsed}.");
        Assert.Contains("Timeout", error.Message);

        // A synchronous read is bounded the same way.
        using ParagonResponse again = await client.ForUser("u").RequestAsync("files", "/big", new ParagonRequestOptions { StreamResponse = true });
        using Stream syncBody = again.ReadAsStream();
        Assert.Throws<TimeoutException>(() => syncBody.CopyTo(Stream.Null));
    }

    [Fact(Timeout = 120_000)] // a stalled read must fail the test, not hang the suite
    public async Task A_generated_stream_method_that_stalls_ends_with_a_timeout()
    {
        await using RawHttpServer server = StallingServer();
        using var client = new ParagonClient(Options(server.BaseUrl, o => o.Timeout = TimeSpan.FromSeconds(1)));
        var request = new ProxyRequest("files", ProxyMethods.Get, "/big") { StreamResponse = true };
        await using Stream body = await ProxyCalls.ReadStreamAsync(client.ForUser("u"), request, default);
        await Assert.ThrowsAsync<TimeoutException>(() => body.CopyToAsync(Stream.Null));
    }

    [Theory]
    [InlineData("X-Paragon-Credential", "victim-credential")]
    [InlineData("X-Paragon-Use-Raw-Response", "1")]
    [InlineData("X-Paragon-Anything", "1")]
    [InlineData("X-Note", "a\r\nX-Injected: yes")]
    [InlineData("Content-Disposition", "form-data\r\nX-Injected: yes")]
    public async Task A_header_smuggled_on_an_HttpContent_body_is_refused_before_sending(string name, string value)
    {
        await using var server = new RawHttpServer(async (request, stream, ct) => await RawHttpServer.WriteAsync(stream, 200, [], [], ct));
        using var client = new ParagonClient(Options(server.BaseUrl));
        var content = new StringContent("{}", Encoding.UTF8, "application/json");
        Assert.True(content.Headers.TryAddWithoutValidation(name, value)); // request headers such as Authorization cannot ride a body at all

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => client.ForUser("u").WithCredential("alice-credential")
            .RequestAsync("echo", "/x", new ParagonRequestOptions { Method = HttpMethod.Post, Body = content }));
        Assert.Contains(name, error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_HttpContent_body_keeps_its_own_content_headers()
    {
        await using var server = new RawHttpServer(async (request, stream, ct) => await RawHttpServer.WriteAsync(stream, 200, [], [], ct));
        using var client = new ParagonClient(Options(server.BaseUrl));
        using var form = new MultipartFormDataContent("boundary-1") { { new StringContent("hello"), "file", "a.txt" } };
        form.Headers.TryAddWithoutValidation("Content-Language", "en");
        using ParagonResponse response = await client.ForUser("u").RequestAsync("files", "/upload", new ParagonRequestOptions { Method = HttpMethod.Post, Body = form });
        RawRequest sent = Assert.Single(server.Requests);
        Assert.StartsWith("multipart/form-data", sent.Values("Content-Type").Single());
        Assert.Equal("en", sent.Values("Content-Language").Single());
    }

    [Fact]
    public async Task A_client_from_AddParagon_follows_no_redirect_whatever_primary_handler_the_app_configures()
    {
        await using var elsewhere = new RawHttpServer(async (request, stream, ct) => await RawHttpServer.WriteAsync(stream, 200, [], Encoding.UTF8.GetBytes("{}"), ct));
        await using var proxy = new RawHttpServer(async (request, stream, ct) =>
            await RawHttpServer.WriteAsync(stream, 307, [new("Location", new Uri(elsewhere.BaseUrl, "/steal").ToString())], [], ct));

        foreach (Func<HttpMessageHandler> primary in new Func<HttpMessageHandler>[]
        {
            () => new HttpClientHandler(),
            () => new SocketsHttpHandler(),
            () => new LoggingPassThrough(new HttpClientHandler { AllowAutoRedirect = true }),
        })
        {
            var services = new ServiceCollection();
            services.AddParagon(o =>
            {
                o.ProjectId = "p-1";
                o.SigningKey = _key.PrivateKeyPem;
                o.ProxyBaseUrl = proxy.BaseUrl;
            }).ConfigurePrimaryHttpMessageHandler(primary);
            await using ServiceProvider provider = services.BuildServiceProvider();
            ParagonClient client = provider.GetRequiredService<ParagonClient>();

            ParagonApiException error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("u").WithCredential("alice-credential")
                .RequestAsync("echo", "/x", new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { secret = "body" } }));
            Assert.Equal(HttpStatusCode.TemporaryRedirect, error.StatusCode);
            Assert.Empty(elsewhere.Requests);
        }
    }

    [Fact]
    public async Task A_primary_handler_whose_redirects_cannot_be_turned_off_stops_the_client_from_being_made()
    {
        var services = new ServiceCollection();
        services.AddParagon(o =>
        {
            o.ProjectId = "p-1";
            o.SigningKey = _key.PrivateKeyPem;
        }).ConfigurePrimaryHttpMessageHandler(() => new OpaqueHandler());
        await using ServiceProvider provider = services.BuildServiceProvider();
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ParagonClient>());
        Assert.Contains(nameof(OpaqueHandler), error.Message);
        Assert.Contains("redirect", error.Message);
    }

    /// <summary>A delegating handler of the application's in front of the real one: the redirect rule must reach through it.</summary>
    private sealed class LoggingPassThrough(HttpMessageHandler inner) : DelegatingHandler(inner);

    /// <summary>A primary handler of a kind the client cannot see into (it might follow redirects itself).</summary>
    private sealed class OpaqueHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }

    [Theory]
    [InlineData("315360000")] // 10 years, in whole seconds
    [InlineData("99999999999")] // more seconds than an int holds
    [InlineData("1e10")]
    [InlineData("604800.5")] // a week and a half second
    [InlineData("1e400")] // more than a double holds
    public async Task A_Retry_After_too_long_to_wait_is_not_retried_and_is_reported(string retryAfter)
    {
        await using var server = new RawHttpServer(async (request, stream, ct) =>
            await RawHttpServer.WriteAsync(stream, 429, [new("Retry-After", retryAfter)], Encoding.UTF8.GetBytes("{\"message\":\"slow down\"}"), ct));
        using var client = new ParagonClient(Options(server.BaseUrl, o => o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1)));
        ParagonApiException error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("u").RequestAsync("echo", "/x"));
        Assert.Single(server.Requests);
        Assert.NotNull(error.RetryAfter);
        Assert.True(error.RetryAfter >= TimeSpan.FromDays(7), $"RetryAfter {error.RetryAfter}");
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData(" 2 ", 2)]
    [InlineData("0", 0)]
    public async Task A_Retry_After_in_reach_is_waited_exactly_fractions_included(string retryAfter, double seconds)
    {
        await using RawHttpServer server = ThrottledOnce(503, retryAfter);
        using var client = new ParagonClient(Options(server.BaseUrl));
        var waits = new ConcurrentQueue<TimeSpan>();
        client.Pipeline.Delay = (delay, _) => { waits.Enqueue(delay); return Task.CompletedTask; };
        using ParagonResponse response = await client.ForUser("u").RequestAsync("echo", "/x");
        Assert.Equal(TimeSpan.FromSeconds(seconds), Assert.Single(waits));
        Assert.Equal(2, server.Requests.Count);
    }

    /// <summary>A server that answers its first request with <paramref name="status"/> and a Retry-After, then 200 <c>{}</c>.</summary>
    private static RawHttpServer ThrottledOnce(int status, string retryAfter)
    {
        int calls = 0;
        return new RawHttpServer(async (request, stream, ct) =>
        {
            bool first = Interlocked.Increment(ref calls) == 1;
            await RawHttpServer.WriteAsync(stream, first ? status : 200, first ? [new("Retry-After", retryAfter)] : [], Encoding.UTF8.GetBytes("{}"), ct);
        });
    }

    [Fact]
    public async Task A_retry_after_a_wait_that_outlived_the_token_carries_a_fresh_one()
    {
        await using RawHttpServer server = ThrottledOnce(503, "20");

        // The client's clock: the wait between attempts moves it past the token's life (a two-minute token, a long wait).
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var client = new ParagonClient(Options(server.BaseUrl, o => o.TokenLifetime = TimeSpan.FromMinutes(2)), httpClient: null, clock: () => now);
        client.Pipeline.Delay = (delay, _) => { now += TimeSpan.FromMinutes(3); return Task.CompletedTask; };

        using ParagonResponse response = await client.ForUser("u-short").RequestAsync("echo", "/x");
        string[] sent = server.Requests.Select(r => r.Values("Authorization").Single()).ToArray();
        Assert.Equal(2, sent.Length);
        Assert.NotEqual(sent[0], sent[1]);
    }

    [Fact]
    public async Task A_retry_asks_the_token_provider_again_when_its_token_died_during_the_wait()
    {
        await using RawHttpServer server = ThrottledOnce(429, "5");

        DateTimeOffset now = DateTimeOffset.UtcNow;
        int asked = 0;
        using var client = new ParagonClient(Options(server.BaseUrl, o =>
        {
            o.SigningKey = null;
            o.TokenProvider = (user, _) =>
            {
                Interlocked.Increment(ref asked);
                return new ValueTask<string>(TokenTests.MintWith(_key.Key, user, "p-1", TimeSpan.FromMinutes(1), now: now));
            };
        }), httpClient: null, clock: () => now);
        client.Pipeline.Delay = (delay, _) => { now += TimeSpan.FromMinutes(2); return Task.CompletedTask; };

        using ParagonResponse response = await client.ForUser("u-idp").RequestAsync("echo", "/x");
        Assert.Equal(2, asked);
        string[] sent = server.Requests.Select(r => r.Values("Authorization").Single()).ToArray();
        Assert.NotEqual(sent[0], sent[1]);
    }

    [Fact]
    public async Task With_AddParagons_defaults_no_log_line_at_Information_or_above_carries_a_path_value_or_the_user_id()
    {
        const string userId = "user-7f3a9c-private";
        const string email = "alice.private";
        await using var server = new RawHttpServer(async (request, stream, ct) =>
            await RawHttpServer.WriteAsync(stream, request.Target.Contains("fail", StringComparison.Ordinal) ? 404 : 200, [], Encoding.UTF8.GetBytes("{}"), ct));
        var lines = new ConcurrentQueue<(LogLevel Level, string Category, string Text)>();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(lines)));
        services.AddParagon(o =>
        {
            o.ProjectId = "p-1";
            o.SigningKey = _key.PrivateKeyPem;
            o.ProxyBaseUrl = server.BaseUrl;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        ParagonUserClient user = provider.GetRequiredService<ParagonClient>().ForUser(userId);

        using (await user.RequestAsync("echo", $"/users/{email}/profile?q={email}"))
        {
        }

        await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("echo", $"/users/{email}/fail"));

        Assert.NotEmpty(lines);
        foreach ((LogLevel level, string category, string text) in lines.Where(l => l.Level >= LogLevel.Information))
        {
            Assert.DoesNotContain(email, text);
            Assert.DoesNotContain(userId, text);
        }

        // The factory's own request loggers are replaced by the client's: their categories log nothing at all.
        Assert.DoesNotContain(lines, l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_provider_time_out_does_not_quote_the_user_id()
    {
        const string userId = "user-quoted-9d1e";
        using var client = new ParagonClient(Options(new Uri("http://127.0.0.1:9"), o =>
        {
            o.SigningKey = null;
            o.TokenProviderTimeout = TimeSpan.FromMilliseconds(50);
            o.TokenProvider = async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return "never"; };
        }));
        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(() => client.ForUser(userId).RequestAsync("echo", "/x"));
        Assert.DoesNotContain(userId, error.ToString());
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<(LogLevel, string, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => p.Key + "=" + p.Value)) : string.Empty;
                lines.Enqueue((logLevel, category, formatter(state, exception) + " " + values + " " + exception));
            }
        }
    }
}

/// <summary>An error answered with a 200 (an in-body rule such as Slack's ok: false) is provider text in a message: bounded.</summary>
public sealed class BodyErrorBoundTests
{
    [Fact]
    public async Task A_huge_error_code_in_a_200_does_not_make_a_huge_exception_message()
    {
        string code = new string('x', 5_000_000);
        var paragon = new Paragon.Testing.InMemoryProxyClient()
            .On("GET", "slack", "/conversations.list", ParagonResponse.FromJson("{\"ok\":false,\"error\":\"" + code + "\"}"));
        var request = new ProxyRequest("slack", ProxyMethods.Get, "/conversations.list") { ErrorRule = new ProxyErrorRule("ok", mustBe: true, "error") };

        ParagonApiException error = await Assert.ThrowsAsync<ParagonApiException>(() => ProxyCalls.ReadJsonAsync(paragon, request, TestJson.Default.StringArray, default));
        Assert.Equal(code, error.ErrorCode); // the code itself is kept whole
        Assert.True(error.Message.Length < 4096, $"The message is {error.Message.Length} characters long.");
    }
}

/// <summary>The body kept by an error answered with a 200 is cut at MaxErrorBodySize, as a non-2xx error's body is.</summary>
public sealed class BodyErrorBodyCapTests : IDisposable
{
    private readonly LocalSigningKey _key = LocalSigningKey.Create();

    public void Dispose() => _key.Dispose();

    private static string OkFalse(int padding) => "{\"ok\":false,\"error\":\"channel_not_found\",\"padding\":\"" + new string('p', padding) + "\"}";

    [Fact]
    public async Task The_body_of_a_200_error_is_cut_at_the_clients_MaxErrorBodySize()
    {
        byte[] body = Encoding.UTF8.GetBytes(OkFalse(200_000));
        await using var server = new RawHttpServer(async (request, stream, ct) =>
            await RawHttpServer.WriteAsync(stream, 200, [new("Content-Type", "application/json")], body, ct));
        using var client = new ParagonClient(new ParagonClientOptions { ProjectId = "p-1", SigningKey = _key.PrivateKeyPem, ProxyBaseUrl = server.BaseUrl, MaxErrorBodySize = 4096 });
        var request = new ProxyRequest("slack", ProxyMethods.Get, "/conversations.list") { ErrorRule = new ProxyErrorRule("ok", mustBe: true, "error") };

        ParagonApiException error = await Assert.ThrowsAsync<ParagonApiException>(() => ProxyCalls.ReadJsonAsync(client.ForUser("u"), request, TestJson.Default.StringArray, default));
        Assert.Equal("channel_not_found", error.ErrorCode); // read from the whole body, before the cut
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.True(error.ResponseBody!.Length < 4096 + 200, $"ResponseBody is {error.ResponseBody.Length} characters long.");
        Assert.StartsWith("{\"ok\":false", error.ResponseBody, StringComparison.Ordinal);
        Assert.Contains("MaxErrorBodySize", error.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_client_the_default_cap_holds()
    {
        var paragon = new Paragon.Testing.InMemoryProxyClient()
            .On("GET", "slack", "/conversations.list", ParagonResponse.FromJson(OkFalse(3_000_000)));
        var request = new ProxyRequest("slack", ProxyMethods.Get, "/conversations.list") { ErrorRule = new ProxyErrorRule("ok", mustBe: true, "error") };

        ParagonApiException error = await Assert.ThrowsAsync<ParagonApiException>(() => ProxyCalls.ReadJsonAsync(paragon, request, TestJson.Default.StringArray, default));
        Assert.True(error.ResponseBody!.Length < ParagonClientOptions.DefaultMaxErrorBodySize + 200, $"ResponseBody is {error.ResponseBody.Length} characters long.");
    }
}
