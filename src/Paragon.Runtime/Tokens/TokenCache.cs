using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace Paragon.Tokens;

/// <summary>
/// User tokens by user id, each dropped a margin before it expires so that no call leaves with a token that dies in flight.
/// The margin is a tenth of the token's lifetime, between 5 seconds and 5 minutes. Bounded, so that a service acting for
/// millions of users does not keep a token for each: when full, expired tokens go first, then the least recently used
/// tenth, so the users being served keep their tokens instead of all re-minting at once.
/// </summary>
/// <remarks>
/// Hand-written rather than Microsoft.Extensions.Caching.Memory: with a SizeLimit that cache rejects new entries when full
/// until a background compaction runs (so the users being served would re-mint anyway), and it would add a dependency
/// chain to a runtime that targets netstandard2.0, for what is a dictionary, a use stamp and a sort on overflow.
/// Recency is approximate (a stamp per use, compared only on overflow), which is all eviction needs.
/// </remarks>
internal sealed class TokenCache(Func<DateTimeOffset> clock)
{
    internal const int MaxEntries = 10_000;

    // Each overflow frees a tenth, so the O(n log n) sort runs once per MaxEntries / 10 new users, not on every one.
    private const int EvictTo = MaxEntries - MaxEntries / 10;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly object _evictLock = new();
    private long _clock;

    public int Count => _entries.Count;

    public bool TryGet(string userId, [NotNullWhen(true)] out string? token)
    {
        if (_entries.TryGetValue(userId, out Entry? entry) && clock() < entry.RefreshAt)
        {
            entry.Touch(Interlocked.Increment(ref _clock));
            token = entry.Token;
            return true;
        }

        token = null;
        return false;
    }

    public void Set(string userId, string token, DateTimeOffset expiresAt, TimeSpan lifetime)
    {
        long marginTicks = Math.Min(TimeSpan.FromMinutes(5).Ticks, Math.Max(TimeSpan.FromSeconds(5).Ticks, lifetime.Ticks / 10));
        DateTimeOffset refreshAt = expiresAt - TimeSpan.FromTicks(marginTicks);
        if (refreshAt <= clock())
        {
            return;
        }

        _entries[userId] = new Entry(token, refreshAt, Interlocked.Increment(ref _clock));

        // Checked after adding, so that whichever Set adds last also trims: the bound holds once concurrent Sets finish.
        if (_entries.Count > MaxEntries)
        {
            Evict();
        }
    }

    /// <summary>Drops the user's token if it is still <paramref name="token"/>; a newer one cached meanwhile is kept.</summary>
    public void Remove(string userId, string token)
    {
        if (_entries.TryGetValue(userId, out Entry? entry) && string.Equals(entry.Token, token, StringComparison.Ordinal))
        {
            // Removes this very entry only: a token cached for the user since the lookup stays.
            ((ICollection<KeyValuePair<string, Entry>>)_entries).Remove(new KeyValuePair<string, Entry>(userId, entry));
        }
    }

    private void Evict()
    {
        // One thread trims at a time; the others find it done when they get the lock.
        lock (_evictLock)
        {
            if (_entries.Count <= MaxEntries)
            {
                return;
            }

            DateTimeOffset now = clock();
            var live = new List<KeyValuePair<string, Entry>>(_entries.Count);
            foreach (KeyValuePair<string, Entry> pair in _entries)
            {
                if (pair.Value.RefreshAt <= now)
                {
                    ((ICollection<KeyValuePair<string, Entry>>)_entries).Remove(pair);
                }
                else
                {
                    live.Add(pair);
                }
            }

            int excess = live.Count - EvictTo;
            if (excess <= 0)
            {
                return;
            }

            live.Sort(static (a, b) => a.Value.LastUsed.CompareTo(b.Value.LastUsed));
            for (int i = 0; i < excess; i++)
            {
                ((ICollection<KeyValuePair<string, Entry>>)_entries).Remove(live[i]);
            }
        }
    }

    /// <summary>A reference type so that a use can restamp it in place, and so that removal matches this very entry.</summary>
    private sealed class Entry(string token, DateTimeOffset refreshAt, long lastUsed)
    {
        private long _lastUsed = lastUsed;

        public string Token { get; } = token;

        public DateTimeOffset RefreshAt { get; } = refreshAt;

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public void Touch(long stamp) => Interlocked.Exchange(ref _lastUsed, stamp);
    }
}
