using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Paragon.Integrations.Slack;
using Paragon.LocalProxy;

namespace Paragon.Benchmarks;

/// <summary>
/// One chat.postMessage through the local Paragon-compatible proxy on loopback: the generated typed call, the raw
/// RequestAsync, and the baseline — hand-written HttpClient code that builds the same URL and headers, serializes with a
/// source-generated context and deserializes the answer. Same server, same token, same bytes on the wire.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CallBenchmarks
{
    private LocalSigningKey _key = null!;
    private LocalParagonProxy _proxy = null!;
    private ParagonClient _paragon = null!;
    private ParagonUserClient _user = null!;
    private HttpClient _http = null!;
    private string _url = string.Empty;
    private string _token = string.Empty;
    private readonly PostMessageRequest _typed = new() { Channel = "C0001", Text = "benchmark" };
    private readonly HandBody _hand = new() { Channel = "C0001", Text = "benchmark" };

    [GlobalSetup]
    public async Task Setup()
    {
        _key = LocalSigningKey.Create();
        _proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions().TrustKey(_key.PublicKeyPem).AddProvider("slack", FakeProviders.Slack()));
        _paragon = new ParagonClient(new ParagonClientOptions { ProjectId = _proxy.ProjectId, SigningKey = _key.PrivateKeyPem, ProxyBaseUrl = _proxy.BaseUrl });
        _user = _paragon.ForUser("bench-user");
        await _user.Slack.AuthTestAsync();
        _token = _proxy.LastRequest.Header("Authorization")!["Bearer ".Length..];
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        _url = new Uri(_proxy.BaseUrl, $"/projects/{_proxy.ProjectId}/sdk/proxy/slack/chat.postMessage").ToString();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _http.Dispose();
        _paragon.Dispose();
        await _proxy.DisposeAsync();
        _key.Dispose();
    }

    [Benchmark(Baseline = true, Description = "hand-written HttpClient")]
    public async Task<string?> HandWritten()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("X-Paragon-Use-Raw-Response", "1");
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(_hand, HandJson.Default.HandBody));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using HttpResponseMessage response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        return JsonSerializer.Deserialize(body, HandJson.Default.HandResponse)!.Ts;
    }

    [Benchmark(Description = "typed: user.Slack.ChatPostMessageAsync")]
    public async Task<string?> Typed() => (await _user.Slack.ChatPostMessageAsync(_typed)).Ts;

    [Benchmark(Description = "raw: user.RequestAsync")]
    public async Task<string?> Raw()
    {
        using ParagonResponse response = await _user.RequestAsync("slack", "/chat.postMessage", new ParagonRequestOptions { Method = HttpMethod.Post, Body = Paragon.Proxy.ProxyBody.Json(_hand, HandJson.Default.HandBody) });
        return response.ReadAs(HandJson.Default.HandResponse)!.Ts;
    }
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

[JsonSerializable(typeof(HandBody))]
[JsonSerializable(typeof(HandResponse))]
internal sealed partial class HandJson : JsonSerializerContext;
