using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Paragon.Diagnostics;
using Paragon.Tokens;

namespace Paragon.Proxy;

/// <summary>
/// The funnel: every call, generated or raw, is sent here and nowhere else. It is a short composition of stages, each
/// owning one rule and its bound (Azure.Core's pipeline shape):
/// check and build (<see cref="RequestBuilder"/>) → the call's time-out (<see cref="CallDeadline"/>) → per attempt: the
/// token (<see cref="AttemptTokens"/>), the transport with its redirect refusal (<see cref="Transport"/>), then the
/// success (<see cref="SuccessReader"/>) or error (<see cref="ErrorReader"/>) reading → retries where they are safe
/// (<see cref="RetryPolicy"/>). A fix here is a fix for every integration.
/// </summary>
internal sealed class ProxyPipeline : IDisposable
{
    private readonly RequestBuilder _requests;
    private readonly AttemptTokens _tokens;
    private readonly RetryPolicy _retries;
    private readonly Transport _transport;
    private readonly SuccessReader _success;
    private readonly ErrorReader _errors;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    public ProxyPipeline(HttpClient http, bool ownsHttp, Uri proxyBaseUrl, Uri apiBaseUrl, Uri actionKitBaseUrl, string projectId, TokenSource tokens, ParagonClientOptions options, JsonSerializerOptions jsonOptions, ILogger? logger = null, ProxyTransportTraits traits = default)
    {
        _logger = logger ?? NullLogger.Instance;
        _requests = new RequestBuilder(proxyBaseUrl, apiBaseUrl, actionKitBaseUrl, projectId, options.UseRawResponse);
        _tokens = new AttemptTokens(tokens);
        _retries = new RetryPolicy(options.Retry, traits.OuterRetries);
        _transport = new Transport(http, ownsHttp, traits.Guarded, traits.OuterRetries);
        _success = new SuccessReader(options.MaxResponseBodySize, options.MaxErrorBodySize, options.Timeout, jsonOptions) { LenientRequiredFields = options.LenientRequiredFields, Logger = _logger };
        _errors = new ErrorReader(options.MaxErrorBodySize);
        _timeout = options.Timeout;
        JsonOptions = jsonOptions;
    }

    public JsonSerializerOptions JsonOptions { get; }

    public bool HasDefaultUser => _tokens.HasDefaultUser;

    /// <summary>Waits between attempts; tests replace it to observe the waits without sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = static (delay, ct) => Task.Delay(delay, ct);

    public Task<ParagonResponse> SendAsync(ProxyRequest request, string? userId, string? scopeCredentialId, CancellationToken cancellationToken) =>
        SendAsync(request, userId, scopeCredentialId, lendBody: false, cancellationToken);

    /// <summary>Sends a call.</summary>
    /// <param name="request">The call.</param>
    /// <param name="userId">The user it is made for; <see langword="null"/> for a static token's.</param>
    /// <param name="scopeCredentialId">The client's credential, unless the request names one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="lendBody">
    /// The caller reads the body and disposes the response before it returns, so the body may stay in the pooled buffer
    /// it was read into; the response must not reach anyone else.
    /// </param>
    public Task<ParagonResponse> SendAsync(ProxyRequest request, string? userId, string? scopeCredentialId, bool lendBody, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // Nobody listening (no sampled span, no histogram, logger off): the call goes straight in, with no extra state
        // machine, observer or tag, so telemetry costs an unobserved call three checks.
        return CallObserver.IsObserved(_logger)
            ? SendObservedAsync(request, userId, scopeCredentialId, lendBody, static (response, _) => response, dispose: false, (object?)null, cancellationToken)
            : SendCoreAsync(request, userId, scopeCredentialId, lendBody, observer: null, cancellationToken).AsTask();
    }

    /// <summary>
    /// Sends a call and reads its answer with <paramref name="read"/> as part of the call, then disposes the response (so
    /// its body may stay in the pooled buffer): a success whose body is not what the spec promised
    /// (<see cref="ParagonUnreadableResponseException"/>) is the call's failure in its span, metric and log, not a success.
    /// </summary>
    public Task<T> SendAndReadAsync<TState, T>(ProxyRequest request, string? userId, string? scopeCredentialId, bool lendBody, Func<ParagonResponse, TState, T> read, TState state, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        return CallObserver.IsObserved(_logger)
            ? SendObservedAsync(request, userId, scopeCredentialId, lendBody, read, dispose: true, state, cancellationToken)
            : ReadAsync(SendCoreAsync(request, userId, scopeCredentialId, lendBody, observer: null, cancellationToken), read, state);
    }

    /// <summary>Reads a sent call's answer, then disposes the response.</summary>
    internal static async Task<T> ReadAsync<TState, T>(Task<ParagonResponse> sending, Func<ParagonResponse, TState, T> read, TState state)
    {
        using ParagonResponse response = await sending.ConfigureAwait(false);
        return read(response, state);
    }

    /// <summary>As above, for the funnel's own sending (a pooled state machine on .NET).</summary>
    private static async Task<T> ReadAsync<TState, T>(ValueTask<ParagonResponse> sending, Func<ParagonResponse, TState, T> read, TState state)
    {
        using ParagonResponse response = await sending.ConfigureAwait(false);
        return read(response, state);
    }

    /// <summary>The call, and the reading of its answer, as one span, one duration measurement and one log line, whatever its attempts.</summary>
    private async Task<T> SendObservedAsync<TState, T>(ProxyRequest request, string? userId, string? scopeCredentialId, bool lendBody,
        Func<ParagonResponse, TState, T> read, bool dispose, TState state, CancellationToken cancellationToken)
    {
        CallObserver observer = CallObserver.Start(request, _logger);
        ParagonResponse response;
        T result;
        try
        {
            response = await SendCoreAsync(request, userId, scopeCredentialId, lendBody, observer, cancellationToken).ConfigureAwait(false);
            try
            {
                result = read(response, state);
            }
            finally
            {
                if (dispose)
                {
                    response.Dispose();
                }
            }
        }
        catch (Exception ex)
        {
            observer.Failed(ex);
            throw;
        }

        observer.Succeeded(response);
        return result;
    }

    // Pooled on .NET, as the stages' own: every call runs this once, and its state machine (the largest of a call, some
    // 220 bytes: every local of every attempt) was an allocation per call. Each caller awaits it once, or hands on AsTask().
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<ParagonResponse> SendCoreAsync(ProxyRequest request, string? userId, string? scopeCredentialId, bool lendBody, CallObserver? observer, CancellationToken cancellationToken)
    {
        // Everything that can be wrong with the description is found here, before a token is fetched or a byte is sent.
        string? credentialId = request.CredentialId ?? scopeCredentialId;
        Uri uri = _requests.Check(request, credentialId);
        bool mayRetry = RetryPolicy.MayRetry(request);
        bool unwrap = !_requests.IsRaw(request) && request.Target == ProxyTarget.Proxy; // Paragon's own API and ActionKit never wrap
        using var deadline = new CallDeadline(_timeout, cancellationToken);

        for (int attempt = 0; ; attempt++)
        {
            // Per attempt: a wait before a retry may have outlived the token.
            string token = await _tokens.GetAsync(userId, request, deadline).ConfigureAwait(false);
            HttpResponseMessage response;
            string? refusal;
            using (HttpRequestMessage message = _requests.Build(request, uri, _tokens.Authorization(token), credentialId))
            {
                (response, refusal) = await _transport.SendAsync(message, request, deadline, observer).ConfigureAwait(false);
            }

            bool readingBody = true; // the status is in; what follows reads the body, until a retry's wait
            try
            {
                if ((int)response.StatusCode is >= 200 and < 300 || (request.OutcomeStatus != 0 && (int)response.StatusCode == request.OutcomeStatus))
                {
                    return await _success.ReadAsync(response, request, unwrap, lendBody, deadline.Token).ConfigureAwait(false);
                }

                ParagonApiException error = await _errors.ReadAsync(response, request, token, userId, deadline.Token).ConfigureAwait(false);
                if (error.StatusCode == HttpStatusCode.Unauthorized && error.IsParagonError)
                {
                    _tokens.Refused(userId, token);
                }

                if (refusal is not null)
                {
                    error = error.WithMessageSuffix(refusal);
                }

                TimeSpan? wait = mayRetry ? _retries.Delay(response.StatusCode, error.RetryAfter, attempt) : null;
                if (wait is null)
                {
                    throw error;
                }

                response.Dispose();
                readingBody = false;
                await Delay(wait.Value, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (deadline.Expired)
            {
                response.Dispose();
                throw readingBody ? deadline.BodyTimedOut(request, response.StatusCode, ex) : deadline.TimedOut(request, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !deadline.Token.IsCancellationRequested)
            {
                // The body broke off after the status arrived (the socket's IOException, not an HttpRequestException).
                response.Dispose();
                throw _transport.Interrupted(request, uri, ex);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    public void Dispose()
    {
        _tokens.Dispose();
        _transport.Dispose();
    }
}

/// <summary>
/// What a client registered with <c>AddParagon</c> knows about its <see cref="HttpClient"/>'s chain, fixed when the client
/// is built: whether a retrying handler of the application's is in it (the funnel then leaves retries to it, so attempts
/// are not multiplied) and whether the attempt guard is (the funnel then attaches the attempt record).
/// </summary>
internal readonly record struct ProxyTransportTraits(bool OuterRetries, bool Guarded);
