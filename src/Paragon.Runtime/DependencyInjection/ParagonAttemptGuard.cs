using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Proxy;

namespace Paragon.DependencyInjection;

/// <summary>
/// The innermost handler of a client registered with <c>AddParagon</c>, next to the primary handler. A retrying handler
/// the application adds (Microsoft.Extensions.Http.Resilience, Polly) re-sends whatever its predicate matches, POST
/// included; every Paragon call is billed and a POST may have had its effect at the provider. This handler sees every
/// attempt of one <see cref="HttpRequestMessage"/>, counts them, and refuses a second attempt of a call that is not
/// idempotent once an earlier attempt may have reached the provider.
/// </summary>
/// <remarks>
/// It implements the funnel's side of <see cref="AttemptRecord"/>. The refusal is a <see cref="RetryRefusedException"/>, not an <see cref="HttpRequestException"/>, so that the
/// outer handler's default predicate does not retry it in turn. The funnel turns it back into the first attempt's outcome.
/// </remarks>
internal sealed class ParagonAttemptGuard : DelegatingHandler
{
    /// <summary>How much of a first attempt's error body is kept to report it: the funnel's error cap.</summary>
    private readonly int _errorCap;

    public ParagonAttemptGuard(int errorCap) => _errorCap = errorCap;

    /// <summary>How long a hedged copy that waited gives the first attempt's answer to be taken before it is refused.</summary>
    private static readonly TimeSpan HedgeGrace = TimeSpan.FromSeconds(2);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AttemptRecord state = AttemptRecord.Find(request) ?? AttemptRecord.Attach(request);
        bool idempotent = RetryPolicy.IsIdempotent(request.Method);
        int count = Interlocked.Increment(ref state.Count);
        TaskCompletionSource<bool>? sending = idempotent ? null : await TakeTheSendAsync(state, request, count, cancellationToken).ConfigureAwait(false);

        HttpResponseMessage response;
        bool reached = true;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!idempotent && state.FirstResponse is null && (int)response.StatusCode is < 200 or >= 300)
            {
                // An outer retry disposes this response before it tries again; keep a copy to report if that retry is
                // refused. Kept before the send is let go, so that a copy refused after it finds it.
                state.FirstResponse = await KeptResponse.CopyAsync(response, _errorCap, cancellationToken).ConfigureAwait(false);
                response = state.FirstResponse.Create(request);
            }
        }
        catch (Exception ex)
        {
            // Only a connection that was never made proves the provider did not get the call: it may be sent again.
            reached = !ProxyErrors.IsConnectFailure(ex);
            if (reached)
            {
                Interlocked.CompareExchange(ref state.FirstFailure, ex, null);
            }

            throw;
        }
        finally
        {
            if (sending is not null)
            {
                // Reached is set before the send is let go, so that whoever waited sees it.
                state.Reached |= reached;
                Volatile.Write(ref state.Sending, null);
                sending.TrySetResult(true);
            }
        }

        return response;
    }

    /// <summary>
    /// Lets one attempt of a call that is not idempotent go out at a time, and none once one may have reached the provider.
    /// A copy that a hedging handler sends while an earlier attempt is still waiting must not end the call (the handler
    /// would take the refusal as the outcome and cancel the attempt that is on its way): it waits until that attempt has
    /// its answer, which the handler then takes, cancelling this copy. Only a copy that outlives it is refused.
    /// </summary>
    private static async Task<TaskCompletionSource<bool>> TakeTheSendAsync(AttemptRecord state, HttpRequestMessage request, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (state.Reached)
            {
                throw new RetryRefusedException(request.Method.Method, count, state.FirstResponse, state.FirstFailure);
            }

            TaskCompletionSource<bool>? current = Volatile.Read(ref state.Sending);
            if (current is null)
            {
                var mine = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (Interlocked.CompareExchange(ref state.Sending, mine, null) is null)
                {
                    return mine;
                }

                continue;
            }

            // Waits for that attempt or for this copy's cancellation, whichever comes first (WaitAsync is not on netstandard2.0).
            using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                await Task.WhenAny(current.Task, Task.Delay(Timeout.Infinite, waiting.Token)).ConfigureAwait(false);
                waiting.Cancel(); // ends the delay when the attempt finished first
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (state.Reached)
            {
                // That attempt's answer is on its way up to the hedging handler, which takes it and cancels this copy. A
                // refusal raised at once could reach the handler first and become the outcome instead: give the answer
                // the lead. Only when the handler does not take it (a 503, say) does this copy end the call, refused.
                await Task.Delay(HedgeGrace, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
