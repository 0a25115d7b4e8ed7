using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;

namespace Paragon.Proxy;

/// <summary>
/// Reads <c>Retry-After</c> one way, whatever its form (RFC 9110 §10.2.3): delay-seconds, with the fractions some servers
/// send, or an HTTP date. A number too large to wait is "too long" (<see cref="TimeSpan.MaxValue"/> at most), never
/// "unreadable": a server that asked for a long back-off must not be retried at once as if it had named none.
/// </summary>
internal static class RetryAfter
{
    /// <summary>The wait a response asks for; <see langword="null"/> when it names none (or only unreadable ones).</summary>
    public static TimeSpan? Read(HttpResponseMessage response)
    {
        // The raw values, not the typed header: its parser refuses fractions and numbers past int.MaxValue seconds, which
        // would then count as absent.
        if (!response.Headers.TryGetValues("Retry-After", out IEnumerable<string>? values))
        {
            return null;
        }

        foreach (string text in values)
        {
            if (Parse(text, DateTimeOffset.UtcNow) is { } wait)
            {
                return wait;
            }
        }

        return null;
    }

    private static readonly string[] HttpDates =
    [
        "r", // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        "dddd, dd'-'MMM'-'yy HH':'mm':'ss 'GMT'", // obsolete RFC 850
        "ddd MMM d HH':'mm':'ss yyyy", // obsolete asctime
    ];

    /// <summary>
    /// A <c>Retry-After</c> value as a wait: seconds (fractions allowed; too many to represent is
    /// <see cref="TimeSpan.MaxValue"/>) or an HTTP date (a past one is no wait); <see langword="null"/> if unreadable or negative.
    /// </summary>
    public static TimeSpan? Parse(string text, DateTimeOffset now)
    {
        string value = text.Trim();
        if (value.Length > 0 && (char.IsDigit(value[0]) || value[0] is '.' or '+'))
        {
            if (!double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double seconds)
                || double.IsNaN(seconds))
            {
                // A runtime whose parser refuses an overflow (.NET Framework) says no to "1e400": still a number, too long.
                return IsNumber(value) ? TimeSpan.MaxValue : null;
            }

            // Past what a TimeSpan holds (about 29,000 years, or a double's infinity): as long as can be said.
            return seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        if (DateTimeOffset.TryParseExact(value, HttpDates, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite, out DateTimeOffset date))
        {
            TimeSpan wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static bool IsNumber(string value)
    {
        foreach (char c in value)
        {
            if (!(char.IsDigit(c) || c is '.' or '+' or '-' or 'e' or 'E'))
            {
                return false;
            }
        }

        return value.IndexOfAny(['e', 'E']) < 0 || value.IndexOf('-') < 0;
    }
}
