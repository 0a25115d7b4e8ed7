using System;
using System.Text;

namespace Paragon.Internal;

/// <summary>
/// One <see cref="StringBuilder"/> per thread for the short strings a call builds (a path with its query): the BCL's own
/// <c>StringBuilderCache</c>. A typed call with a query parameter built its URL with a new builder and its buffer, some
/// 240 bytes of the call, to make one string; now it makes only the string. Not reentrant: a nested
/// <see cref="Acquire"/> while the builder is out gets a new one, so it is always safe, only not always free.
/// </summary>
internal static class StringBuilderCache
{
    /// <summary>The largest builder kept: a URL, not a body (the BCL keeps 360 characters).</summary>
    internal const int MaxCapacity = 512;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    /// <summary>An empty builder of at least <paramref name="capacity"/> characters: this thread's, when it fits and is free.</summary>
    public static StringBuilder Acquire(int capacity)
    {
        if (capacity <= MaxCapacity)
        {
            StringBuilder? cached = t_cached;
            if (cached is not null && capacity <= cached.Capacity)
            {
                t_cached = null;
                cached.Clear();
                return cached;
            }
        }

        return new StringBuilder(Math.Max(capacity, 16));
    }

    /// <summary>The builder's text; the builder goes back to this thread unless it grew past <see cref="MaxCapacity"/>.</summary>
    public static string GetStringAndRelease(StringBuilder builder)
    {
        string text = builder.ToString();
        if (builder.Capacity <= MaxCapacity)
        {
            t_cached = builder;
        }

        return text;
    }
}
