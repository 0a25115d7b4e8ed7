using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Paragon.Proxy;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>
/// Bodies far larger than the buffer the funnel starts reading into, with and without a Content-Length (a chunked
/// answer), come back whole: in a response the caller keeps, in a typed read whose body is lent from the pool, and
/// unwrapped from the envelope.
/// </summary>
public sealed class LargeBodyTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    // About 3 MB of JSON: an array of strings that differ, so that a chunk lost, repeated or reordered changes the text.
    private static readonly string Json = "[" + string.Join(",", Enumerable.Range(0, 60_000).Select(i => $"\"item-{i:D6}-{new string((char)('a' + (i % 26)), 30)}\"")) + "]";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_large_body_is_read_whole_whether_or_not_its_length_is_known(bool lengthKnown)
    {
        // The local proxy declares the length only for a response whose body it delays; otherwise it sends it chunked.
        await using LocalParagonProxy proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions().TrustKey(fixture.Key.PublicKeyPem)
            .AddProvider("big", _ => ValueTask.FromResult(lengthKnown ? FakeResponse.Json(Json).WithBodyDelay(TimeSpan.FromMilliseconds(1)) : FakeResponse.Json(Json))));
        using var client = new ParagonClient(new ParagonClientOptions { ProjectId = proxy.ProjectId, SigningKey = fixture.Key.PrivateKeyPem, ProxyBaseUrl = proxy.BaseUrl });
        ParagonUserClient user = client.ForUser("u-big");

        using (ParagonResponse kept = await user.RequestAsync("big", "/items"))
        {
            Assert.Equal(Json, kept.ReadAsString());
            Assert.Equal(lengthKnown, kept.Headers.ContainsKey("Content-Length"));
        }

        string[]? typed = await user.RequestAsync("big", "/items", TestJson.Default.StringArray);
        Assert.Equal(60_000, typed!.Length);
        Assert.Equal(Json, JsonSerializer.Serialize(typed, TestJson.Default.StringArray));

        string[] generatedPath = await ProxyCalls.ReadJsonAsync(user, new ProxyRequest("big", ProxyMethods.Get, "/items"), TestJson.Default.StringArray, default);
        Assert.Equal(typed, generatedPath);
    }

    [Fact]
    public async Task A_large_body_is_unwrapped_from_the_envelope_whole()
    {
        await using LocalParagonProxy proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions().TrustKey(fixture.Key.PublicKeyPem)
            .AddProvider("big", _ => ValueTask.FromResult(FakeResponse.Json(Json))));
        using var client = new ParagonClient(new ParagonClientOptions { ProjectId = proxy.ProjectId, SigningKey = fixture.Key.PrivateKeyPem, ProxyBaseUrl = proxy.BaseUrl, UseRawResponse = false });
        ParagonUserClient user = client.ForUser("u-big");

        using (ParagonResponse kept = await user.RequestAsync("big", "/items"))
        {
            Assert.Equal(Json, Encoding.UTF8.GetString(kept.ReadAsBytes()));
        }

        string[] typed = await ProxyCalls.ReadJsonAsync(user, new ProxyRequest("big", ProxyMethods.Get, "/items"), TestJson.Default.StringArray, default);
        Assert.Equal(Json, JsonSerializer.Serialize(typed, TestJson.Default.StringArray));
    }
}
