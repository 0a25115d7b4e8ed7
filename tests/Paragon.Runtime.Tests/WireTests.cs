using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Paragon.Proxy;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>
/// What the client puts on the wire, checked at a real proxy over loopback HTTP. Every test also runs under German
/// (decimal comma) and Turkish (dotless i) cultures: nothing that reaches the wire may depend on the machine's culture.
/// </summary>
public class WireTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly ParagonUserClient _user = fixture.Client().ForUser("user-123");

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task Every_verb_reaches_the_provider_at_the_proxy_url(string verb)
    {
        using ParagonResponse response = await _user.RequestAsync("echo", "/things/42", new ParagonRequestOptions { Method = new HttpMethod(verb) });

        JsonElement echo = response.ReadAsJson();
        Assert.Equal(verb, echo.GetProperty("method").GetString());
        Assert.Equal("/things/42", echo.GetProperty("path").GetString());
        RecordedRequest sent = fixture.Proxy.Requests.Last(r => r.Method == verb && r.RawTarget.EndsWith("/things/42", StringComparison.Ordinal));
        Assert.Equal($"/projects/{fixture.Proxy.ProjectId}/sdk/proxy/echo/things/42", sent.RawTarget);
        Assert.Equal("user-123", sent.UserId);
    }

    [Fact]
    public async Task Typed_path_header_and_query_values_reach_the_wire_the_same_in_every_culture()
    {
        var request = new ProxyRequest("echo", HttpMethod.Get, "/typed/{ratios}/{when}/{flag}/{json}")
            .SetPathValue("ratios", new List<double> { 1.5, 2, -0.25 })
            .SetPathValue("when", new DateTimeOffset(2024, 1, 2, 3, 4, 5, 600, TimeSpan.FromHours(-5)))
            .SetPathValue("flag", true)
            .SetPathValue("json", JsonDocument.Parse("\"quoted\"").RootElement);
        request.Headers.Add("X-Flags", new[] { true, false }).Add("X-Ratio", 0.5f).Add("X-Big", 1234567.89m).Add("X-Nothing", (int?)null);
        request.Query.Add("n", 1.25).Add("i", int.MaxValue).Add("id", Guid.Empty).Add("raw", JsonDocument.Parse("{\"a\": [1, 2]}").RootElement)
            .AddArray("d", new double?[] { 0.1, null, 3e-7 }, ProxyQueryStyle.Form, explode: false);

        using ParagonResponse response = await _user.SendAsync(request);

        RecordedRequest sent = fixture.Proxy.Requests.Last(r => r.RawTarget.Contains("/typed/", StringComparison.Ordinal));
        string target = Uri.UnescapeDataString(sent.RawTarget[sent.RawTarget.IndexOf("/typed/", StringComparison.Ordinal)..]);
        Assert.Equal("/typed/1.5,2,-0.25/2024-01-02T03:04:05.6-05:00/true/quoted?n=1.25&i=2147483647&id=00000000-0000-0000-0000-000000000000&raw={\"a\": [1, 2]}&d=0.1,3E-07", target);
        Assert.Equal("true,false", sent.Header("X-Flags"));
        Assert.Equal("0.5", sent.Header("X-Ratio"));
        Assert.Equal("1234567.89", sent.Header("X-Big"));
        Assert.Null(sent.Header("X-Nothing"));
    }

    [Fact]
    [UseCulture("de-DE")]
    public void The_culture_switch_is_real_so_the_culture_runs_can_fail() => Assert.Equal("1,5", 1.5.ToString(System.Globalization.CultureInfo.CurrentCulture));

    [Fact]
    public async Task Head_is_sent_and_has_no_body()
    {
        using ParagonResponse response = await _user.RequestAsync("echo", "/head", new ParagonRequestOptions { Method = HttpMethod.Head });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.IsEmpty);
        Assert.Contains(fixture.Proxy.Requests, r => r.Method == "HEAD" && r.RawTarget.EndsWith("/echo/head", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_path_without_leading_slash_gets_one()
    {
        using ParagonResponse response = await _user.RequestAsync("echo", "chat.postMessage");
        Assert.Equal("/chat.postMessage", response.ReadAsJson().GetProperty("path").GetString());
    }

    [Fact]
    public async Task Standard_headers_are_sent()
    {
        using ParagonResponse response = await _user.RequestAsync("echo", "/headers");
        RecordedRequest sent = fixture.Proxy.Requests.Last(r => r.RawTarget.EndsWith("/headers", StringComparison.Ordinal));

        Assert.StartsWith("Bearer ey", sent.Header("Authorization"));
        Assert.Equal("application/json", sent.Header("Accept"));
        Assert.Equal("1", sent.Header("X-Paragon-Use-Raw-Response"));
        Assert.Matches(@"^Paragon\.Typed/\d+\.\d+\.\d+", sent.Header("User-Agent"));
        Assert.Null(sent.Header("X-Paragon-Credential"));
    }

    [Fact]
    public async Task Raw_response_header_is_left_out_when_turned_off()
    {
        using ParagonClient client = fixture.Client(o => o.UseRawResponse = false);
        using ParagonResponse response = await client.ForUser("u-raw-off").RequestAsync("echo", "/no-raw");
        Assert.Null(fixture.Proxy.Requests.Last(r => r.RawTarget.EndsWith("/no-raw", StringComparison.Ordinal)).Header("X-Paragon-Use-Raw-Response"));
        // ...and the {"output": …} envelope the proxy then sends is unwrapped.
        Assert.Equal("/no-raw", response.ReadAsJson().GetProperty("path").GetString());
    }

    [Fact]
    public async Task An_anonymous_object_body_is_sent_as_json()
    {
        using ParagonResponse response = await _user.RequestAsync("echo", "/chat.postMessage", new ParagonRequestOptions
        {
            Method = HttpMethod.Post,
            Body = new { channel = "C1", text = "héllo \"quoted\"", count = 3 },
        });

        JsonElement echo = response.ReadAsJson();
        Assert.Equal("application/json; charset=utf-8", echo.GetProperty("headers").GetProperty("content-type").GetString());
        JsonElement body = JsonDocument.Parse(echo.GetProperty("body").GetString()!).RootElement;
        Assert.Equal("C1", body.GetProperty("channel").GetString());
        Assert.Equal("héllo \"quoted\"", body.GetProperty("text").GetString());
        Assert.Equal(3, body.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task JsonNode_JsonElement_and_JsonDocument_bodies_are_sent_as_json()
    {
        var node = new JsonObject { ["a"] = 1 };
        using JsonDocument document = JsonDocument.Parse("""{"c":[3]}""");
        foreach ((object body, string expected) in new (object, string)[] { (node, """{"a":1}"""), (JsonDocument.Parse("""{"b":2}""").RootElement, """{"b":2}"""), (document, """{"c":[3]}""") })
        {
            using ParagonResponse response = await _user.RequestAsync("echo", "/json", new ParagonRequestOptions { Method = HttpMethod.Post, Body = body });
            JsonElement echo = response.ReadAsJson();
            Assert.Equal(expected, echo.GetProperty("body").GetString());
            Assert.Equal("application/json; charset=utf-8", echo.GetProperty("headers").GetProperty("content-type").GetString());
        }
    }

    [Fact]
    public async Task A_string_body_is_sent_as_text_unless_a_content_type_is_given()
    {
        using ParagonResponse plain = await _user.RequestAsync("echo", "/text", new ParagonRequestOptions { Method = HttpMethod.Post, Body = "line 1\nline 2 ✓" });
        Assert.Equal("line 1\nline 2 ✓", plain.ReadAsJson().GetProperty("body").GetString());
        Assert.Equal("text/plain; charset=utf-8", plain.ReadAsJson().GetProperty("headers").GetProperty("content-type").GetString());

        using ParagonResponse xml = await _user.RequestAsync("echo", "/xml", new ParagonRequestOptions { Method = HttpMethod.Put, Body = "<a/>", ContentType = "application/xml" });
        Assert.Equal("application/xml", xml.ReadAsJson().GetProperty("headers").GetProperty("content-type").GetString());
    }

    [Fact]
    public async Task Byte_and_stream_bodies_arrive_byte_for_byte()
    {
        byte[] bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        using ParagonResponse fromBytes = await _user.RequestAsync("echo", "/bytes", new ParagonRequestOptions { Method = HttpMethod.Post, Body = bytes });
        Assert.Equal(bytes, Convert.FromBase64String(fromBytes.ReadAsJson().GetProperty("bodyBase64").GetString()!));
        Assert.Equal("application/octet-stream", fromBytes.ReadAsJson().GetProperty("headers").GetProperty("content-type").GetString());

        using ParagonResponse fromMemory = await _user.RequestAsync("echo", "/memory", new ParagonRequestOptions { Method = HttpMethod.Post, Body = new ReadOnlyMemory<byte>(bytes, 10, 20) });
        Assert.Equal(bytes.Skip(10).Take(20), Convert.FromBase64String(fromMemory.ReadAsJson().GetProperty("bodyBase64").GetString()!));

        var stream = new MemoryStream(bytes);
        using ParagonResponse fromStream = await _user.RequestAsync("echo", "/stream", new ParagonRequestOptions { Method = HttpMethod.Post, Body = stream, ContentType = "image/png" });
        Assert.Equal(bytes, Convert.FromBase64String(fromStream.ReadAsJson().GetProperty("bodyBase64").GetString()!));
        Assert.Equal("image/png", fromStream.ReadAsJson().GetProperty("headers").GetProperty("content-type").GetString());
        Assert.True(stream.CanRead, "the caller's stream is the caller's to dispose");
    }

    [Fact]
    public async Task Form_fields_are_url_encoded_in_order()
    {
        var form = new ParagonFormBody { { "channel", "C1" }, { "text", "a b&c=d+é" }, { "skip", null }, { "tag", "x" }, { "tag", "y" } };
        using ParagonResponse response = await _user.RequestAsync("echo", "/chat.postMessage", new ParagonRequestOptions { Method = HttpMethod.Post, Body = form });

        JsonElement echo = response.ReadAsJson();
        Assert.Equal("application/x-www-form-urlencoded", echo.GetProperty("headers").GetProperty("content-type").GetString());
        Assert.Equal("channel=C1&text=a+b%26c%3Dd%2B%C3%A9&tag=x&tag=y", echo.GetProperty("body").GetString());
    }

    [Fact]
    public async Task The_slack_fake_reads_a_form_post_like_slack()
    {
        using ParagonResponse response = await _user.RequestAsync("slack", "/chat.postMessage", new ParagonRequestOptions
        {
            Method = HttpMethod.Post,
            Body = new ParagonFormBody { { "channel", "C42" }, { "text", "from a form" } },
        });
        JsonElement json = response.ReadAsJson();
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("C42", json.GetProperty("channel").GetString());
        Assert.Equal("from a form", json.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Query_parameters_are_escaped_and_appended_after_a_query_in_the_path()
    {
        using ParagonResponse response = await _user.RequestAsync("echo", "/files/1?alt=media&fields=id,name", new ParagonRequestOptions
        {
            Query = new Dictionary<string, string?> { ["q"] = "name = 'a&b' ü", ["skip"] = null, ["page token"] = "x/y+z" },
        });

        JsonElement echo = response.ReadAsJson();
        Assert.Equal("/files/1?alt=media&fields=id,name&q=name%20%3D%20%27a%26b%27%20%C3%BC&page%20token=x%2Fy%2Bz", echo.GetProperty("rawPathAndQuery").GetString());
        Assert.Equal("name = 'a&b' ü", echo.GetProperty("query").GetProperty("q")[0].GetString());
        Assert.False(echo.GetProperty("query").TryGetProperty("skip", out _));
    }

    [Fact]
    public async Task A_query_written_in_the_path_is_forwarded_intact()
    {
        const string soql = "/query?q=SELECT+Id,Name+FROM+Account+WHERE+Name=%27Acme%27";
        using ParagonResponse response = await _user.RequestAsync("echo", soql);
        Assert.Equal(soql, response.ReadAsJson().GetProperty("rawPathAndQuery").GetString());
    }

    [Fact]
    public async Task Characters_a_url_cannot_hold_are_percent_encoded_and_escapes_are_kept()
    {
        using ParagonResponse response = await _user.RequestAsync("echo", "/files/my report ü.pdf/a%2Fb?name=x y");
        JsonElement echo = response.ReadAsJson();
        Assert.Equal("/files/my%20report%20%C3%BC.pdf/a%2Fb?name=x%20y", echo.GetProperty("rawPathAndQuery").GetString());
    }

    [Fact]
    public async Task Caller_headers_are_forwarded_and_accept_can_be_replaced()
    {
        using ParagonResponse response = await _user.RequestAsync("echo", "/h", new ParagonRequestOptions
        {
            Headers = new Dictionary<string, string> { ["Notion-Version"] = "2022-06-28", ["Accept"] = "text/csv", ["If-None-Match"] = "\"etag\"" },
        });

        RecordedRequest sent = fixture.Proxy.Requests.Last(r => r.RawTarget.EndsWith("/h", StringComparison.Ordinal));
        Assert.Equal("2022-06-28", sent.Header("Notion-Version"));
        Assert.Equal("text/csv", sent.Header("Accept"));
        Assert.Equal("\"etag\"", sent.Header("If-None-Match"));
        Assert.StartsWith("Bearer ", sent.Header("Authorization"));
    }

    [Fact]
    public async Task A_credential_is_selected_by_the_client_or_per_call()
    {
        ParagonUserClient second = _user.WithCredential("cred-2");
        Assert.Null(_user.CredentialId);
        Assert.Equal("cred-2", second.CredentialId);

        using ParagonResponse viaClient = await second.RequestAsync("echo", "/cred");
        Assert.Equal("cred-2", viaClient.ReadAsJson().GetProperty("credentialId").GetString());

        using ParagonResponse perCall = await second.RequestAsync("echo", "/cred", new ParagonRequestOptions { CredentialId = "cred-3" });
        Assert.Equal("cred-3", perCall.ReadAsJson().GetProperty("credentialId").GetString());

        using ParagonResponse none = await _user.RequestAsync("echo", "/cred");
        Assert.Equal(JsonValueKind.Null, none.ReadAsJson().GetProperty("credentialId").ValueKind);
    }

    [Fact]
    public async Task A_custom_integration_travels_as_custom_dot_slug()
    {
        using ParagonResponse response = await _user.RequestAsync("custom.tasklab", "/tasks", new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { title = "t" } });
        Assert.Equal("custom.tasklab", response.ReadAsJson().GetProperty("integration").GetString());
        Assert.EndsWith("/sdk/proxy/custom.tasklab/tasks", fixture.Proxy.Requests.Last(r => r.Integration == "custom.tasklab").RawTarget);
    }

    [Fact]
    public async Task A_base_url_with_a_path_keeps_it()
    {
        // A self-hosted install behind a path prefix; the local proxy does not serve it, so the 404 shows where the call went.
        using ParagonClient client = fixture.Client(o => o.ProxyBaseUrl = new Uri(fixture.Proxy.BaseUrl, "/paragon/"));
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("u").RequestAsync("echo", "/x"));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal($"/paragon/projects/{fixture.Proxy.ProjectId}/sdk/proxy/echo/x", fixture.Proxy.LastRequest.RawTarget);
    }

    [Fact]
    public async Task A_template_escapes_each_value_as_one_segment()
    {
        var request = new ProxyRequest("echo", HttpMethod.Get, "/calendars/{calendarId}/events/{eventId}")
            .SetPathValue("calendarId", "team@example.com")
            .SetPathValue("eventId", "a/b?c#d %");
        request.Query.Add("maxResults", 10L).Add("singleEvents", true).Add("timeMin", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));

        using ParagonResponse response = await _user.SendAsync(request);
        JsonElement echo = response.ReadAsJson();
        Assert.Equal("/calendars/team%40example.com/events/a%2Fb%3Fc%23d%20%25?maxResults=10&singleEvents=true&timeMin=2024-01-02T03%3A04%3A05Z",
            echo.GetProperty("rawPathAndQuery").GetString());
    }

    [Fact]
    public async Task Query_styles_serialize_as_openapi_describes()
    {
        var request = new ProxyRequest("echo", HttpMethod.Get, "/styles");
        request.Query
            .AddArray("ids", ["1", "2,3"], ProxyQueryStyle.Form, explode: true)
            .AddArray("types", ["public_channel", "private_channel"], ProxyQueryStyle.Form, explode: false)
            .AddArray("pipes", ["a", "b"], ProxyQueryStyle.PipeDelimited, explode: false)
            .AddArray("spaces", ["a", "b"], ProxyQueryStyle.SpaceDelimited, explode: false)
            .AddObject("filter", [new("status", "open"), new("owner", "me"), new("none", null)], ProxyQueryStyle.DeepObject)
            .AddObject("point", [new("x", "1"), new("y", "2")], ProxyQueryStyle.Form, explode: false)
            .Add("ratio", 0.5).Add("empty", "");

        using ParagonResponse response = await _user.SendAsync(request);
        Assert.Equal(
            "/styles?ids=1&ids=2%2C3&types=public_channel,private_channel&pipes=a%7Cb&spaces=a%20b&filter%5Bstatus%5D=open&filter%5Bowner%5D=me&point=x,1,y,2&ratio=0.5&empty=",
            response.ReadAsJson().GetProperty("rawPathAndQuery").GetString());
    }

    [Fact]
    public async Task Proxy_body_factories_send_what_they_say()
    {
        var json = new ProxyRequest("echo", HttpMethod.Post, "/b") { Body = ProxyBody.Json(new JsonObject { ["x"] = 1 }) };
        using (ParagonResponse r = await _user.SendAsync(json))
        {
            Assert.Equal("""{"x":1}""", r.ReadAsJson().GetProperty("body").GetString());
        }

        var form = new ProxyRequest("echo", HttpMethod.Post, "/b") { Body = ProxyBody.Form([new("a", "1"), new("b", null)]) };
        using (ParagonResponse r = await _user.SendAsync(form))
        {
            Assert.Equal("a=1", r.ReadAsJson().GetProperty("body").GetString());
        }

        using var multipart = new MultipartFormDataContent("boundary42") { { new StringContent("v"), "field" } };
        var content = new ProxyRequest("echo", HttpMethod.Post, "/b") { Body = ProxyBody.Content(multipart) };
        using (ParagonResponse r = await _user.SendAsync(content))
        {
            JsonElement echo = r.ReadAsJson();
            Assert.StartsWith("multipart/form-data; boundary=", echo.GetProperty("headers").GetProperty("content-type").GetString());
            Assert.Contains("name=field", echo.GetProperty("body").GetString());
        }
    }
}

/// <summary>The wire tests with <c>de-DE</c> as the current culture.</summary>
[UseCulture("de-DE")]
public sealed class WireTestsInGerman(ProxyFixture fixture) : WireTests(fixture);

/// <summary>The wire tests with <c>tr-TR</c> as the current culture.</summary>
[UseCulture("tr-TR")]
public sealed class WireTestsInTurkish(ProxyFixture fixture) : WireTests(fixture);

/// <summary>Runs each test with a culture as the current culture and UI culture, restoring the previous ones after it.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class UseCultureAttribute(string name) : Xunit.Sdk.BeforeAfterTestAttribute
{
    private System.Globalization.CultureInfo? _culture;
    private System.Globalization.CultureInfo? _uiCulture;

    public string Name { get; } = name;

    public override void Before(System.Reflection.MethodInfo methodUnderTest)
    {
        _culture = System.Globalization.CultureInfo.CurrentCulture;
        _uiCulture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(Name);
    }

    public override void After(System.Reflection.MethodInfo methodUnderTest)
    {
        System.Globalization.CultureInfo.CurrentCulture = _culture!;
        System.Globalization.CultureInfo.CurrentUICulture = _uiCulture!;
    }
}
