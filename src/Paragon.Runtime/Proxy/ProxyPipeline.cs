using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
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
    private readonly TokenSource _tokens;
    private readonly bool _rawResponse;
    private readonly int _maxRetries;
    private readonly TimeSpan _maxRetryDelay;
    private readonly TimeSpan _baseRetryDelay;
    private readonly TimeSpan _timeout;

    public ProxyPipeline(HttpClient http, bool ownsHttp, Uri proxyBaseUrl, string projectId, TokenSource tokens, ParagonClientOptions options, JsonSerializerOptions jsonOptions)
    {
        _http = http;
        _ownsHttp = ownsHttp;
        _proxyPrefix = proxyBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/projects/" + Uri.EscapeDataString(projectId) + "/sdk/proxy/";
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

    /// <summary>Waits between attempts; tests replace it to observe the waits without sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = static (delay, ct) => Task.Delay(delay, ct);

    public async Task<ParagonResponse> SendAsync(ProxyRequest request, string? userId, string? scopeCredentialId, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // Everything that can be wrong with the description is found here, before a token is fetched or a byte is sent.
        string? credentialId = request.CredentialId ?? scopeCredentialId;
        var uri = new Uri(_proxyPrefix + request.Integration + ProxyPath.Check(request, credentialId), UriKind.Absolute);
        string pathForErrors = ProxyPath.StripQuery(request.Path);
        bool retryable = IsIdempotent(request.Method) && (request.Body is null || request.Body.IsReplayable);

        // The time-out covers the whole call: getting the token, every attempt, the waits between them, and the body.
        using var timeout = _timeout == System.Threading.Timeout.InfiniteTimeSpan || _timeout.TotalMilliseconds > int.MaxValue
            ? new CancellationTokenSource()
            : new CancellationTokenSource(_timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string token;
        try
        {
            token = await _tokens.GetTokenAsync(userId, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {request.Integration} {pathForErrors} did not get a user token within {_timeout.TotalSeconds:0.###} s.", ex);
        }

        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            using (HttpRequestMessage message = BuildMessage(request, uri, token, credentialId))
            {
                try
                {
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"{request.Method} {request.Integration} {pathForErrors} did not complete within {_timeout.TotalSeconds:0.###} s.", ex);
                }
            }

            try
            {
                if ((int)response.StatusCode is >= 200 and < 300)
                {
                    return await ReadSuccessAsync(response, request, linked.Token).ConfigureAwait(false);
                }

                ParagonApiException error = await ProxyErrors.CreateAsync(response, request, pathForErrors, token, linked.Token).ConfigureAwait(false);
                if (error.StatusCode == HttpStatusCode.Unauthorized && error.IsParagonError)
                {
                    // Paragon refused the token itself: the next call for this user must not send it again.
                    _tokens.Invalidate(userId, token);
                }

                TimeSpan? wait = retryable && attempt < _maxRetries ? RetryDelay(response.StatusCode, error.RetryAfter, attempt) : null;
                if (wait is null)
                {
                    throw error;
                }

                response.Dispose();
                await Delay(wait.Value, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                response.Dispose();
                throw new TimeoutException($"{request.Method} {request.Integration} {pathForErrors} did not complete within {_timeout.TotalSeconds:0.###} s.", ex);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    private HttpRequestMessage BuildMessage(ProxyRequest request, Uri uri, string token, string? credentialId)
    {
        var message = new HttpRequestMessage(request.Method, uri);
        HttpRequestHeaders headers = message.Headers;
        headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (_rawResponse)
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
        foreach (KeyValuePair<string, string> header in request.Headers.Items)
        {
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

    private async Task<ParagonResponse> ReadSuccessAsync(HttpResponseMessage response, ProxyRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers = CollectHeaders(response);
        if (request.StreamResponse)
        {
#if NET5_0_OR_GREATER
            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            return new ParagonResponse(response, stream, headers, JsonOptions) { Request = request };
        }

        byte[] body;
        string? contentType;
        using (response)
        {
            // Read while the content is alive: a disposed HttpContent need not keep its headers.
            contentType = response.Content.Headers.ContentType?.ToString();
            body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        }

        // A raw response is the provider's own body, which may itself be an object with one "output" property.
        if (!_rawResponse && OutputEnvelope.TryUnwrap(body, out byte[] unwrapped, out bool isText))
        {
            body = unwrapped;
            contentType = isText ? ProxyBody.TextContentType : ProxyBody.JsonContentType;
        }

        return new ParagonResponse(response.StatusCode, headers, contentType, body, JsonOptions) { Request = request };
    }

    /// <summary>Reads the whole body, honouring cancellation on every target.</summary>
    internal static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
#if NET5_0_OR_GREATER
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
        // netstandard2.0's HttpContent cannot be cancelled: disposing the response aborts a read that has stalled.
        using (cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
        {
            try
            {
                return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                throw new OperationCanceledException("The response body was not received in time.", ex, cancellationToken);
            }
        }
#endif
    }

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

    private static bool IsIdempotent(HttpMethod method) =>
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
