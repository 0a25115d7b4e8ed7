using System;
using System.Net;
using System.Threading;

namespace Paragon.Proxy;

/// <summary>
/// The call's time-out (<see cref="ParagonClientOptions.Timeout"/>): it covers getting the token, every attempt, the waits
/// between them, and reading the body. One source serves both the caller's token and the time-out: when it fires and the
/// caller's has not, the call timed out, and each stage words that for what it was doing. A struct, and on .NET its token
/// source comes from a small pool: a source, its timer and the registration HttpClient makes on it were some 250 bytes
/// of every call (measured in CallBenchmarks), as much as the rest of the funnel's own work.
/// </summary>
/// <remarks>
/// A source goes back to the pool only through <c>CancellationTokenSource.TryReset</c> (.NET 6 and later), which refuses one that was
/// cancelled or whose timer ever fired, and drops every registration left on it: a token that was cancelled stays
/// cancelled, and nothing registered during one call is called for another. The caller's token is linked by a
/// registration that is removed before the source is given back (YARP's forwarder pools its sources the same way). As with
/// any pooled source (Kestrel's <c>RequestAborted</c>), the token must not be kept past the call: the funnel's stages do
/// not keep it; a handler of the application's that did would see a later call's time-out.
/// </remarks>
internal readonly struct CallDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _caller;
    private readonly TimeSpan _timeout;
#if NET6_0_OR_GREATER
    private readonly CancellationTokenRegistration _link;
#endif

    public CallDeadline(TimeSpan timeout, CancellationToken caller)
    {
        _timeout = timeout;
        _caller = caller;
#if NET6_0_OR_GREATER
        _source = SourcePool.Rent();
        _link = caller.CanBeCanceled ? caller.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _source) : default;
#else
        _source = caller.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(caller) : new CancellationTokenSource();
#endif
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _source.CancelAfter(timeout);
        }
    }

    /// <summary>Cancelled by the caller or at the time-out.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether the time-out fired (and not the caller).</summary>
    public bool Expired => _source.IsCancellationRequested && !_caller.IsCancellationRequested;

    private string Seconds => _timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    public TimeoutException TokenTimedOut(ProxyRequest request, Exception inner) =>
        new($"{request} did not get a user token within {Seconds} s.", inner);

    public TimeoutException TimedOut(ProxyRequest request, Exception inner) =>
        new($"{request} did not complete within {Seconds} s.", inner);

    /// <summary>
    /// The status arrived but the body did not within the time-out. For a success that matters: the call took effect at
    /// the provider, and a bare "did not complete" would invite the caller to repeat it.
    /// </summary>
    public TimeoutException BodyTimedOut(ProxyRequest request, HttpStatusCode status, Exception inner)
    {
        string outcome = (int)status is >= 200 and < 300 ? "; the call succeeded at the provider, so do not repeat it blindly." : ".";
        return new TimeoutException($"{request} was answered {(int)status} {status}, but its body did not arrive within {Seconds} s{outcome}", inner);
    }

    public void Dispose()
    {
#if NET6_0_OR_GREATER
        // Unlinked first (this waits for a cancellation the caller's token is running right now), so that the caller's
        // token can never cancel the source once another call has it.
        _link.Dispose();
        SourcePool.Return(_source);
#else
        _source.Dispose();
#endif
    }

#if NET6_0_OR_GREATER
    /// <summary>Sources that finished a call neither cancelled nor timed out, ready for the next one; bounded.</summary>
    internal static class SourcePool
    {
        /// <summary>More than the calls a process has in flight at once, usually; past it a source is simply disposed.</summary>
        internal const int Capacity = 256;

        private static readonly System.Collections.Concurrent.ConcurrentQueue<CancellationTokenSource> Free = new();
        private static int s_count;

        public static CancellationTokenSource Rent()
        {
            if (Free.TryDequeue(out CancellationTokenSource? source))
            {
                Interlocked.Decrement(ref s_count);
                return source;
            }

            return new CancellationTokenSource();
        }

        public static void Return(CancellationTokenSource source)
        {
            // TryReset stops the timer, refuses a source that was cancelled or whose timer may have fired, and drops the
            // registrations still on it.
            if (source.TryReset())
            {
                if (Interlocked.Increment(ref s_count) <= Capacity)
                {
                    Free.Enqueue(source);
                    return;
                }

                Interlocked.Decrement(ref s_count);
            }

            source.Dispose();
        }
    }
#endif
}
