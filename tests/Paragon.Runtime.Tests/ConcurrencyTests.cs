using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Runtime.Tests;

/// <summary>One client shared by many threads; cancellation and time-outs.</summary>
public sealed class ConcurrencyTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task One_client_serves_many_users_from_many_threads()
    {
        using ParagonClient client = fixture.Client();
        const int users = 25;
        const int callsPerUser = 16;
        fixture.Proxy.ClearRequests();

        var tasks = Enumerable.Range(0, users * callsPerUser).Select(i => Task.Run(async () =>
        {
            string userId = "concurrent-" + (i % users);
            ParagonUserClient user = i % 3 == 0 ? client.ForUser(userId).WithCredential("cred-" + i) : client.ForUser(userId);
            using ParagonResponse response = await user.RequestAsync("echo", $"/items/{i}", new ParagonRequestOptions { Query = [new("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))] });
            var echo = response.ReadAsJson();
            Assert.Equal(userId, echo.GetProperty("userId").GetString());
            Assert.Equal($"/items/{i}", echo.GetProperty("path").GetString());
            Assert.Equal(i % 3 == 0 ? "cred-" + i : null, echo.GetProperty("credentialId").GetString());
        }));
        await Task.WhenAll(tasks);

        var received = fixture.Proxy.Requests.Where(r => r.UserId?.StartsWith("concurrent-", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(users * callsPerUser, received.Count);
        Assert.All(received, r => Assert.Equal(200, r.Status));
        // Each user's token was minted once and reused by all of that user's concurrent calls, apart from the first burst's races.
        Assert.InRange(received.Select(r => r.Header("Authorization")).Distinct().Count(), users, users * 2);
    }

    [Fact]
    public async Task A_cancelled_call_throws_OperationCanceled()
    {
        using ParagonClient client = fixture.Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ForUser("u-cancel").RequestAsync("slow", "/wait", cancellationToken: cts.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using ParagonClient client = fixture.Client();
        int before = fixture.Proxy.Requests.Count;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ForUser("u-cancel").RequestAsync("echo", "/x", cancellationToken: new CancellationToken(true)));
        Assert.Equal(before, fixture.Proxy.Requests.Count);
    }

    [Fact]
    public async Task A_call_that_outlasts_the_timeout_throws_TimeoutException()
    {
        using ParagonClient client = fixture.Client(o => o.Timeout = TimeSpan.FromMilliseconds(300));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.ForUser("u-timeout").RequestAsync("slow", "/wait"));
        Assert.Contains("slow /wait", error.Message);
    }

    [Fact]
    public async Task Cancelling_during_a_retry_wait_stops_the_retries()
    {
        using ParagonClient client = fixture.Client(o => o.Retry.BaseDelay = TimeSpan.FromSeconds(20));
        string key = fixture.Flaky(failures: 5);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ForUser("u").RequestAsync("status", "/503", cancellationToken: cts.Token));
    }

    [Fact]
    public async Task A_caller_supplied_HttpClient_is_used_and_not_disposed()
    {
        using var http = new System.Net.Http.HttpClient();
        using (var client = new ParagonClient(fixture.Options(), http))
        {
            using ParagonResponse response = await client.ForUser("u-http").RequestAsync("echo", "/own-http");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var after = await http.GetAsync(fixture.Proxy.BaseUrl);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }
}
