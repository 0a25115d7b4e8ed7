using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>Every error mapping, and retries where (and only where) they are safe.</summary>
public sealed class ErrorTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly ParagonUserClient _user = fixture.Client().ForUser("user-errors");

    [Fact]
    public async Task An_integration_the_user_never_connected_is_a_paragon_404_with_its_code()
    {
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => fixture.Client().ForUser("never-connected").RequestAsync("slack", "/chat.postMessage",
            new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { channel = "C1" } }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("integration_not_enabled", error.ErrorCode);
        Assert.Equal("Integration not enabled for user.", error.ErrorMessage);
        Assert.True(error.IsParagonError);
        Assert.Equal(ParagonErrorSource.Paragon, error.ErrorSource);
        Assert.Equal("slack", error.Integration);
        Assert.Equal("POST", error.Method);
        Assert.Equal("/chat.postMessage", error.Path);
        Assert.Contains("404", error.Message);
        Assert.Contains("integration_not_enabled", error.Message);
        Assert.Contains("from Paragon", error.Message);
        Assert.Equal("application/json; charset=utf-8", error.Headers["content-type"].Single());
    }

    [Fact]
    public async Task An_unknown_integration_is_not_enabled_either()
    {
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => _user.RequestAsync("salesforce", "/sobjects/Account"));
        Assert.Equal("integration_not_enabled", error.ErrorCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_a_paragon_401_and_the_token_is_nowhere_in_the_message()
    {
        using var other = LocalSigningKey.Create();
        using ParagonClient client = fixture.Client(o => o.SigningKey = other.PrivateKeyPem);
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("mallory").RequestAsync("echo", "/x"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.True(error.IsParagonError);
        Assert.Contains("signature", error.ErrorMessage);
        string token = TokenTests.Token(fixture.Proxy.LastRequest);
        Assert.DoesNotContain(token, error.Message);
        Assert.DoesNotContain(token, error.ToString());
        Assert.DoesNotContain(token.Split('.')[2], error.ResponseBody);
    }

    [Fact]
    public async Task Expired_and_wrong_audience_tokens_are_refused()
    {
        string expired = TokenTests.MintWith(fixture.Key.Key, "old", fixture.Proxy.ProjectId, TimeSpan.FromMinutes(1), now: DateTimeOffset.UtcNow.AddHours(-2));
        string otherProject = TokenTests.MintWith(fixture.Key.Key, "u", "another-project", TimeSpan.FromMinutes(5));
        string hs256 = TokenTests.MintWith(fixture.Key.Key, "u", fixture.Proxy.ProjectId, TimeSpan.FromMinutes(5), alg: "HS256");
        foreach ((string token, string reason) in new[] { (expired, "expired"), (otherProject, "aud"), (hs256, "RS256") })
        {
            using var client = new ParagonClient(new ParagonClientOptions { ProjectId = fixture.Proxy.ProjectId, UserToken = token, ProxyBaseUrl = fixture.Proxy.BaseUrl });
            var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.RequestAsync("echo", "/x"));
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
            Assert.Contains(reason, error.ErrorMessage);
        }
    }

    [Fact]
    public async Task A_wrong_project_is_a_paragon_404()
    {
        using ParagonClient client = fixture.Client(o => o.ProjectId = "99999999-0000-4000-8000-000000000000");
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("u").RequestAsync("echo", "/x"));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.True(error.IsParagonError);
    }

    [Theory]
    [InlineData("google", 404, "NOT_FOUND", "Requested entity was not found.")]
    [InlineData("salesforce", 400, "NOT_FOUND", "Provided external ID field does not exist")]
    [InlineData("slack", 400, "ratelimited", null)]
    [InlineData("html", 502, null, null)]
    [InlineData("none", 500, null, null)]
    public async Task Provider_errors_keep_their_status_code_and_message(string shape, int status, string? code, string? message)
    {
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => _user.RequestAsync("status", $"/{status}?shape={shape}"));
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.ErrorMessage);
        Assert.False(error.IsParagonError);
        Assert.Equal($"/{status}", error.Path); // never the query string, which may hold secrets
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task A_long_body_is_truncated_in_the_message_and_kept_whole_on_the_exception()
    {
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => _user.RequestAsync("status", "/500?shape=long"));
        Assert.Equal(5000, error.ResponseBody.Length);
        Assert.True(error.Message.Length < 800, error.Message);
        Assert.Contains("(5000 characters)", error.Message);
    }

    [Fact]
    public async Task A_provider_echoing_the_token_has_it_redacted()
    {
        using ParagonClient client = fixture.Client();
        ParagonUserClient user = client.ForUser("echoed");
        using (await user.RequestAsync("echo", "/warm")) { }
        string token = TokenTests.Token(fixture.Proxy.LastRequest);

        var error = await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("status", "/400?shape=echo-auth",
            new ParagonRequestOptions { Headers = [new("X-Echo", token)] }));
        Assert.DoesNotContain(token, error.Message);
        Assert.DoesNotContain(token, error.ResponseBody);
        Assert.DoesNotContain(token, error.ErrorMessage);
        Assert.Contains("[redacted token]", error.ErrorMessage);

        // ...and from the response headers kept on the exception.
        Assert.Equal("[redacted token]", error.Headers["X-Echoed"].Single());
        Assert.DoesNotContain(error.Headers.Values.SelectMany(v => v), v => v.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_after_is_read_in_seconds_and_as_a_date()
    {
        using ParagonClient noRetries = fixture.Client(o => o.Retry.MaxRetries = 0);
        ParagonUserClient user = noRetries.ForUser("u-retry-after");

        var seconds = await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("status", "/429?retryAfter=120"));
        Assert.Equal(TimeSpan.FromSeconds(120), seconds.RetryAfter);

        string date = DateTimeOffset.UtcNow.AddSeconds(90).ToString("R");
        var asDate = await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("status", "/503?retryAfter=" + Uri.EscapeDataString(date)));
        Assert.InRange(asDate.RetryAfter!.Value.TotalSeconds, 80, 91);

        var none = await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("status", "/429"));
        Assert.Null(none.RetryAfter);
    }

    [Theory]
    [InlineData("GET", "429")]
    [InlineData("GET", "503")]
    [InlineData("PUT", "429")]
    [InlineData("DELETE", "429")]
    public async Task Idempotent_calls_are_retried_after_429_and_503(string verb, string status)
    {
        string key = fixture.Flaky(failures: 2);
        using ParagonResponse response = await _user.RequestAsync("flaky", key + "?status=" + status, new ParagonRequestOptions { Method = new HttpMethod(verb) });
        Assert.Equal(3, response.ReadAsJson().GetProperty("calls").GetInt32());
        Assert.Equal(3, fixture.FlakyCalls[key]);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task Non_idempotent_calls_are_never_retried(string verb)
    {
        string key = fixture.Flaky(failures: 1);
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => _user.RequestAsync("flaky", key, new ParagonRequestOptions { Method = new HttpMethod(verb), Body = new { x = 1 } }));
        Assert.Equal((HttpStatusCode)429, error.StatusCode);
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
        Assert.Equal(1, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task Trace_is_not_retried_because_it_is_not_among_the_documented_methods()
    {
        string key = fixture.Flaky(failures: 1);
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => _user.RequestAsync("flaky", key + "?status=503", new ParagonRequestOptions { Method = HttpMethod.Trace }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task A_huge_error_body_is_read_only_up_to_the_cap()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => _user.RequestAsync("status", "/500?shape=huge"));
        watch.Stop();
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.InRange(error.ResponseBody.Length, 1 << 20, (1 << 20) + 200);
        Assert.StartsWith("xxxx", error.ResponseBody);
        Assert.EndsWith("[truncated: the body was longer than 1048576 bytes (ParagonClientOptions.MaxErrorBodySize)]", error.ResponseBody);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.True(error.Message.Length < 1000);
    }

    [Fact]
    public async Task A_stream_body_is_never_retried()
    {
        string key = fixture.Flaky(failures: 1);
        await Assert.ThrowsAsync<ParagonApiException>(() => _user.RequestAsync("flaky", key, new ParagonRequestOptions { Method = HttpMethod.Put, Body = new System.IO.MemoryStream([1, 2]) }));
        Assert.Equal(1, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task Retries_stop_at_the_limit()
    {
        string key = fixture.Flaky(failures: 10);
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => _user.RequestAsync("flaky", key));
        Assert.Equal((HttpStatusCode)429, error.StatusCode);
        Assert.Equal(3, fixture.FlakyCalls[key]); // the first attempt and MaxRetries = 2
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_maximum_is_not_waited_for()
    {
        string key = fixture.Flaky(failures: 1);
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => _user.RequestAsync("flaky", key + "?retryAfter=3600"));
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal(1, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task The_wait_between_attempts_is_what_retry_after_asks_for()
    {
        using ParagonClient client = fixture.Client();
        var waits = new System.Collections.Concurrent.ConcurrentQueue<TimeSpan>();
        client.Pipeline.Delay = (delay, ct) => { waits.Enqueue(delay); return Task.CompletedTask; };

        string key = fixture.Flaky(failures: 2);
        using (await client.ForUser("u-waits").RequestAsync("flaky", key + "?retryAfter=7")) { }
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], waits.ToArray());

        waits.Clear();
        await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("u-waits").RequestAsync("status", "/429"));
        Assert.Equal(2, waits.Count); // exponential backoff from BaseDelay (10 ms here) when the server names no wait
        Assert.True(waits.ElementAt(1) > waits.ElementAt(0));
    }
}
