using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>Token sources that hang, fail or hand out tokens Paragon refuses: no user stays blocked or refused until a restart.</summary>
public sealed class TokenFailureTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private string GoodToken(string userId) => TokenTests.MintWith(fixture.Key.Key, userId, fixture.Proxy.ProjectId, TimeSpan.FromHours(1));

    [Fact]
    public async Task A_hung_token_provider_fails_the_calls_at_TokenProviderTimeout_and_the_next_call_asks_it_again()
    {
        int calls = 0;
        var hung = new TaskCompletionSource<string>(); // never completed: a provider stuck on a dead connection, deaf to its token
        using ParagonClient client = fixture.Client(o =>
        {
            o.SigningKey = null;
            o.Timeout = TimeSpan.FromSeconds(30); // far beyond the provider's limit, so a loaded machine cannot make it fire first
            o.TokenProviderTimeout = TimeSpan.FromMilliseconds(200);
            o.TokenProvider = (userId, _) => Interlocked.Increment(ref calls) == 1 ? new ValueTask<string>(hung.Task) : new ValueTask<string>(GoodToken(userId));
        });
        ParagonUserClient user = client.ForUser("hung-idp");

        // A burst for the user shares the one stuck fetch, and every call in it fails at the limit.
        var watch = Stopwatch.StartNew();
        Task<ParagonResponse>[] burst = Enumerable.Range(0, 5).Select(_ => user.RequestAsync("echo", "/hung")).ToArray();
        foreach (Task<ParagonResponse> call in burst)
        {
            var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
            Assert.Contains("TokenProviderTimeout", error.Message);
            Assert.DoesNotContain("hung-idp", error.Message); // a user id is personal data: no message quotes it
        }

        watch.Stop();
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(10)); // not the 30 s Timeout
        Assert.Equal(1, calls);

        // The stuck fetch is forgotten: the next call asks the provider again and goes through.
        using ParagonResponse response = await user.RequestAsync("echo", "/hung");
        Assert.Equal("hung-idp", response.ReadAsJson().GetProperty("userId").GetString());
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_provider_that_observes_its_token_sees_it_cancelled_at_the_limit()
    {
        var seen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using ParagonClient client = fixture.Client(o =>
        {
            o.SigningKey = null;
            o.Timeout = TimeSpan.FromSeconds(30); // far beyond the provider's limit, even on a loaded machine: the limit that fires must be the provider's
            o.TokenProviderTimeout = TimeSpan.FromMilliseconds(200);
            o.TokenProvider = async (_, ct) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    seen.TrySetResult(ct.IsCancellationRequested);
                    throw;
                }

                return "unreachable";
            };
        });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.ForUser("observer").RequestAsync("echo", "/observe"));
        Assert.Contains("TokenProviderTimeout", error.Message);
        Assert.True(await seen.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_caller_can_still_cancel_its_own_wait_for_a_slow_provider()
    {
        var hung = new TaskCompletionSource<string>();
        using ParagonClient client = fixture.Client(o =>
        {
            o.SigningKey = null;
            o.TokenProviderTimeout = TimeSpan.FromSeconds(60);
            o.TokenProvider = (_, _) => new ValueTask<string>(hung.Task);
        });

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ForUser("impatient").RequestAsync("echo", "/cancel", cancellationToken: cancel.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        hung.SetResult(GoodToken("impatient"));
    }

    [Fact]
    public async Task A_provider_token_that_Paragon_refuses_is_dropped_so_the_next_call_gets_a_fresh_one()
    {
        using var stranger = LocalSigningKey.Create();
        int calls = 0;
        using ParagonClient client = fixture.Client(o =>
        {
            o.SigningKey = null;
            // The first token is a JWT with a long exp (so it is cached) that the proxy does not trust: a 401 from Paragon.
            o.TokenProvider = (userId, _) => new ValueTask<string>(Interlocked.Increment(ref calls) == 1
                ? TokenTests.MintWith(stranger.Key, userId, fixture.Proxy.ProjectId, TimeSpan.FromHours(1))
                : GoodToken(userId));
        });
        ParagonUserClient user = client.ForUser("refused-once");

        var error = await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("echo", "/refused"));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.True(error.IsParagonError);

        using ParagonResponse response = await user.RequestAsync("echo", "/refused");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, calls);

        // The fresh token is cached again.
        using (await user.RequestAsync("echo", "/refused")) { }
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_minted_token_that_Paragon_refuses_is_dropped_and_minted_again()
    {
        // A clock an hour fast mints a token the proxy sees as issued in the future; once the clock is right again, the
        // cached token still looks fresh to the client but must not be sent again after Paragon refused it.
        DateTimeOffset now = DateTimeOffset.UtcNow.AddHours(1);
        using ParagonClient client = fixture.Client(() => now);
        ParagonUserClient user = client.ForUser("refused-mint");

        var error = await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("echo", "/refused-mint"));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        string refused = TokenTests.Token(fixture.Proxy.LastRequest);

        now = DateTimeOffset.UtcNow;
        using ParagonResponse response = await user.RequestAsync("echo", "/refused-mint");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(refused, TokenTests.Token(fixture.Proxy.LastRequest));
    }

    [Fact]
    public async Task A_providers_own_401_does_not_drop_the_token()
    {
        int calls = 0;
        using ParagonClient client = fixture.Client(o =>
        {
            o.SigningKey = null;
            o.TokenProvider = (userId, _) => { Interlocked.Increment(ref calls); return new ValueTask<string>(GoodToken(userId)); };
        });
        ParagonUserClient user = client.ForUser("provider-401");

        // The provider refused its own credential; the Paragon token was fine and stays cached.
        for (int i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("status", "/401"));
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
            Assert.False(error.IsParagonError);
        }

        Assert.Equal(1, calls);
    }
}
