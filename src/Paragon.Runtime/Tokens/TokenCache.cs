using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Paragon.Tokens;

/// <summary>
/// User tokens by user id, each dropped a margin before it expires so that no call leaves with a token that dies in flight.
/// The margin is a tenth of the token's lifetime, between 5 seconds and 5 minutes. Bounded, so that a service acting for
/// millions of users does not keep a token for each.
/// </summary>
internal sealed class TokenCache(Func<DateTimeOffset> clock)
{
    internal const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public bool TryGet(string userId, [NotNullWhen(true)] out string? token)
    {
        if (_entries.TryGetValue(userId, out Entry entry) && clock() < entry.RefreshAt)
        {
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

        if (_entries.Count >= MaxEntries)
        {
            Evict();
        }

        _entries[userId] = new Entry(token, refreshAt);
    }

    /// <summary>Drops the user's token if it is still <paramref name="token"/>; a newer one cached meanwhile is kept.</summary>
    public void Remove(string userId, string token)
    {
        if (_entries.TryGetValue(userId, out Entry entry) && string.Equals(entry.Token, token, StringComparison.Ordinal))
        {
            ((ICollection<KeyValuePair<string, Entry>>)_entries).Remove(new KeyValuePair<string, Entry>(userId, entry));
        }
    }

    private void Evict()
    {
        DateTimeOffset now = clock();
        foreach (KeyValuePair<string, Entry> pair in _entries)
        {
            if (pair.Value.RefreshAt <= now)
            {
                _entries.TryRemove(pair.Key, out _);
            }
        }

        // Still full of live tokens: start over rather than track recency; re-minting costs about a millisecond.
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
    }

    private readonly record struct Entry(string Token, DateTimeOffset RefreshAt);
}
