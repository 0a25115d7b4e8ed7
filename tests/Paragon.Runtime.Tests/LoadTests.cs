using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Paragon.Testing;
using Xunit.Abstractions;

namespace Paragon.Runtime.Tests;

/// <summary>One client under load over real HTTP: many users, many concurrent calls, a bounded number of connections.</summary>
[Collection(FaultSuite.Name)]
public sealed class LoadTests(FaultFixture fixture, ITestOutputHelper output)
{
    private const int Calls = 10_000;
    private const int Concurrency = 256;
    private const int Users = 1_000;
    private const int MaxConnections = 64;

    [Fact]
    public async Task Ten_thousand_calls_for_a_thousand_users_at_256_concurrent_all_match_over_bounded_connections()
    {
        using ParagonClient client = fixture.CreateClient(http: builder =>
            builder.ConfigurePrimaryHttpMessageHandler((handler, _) =>
            {
                // SocketsHttpHandler from the net8.0 runtime, HttpClientHandler from the netstandard2.0 one.
                if (handler is SocketsHttpHandler sockets)
                {
                    sockets.MaxConnectionsPerServer = MaxConnections;
                }
                else
                {
                    ((HttpClientHandler)handler).MaxConnectionsPerServer = MaxConnections;
                }
            }));
        fixture.Proxy.ClearRequests();
        fixture.Proxy.ResetConnectionCounts();
        long acceptedBefore = fixture.Proxy.AcceptedConnections;

        // Earlier tests' clients (DI singletons, alive until the fixture ends) keep idle connections open: not this test's.
        long openBefore = fixture.Proxy.OpenConnections;

        int next = -1;
        int failures = 0;
        string? firstFailure = null;
        var watch = Stopwatch.StartNew();

        // 256 workers draw call numbers until 10,000 are taken: 256 calls in flight at every moment but the tail.
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            for (int i = Interlocked.Increment(ref next); i < Calls; i = Interlocked.Increment(ref next))
            {
                string userId = "user-" + (i % Users).ToString(CultureInfo.InvariantCulture);
                string nonce = i.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
                try
                {
                    using ParagonResponse response = await client.ForUser(userId).RequestAsync("nonce", "/call", new ParagonRequestOptions { Query = [new("n", nonce)] });
                    JsonElement echo = response.ReadAsJson();

                    // The answer is this call's: its nonce and the user the proxy read from this call's token.
                    if (echo.GetProperty("nonce").GetString() != nonce || echo.GetProperty("userId").GetString() != userId)
                    {
                        throw new InvalidOperationException($"Call {i} for {userId} got the answer {echo.GetRawText()}.");
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, ex.ToString(), null);
                }
            }
        })));
        watch.Stop();

        var received = fixture.Proxy.Requests.Where(r => r.Integration == "nonce").ToList();
        int tokensMinted = received.Select(r => r.Header("Authorization")).Distinct(StringComparer.Ordinal).Count();
        long accepted = fixture.Proxy.AcceptedConnections - acceptedBefore;
        long peak = fixture.Proxy.PeakOpenConnections - openBefore;
        output.WriteLine($"calls {Calls}, concurrency {Concurrency}, users {Users}, failures {failures}, connections accepted {accepted} (peak open {peak}, limit {MaxConnections}), " +
            $"wall {watch.Elapsed.TotalSeconds:0.00} s ({Calls / watch.Elapsed.TotalSeconds:0} calls/s), tokens minted {tokensMinted}");

        Assert.True(failures == 0, $"{failures} calls failed; the first: {firstFailure}");
        Assert.Equal(Calls, received.Count);
        Assert.All(received, r => Assert.Equal(200, r.Status));
        Assert.Equal(Users, received.Select(r => r.UserId).Distinct().Count());

        // One token per user, minted on the user's first call and reused by the other nine.
        Assert.Equal(Users, tokensMinted);
        Assert.InRange(accepted, 1, MaxConnections);
        Assert.InRange(peak, 1, MaxConnections);
    }
}
