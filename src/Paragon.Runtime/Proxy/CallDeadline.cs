using System;
using System.Net;
using System.Threading;

namespace Paragon.Proxy;

/// <summary>
/// The call's time-out (<see cref="ParagonClientOptions.Timeout"/>): it covers getting the token, every attempt, the waits
/// between them, and reading the body. One source serves both the caller's token and the time-out: when it fires and the
/// caller's has not, the call timed out, and each stage words that for what it was doing. A struct: a call allocates
/// nothing for it beyond its token source.
/// </summary>
internal readonly struct CallDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _caller;
    private readonly TimeSpan _timeout;

    public CallDeadline(TimeSpan timeout, CancellationToken caller)
    {
        _timeout = timeout;
        _caller = caller;
        _source = caller.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(caller) : new CancellationTokenSource();
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

    public void Dispose() => _source.Dispose();
}
