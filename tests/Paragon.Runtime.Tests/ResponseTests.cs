using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>Reading responses: raw and enveloped, JSON, text, bytes, streams, typed.</summary>
public sealed class ResponseTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly ParagonUserClient _user = fixture.Client().ForUser("user-responses");

    [Fact]
    public async Task A_raw_response_keeps_the_providers_status_headers_and_body()
    {
        using ParagonResponse response = await _user.RequestAsync("slack", "/conversations.list");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal("application/json; charset=utf-8", response.GetHeader("CONTENT-TYPE"));
        JsonElement json = response.ReadAsJson();
        Assert.Equal(2, json.GetProperty("channels").GetArrayLength());
        Assert.Equal(json.GetRawText(), JsonDocument.Parse(response.ReadAsString()).RootElement.GetRawText());
        Assert.Equal(response.ReadAsString(), System.Text.Encoding.UTF8.GetString(response.ReadAsBytes()));
    }

    [Fact]
    public async Task A_204_has_an_empty_body()
    {
        using ParagonResponse response = await _user.RequestAsync("status", "/204");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(response.IsEmpty);
        Assert.Equal(JsonValueKind.Undefined, response.ReadAsJson().ValueKind);
        Assert.Null(response.ReadAs(TestJson.Default.Channel));
    }

    [Fact]
    public async Task Typed_reads_use_source_generated_metadata_or_reflection()
    {
        Conversations? typed = await _user.RequestAsync("slack", "/conversations.list", TestJson.Default.Conversations);
        Assert.Equal(["general", "random"], typed!.Channels.Select(c => c.Name));

        Conversations? reflected = await _user.RequestAsync<Conversations>("slack", "/conversations.list");
        Assert.Equal(42, reflected!.Channels[0].NumMembers);
    }

    [Fact]
    public async Task An_output_envelope_is_unwrapped_when_raw_responses_are_off()
    {
        await using LocalParagonProxy wrapping = await LocalParagonProxy.StartAsync(new LocalProxyOptions()
            .TrustKey(fixture.Key.PublicKeyPem).AddProvider("slack", FakeProviders.Slack())
            .AddProvider("text", _ => ValueTask.FromResult(FakeResponse.Text("plain words")))
            .AddProvider("empty", _ => ValueTask.FromResult(FakeResponse.Empty())));
        using var client = new ParagonClient(new ParagonClientOptions { ProjectId = wrapping.ProjectId, SigningKey = fixture.Key.PrivateKeyPem, ProxyBaseUrl = wrapping.BaseUrl, UseRawResponse = false });
        ParagonUserClient user = client.ForUser("u");

        using ParagonResponse json = await user.RequestAsync("slack", "/conversations.list");
        Assert.True(json.ReadAsJson().GetProperty("ok").GetBoolean());
        Assert.Equal("general", (await user.RequestAsync("slack", "/conversations.list", TestJson.Default.Conversations))!.Channels[0].Name);

        using ParagonResponse text = await user.RequestAsync("text", "/t");
        Assert.Equal("plain words", text.ReadAsString());
        Assert.StartsWith("text/plain", text.ContentType);

        using ParagonResponse empty = await user.RequestAsync("empty", "/e");
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public async Task With_raw_responses_on_a_proxy_that_ignores_the_header_is_answered_as_it_is()
    {
        // Raw means raw: the client cannot tell a proxy's envelope from a provider's body that looks like one.
        await using LocalParagonProxy wrapping = await LocalParagonProxy.StartAsync(new LocalProxyOptions { AlwaysWrapOutput = true }
            .TrustKey(fixture.Key.PublicKeyPem).AddProvider("slack", FakeProviders.Slack()));
        using var client = new ParagonClient(new ParagonClientOptions { ProjectId = wrapping.ProjectId, SigningKey = fixture.Key.PrivateKeyPem, ProxyBaseUrl = wrapping.BaseUrl });
        using ParagonResponse response = await client.ForUser("u").RequestAsync("slack", "/conversations.list");
        Assert.StartsWith("{\"output\":{\"ok\":true", response.ReadAsString());
    }

    [Theory]
    [InlineData("""{"output":{"a":1}}""", """{"a":1}""")]
    [InlineData(""" { "output" : [1,2] } """, "[1,2]")]
    [InlineData("""{"output":{"a":1},"other":2}""", """{"output":{"a":1},"other":2}""")]
    [InlineData("""{"outputs":1}""", """{"outputs":1}""")]
    [InlineData("""{"output":1,"output2":{}}""", """{"output":1,"output2":{}}""")]
    [InlineData("[1]", "[1]")]
    [InlineData("""{"output":"\ud800"}""", """{"output":"\ud800"}""")]
    public async Task Only_an_object_whose_one_property_is_output_counts_as_the_envelope(string body, string unwrapped)
    {
        // The rule, for bodies that arrive wrapped (raw responses off)...
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(body);
        ArraySegment<byte> inner = Paragon.Proxy.OutputEnvelope.TryUnwrap(new ArraySegment<byte>(bytes), out ArraySegment<byte> value, out _) ? value : new ArraySegment<byte>(bytes);
        Assert.Equal(unwrapped, System.Text.Encoding.UTF8.GetString(inner.AsSpan()).Trim());

        // ...and with raw responses on, every body comes back exactly as the provider sent it.
        await using LocalParagonProxy proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions()
            .TrustKey(fixture.Key.PublicKeyPem).AddProvider("p", _ => ValueTask.FromResult(FakeResponse.Json(body))));
        using var client = new ParagonClient(new ParagonClientOptions { ProjectId = proxy.ProjectId, SigningKey = fixture.Key.PrivateKeyPem, ProxyBaseUrl = proxy.BaseUrl });
        using ParagonResponse response = await client.ForUser("u").RequestAsync("p", "/x");
        Assert.Equal(body, response.ReadAsString());
    }

    [Fact]
    public async Task A_file_can_be_read_as_bytes_or_streamed_without_buffering()
    {
        using (ParagonResponse buffered = await _user.RequestAsync("files", "/files/1?alt=media"))
        {
            Assert.Equal("application/pdf", buffered.ContentType);
            Assert.Equal(ProxyFixture.FileBytes, buffered.ReadAsBytes());
            using Stream copy = buffered.ReadAsStream();
            Assert.Equal(ProxyFixture.FileBytes.Length, copy.Length);
        }

        using ParagonResponse streamed = await _user.RequestAsync("files", "/files/1?alt=media", new ParagonRequestOptions { StreamResponse = true });
        Assert.False(streamed.IsBuffered);
        Assert.Throws<InvalidOperationException>(() => streamed.ReadAsBytes());
        await using Stream stream = streamed.ReadAsStream();
        Assert.False(stream.CanSeek);
        using var target = new MemoryStream();
        await stream.CopyToAsync(target);
        Assert.Equal(ProxyFixture.FileBytes, target.ToArray());
        Assert.Throws<InvalidOperationException>(() => streamed.ReadAsStream());
    }

    [Fact]
    public async Task A_json_model_is_read_from_an_empty_body_as_an_error_through_the_typed_funnel()
    {
        var request = new Paragon.Proxy.ProxyRequest("status", System.Net.Http.HttpMethod.Get, "/204");
        // The call succeeded: the error says so and carries the status and headers, and is not a bare JsonException.
        var error = await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => _user.SendAsync(request, TestJson.Default.Conversations));
        Assert.Contains("succeeded with 204", error.Message);
        Assert.Contains("empty", error.Message);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, error.StatusCode);
        Assert.Equal("status", error.Integration);
    }
}

public sealed class Conversations
{
    [JsonPropertyName("ok")]
    public bool Ok { get; set; }

    [JsonPropertyName("channels")]
    public Channel[] Channels { get; set; } = [];
}

public sealed class Channel
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("num_members")]
    public int NumMembers { get; set; }
}

[JsonSerializable(typeof(Conversations))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class TestJson : JsonSerializerContext;
