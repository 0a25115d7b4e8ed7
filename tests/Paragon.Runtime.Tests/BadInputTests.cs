using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Paragon.Proxy;

namespace Paragon.Runtime.Tests;

/// <summary>
/// Bad input gets an <see cref="ArgumentException"/> that names the problem, before anything is sent: each test checks
/// that the proxy received nothing.
/// </summary>
public sealed class BadInputTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly ParagonUserClient _user = fixture.Client().ForUser("user-bad-input");

    public static TheoryData<string, string> BadIntegrations => new()
    {
        { "", "empty" },
        { "   ", "empty" },
        { "slack/../github", "contains '/'" },
        { "..", "misplaced '.'" },
        { ".slack", "misplaced '.'" },
        { "custom.", "misplaced '.'" },
        { "custom..x", "misplaced '.'" },
        { "slack?x=1", "contains '?'" },
        { "slack#a", "contains '#'" },
        { "sla ck", "contains ' '" },
        { "%2e%2e", "contains '%'" },
        { "slack\\x", "contains '\\'" },
        { "slack\r\nHost: evil", "contains '\\u000D'" },
        { "slаck", "contains 'а'" }, // Cyrillic a
        { new string('a', 129), "at most 128" },
    };

    [Theory]
    [MemberData(nameof(BadIntegrations))]
    public async Task A_malformed_integration_name_is_refused(string integration, string expected)
    {
        await AssertRefusedAsync(() => _user.RequestAsync(integration, "/x"), expected, "integration");
    }

    [Theory]
    [InlineData("https://user:s3cret@proxy.example.com/")]
    [InlineData("https://proxy.example.com/?key=s3cret")]
    [InlineData("ftp://user:s3cret@proxy.example.com/?key=s3cret")]
    [InlineData("http://user:s3cret@proxy.example.com/")]
    public void A_base_url_is_refused_without_quoting_its_user_info_or_query(string url)
    {
        var options = new ParagonClientOptions { ProjectId = "p1", UserToken = "t.t.t", ProxyBaseUrl = new Uri(url) };

        var error = Assert.Throws<ArgumentException>(() => new ParagonClient(options));

        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Contains("proxy.example.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Timeout_too_long_to_be_set_is_refused_rather_than_meaning_no_timeout()
    {
        // "Timeout": "30" in configuration reads as 30 days: beyond what a timer takes, it would silently mean none.
        var options = new ParagonClientOptions { ProjectId = "p1", UserToken = "t.t.t", Timeout = TimeSpan.FromDays(30) };

        var error = Assert.Throws<ArgumentException>(() => new ParagonClient(options));

        Assert.Equal("Timeout", error.ParamName);
        Assert.Contains("24 days", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://proxy.example.com", null)]
    [InlineData(null, "http://api.example.com")]
    public void A_plain_http_host_outside_loopback_is_refused_when_the_client_is_made(string? proxy, string? api)
    {
        // User tokens would cross the network in clear: the constructor refuses, as the DI validation does at start-up.
        var options = new ParagonClientOptions { ProjectId = "p1", UserToken = "t.t.t" };
        options.ProxyBaseUrl = proxy is null ? options.ProxyBaseUrl : new Uri(proxy);
        options.ApiBaseUrl = api is null ? options.ApiBaseUrl : new Uri(api);

        var error = Assert.Throws<ArgumentException>(() => new ParagonClient(options));

        Assert.Contains("must be an https URL", error.Message, StringComparison.Ordinal);
        Assert.Equal(proxy is null ? "ApiBaseUrl" : "ProxyBaseUrl", error.ParamName);
    }

    [Fact]
    public async Task A_null_integration_or_path_is_refused()
    {
        await AssertRefusedAsync(() => _user.RequestAsync(null!, "/x"), "integration", "integration");
        await AssertRefusedAsync(() => _user.RequestAsync("echo", null!), "provider path", "path");
    }

    public static TheoryData<string, string> BadPaths => new()
    {
        { "https://evil.example.com/x", "absolute URL" },
        { "http:/evil", "absolute URL" },
        { "javascript:alert(1)", "absolute URL" },
        { "//evil.example.com/x", "starts with '//'" },
        { "/a//b", "empty segment" },
        { "/..", "'..' segment" },
        { "..", "'..' segment" },
        { "/a/../../projects/other/sdk/proxy/slack/x", "'..' segment" },
        { "/a/./b", "'.' segment" },
        { "/a/%2e%2e/b", "'..' segment" },
        { "/a/%2E%2e/b", "'..' segment" },
        { "/a/.%2E/b", "'..' segment" },
        { "/a/%252e%252e/b", "'..' segment" },
        { "/a%2F..%2Fb", "'..' segment" },
        { "/a%2f%2e%2e%2fb", "'..' segment" },
        { "/a/..?x=1", "'..' segment" },
        { "/a\\b", "backslash" },
        { "/a/..\\b", "backslash" },
        { "/a%5C..%5Cb", "encoded backslash" },
        { "/a%5cb", "encoded backslash" },
        { "/a#b", "contains '#'" },
        { "/a?b#c", "contains '#'" },
        { "?x=1", "starts with '?'" },
        { "/a\r\nHost: evil", "control character" },
        { "/a\tb", "control character" },
        { "/a%0d%0aHost:%20evil", "encoded control character" },
        { "/a%00b", "encoded control character" },
        { "/a%zz", "valid escape" },
        { "/a%4", "valid escape" },
        { "/a?b=%", "valid escape" },
    };

    [Theory]
    [MemberData(nameof(BadPaths))]
    public async Task A_path_that_could_escape_the_integration_is_refused(string path, string expected)
    {
        await AssertRefusedAsync(() => _user.RequestAsync("echo", path), expected, "path");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("..", "change the route")]
    [InlineData(".", "change the route")]
    [InlineData("%2e%2e", "change the route")]
    [InlineData("%252E%252E", "change the route")]
    public async Task A_path_value_that_would_change_the_route_is_refused(string value, string expected)
    {
        var request = new ProxyRequest("echo", HttpMethod.Get, "/files/{fileId}/content").SetPathValue("fileId", value);
        await AssertRefusedAsync(() => _user.SendAsync(request), expected, "fileId");
    }

    [Fact]
    public async Task A_template_and_its_values_must_match()
    {
        await AssertRefusedAsync(() => _user.SendAsync(new ProxyRequest("echo", HttpMethod.Get, "/a/{id}/{other}").SetPathValue("id", "1")), "needs a value for '{other}'", "other");
        await AssertRefusedAsync(() => _user.SendAsync(new ProxyRequest("echo", HttpMethod.Get, "/a/{id}").SetPathValue("id", "1").SetPathValue("extra", "2")), "no such placeholder", "path");
        await AssertRefusedAsync(() => _user.SendAsync(new ProxyRequest("echo", HttpMethod.Get, "/a/{id").SetPathValue("id", "1")), "without a matching", "path");

        // One rule with the generator (ProxyPathRules, PARAGON019): a placeholder is one name, even when a value of that odd name is given.
        await AssertRefusedAsync(() => _user.SendAsync(new ProxyRequest("echo", HttpMethod.Get, "/a/{na{me}/b").SetPathValue("na{me", "1")), "one name in braces", "path");
        await AssertRefusedAsync(() => _user.SendAsync(new ProxyRequest("echo", HttpMethod.Get, "/a/{}/{id}").SetPathValue("id", "1")), "one name in braces", "path");
        await AssertRefusedAsync(() => _user.SendAsync(new ProxyRequest("echo", HttpMethod.Get, "/a/%zz/{id}").SetPathValue("id", "1")), "starts no valid escape", "path");
        await AssertRefusedAsync(() => _user.SendAsync(new ProxyRequest("echo", HttpMethod.Get, "/a/{id}?x=1").SetPathValue("id", "1")), "cannot carry a query", "path");
        Assert.Throws<ArgumentNullException>(() => new ProxyRequest("echo", HttpMethod.Get, "/a/{id}").SetPathValue("id", null!));
        Assert.Contains("already has a value", Assert.Throws<ArgumentException>(() => new ProxyRequest("echo", HttpMethod.Get, "/a/{id}").SetPathValue("id", "1").SetPathValue("id", "2")).Message);
    }

    public static TheoryData<string, string, string> BadHeaders => new()
    {
        { "Authorization", "Bearer other", "Paragon User Token" },
        { "authorization", "Bearer other", "Paragon User Token" },
        { "Proxy-Authorization", "x", "Paragon User Token" },
        { "X-Paragon-Credential", "c", "CredentialId" },
        { "X-Paragon-Use-Raw-Response", "0", "UseRawResponse" },
        { "Content-Type", "text/plain", "ContentType" },
        { "Host", "evil.example.com", "set by HttpClient" },
        { "Content-Length", "1", "set by HttpClient" },
        { "Transfer-Encoding", "chunked", "set by HttpClient" },
        { "X-Custom", "a\r\nInjected: yes", "line break" },
        { "X-Custom", "a\nb", "line break" },
        { "Bad Name", "x", "not a valid HTTP header name" },
        { "Bad:Name", "x", "not a valid HTTP header name" },
        { "", "x", "not a valid HTTP header name" },
        { "Content-Language", "en", "has none" },
        { "X-Name", "Zoë", "visible ASCII" },
        { "X-Name", "\u2028", "visible ASCII" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task Headers_that_belong_to_the_client_or_would_split_the_request_are_refused(string name, string value, string expected)
    {
        await AssertRefusedAsync(() => _user.RequestAsync("echo", "/x", new ParagonRequestOptions { Headers = [new(name, value)] }), expected, "headers");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("cred\r\n")]
    [InlineData("crédit")]
    public async Task A_bad_credential_id_is_refused(string credentialId)
    {
        Assert.Throws<ArgumentException>(() => _user.WithCredential(credentialId));
        await AssertRefusedAsync(() => _user.RequestAsync("echo", "/x", new ParagonRequestOptions { CredentialId = credentialId }), "credential id", "credentialId");
    }

    [Theory]
    [InlineData("")]
    [InlineData("json")]
    [InlineData("text/plain\r\nX: y")]
    public async Task A_bad_content_type_is_refused(string contentType)
    {
        await AssertRefusedAsync(() => _user.RequestAsync("echo", "/x", new ParagonRequestOptions { Method = HttpMethod.Post, Body = "x", ContentType = contentType }), "media type", "contentType");
    }

    [Fact]
    public void A_bad_user_id_is_refused()
    {
        using ParagonClient client = fixture.Client();
        Assert.Throws<ArgumentNullException>(() => client.ForUser(null!));
        Assert.Contains("user id", Assert.Throws<ArgumentException>(() => client.ForUser(" ")).Message);
        Assert.Contains("user id", Assert.Throws<ArgumentException>(() => client.ForUser("a\nb")).Message);
    }

    public static TheoryData<string, Action<ParagonClientOptions>, string> BadOptions => new()
    {
        { "ProjectId", o => o.ProjectId = null, "ProjectId is required" },
        { "ProjectId", o => o.ProjectId = " ", "ProjectId is required" },
        { "ProjectId", o => o.ProjectId = "abc/../other", "contains '/'" },
        { "ProjectId", o => o.ProjectId = "abc?x", "contains '?'" },
        { "options", o => o.SigningKey = null, "Set one token source" },
        { "options", o => o.UserToken = "eyJ.x.y", "Set only one token source" },
        { "options", o => o.TokenProvider = (_, _) => new ValueTask<string>("t"), "Set only one token source" },
        { "SigningKey", o => o.SigningKey = TokenTests.Pem("PRIVATE KEY", "AAAA"), "not a usable RSA private key" },
        { "SigningKey", o => o.SigningKey = "hunter2", "not a usable RSA private key" },
        { "UserToken", o => { o.SigningKey = null; o.UserToken = "a b"; }, "whitespace" },
        { "ProxyBaseUrl", o => o.ProxyBaseUrl = new Uri("/relative", UriKind.Relative), "absolute http(s) URL" },
        { "ProxyBaseUrl", o => o.ProxyBaseUrl = new Uri("ftp://proxy.useparagon.com"), "absolute http(s) URL" },
        { "ProxyBaseUrl", o => o.ProxyBaseUrl = new Uri("https://proxy.useparagon.com/?x=1"), "query" },
        { "ProxyBaseUrl", o => o.ProxyBaseUrl = null!, "must be set" },
        { "ApiBaseUrl", o => o.ApiBaseUrl = new Uri("https://user:pw@api.useparagon.com"), "user info" },
        { "TokenLifetime", o => o.TokenLifetime = TimeSpan.Zero, "positive" },
        { "Timeout", o => o.Timeout = TimeSpan.FromSeconds(-5), "positive" },
        { "TokenProviderTimeout", o => o.TokenProviderTimeout = TimeSpan.Zero, "positive" },
        { "TokenProviderTimeout", o => o.TokenProviderTimeout = TimeSpan.FromDays(30), "24 days" },
        { "Retry", o => o.Retry.MaxRetries = -1, "not negative" },
        { "Retry", o => o.Retry.MaxDelay = TimeSpan.FromDays(30), "24 days" },
        { "Retry", o => o.Retry.MaxRetries = 1000, "100 retries" },
        { "MaxResponseBodySize", o => o.MaxResponseBodySize = 0, "at least 1 byte" },
        { "MaxResponseBodySize", o => o.MaxResponseBodySize = 3L << 30, "an array's limit" },
        { "MaxErrorBodySize", o => o.MaxErrorBodySize = 10, "at least 1024" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_client_options_are_refused_at_construction(string parameter, Action<ParagonClientOptions> configure, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => fixture.Client(configure));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://paragon.example.com")]
    [InlineData("paragon.example.com/path")]
    [InlineData("bad host name")]
    public void A_bad_self_hosted_host_is_refused(string host)
    {
        Assert.Throws<ArgumentException>(() => new ParagonClientOptions().UseSelfHosted(host));
    }

    [Fact]
    public void Self_hosted_points_both_base_urls_at_the_installation()
    {
        ParagonClientOptions options = new ParagonClientOptions().UseSelfHosted("paragon.example.com");
        Assert.Equal(new Uri("https://worker-proxy.paragon.example.com"), options.ProxyBaseUrl);
        Assert.Equal(new Uri("https://zeus.paragon.example.com"), options.ApiBaseUrl);
    }

    [Fact]
    public async Task A_body_type_without_json_metadata_is_refused_with_what_to_do()
    {
        using ParagonClient client = fixture.Client(o => o.JsonSerializerOptions = new System.Text.Json.JsonSerializerOptions { TypeInfoResolver = ResponseTestsJson() });
        await AssertRefusedAsync(() => client.ForUser("u").RequestAsync("echo", "/x", new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { a = 1 } }),
            "JsonSerializerContext", "options");
    }

    private static System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver ResponseTestsJson() => TestJson.Default;

    private async Task AssertRefusedAsync(Func<Task> call, string expected, string parameter)
    {
        int before = fixture.Proxy.Requests.Count;
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(call);
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(parameter, error.ParamName);
        Assert.Equal(before, fixture.Proxy.Requests.Count);
    }
}
