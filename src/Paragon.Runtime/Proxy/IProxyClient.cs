using System;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Proxy;

/// <summary>
/// Sends a described request through Paragon's proxy on behalf of one user. <see cref="ParagonClient"/> and
/// <see cref="ParagonUserClient"/> implement it; generated integration clients call nothing else (through
/// <see cref="ProxyCalls"/>), and a test may implement it to stand in for Paragon:
/// <see cref="Testing.InMemoryProxyClient"/> does.
/// </summary>
public interface IProxyClient
{
    /// <summary>Sends the request and returns the response; a non-success status raises <see cref="ParagonApiException"/>.</summary>
    /// <param name="request">What to send.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The provider's response. When the body was streamed (<see cref="ProxyRequest.StreamResponse"/>) it holds the
    /// connection until it, or the stream taken from <see cref="ParagonResponse.ReadAsStream"/>, is disposed; the caller
    /// disposes it.
    /// </returns>
    Task<ParagonResponse> SendAsync(ProxyRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// A proxy client that can lend a response's body from a pooled buffer to a caller that reads it and disposes the response
/// before returning (ProxyCalls' typed reads). A test double need not: it is sent the usual way.
/// </summary>
internal interface ILendingProxyClient
{
    Task<ParagonResponse> SendLendingBodyAsync(ProxyRequest request, CancellationToken cancellationToken);

    /// <summary>Sends with a lent body and reads the answer within the call, so that an unreadable success is the call's failure.</summary>
    Task<T> SendAndReadAsync<TState, T>(ProxyRequest request, Func<ParagonResponse, TState, T> read, TState state, CancellationToken cancellationToken);
}
