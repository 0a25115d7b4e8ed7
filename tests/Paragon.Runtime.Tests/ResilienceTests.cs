using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Paragon.DependencyInjection;
using Polly;

namespace Paragon.Runtime.Tests;

/// <summary>
/// A client registered with AddParagon and a retrying handler of the application's: no double retries, and a call that
/// is not idempotent is never sent twice once it may have reached the provider. Over the real local proxy.
/// </summary>
public sealed class ResilienceTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private const int OuterRetries = 3;

    private readonly ConcurrentQueue<HttpRequestMessage> _sent = new();

    private ServiceProvider Services(bool resilience)
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddParagon(options =>
        {
            options.ProjectId = fixture.Proxy.ProjectId;
            options.SigningKey = fixture.Key.PrivateKeyPem;
            options.ProxyBaseUrl = fixture.Proxy.BaseUrl;
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        });

        // Outermost: sees each call once, however often the handlers inside send it.
        builder.AddHttpMessageHandler(() => new Recorder(_sent));
        if (resilience)
        {
            builder.AddStandardResilienceHandler(options =>
            {
                options.Retry.MaxRetryAttempts = OuterRetries;
                options.Retry.Delay = TimeSpan.FromMilliseconds(5);
                options.Retry.BackoffType = DelayBackoffType.Constant;
                options.Retry.UseJitter = false;
            });
        }

        return services.BuildServiceProvider();
    }

    private sealed class Recorder(ConcurrentQueue<HttpRequestMessage> sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(request);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static ParagonUserClient User(ServiceProvider provider) => provider.GetRequiredService<ParagonClient>().ForUser("user-1");

    [Fact]
    public async Task A_POST_that_got_503_is_sent_once_and_the_caller_gets_that_503()
    {
        await using ServiceProvider provider = Services(resilience: true);
        string key = fixture.Flaky(failures: 10);

        var error = await Assert.ThrowsAsync<ParagonApiException>(() => User(provider).RequestAsync("flaky", key + "?status=503",
            new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { x = 1 } }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("slow down", error.ResponseBody, StringComparison.Ordinal);
        Assert.Contains("not retried", error.Message, StringComparison.Ordinal);
        Assert.Contains("not idempotent", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task A_GET_that_got_503_twice_succeeds_with_three_calls_and_the_attempts_are_on_the_request()
    {
        await using ServiceProvider provider = Services(resilience: true);
        string key = fixture.Flaky(failures: 2);

        using ParagonResponse response = await User(provider).RequestAsync("flaky", key + "?status=503");
        Assert.Equal(3, response.ReadAsJson().GetProperty("calls").GetInt32());
        Assert.Equal(3, fixture.FlakyCalls[key]);
        HttpRequestMessage sent = Assert.Single(_sent);
        Assert.Equal(3, Paragon.Proxy.AttemptRecord.CountOf(sent));
    }

    [Fact]
    public async Task A_GET_that_keeps_failing_is_retried_by_the_outer_handler_only()
    {
        await using ServiceProvider provider = Services(resilience: true);
        string key = fixture.Flaky(failures: 100);

        var error = await Assert.ThrowsAsync<ParagonApiException>(() => User(provider).RequestAsync("flaky", key + "?status=503"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);

        // Both retrying would make (1 + 3) × (1 + 2) = 12 calls.
        Assert.Equal(1 + OuterRetries, fixture.FlakyCalls[key]);
        Assert.Single(_sent);
    }

    [Fact]
    public async Task A_429_with_Retry_After_0_is_retried_by_the_outer_handler()
    {
        await using ServiceProvider provider = Services(resilience: true);
        string key = fixture.Flaky(failures: 2);

        using ParagonResponse response = await User(provider).RequestAsync("flaky", key + "?retryAfter=0");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task A_GET_whose_connection_was_dropped_is_retried()
    {
        await using ServiceProvider provider = Services(resilience: true);
        string key = fixture.Flaky(failures: 1);

        using ParagonResponse response = await User(provider).RequestAsync("flaky", key + "?mode=drop");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task A_POST_whose_connection_was_dropped_after_it_arrived_is_not_sent_again()
    {
        await using ServiceProvider provider = Services(resilience: true);
        string key = fixture.Flaky(failures: 1);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => User(provider).RequestAsync("flaky", key + "?mode=drop",
            new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { x = 1 } }));
        Assert.Contains("not idempotent", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
        Assert.Equal(1, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task A_POST_dropped_on_a_reused_connection_is_not_sent_again()
    {
        await using ServiceProvider provider = Services(resilience: true);
        using (ParagonResponse warm = await User(provider).RequestAsync("echo", "/warm"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        string key = fixture.Flaky(failures: 1);
        await Assert.ThrowsAsync<HttpRequestException>(() => User(provider).RequestAsync("flaky", key + "?mode=drop",
            new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { x = 1 } }));
        Assert.Equal(1, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task Without_a_resilience_handler_the_clients_own_retry_works_through_DI()
    {
        await using ServiceProvider provider = Services(resilience: false);
        string key = fixture.Flaky(failures: 2);

        using ParagonResponse response = await User(provider).RequestAsync("flaky", key + "?status=503");
        Assert.Equal(3, fixture.FlakyCalls[key]);

        // Three sends by the funnel, each seen once by the guard.
        Assert.Equal(3, _sent.Count);
        Assert.All(_sent, message => Assert.Equal(1, Paragon.Proxy.AttemptRecord.CountOf(message)));

        string post = fixture.Flaky(failures: 1);
        await Assert.ThrowsAsync<ParagonApiException>(() => User(provider).RequestAsync("flaky", post + "?status=503",
            new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { x = 1 } }));
        Assert.Equal(1, fixture.FlakyCalls[post]);
    }

    [Fact]
    public async Task A_hedging_handler_does_not_send_a_slow_POST_twice()
    {
        // Hedging sends another copy while the first is still waiting for its answer: for a POST that is a second post.
        var services = new ServiceCollection();
        services.AddParagon(options =>
        {
            options.ProjectId = fixture.Proxy.ProjectId;
            options.SigningKey = fixture.Key.PrivateKeyPem;
            options.ProxyBaseUrl = fixture.Proxy.BaseUrl;
        }).AddStandardHedgingHandler().Configure(options => options.Hedging.Delay = TimeSpan.FromMilliseconds(50));
        await using ServiceProvider provider = services.BuildServiceProvider();
        string key = fixture.Flaky(failures: 0);

        // The first POST's answer comes back: the hedged copy neither went out nor ended the call.
        using ParagonResponse response = await User(provider).RequestAsync("flaky", key + "?delayMs=600",
            new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { x = 1 } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, response.ReadAsJson().GetProperty("calls").GetInt32());

        await Task.Delay(800); // a second copy, had it gone, would have reached the provider by now
        Assert.Equal(1, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task A_Polly_v7_retry_policy_is_recognised_too()
    {
        var services = new ServiceCollection();
        services.AddParagon(options =>
        {
            options.ProjectId = fixture.Proxy.ProjectId;
            options.SigningKey = fixture.Key.PrivateKeyPem;
            options.ProxyBaseUrl = fixture.Proxy.BaseUrl;
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        }).AddTransientHttpErrorPolicy(policy => policy.RetryAsync(OuterRetries));
        await using ServiceProvider provider = services.BuildServiceProvider();

        string get = fixture.Flaky(failures: 100);
        await Assert.ThrowsAsync<ParagonApiException>(() => User(provider).RequestAsync("flaky", get + "?status=503"));
        Assert.Equal(1 + OuterRetries, fixture.FlakyCalls[get]); // the policy's retries only, not (1 + 3) × (1 + 2)

        string post = fixture.Flaky(failures: 100);
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => User(provider).RequestAsync("flaky", post + "?status=503",
            new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { x = 1 } }));
        Assert.Contains("not idempotent", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, fixture.FlakyCalls[post]);
    }
}
