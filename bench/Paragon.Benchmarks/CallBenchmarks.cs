using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Paragon.Integrations.Slack;
using Paragon.Proxy;
using Paragon.Testing;
using Refit;

namespace Paragon.Benchmarks;

/// <summary>
/// Two Slack calls through the local Paragon-compatible proxy on loopback — a small JSON POST (chat.postMessage) and a
/// 20 KB JSON GET (conversations.list) — made seven ways: hand-written HttpClient code with a source-generated
/// JsonSerializerContext that deserializes straight from the response stream (the baseline: the least a careful
/// hand-written client allocates), the same code over models that declare all the fields the generated Slack models do
/// (<see cref="HandFullChannels"/>: against it, what the typed call costs beyond the breadth of its model), the same
/// hand-written code reading the body into a byte array first, the raw RequestAsync reading into either hand-written
/// model, the generated typed client (which reads Slack's full model), and Refit. All go through the same handler to the same URL with the same token, Accept, User-Agent, raw-response and
/// content headers and the same body bytes. The proxy runs in a process of its own, so the allocations are the client's
/// alone. The Ratio and Alloc Ratio columns are against the baseline of each call.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MedianColumn]
public class CallBenchmarks
{
    private const string PostMessage = "chat.postMessage";
    private const string ListConversations = "conversations.list (20 KB)";

    /// <summary>24 channels in Slack's full shape make a 20 KB page.</summary>
    private const int Channels = 24;

    private LocalSigningKey _key = null!;
    private LocalProxyProcess _proxy = null!;
    private WireTap _tap = null!;
    private ParagonClient _paragon = null!;
    private ParagonUserClient _user = null!;
    private HttpClient _http = null!;
    private HttpClient _refitHttp = null!;
    private ISlackRefit _refit = null!;
    private string _postUrl = string.Empty;
    private string _listUrl = string.Empty;
    private string _token = string.Empty;
    private string _userAgent = string.Empty;
    private readonly ChatPostMessageRequest _typed = new() { Channel = "C0001", Text = "benchmark" };
    private readonly HandBody _hand = new() { Channel = "C0001", Text = "benchmark" };

    /// <summary>The user client every column but the hand-written and Refit ones calls through (for <see cref="CallAllocations"/>).</summary>
    internal ParagonUserClient User => _user;

    [GlobalSetup]
    public async Task Setup()
    {
        _key = LocalSigningKey.Create();
        _proxy = LocalProxyProcess.Start(_key.PublicKeyPem, Channels);

        // Every client sends through the same handler chain, configured as ParagonClient's own (decompression on, so the
        // same Accept-Encoding; no redirects). The tap reads the funnel's token and User-Agent off the wire once, so that
        // the hand-written and Refit calls send exactly the same ones.
        _tap = new WireTap(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            AllowAutoRedirect = false,
        });
        _paragon = new ParagonClient(
            new ParagonClientOptions { ProjectId = _proxy.ProjectId, SigningKey = _key.PrivateKeyPem, ProxyBaseUrl = _proxy.BaseUrl },
            new HttpClient(_tap, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan });
        _user = _paragon.ForUser("bench-user");
        _tap.Armed = true;
        await _user.Slack.AuthTestAsync();
        _tap.Armed = false;
        _token = _tap.Token ?? throw new InvalidOperationException("The funnel sent no token.");
        _userAgent = _tap.UserAgent ?? throw new InvalidOperationException("The funnel sent no User-Agent.");

        string prefix = $"{_proxy.BaseUrl.ToString().TrimEnd('/')}/projects/{_proxy.ProjectId}/sdk/proxy/slack";
        _postUrl = prefix + "/chat.postMessage";
        _listUrl = prefix + "/conversations.list?limit=100";
        _http = new HttpClient(_tap, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _refitHttp = new HttpClient(_tap, disposeHandler: false) { BaseAddress = new Uri(prefix), Timeout = Timeout.InfiniteTimeSpan };
        _refitHttp.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", _userAgent);
        _refit = RestService.For<ISlackRefit>(_refitHttp, new RefitSettings(new SystemTextJsonContentSerializer(HandJson.Default.Options)));

        // Every column must read the same answer, or the comparison means nothing.
        string?[] ts = [await StreamedPost(), await StreamedFullPost(), await HandWrittenPost(), await RawPost(), await RawFullPost(), await TypedPost(), await RefitPost()];
        int[] counts = [await StreamedList(), await StreamedFullList(), await HandWrittenList(), await RawList(), await RawFullList(), await TypedList(), await RefitList()];
        if (Array.Exists(ts, t => t is null) || Array.Exists(counts, c => c != Channels))
        {
            throw new InvalidOperationException($"The columns disagree: ts {string.Join(", ", ts)}; channels {string.Join(", ", counts)}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _refitHttp.Dispose();
        _paragon.Dispose();
        _tap.Dispose();
        _proxy.Dispose();
        _key.Dispose();
    }

    [Benchmark(Baseline = true, Description = "hand-written: STJ source-gen, from the stream")]
    [BenchmarkCategory(PostMessage)]
    public async Task<string?> StreamedPost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _postUrl);
        AddHeaders(request);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(_hand, HandJson.Default.HandBody));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(HandJson.Default.HandResponse))!.Ts;
    }

    // Written out like StreamedPost, not shared with it: a shared async helper would add its own state machine to both
    // baseline columns, and the baselines are the least that careful hand-written code allocates.
    [Benchmark(Description = "hand-written, Slack's fields: STJ source-gen, from the stream")]
    [BenchmarkCategory(PostMessage)]
    public async Task<string?> StreamedFullPost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _postUrl);
        AddHeaders(request);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(_hand, HandJson.Default.HandBody));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(HandFullJson.Default.HandFullPostResponse))!.Ts;
    }

    [Benchmark(Description = "hand-written: STJ source-gen, via byte[]")]
    [BenchmarkCategory(PostMessage)]
    public async Task<string?> HandWrittenPost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _postUrl);
        AddHeaders(request);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(_hand, HandJson.Default.HandBody));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using HttpResponseMessage response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        return JsonSerializer.Deserialize(body, HandJson.Default.HandResponse)!.Ts;
    }

    [Benchmark(Description = "raw: user.RequestAsync<T>")]
    [BenchmarkCategory(PostMessage)]
    public async Task<string?> RawPost() =>
        (await _user.RequestAsync("slack", "/chat.postMessage", HandJson.Default.HandResponse,
            new ParagonRequestOptions { Method = HttpMethod.Post, Body = ProxyBody.Json(_hand, HandJson.Default.HandBody) }))!.Ts;

    [Benchmark(Description = "raw, Slack's fields: user.RequestAsync<T>")]
    [BenchmarkCategory(PostMessage)]
    public async Task<string?> RawFullPost() =>
        (await _user.RequestAsync("slack", "/chat.postMessage", HandFullJson.Default.HandFullPostResponse,
            new ParagonRequestOptions { Method = HttpMethod.Post, Body = ProxyBody.Json(_hand, HandJson.Default.HandBody) }))!.Ts;

    [Benchmark(Description = "typed: user.Slack.ChatPostMessageAsync")]
    [BenchmarkCategory(PostMessage)]
    public async Task<string?> TypedPost() => (await _user.Slack.ChatPostMessageAsync(_typed)).Ts;

    [Benchmark(Description = "Refit")]
    [BenchmarkCategory(PostMessage)]
    public async Task<string?> RefitPost() => (await _refit.PostMessage(_hand, _token)).Ts;

    [Benchmark(Baseline = true, Description = "hand-written: STJ source-gen, from the stream")]
    [BenchmarkCategory(ListConversations)]
    public async Task<int> StreamedList()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _listUrl);
        AddHeaders(request);
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(HandJson.Default.HandChannels))!.Channels.Count;
    }

    [Benchmark(Description = "hand-written, Slack's fields: STJ source-gen, from the stream")]
    [BenchmarkCategory(ListConversations)]
    public async Task<int> StreamedFullList()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _listUrl);
        AddHeaders(request);
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(HandFullJson.Default.HandFullChannels))!.Channels!.Count;
    }

    [Benchmark(Description = "hand-written: STJ source-gen, via byte[]")]
    [BenchmarkCategory(ListConversations)]
    public async Task<int> HandWrittenList()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _listUrl);
        AddHeaders(request);
        using HttpResponseMessage response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        return JsonSerializer.Deserialize(body, HandJson.Default.HandChannels)!.Channels.Count;
    }

    [Benchmark(Description = "raw: user.RequestAsync<T>")]
    [BenchmarkCategory(ListConversations)]
    public async Task<int> RawList() =>
        (await _user.RequestAsync("slack", "/conversations.list?limit=100", HandJson.Default.HandChannels))!.Channels.Count;

    [Benchmark(Description = "raw, Slack's fields: user.RequestAsync<T>")]
    [BenchmarkCategory(ListConversations)]
    public async Task<int> RawFullList() =>
        (await _user.RequestAsync("slack", "/conversations.list?limit=100", HandFullJson.Default.HandFullChannels))!.Channels!.Count;

    [Benchmark(Description = "typed: user.Slack.ConversationsListAsync")]
    [BenchmarkCategory(ListConversations)]
    public async Task<int> TypedList() => (await _user.Slack.ConversationsListAsync(limit: 100)).Channels!.Count;

    [Benchmark(Description = "Refit")]
    [BenchmarkCategory(ListConversations)]
    public async Task<int> RefitList() => (await _refit.ListConversations(100, _token)).Channels.Count;

    private void AddHeaders(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        request.Headers.TryAddWithoutValidation("X-Paragon-Use-Raw-Response", "1");
    }

    /// <summary>
    /// Longer than ShortRun (5 warm-ups, 20 measured iterations), run in this process: a separate process would make
    /// BenchmarkDotNet rebuild the generator, the runtime and the proxy first, which takes minutes on a busy machine.
    /// </summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(20).WithToolchain(InProcessEmitToolchain.Instance));
    }

    /// <summary>Passes every request on untouched; while armed, it notes the token and User-Agent the funnel sent.</summary>
    private sealed class WireTap(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public bool Armed { get; set; }

        public string? Token { get; private set; }

        public string? UserAgent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Armed)
            {
                Token = request.Headers.Authorization?.Parameter;
                UserAgent = request.Headers.UserAgent.ToString();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>The same two calls for Refit, with the same fixed headers (User-Agent is the HttpClient's default).</summary>
[Headers("Accept: application/json", "X-Paragon-Use-Raw-Response: 1")]
public interface ISlackRefit
{
    [Post("/chat.postMessage")]
    Task<HandResponse> PostMessage([Body(buffered: true)] HandBody body, [Authorize("Bearer")] string token);

    [Get("/conversations.list")]
    Task<HandChannels> ListConversations(int limit, [Authorize("Bearer")] string token);
}

public sealed class HandBody
{
    [JsonPropertyName("channel")]
    public string Channel { get; set; } = "";

    [JsonPropertyName("text")]
    public string Text { get; set; } = "";
}

public sealed class HandResponse
{
    [JsonPropertyName("ok")]
    public bool Ok { get; set; }

    [JsonPropertyName("ts")]
    public string? Ts { get; set; }
}

/// <summary>What a hand-written client typically models of conversations.list: the fields it uses, not all of Slack's.</summary>
public sealed class HandChannels
{
    [JsonPropertyName("ok")]
    public bool Ok { get; set; }

    [JsonPropertyName("channels")]
    public List<HandChannel> Channels { get; set; } = [];

    [JsonPropertyName("response_metadata")]
    public HandMetadata? ResponseMetadata { get; set; }
}

public sealed class HandChannel
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("is_private")]
    public bool IsPrivate { get; set; }

    [JsonPropertyName("is_archived")]
    public bool IsArchived { get; set; }

    [JsonPropertyName("is_member")]
    public bool IsMember { get; set; }

    [JsonPropertyName("created")]
    public long Created { get; set; }

    [JsonPropertyName("num_members")]
    public int NumMembers { get; set; }

    [JsonPropertyName("topic")]
    public HandText? Topic { get; set; }

    [JsonPropertyName("purpose")]
    public HandText? Purpose { get; set; }
}

public sealed class HandText
{
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

public sealed class HandMetadata
{
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; set; }
}

[JsonSerializable(typeof(HandBody))]
[JsonSerializable(typeof(HandResponse))]
[JsonSerializable(typeof(HandChannels))]
internal sealed partial class HandJson : JsonSerializerContext;
