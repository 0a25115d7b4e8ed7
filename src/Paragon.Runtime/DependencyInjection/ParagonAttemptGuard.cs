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
/// The refusal is a <see cref="ParagonRetryRefusedException"/>, not an <see cref="HttpRequestException"/>, so that the
/// outer handler's default predicate does not retry it in turn. The funnel turns it back into the first attempt's outcome.
/// </remarks>
internal sealed class ParagonAttemptGuard : DelegatingHandler
{
    /// <summary>The most of a first attempt's error body kept to report it: one byte more than the funnel reads, so that it still sees a body it must cut.</summary>
    internal const int MaxKeptBody = ProxyErrors.MaxErrorBody + 1;

#if NET5_0_OR_GREATER
    private static readonly HttpRequestOptionsKey<AttemptState> StateKey = new("Paragon.Attempts");
#else
    private const string StateKey = "Paragon.Attempts";
#endif

    /// <summary>How many times the guard has seen this request go out (1 for a call no outer handler retried); 0 when no guard is in the chain.</summary>
    internal static int AttemptCount(HttpRequestMessage request) => Find(request)?.Count ?? 0;

    /// <summary>How long a hedged copy that waited gives the first attempt's answer to be taken before it is refused.</summary>
    private static readonly TimeSpan HedgeGrace = TimeSpan.FromSeconds(2);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AttemptState state = Find(request) ?? Attach(request);
        bool idempotent = ProxyPipeline.IsIdempotent(request.Method);
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
                state.FirstResponse = await KeptResponse.CopyAsync(response, cancellationToken).ConfigureAwait(false);
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
    private static async Task<TaskCompletionSource<bool>> TakeTheSendAsync(AttemptState state, HttpRequestMessage request, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (state.Reached)
            {
                throw new ParagonRetryRefusedException(request.Method.Method, count, state.FirstResponse, state.FirstFailure);
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

    private static AttemptState? Find(HttpRequestMessage request)
    {
#if NET5_0_OR_GREATER
        return request.Options.TryGetValue(StateKey, out AttemptState? state) ? state : null;
#else
        return request.Properties.TryGetValue(StateKey, out object? state) ? state as AttemptState : null;
#endif
    }

    /// <summary>
    /// Gives a message its attempt record before any handler sees it. A hedging handler sends copies of the message it
    /// was given, with that message's options: the copies then share the record, and the guard sees them all.
    /// </summary>
    internal static AttemptState Attach(HttpRequestMessage request)
    {
        var state = new AttemptState();
#if NET5_0_OR_GREATER
        request.Options.Set(StateKey, state);
#else
        request.Properties[StateKey] = state;
#endif
        return state;
    }

    internal sealed class AttemptState
    {
        public int Count;

        /// <summary>The attempt of a non-idempotent call that is on its way now, if any; it completes when that attempt has its answer.</summary>
        public TaskCompletionSource<bool>? Sending;

        /// <summary>Whether an attempt of a non-idempotent call may have reached the provider (anything but a connection never made).</summary>
        public volatile bool Reached;
        public KeptResponse? FirstResponse;
        public Exception? FirstFailure;
    }
}

/// <summary>A capped copy of an error response: status, headers and the start of the body.</summary>
internal sealed class KeptResponse
{
    private readonly HttpStatusCode _status;
    private readonly string? _reason;
    private readonly List<KeyValuePair<string, IEnumerable<string>>> _headers = [];
    private readonly List<KeyValuePair<string, IEnumerable<string>>> _contentHeaders = [];
    private readonly byte[] _body;

    private KeptResponse(HttpResponseMessage response, byte[] body)
    {
        _status = response.StatusCode;
        _reason = response.ReasonPhrase;
        _headers.AddRange(response.Headers);
        if (response.Content is not null)
        {
            _contentHeaders.AddRange(response.Content.Headers);
        }

        _body = body;
    }

    public static async Task<KeptResponse> CopyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The copy replaces the response: it is disposed here whether or not its body could be read.
        using (response)
        {
            byte[] body = [];
            if (response.Content is not null)
            {
#if NET5_0_OR_GREATER
                using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                (body, _) = await ProxyErrors.ReadUpToCapAsync(stream, cancellationToken, ParagonAttemptGuard.MaxKeptBody).ConfigureAwait(false);
            }

            return new KeptResponse(response, body);
        }
    }

    /// <summary>A fresh response from the copy (each reader gets its own content).</summary>
    public HttpResponseMessage Create(HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(_status) { ReasonPhrase = _reason, RequestMessage = request, Content = new ByteArrayContent(_body) };
        foreach (KeyValuePair<string, IEnumerable<string>> header in _headers)
        {
            response.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (KeyValuePair<string, IEnumerable<string>> header in _contentHeaders)
        {
            // The copy's length is its own; the original's may be longer than what was kept.
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return response;
    }
}

/// <summary>
/// An outer handler tried to send a call that is not idempotent a second time after an earlier attempt may have reached
/// the provider. Deliberately not an <see cref="HttpRequestException"/>: retry predicates do not match it.
/// </summary>
internal sealed class ParagonRetryRefusedException : Exception
{
    public ParagonRetryRefusedException(string method, int attempt, KeptResponse? firstResponse, Exception? firstFailure)
        : base($"Attempt {attempt} of this {method} call was refused: {method} is not idempotent and an earlier attempt may have reached the provider, so a retrying handler must not send it again.", firstFailure)
    {
        Method = method;
        FirstResponse = firstResponse;
        FirstFailure = firstFailure;
    }

    public string Method { get; }

    /// <summary>The first attempt's error response, kept by the guard; <see langword="null"/> when it failed or succeeded.</summary>
    public KeptResponse? FirstResponse { get; }

    /// <summary>The first attempt's failure, if it failed.</summary>
    public Exception? FirstFailure { get; }
}
