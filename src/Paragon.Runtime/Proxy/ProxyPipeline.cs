using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Paragon.Diagnostics;
using Paragon.Tokens;

namespace Paragon.Proxy;

/// <summary>
/// The funnel: every call, generated or raw, is sent here and nowhere else. It validates the description, gets the
/// user's token, builds the URL and headers, sends with retries where they are safe, maps errors, and unwraps the
/// <c>{"output": …}</c> envelope when raw responses are off. A fix here is a fix for every integration.
/// </summary>
internal sealed class ProxyPipeline : IDisposable
{
    private static readonly string UserAgent = BuildUserAgent();

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _proxyPrefix;
    private readonly string _apiPrefix;
    private readonly TokenSource _tokens;
    private readonly bool _rawResponse;
    private readonly int _maxRetries;
    private readonly TimeSpan _maxRetryDelay;
    private readonly TimeSpan _baseRetryDelay;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    public ProxyPipeline(HttpClient http, bool ownsHttp, Uri proxyBaseUrl, Uri apiBaseUrl, string projectId, TokenSource tokens, ParagonClientOptions options, JsonSerializerOptions jsonOptions, ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _http = http;
        _ownsHttp = ownsHttp;
        _proxyPrefix = proxyBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/projects/" + Uri.EscapeDataString(projectId) + "/sdk/proxy/";
        _apiPrefix = apiBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/projects/" + Uri.EscapeDataString(projectId);
        _tokens = tokens;
        _rawResponse = options.UseRawResponse;
        _maxRetries = Math.Max(0, options.Retry.MaxRetries);
        _maxRetryDelay = options.Retry.MaxDelay;
        _baseRetryDelay = options.Retry.BaseDelay;
        _timeout = options.Timeout;
        JsonOptions = jsonOptions;
    }

    public JsonSerializerOptions JsonOptions { get; }

    public bool HasDefaultUser => _tokens.HasDefaultUser;

    /// <summary>
    /// A retrying handler of the application's sits in the <see cref="HttpClient"/> (found by <c>AddParagon</c>): this
    /// funnel then leaves retries to it, so that a throttled call is not retried by both, attempts multiplied.
    /// </summary>
    internal bool OuterRetries { get; set; }

    /// <summary>Set when the HttpClient's chain has the attempt guard (a client registered with AddParagon).</summary>
    internal bool Guarded { get; set; }

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
            ? SendObservedAsync(request, userId, scopeCredentialId, lendBody, cancellationToken)
            : SendCoreAsync(request, userId, scopeCredentialId, lendBody, observer: null, cancellationToken);
    }

    /// <summary>The call as one span, one duration measurement and one log line, whatever its attempts.</summary>
    private async Task<ParagonResponse> SendObservedAsync(ProxyRequest request, string? userId, string? scopeCredentialId, bool lendBody, CancellationToken cancellationToken)
    {
        CallObserver observer = CallObserver.Start(request, _logger);
        ParagonResponse response;
        try
        {
            response = await SendCoreAsync(request, userId, scopeCredentialId, lendBody, observer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            observer.Failed(ex);
            throw;
        }

        observer.Succeeded(response);
        return response;
    }

    private async Task<ParagonResponse> SendCoreAsync(ProxyRequest request, string? userId, string? scopeCredentialId, bool lendBody, CallObserver? observer, CancellationToken cancellationToken)
    {
        // Everything that can be wrong with the description is found here, before a token is fetched or a byte is sent.
        string? credentialId = request.CredentialId ?? scopeCredentialId;
        string pathAndQuery = ProxyPath.Check(request, credentialId);

        // One concatenation either way, as before: the proxy path pays one enum check for the API host.
        var uri = new Uri(request.Target == ProxyTarget.Api ? _apiPrefix + pathAndQuery : _proxyPrefix + request.Integration + pathAndQuery, UriKind.Absolute);
        bool retryable = IsIdempotent(request.Method) && (request.Body is null || request.Body.IsReplayable);

        // The time-out covers the whole call: getting the token, every attempt, the waits between them, and the body.
        // One source serves both the caller's token and the time-out: when it fires and the caller's has not, it timed out.
        using CancellationTokenSource linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource();
        if (_timeout != System.Threading.Timeout.InfiniteTimeSpan && _timeout.TotalMilliseconds <= int.MaxValue)
        {
            linked.CancelAfter(_timeout);
        }

        string token;
        try
        {
            token = await _tokens.GetTokenAsync(userId, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (linked.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{request} did not get a user token within {_timeout.TotalSeconds:0.###} s.", ex);
        }

        int maxRetries = OuterRetries ? 0 : _maxRetries;
        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            string? refusal = null;
            using (HttpRequestMessage message = BuildMessage(request, uri, token, credentialId))
            {
                if (Guarded)
                {
                    Paragon.DependencyInjection.ParagonAttemptGuard.Attach(message);
                }

                observer?.OnAttempt();
                try
                {
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (linked.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw TimedOut(request, ex);
                }
                catch (Paragon.DependencyInjection.ParagonRetryRefusedException refused)
                {
                    // An outer handler wanted to send a non-idempotent call again: the caller gets the first attempt's outcome.
                    refusal = $" It was not retried: {request.Method} is not idempotent and the first attempt reached the provider.";
                    response = refused.FirstResponse?.Create(message) ?? throw new HttpRequestException(
                        $"{request} failed and was not retried: {request.Method} is not idempotent and the first attempt may have reached the provider.",
                        refused.FirstFailure);
                }
                catch (HttpRequestException ex) when (!linked.IsCancellationRequested)
                {
                    throw Interrupted(request, uri, ex);
                }
                finally
                {
                    // A retrying handler of the application's may have sent this message several times (the guard counts).
                    observer?.OnHandlerAttempts(Paragon.DependencyInjection.ParagonAttemptGuard.AttemptCount(message));
                }

                if (response.RequestMessage?.RequestUri is { } answered && answered != uri)
                {
                    response.Dispose();
                    throw FollowedRedirect(request, uri, answered);
                }
            }

            bool readingBody = true; // the status is in; what follows reads the body, until a retry's wait
            try
            {
                if ((int)response.StatusCode is >= 200 and < 300 || (request.OutcomeStatus != 0 && (int)response.StatusCode == request.OutcomeStatus))
                {
                    return await ReadSuccessAsync(response, request, lendBody, linked.Token).ConfigureAwait(false);
                }

                ParagonApiException error = await ProxyErrors.CreateAsync(response, request, ProxyPath.StripQuery(request.Path), token, linked.Token, userId).ConfigureAwait(false);
                if (error.StatusCode == HttpStatusCode.Unauthorized && error.IsParagonError)
                {
                    // Paragon refused the token itself: the next call for this user must not send it again.
                    _tokens.Invalidate(userId, token);
                }

                if (refusal is not null)
                {
                    error = error.WithMessageSuffix(refusal);
                }

                TimeSpan? wait = retryable && attempt < maxRetries ? RetryDelay(response.StatusCode, error.RetryAfter, attempt) : null;
                if (wait is null)
                {
                    throw error;
                }

                response.Dispose();
                readingBody = false;
                await Delay(wait.Value, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (linked.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                response.Dispose();
                throw readingBody ? BodyTimedOut(request, response.StatusCode, ex) : TimedOut(request, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !linked.IsCancellationRequested)
            {
                // The body broke off after the status arrived (the socket's IOException, not an HttpRequestException).
                response.Dispose();
                throw Interrupted(request, uri, ex);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// The connection failed. When no connection was made, nothing was sent and the caller may simply try again. Otherwise
    /// the provider may have received the call and acted (created, sent, charged): the funnel does not repeat it, and the
    /// caller is told that in words, with the transport's own error inside.
    /// </summary>
    private HttpRequestException Interrupted(ProxyRequest request, Uri uri, Exception inner)
    {
        string call = request.ToString();
        string cause = inner.GetBaseException().Message;
        if (ProxyErrors.IsConnectFailure(inner))
        {
            return new HttpRequestException($"{call} could not connect to {uri.Authority} ({cause}); nothing was sent.", inner);
        }

        // With a retrying handler of the application's in the chain, that handler decided about retries, not the funnel.
        string retried = OuterRetries ? "." : ", so it was not retried; check before repeating it.";
        return new HttpRequestException($"{call} failed on the connection ({cause}). The call may have reached the provider and taken effect{retried}", inner);
    }

    /// <summary>Whether a proxy call asks for the provider's raw answer (the client's setting, or the request's own need).</summary>
    private bool IsRaw(ProxyRequest request) => (_rawResponse || request.RawResponse) && request.Target == ProxyTarget.Proxy;

    private TimeoutException TimedOut(ProxyRequest request, Exception inner) =>
        new($"{request} did not complete within {_timeout.TotalSeconds:0.###} s.", inner);

    /// <summary>
    /// The status arrived but the body did not within the time-out. For a success that matters: the call took effect at
    /// the provider, and a bare "did not complete" would invite the caller to repeat it.
    /// </summary>
    private TimeoutException BodyTimedOut(ProxyRequest request, HttpStatusCode status, Exception inner)
    {
        string call = request.ToString();
        string outcome = (int)status is >= 200 and < 300
            ? "; the call succeeded at the provider, so do not repeat it blindly."
            : ".";
        return new TimeoutException($"{call} was answered {(int)status} {status}, but its body did not arrive within {_timeout.TotalSeconds:0.###} s{outcome}", inner);
    }

    private HttpRequestMessage BuildMessage(ProxyRequest request, Uri uri, string token, string? credentialId)
    {
        var message = new HttpRequestMessage(request.Method, uri);
        HttpRequestHeaders headers = message.Headers;
        headers.TryAddWithoutValidation("Authorization", Authorization(token));
        headers.TryAddWithoutValidation("User-Agent", UserAgent);
        // Paragon's own API answers as it is; the header is the proxy's.
        if (IsRaw(request))
        {
            headers.TryAddWithoutValidation("X-Paragon-Use-Raw-Response", "1");
        }

        if (credentialId is not null)
        {
            headers.TryAddWithoutValidation("X-Paragon-Credential", credentialId);
        }

        if (request.Body is not null)
        {
            message.Content = request.Body.CreateContent(request.ContentType);
        }

        bool acceptGiven = false;
        IReadOnlyList<KeyValuePair<string, string>> extra = request.Headers.Items;
        for (int i = 0; i < extra.Count; i++)
        {
            KeyValuePair<string, string> header = extra[i];
            if (header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                message.Content!.Headers.TryAddWithoutValidation(header.Key, header.Value);
                continue;
            }

            acceptGiven |= string.Equals(header.Key, "Accept", StringComparison.OrdinalIgnoreCase);
            headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (!acceptGiven)
        {
            headers.TryAddWithoutValidation("Accept", "application/json");
        }

        return message;
    }

    /// <summary>
    /// The Authorization value for a token. A cached token comes back as the same string call after call, so its header
    /// value (a JWT is some 500 characters) is built once rather than per call.
    /// </summary>
    private string Authorization(string token)
    {
        AuthorizationValue? last = _lastAuthorization;
        if (last is not null && ReferenceEquals(last.Token, token))
        {
            return last.Value;
        }

        last = new AuthorizationValue(token, "Bearer " + token);
        _lastAuthorization = last;
        return last.Value;
    }

    private AuthorizationValue? _lastAuthorization;

    private sealed class AuthorizationValue(string token, string value)
    {
        public string Token { get; } = token;

        public string Value { get; } = value;
    }

    private async Task<ParagonResponse> ReadSuccessAsync(HttpResponseMessage response, ProxyRequest request, bool lendBody, CancellationToken cancellationToken)
    {
        if (request.StreamResponse)
        {
            IReadOnlyDictionary<string, IReadOnlyList<string>> headers = CollectHeaders(response);
#if NET5_0_OR_GREATER
            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            return new ParagonResponse(response, stream, headers, JsonOptions) { Request = request };
        }

        byte[] buffer;
        int length;
        string? contentType;
        List<KeyValuePair<string, IReadOnlyList<string>>>? contentHeaders = null;
        using (response)
        {
            // Read while the content is alive: a disposed HttpContent need not keep its headers.
            if (response.Content is { } content)
            {
                contentType = content.Headers.ContentType?.ToString();
                foreach (KeyValuePair<string, IEnumerable<string>> header in content.Headers)
                {
                    (contentHeaders ??= []).Add(new KeyValuePair<string, IReadOnlyList<string>>(header.Key, new List<string>(header.Value)));
                }
            }
            else
            {
                contentType = null;
            }

            (buffer, length) = await ReadPooledAsync(response, cancellationToken).ConfigureAwait(false);
        }

        int offset = 0;

        // A raw response is the provider's own body, which may itself be an object with one "output" property.
        bool unwrapped;
        ArraySegment<byte> inner = default;
        bool isText = false;
        try
        {
            // Paragon's own API never wraps: a workflow's result {"output": …} is the workflow's, kept whole.
            unwrapped = !IsRaw(request) && request.Target == ProxyTarget.Proxy && OutputEnvelope.TryUnwrap(new ArraySegment<byte>(buffer, 0, length), out inner, out isText);
        }
        catch
        {
            // Not one of the failures the envelope reader expects: the pooled buffer goes back before the error goes up.
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (unwrapped)
        {
            contentType = isText ? ProxyBody.TextContentType : ProxyBody.JsonContentType;
            if (inner.Array != buffer)
            {
                // The envelope held text, decoded into an array of its own.
                ArrayPool<byte>.Shared.Return(buffer);
                return new ParagonResponse(response.StatusCode, response.Headers, contentHeaders, contentType, inner.Array!, inner.Offset, inner.Count, rented: false, JsonOptions) { Request = request };
            }

            offset = inner.Offset;
            length = inner.Count;
        }

        if (lendBody)
        {
            return new ParagonResponse(response.StatusCode, response.Headers, contentHeaders, contentType, buffer, offset, length, rented: true, JsonOptions) { Request = request };
        }

        // The caller may keep this response as long as it likes: its body gets an array of its own, of the exact size.
        byte[] body = length == 0 ? [] : buffer.AsSpan(offset, length).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        return new ParagonResponse(response.StatusCode, response.Headers, contentHeaders, contentType, body, 0, body.Length, rented: false, JsonOptions) { Request = request };
    }

    /// <summary>
    /// Reads the whole body into a buffer from the pool, honouring cancellation on every target: one copy from the
    /// connection, where HttpContent's own buffering copies it twice (into its buffer, then into an array of the exact size).
    /// </summary>
    /// <returns>The buffer, which the caller returns to the pool, and how much of it is the body.</returns>
    internal static async Task<(byte[] Buffer, int Length)> ReadPooledAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        HttpContent? content = response.Content;
        if (content is null)
        {
            return (ArrayPool<byte>.Shared.Rent(0), 0);
        }

        // A known length is read into a buffer one byte larger, so that the read that finds the end needs no new buffer.
        long? declared = content.Headers.ContentLength;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(declared is >= 0 and < int.MaxValue ? (int)Math.Min(declared.Value + 1, 1 << 20) : 16 * 1024);
        int length = 0;
        try
        {
#if NET5_0_OR_GREATER
            using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length);
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
#else
            // netstandard2.0's network streams may not honour cancellation: disposing the response aborts a stalled read.
            using (cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
            {
                try
                {
                    using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
                    while (true)
                    {
                        if (length == buffer.Length)
                        {
                            buffer = Grow(buffer, length);
                        }

                        int read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return (buffer, length);
                        }

                        length += read;
                    }
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
                {
                    throw new OperationCanceledException("The response body was not received in time.", ex, cancellationToken);
                }
            }
#endif
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        static byte[] Grow(byte[] buffer, int length)
        {
            if (buffer.Length >= MaxBody)
            {
                throw new HttpRequestException($"The response body is larger than {MaxBody} bytes; ask for it as a stream (StreamResponse = true).");
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, MaxBody));
            Buffer.BlockCopy(buffer, 0, larger, 0, length);
            ArrayPool<byte>.Shared.Return(buffer);
            return larger;
        }
    }

    /// <summary>The largest body that can be buffered (an array's limit), as HttpContent's own buffering allows.</summary>
    private const int MaxBody = 0x7FFFFFC7;

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> CollectHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers)
        {
            headers[header.Key] = new List<string>(header.Value);
        }

        if (response.Content is not null)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers)
            {
                headers[header.Key] = new List<string>(header.Value);
            }
        }

        return headers;
    }

    /// <summary>How long to wait before the next attempt, or <see langword="null"/> when the error is final.</summary>
    private TimeSpan? RetryDelay(HttpStatusCode status, TimeSpan? retryAfter, int attempt)
    {
        if (status is not ((HttpStatusCode)429 or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        if (retryAfter is { } asked)
        {
            return asked <= _maxRetryDelay ? asked : null;
        }

        // No hint: back off exponentially with jitter so that many clients throttled together do not return together.
        double factor = Math.Pow(2, Math.Min(attempt, 30)) * (0.8 + (0.4 * Jitter.NextDouble()));
        double ticks = Math.Min(_baseRetryDelay.Ticks * factor, _maxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The given <see cref="HttpClient"/> followed a redirect (its handler allows them): the call's body, credential choice
    /// and headers went to another URL. Only hosts are named: a query or a token must not reach a message.
    /// </summary>
    private static InvalidOperationException FollowedRedirect(ProxyRequest request, Uri sent, Uri answered) =>
        new($"{request} was redirected from {sent.GetLeftPart(UriPartial.Authority)} to "
            + $"{answered.GetLeftPart(UriPartial.Authority)} and the HttpClient given to ParagonClient followed it, resending the call elsewhere. "
            + "Create that HttpClient's handler with AllowAutoRedirect = false, or register the client with services.AddParagon(…), whose handler follows no redirects.");

    internal static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put
        || method == HttpMethod.Delete;


    private static string BuildUserAgent()
    {
        Assembly assembly = typeof(ProxyPipeline).Assembly;
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        int plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version.Substring(0, plus);
        }

        return $"Paragon.Typed/{version} ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.Replace('(', '[').Replace(')', ']')})";
    }

    public void Dispose()
    {
        _tokens.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
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
