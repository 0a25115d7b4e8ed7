using System;
using System.Linq;
using System.Threading.Tasks;
using Paragon.Tokens;

namespace Paragon.Runtime.Tests;

/// <summary>The per-user token cache at its bound: it drops the least recently used tokens, not everyone's.</summary>
public sealed class TokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    [Fact]
    public void When_full_of_live_tokens_it_drops_the_least_recently_used_and_keeps_the_working_set()
    {
        var cache = new TokenCache(() => Now);
        for (int i = 0; i < TokenCache.MaxEntries; i++)
        {
            cache.Set("user-" + i, "token-" + i, Now + Lifetime, Lifetime);
        }

        Assert.Equal(TokenCache.MaxEntries, cache.Count);

        // The working set is the users cached first, so that dropping by insertion order would lose it too.
        const int workingSet = 100;
        for (int i = 0; i < workingSet; i++)
        {
            Assert.True(cache.TryGet("user-" + i, out _));
        }

        const int newcomers = 2_000;
        for (int i = TokenCache.MaxEntries; i < TokenCache.MaxEntries + newcomers; i++)
        {
            cache.Set("user-" + i, "token-" + i, Now + Lifetime, Lifetime);
        }

        for (int i = 0; i < workingSet; i++)
        {
            Assert.True(cache.TryGet("user-" + i, out string? token), "user-" + i + " was dropped although recently used");
            Assert.Equal("token-" + i, token);
        }

        Assert.True(cache.TryGet("user-" + (TokenCache.MaxEntries + newcomers - 1), out _));
        Assert.InRange(cache.Count, TokenCache.MaxEntries * 8 / 10, TokenCache.MaxEntries);

        // The untouched users cached first are the ones that made room.
        Assert.False(cache.TryGet("user-" + workingSet, out _));
    }

    [Fact]
    public void Expired_tokens_make_room_before_any_live_one_is_dropped()
    {
        DateTimeOffset now = Now;
        var cache = new TokenCache(() => now);
        int shortLived = TokenCache.MaxEntries / 2;
        for (int i = 0; i < TokenCache.MaxEntries; i++)
        {
            TimeSpan lifetime = i < shortLived ? TimeSpan.FromMinutes(1) : Lifetime;
            cache.Set("user-" + i, "token-" + i, now + lifetime, lifetime);
        }

        now += TimeSpan.FromMinutes(10);
        cache.Set("user-new", "token-new", now + Lifetime, Lifetime);

        Assert.Equal(TokenCache.MaxEntries - shortLived + 1, cache.Count);
        Assert.All(Enumerable.Range(shortLived, TokenCache.MaxEntries - shortLived), i => Assert.True(cache.TryGet("user-" + i, out _)));
    }

    [Fact]
    public void Parallel_sets_gets_and_removes_stay_bounded_and_never_mix_up_users()
    {
        var cache = new TokenCache(() => Now);
        int mixups = 0;
        Parallel.For(0, 200_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            string user = "user-" + (i * 7919 % 30_000);
            switch (i % 4)
            {
                case 0:
                case 1:
                    cache.Set(user, "token-" + user, Now + Lifetime, Lifetime);
                    break;
                case 2:
                    if (cache.TryGet(user, out string? token) && token != "token-" + user)
                    {
                        System.Threading.Interlocked.Increment(ref mixups);
                    }

                    break;
                default:
                    cache.Remove(user, "token-" + user);
                    break;
            }
        });

        Assert.Equal(0, mixups);
        Assert.InRange(cache.Count, 1, TokenCache.MaxEntries);
    }
}
