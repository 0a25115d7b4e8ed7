using System;
using System.Net.Http;
using System.Threading.Tasks;
using Paragon.Diagnostics;

namespace Paragon.Proxy;

/// <summary>
/// The transport stage: one attempt through the <see cref="HttpClient"/>. It attaches the attempt record for a guard in
/// the chain, turns a guard's refusal back into the first attempt's answer, words a broken connection for what it means
/// (sent or not), and refuses a redirect the handler followed (an <see cref="HttpClient"/> the application passed in may
/// follow them; <c>AddParagon</c>'s never does).
/// </summary>
internal sealed class Transport(HttpClient http, bool ownsHttp, bool guarded, bool outerRetries) : IDisposable
{
    // Pooled on .NET: this stage awaits the network on every call, and its state machine would otherwise be an allocation
    // per call that the funnel did not have when it was one method.
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    public async ValueTask<(HttpResponseMessage Response, string? Refusal)> SendAsync(HttpRequestMessage message, ProxyRequest request, CallDeadline deadline, CallObserver? observer)
    {
        Uri sent = message.RequestUri!;
        if (guarded)
        {
            AttemptRecord.Attach(message);
        }

        observer?.OnAttempt();
        HttpResponseMessage response;
        string? refusal = null;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.Expired)
        {
            throw deadline.TimedOut(request, ex);
        }
        catch (RetryRefusedException refused)
        {
            // An outer handler wanted to send a non-idempotent call again: the caller gets the first attempt's outcome.
            refusal = $" It was not retried: {request.Method} is not idempotent and the first attempt reached the provider.";
            response = refused.FirstResponse?.Create(message) ?? throw new HttpRequestException(
                $"{request} failed and was not retried: {request.Method} is not idempotent and the first attempt may have reached the provider.",
                refused.FirstFailure);
        }
        catch (HttpRequestException ex) when (!deadline.Token.IsCancellationRequested)
        {
            throw Interrupted(request, sent, ex);
        }
        finally
        {
            // A retrying handler of the application's may have sent this message several times (the guard counts).
            observer?.OnHandlerAttempts(AttemptRecord.CountOf(message));
        }

        if (response.RequestMessage?.RequestUri is { } answered && answered != sent)
        {
            response.Dispose();
            throw FollowedRedirect(request, sent, answered);
        }

        return (response, refusal);
    }

    /// <summary>
    /// The connection failed. When no connection was made, nothing was sent and the caller may simply try again. Otherwise
    /// the provider may have received the call and acted (created, sent, charged): the funnel does not repeat it, and the
    /// caller is told that in words, with the transport's own error inside.
    /// </summary>
    public HttpRequestException Interrupted(ProxyRequest request, Uri uri, Exception inner)
    {
        string call = request.ToString();
        string cause = inner.GetBaseException().Message;
        if (ProxyErrors.IsConnectFailure(inner))
        {
            return new HttpRequestException($"{call} could not connect to {uri.Authority} ({cause}); nothing was sent.", inner);
        }

        // With a retrying handler of the application's in the chain, that handler decided about retries, not the funnel.
        string retried = outerRetries ? "." : ", so it was not retried; check before repeating it.";
        return new HttpRequestException($"{call} failed on the connection ({cause}). The call may have reached the provider and taken effect{retried}", inner);
    }

    /// <summary>
    /// The given <see cref="HttpClient"/> followed a redirect (its handler allows them): the call's body, credential choice
    /// and headers went to another URL. Only hosts are named: a query or a token must not reach a message.
    /// </summary>
    private static InvalidOperationException FollowedRedirect(ProxyRequest request, Uri sent, Uri answered) =>
        new($"{request} was redirected from {sent.GetLeftPart(UriPartial.Authority)} to "
            + $"{answered.GetLeftPart(UriPartial.Authority)} and the HttpClient given to ParagonClient followed it, resending the call elsewhere. "
            + "Create that HttpClient's handler with AllowAutoRedirect = false, or register the client with services.AddParagon(…), whose handler follows no redirects.");

    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }
}
