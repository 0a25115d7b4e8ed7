using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Paragon.Proxy;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>What a user needs to unit-test their own code that calls Paragon: factories, readable requests, a test double.</summary>
public sealed class TestingSurfaceTests
{
    [Fact]
    public void Responses_can_be_made_for_tests_and_read_like_real_ones()
    {
        using ParagonResponse json = ParagonResponse.FromJson("""{"ok":true}""", HttpStatusCode.Created, [new("X-RateLimit-Remaining", "9"), new("Link", "<a>"), new("link", "<b>")]);
        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
        Assert.True(json.ReadAsJson().GetProperty("ok").GetBoolean());
        Assert.Equal("9", json.GetHeader("x-ratelimit-remaining"));
        Assert.Equal(["<a>", "<b>"], json.Headers["LINK"]);
        Assert.StartsWith("application/json", json.ContentType, StringComparison.Ordinal);

        using ParagonResponse text = ParagonResponse.FromText("hi");
        Assert.Equal("hi", text.ReadAsString());
        using ParagonResponse empty = ParagonResponse.Empty();
        Assert.True(empty.IsEmpty);
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        using ParagonResponse bytes = ParagonResponse.Create(HttpStatusCode.OK, new byte[] { 1, 2 }, "image/png");
        Assert.Equal(new byte[] { 1, 2 }, bytes.ReadAsBytes());
    }

    [Fact]
    public void A_success_whose_body_cannot_be_read_is_a_ParagonUnreadableResponseException_with_everything_it_carried()
    {
        using ParagonResponse response = ParagonResponse.FromJson("""{"ok": tru""", HttpStatusCode.Accepted, [new("X-Request-Id", "r1")]);
        var error = Assert.Throws<ParagonUnreadableResponseException>(() => response.ReadAsJson());
        Assert.Equal(HttpStatusCode.Accepted, error.StatusCode);
        Assert.Equal("r1", error.Headers["X-Request-Id"][0]);
        Assert.Equal("""{"ok": tru""", error.ResponseBody);
        Assert.Contains("succeeded with 202", error.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public void Api_errors_can_be_made_for_tests_and_are_classified_like_real_ones()
    {
        var error = ParagonApiException.Create(HttpStatusCode.NotFound, "slack", "POST", "/chat.postMessage",
            """{"message":"Integration not enabled","code":"integration_not_enabled","status":404}""");
        Assert.Equal("integration_not_enabled", error.ErrorCode);
        Assert.True(error.IsParagonError);
        Assert.Contains("POST slack /chat.postMessage failed: 404", error.Message, StringComparison.Ordinal);

        var slow = ParagonApiException.Create((HttpStatusCode)429, "slack", "GET", "/x", "", new Dictionary<string, IReadOnlyList<string>> { ["retry-after"] = ["2"] });
        Assert.Equal(TimeSpan.FromSeconds(2), slow.RetryAfter);
        Assert.Throws<ArgumentException>(() => ParagonApiException.Create(HttpStatusCode.OK, "slack", "GET", "/x"));
    }

    [Fact]
    public void What_a_request_carries_is_readable()
    {
        var request = new ProxyRequest("custom.tasks", HttpMethod.Post, "/lists/{list}/tasks") { OperationId = "tasks.create" }
            .SetPathValue("list", "a b/c");
        request.Query.Add("notify", true).AddArray("tags", ["x", "y"], ProxyQueryStyle.Form, explode: false).AddArray("ids", new[] { 1, 2 });
        request.Headers.Add("X-Trace", "t-1");
        request.Body = ProxyBody.Json(JsonDocument.Parse("""{"title":"Write tests"}""").RootElement);

        Assert.Equal("/lists/a%20b%2Fc/tasks?notify=true&tags=x,y&ids=1&ids=2", request.ToPathAndQuery());
        Assert.Equal([new("notify", "true"), new("tags", "x,y"), new("ids", "1"), new("ids", "2")], request.Query.ToArray());
        Assert.Equal("x,y", request.Query.Get("tags"));
        Assert.Equal("t-1", request.Headers.Get("x-trace"));
        Assert.Equal("""{"title":"Write tests"}""", request.Body.ReadAsString());
        Assert.Equal("POST custom.tasks /lists/{list}/tasks", request.ToString());
        Assert.Null(ProxyBody.Stream(new System.IO.MemoryStream()).ReadAsString());
    }

    [Fact]
    public void Test_support_is_one_namespace_whose_names_clash_with_nothing_in_the_runtime()
    {
        // A test project takes both the runtime (InMemoryProxyClient) and Paragon.Typed.Testing (the local proxy) and writes
        // `using Paragon; using Paragon.Testing;`: one name in two of those would be CS0104/CS0433 in the user's code.
        Type[] proxy = typeof(LocalParagonProxy).Assembly.GetExportedTypes();
        Type[] runtime = typeof(ParagonClient).Assembly.GetExportedTypes();

        Assert.Empty(proxy.Where(t => t.Namespace != "Paragon.Testing").Select(t => t.FullName));
        Assert.Equal("Paragon.Testing", typeof(InMemoryProxyClient).Namespace);
        Assert.Empty(proxy.Select(t => t.Name).Intersect(runtime.Select(t => t.Name), StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_in_memory_client_records_requests_and_answers_by_route()
    {
        var fake = new InMemoryProxyClient()
            .On("GET", "custom.tasks", "/lists/{list}", ParagonResponse.FromJson("""{"id":"L1"}"""))
            .On("GET", "custom.tasks", "/lists/special", _ => ParagonResponse.FromJson("""{"id":"special"}"""));

        using ParagonResponse byTemplate = await fake.SendAsync(new ProxyRequest("custom.tasks", HttpMethod.Get, "/lists/{list}").SetPathValue("list", "L1"));
        using ParagonResponse byPath = await fake.SendAsync(new ProxyRequest("custom.tasks", HttpMethod.Get, "/lists/special"));

        Assert.Equal("L1", byTemplate.ReadAsJson().GetProperty("id").GetString());
        Assert.Equal("special", byPath.ReadAsJson().GetProperty("id").GetString());
        Assert.Equal(2, fake.Requests.Count);
        Assert.Equal("/lists/special", fake.LastRequest.Path);
    }

    [Fact]
    public async Task The_in_memory_client_refuses_what_the_real_client_refuses_and_raises_errors_the_same_way()
    {
        var fake = new InMemoryProxyClient().OnAnyOther(_ => ParagonResponse.FromJson("""{"ok":false,"error":"channel_not_found"}""", HttpStatusCode.BadRequest));

        await Assert.ThrowsAsync<ArgumentException>(() => fake.SendAsync(new ProxyRequest("../admin", HttpMethod.Get, "/x")));
        var badHeader = new ProxyRequest("slack", HttpMethod.Get, "/x");
        badHeader.Headers.Add("Authorization", "Bearer mine");
        await Assert.ThrowsAsync<ArgumentException>(() => fake.SendAsync(badHeader));

        var error = await Assert.ThrowsAsync<ParagonApiException>(() => fake.SendAsync(new ProxyRequest("slack", HttpMethod.Post, "/chat.postMessage")));
        Assert.Equal("channel_not_found", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);

        var none = await Assert.ThrowsAsync<InvalidOperationException>(() => new InMemoryProxyClient().SendAsync(new ProxyRequest("slack", HttpMethod.Get, "/auth.test")));
        Assert.Contains("On(\"GET\", \"slack\", \"/auth.test\"", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_reads_through_ProxyCalls_say_when_a_success_has_no_body()
    {
        var fake = new InMemoryProxyClient()
            .On("POST", "x", "/empty", ParagonResponse.Empty(HttpStatusCode.Created))
            .On("GET", "x", "/null", ParagonResponse.FromJson("null"))
            .On("GET", "x", "/one", ParagonResponse.FromJson("1", HttpStatusCode.OK, [new("X-Total", "1")]));

        var created = await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => ProxyCalls.ReadJsonAsync(fake, new ProxyRequest("x", HttpMethod.Post, "/empty"), TestJson.Default.Conversations, default));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Null(await ProxyCalls.ReadJsonOrDefaultAsync(fake, new ProxyRequest("x", HttpMethod.Post, "/empty"), TestJson.Default.Conversations, default));
        Assert.Null(await ProxyCalls.ReadJsonOrDefaultAsync(fake, new ProxyRequest("x", HttpMethod.Get, "/null"), TestJson.Default.Conversations, default));
        await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => ProxyCalls.ReadJsonAsync(fake, new ProxyRequest("x", HttpMethod.Get, "/null"), TestJson.Default.Conversations, default));
        Assert.Equal(JsonValueKind.Undefined, (await ProxyCalls.ReadJsonAsync(fake, new ProxyRequest("x", HttpMethod.Post, "/empty"), TestJson.Default.JsonElement, default)).ValueKind);

        ParagonResponse<JsonElement> one = await ProxyCalls.ReadJsonWithResponseAsync(fake, new ProxyRequest("x", HttpMethod.Get, "/one"), TestJson.Default.JsonElement, default);
        Assert.Equal(1, one.Value.GetInt32());
        Assert.Equal("1", one.GetHeader("x-total"));
        await ProxyCalls.SendAsync(fake, new ProxyRequest("x", HttpMethod.Post, "/empty"), default);
    }

    [Fact]
    public async Task A_canned_answer_shared_by_two_calls_names_each_call_in_its_own_error()
    {
        // One ParagonResponse instance answers every call to the route: the first call's request must not stick to it.
        var fake = new InMemoryProxyClient().On("GET", "x", "/things/{id}", ParagonResponse.FromJson("\"not an object\""));
        ProxyRequest first = new("x", HttpMethod.Get, "/things/{id}") { OperationId = "things.first" };
        first.SetPathValue("id", "1");
        ProxyRequest second = new("x", HttpMethod.Get, "/things/{id}") { OperationId = "things.second" };
        second.SetPathValue("id", "2");

        var one = await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => ProxyCalls.ReadJsonAsync(fake, first, TestJson.Default.Conversations, default));
        var two = await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => ProxyCalls.ReadJsonAsync(fake, second, TestJson.Default.Conversations, default));
        Assert.Equal("things.first", one.OperationId);
        Assert.Equal("things.second", two.OperationId);
    }

    [Fact]
    public void A_request_describes_itself_without_its_query()
    {
        // ToString ends up in messages and logs; a raw path's query may carry a provider key.
        var request = new ProxyRequest("custom.crm", HttpMethod.Get, "/contacts?api_key=s3cret&limit=5");
        Assert.Equal("GET custom.crm /contacts", request.ToString());
    }

    [Fact]
    public async Task A_body_of_only_whitespace_is_no_body()
    {
        var fake = new InMemoryProxyClient().On("GET", "x", "/blank", ParagonResponse.FromJson("\r\n "));
        Assert.Null(await ProxyCalls.ReadJsonOrDefaultAsync(fake, new ProxyRequest("x", HttpMethod.Get, "/blank"), TestJson.Default.Conversations, default));
        Assert.Equal(JsonValueKind.Undefined, (await ProxyCalls.ReadJsonAsync(fake, new ProxyRequest("x", HttpMethod.Get, "/blank"), TestJson.Default.JsonElement, default)).ValueKind);
        var error = await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => ProxyCalls.ReadJsonAsync(fake, new ProxyRequest("x", HttpMethod.Get, "/blank"), TestJson.Default.Conversations, default));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_start_of_a_token_cut_off_at_the_end_of_a_capped_body_is_redacted()
    {
        string token = "eyJhbGciOiJSUzI1NiJ9.payload.signature";
        Assert.Equal("echo: [redacted token]", ProxyErrors.RedactCutToken("echo: " + token[..20], token));
        Assert.Equal("echo: eyJhbGc", ProxyErrors.RedactCutToken("echo: eyJhbGc", token));
        Assert.Equal("nothing here", ProxyErrors.RedactCutToken("nothing here", token));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    public void ProxyValue_formats_every_kind_of_value_the_same_in_every_culture(string culture)
    {
        System.Globalization.CultureInfo previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(culture);
        try
        {
            Assert.Null(ProxyValue.Format<string?>(null));
            Assert.Null(ProxyValue.Format((int?)null));
            Assert.Equal("true", ProxyValue.Format<bool>(true));
            Assert.Equal("false", ProxyValue.Format<bool?>(false));
            Assert.Equal("-1234567", ProxyValue.Format<int>(-1234567));
            Assert.Equal("1.5", ProxyValue.Format<double>(1.5));
            Assert.Equal("0.1", ProxyValue.Format<float>(0.1f));
            Assert.Equal("1234.50", ProxyValue.Format<decimal>(1234.50m));
            Assert.Equal("2024-03-04T05:06:07Z", ProxyValue.Format(new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.Zero)));
            Assert.Equal(ProxyValue.Format(new DateTimeOffset(new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Unspecified))), ProxyValue.Format(new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Unspecified)));
            Assert.Equal("2024-03-04T05:06:07Z", ProxyValue.Format(new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc)));
            Assert.Equal("AQI=", ProxyValue.Format(new byte[] { 1, 2 }));
            Assert.Equal("1.5,2,3", ProxyValue.Format(new List<double> { 1.5, 2, 3 }));
            Assert.Equal("text", ProxyValue.Format(JsonDocument.Parse("\"text\"").RootElement));
            Assert.Equal("1e3", ProxyValue.Format(JsonDocument.Parse("1e3").RootElement));
            Assert.Null(ProxyValue.Format(JsonDocument.Parse("null").RootElement));
            Assert.Equal("quoted", ProxyValue.Format(System.Text.Json.Nodes.JsonValue.Create("quoted")));
            Assert.Equal("wire-value", ProxyValue.Format(new WireValue()));
            Assert.Equal("a,wire-value", ProxyValue.Format(new object[] { "a", new WireValue() }));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    private readonly struct WireValue : IProxyValue
    {
        public string ToProxyValue() => "wire-value";
    }
}
