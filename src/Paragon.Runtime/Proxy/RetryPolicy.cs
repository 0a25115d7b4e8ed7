using System;
using System.Net;
using System.Net.Http;

namespace Paragon.Proxy;

/// <summary>
/// The attempts stage's rule: which calls may be sent again and after how long. Paragon does not retry proxy calls and
/// bills every call, so only idempotent calls whose body can be sent again are retried, only after 429 or 503, honouring
/// <c>Retry-After</c> up to <see cref="ParagonRetryOptions.MaxDelay"/> (a longer one is reported, not waited).
/// </summary>
internal sealed class RetryPolicy
{
    private readonly TimeSpan _maxDelay;
    private readonly TimeSpan _baseDelay;

    public RetryPolicy(ParagonRetryOptions options, bool outerRetries)
    {
        // With a retrying handler of the application's in the HttpClient, that handler retries: attempts are not multiplied.
        MaxRetries = outerRetries ? 0 : Math.Max(0, options.MaxRetries);
        OuterRetries = outerRetries;
        _maxDelay = options.MaxDelay;
        _baseDelay = options.BaseDelay;
    }

    public int MaxRetries { get; }

    /// <summary>Whether a retrying handler of the application's decides about retries instead.</summary>
    public bool OuterRetries { get; }

    internal static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put
        || method == HttpMethod.Delete;

    /// <summary>Whether the call may be attempted more than once at all.</summary>
    public static bool MayRetry(ProxyRequest request) => IsIdempotent(request.Method) && (request.Body is null || request.Body.IsReplayable);

    /// <summary>How long to wait before the next attempt, or <see langword="null"/> when the error is final.</summary>
    public TimeSpan? Delay(HttpStatusCode status, TimeSpan? retryAfter, int attempt)
    {
        if (attempt >= MaxRetries || status is not ((HttpStatusCode)429 or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        if (retryAfter is { } asked)
        {
            return asked <= _maxDelay ? asked : null;
        }

        // No hint: back off exponentially with jitter so that many clients throttled together do not return together.
        double factor = Math.Pow(2, Math.Min(attempt, 30)) * (0.8 + (0.4 * Jitter.NextDouble()));
        double ticks = Math.Min(_baseDelay.Ticks * factor, _maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private static class Jitter
    {
#if NET6_0_OR_GREATER
        public static double NextDouble() => Random.Shared.NextDouble();
#else
        [ThreadStatic]
        private static Random? _random;

        public static double NextDouble() => (_random ??= new Random(Guid.NewGuid().GetHashCode())).NextDouble();
#endif
    }
}
