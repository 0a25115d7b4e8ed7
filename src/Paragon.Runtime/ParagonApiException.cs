using System;
using System.Collections.Generic;
using System.Net;
using System.Text;

namespace Paragon;

/// <summary>Who produced an error response.</summary>
public enum ParagonErrorSource
{
    /// <summary>
    /// Not known. The client does not report it for a call's error: Paragon's API is Paragon's, and an error of the proxy
    /// route whose body is not Paragon's is the provider's.
    /// </summary>
    Unknown,

    /// <summary>Paragon itself: a bad or expired user token, an integration the user has not connected, a missing permission.</summary>
    Paragon,

    /// <summary>The third-party provider (Slack, Salesforce, …), relayed by Paragon.</summary>
    Provider,
}

/// <summary>
/// A call came back with a non-success status, or a typed call came back with a 2xx whose body says it failed (Slack's
/// <c>{"ok": false, "error": "channel_not_found"}</c>: <see cref="StatusCode"/> is then the 2xx). Carries what is needed to decide what to do: the status, Paragon's or the
/// provider's error code, who produced the error, the headers and body, and how long to wait before trying again.
/// The message never contains the user token.
/// </summary>
public sealed class ParagonApiException : Exception
{
    internal const int MaxBodyInMessage = 512;

    internal ParagonApiException(
        string message,
        HttpStatusCode statusCode,
        string integration,
        string method,
        string path,
        string? errorCode,
        string? errorMessage,
        ParagonErrorSource errorSource,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        string responseBody,
        TimeSpan? retryAfter)
        : base(message)
    {
        StatusCode = statusCode;
        Integration = integration;
        Method = method;
        Path = path;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        ErrorSource = errorSource;
        Headers = headers;
        ResponseBody = responseBody;
        RetryAfter = retryAfter;
    }

    /// <summary>The same error with a sentence added to its message (why the call ended as it did).</summary>
    internal ParagonApiException WithMessageSuffix(string suffix) =>
        new(Message + suffix, StatusCode, Integration, Method, Path, ErrorCode, ErrorMessage, ErrorSource, Headers, ResponseBody, RetryAfter);

    /// <summary>
    /// Creates the exception the client would raise for an error response, for example to make a test double fail a call.
    /// The error code, message and source are read from the body as the client reads them (Paragon's own errors, Slack,
    /// Google, Salesforce and the common shapes); <c>Retry-After</c> (seconds or an HTTP date) gives <see cref="RetryAfter"/>.
    /// </summary>
    /// <param name="statusCode">The status code (not 2xx).</param>
    /// <param name="integration">The integration called, for example <c>slack</c>.</param>
    /// <param name="method">The HTTP method, for example <c>POST</c>.</param>
    /// <param name="path">The provider path, without a query string.</param>
    /// <param name="responseBody">The response body, if any.</param>
    /// <param name="headers">Response headers, if any.</param>
    /// <returns>The exception.</returns>
    public static ParagonApiException Create(HttpStatusCode statusCode, string integration, string method, string path, string? responseBody = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null)
    {
        if ((int)statusCode is >= 200 and < 300)
        {
            throw new ArgumentException($"{(int)statusCode} is a success: a ParagonApiException is for errors.", nameof(statusCode));
        }

        string body = responseBody ?? string.Empty;
        IReadOnlyDictionary<string, IReadOnlyList<string>> allHeaders = headers is null ? ParagonResponse.NoHeaders : ParagonResponse.CaseInsensitive(headers);
        (string? code, string? message, ParagonErrorSource classified) = Proxy.ProxyErrors.Classify(Encoding.UTF8.GetBytes(body));
        ParagonErrorSource source = Proxy.ProxyErrors.Attribute(classified, Proxy.ProxyTarget.Proxy);
        TimeSpan? retryAfter = null;
        if (allHeaders.TryGetValue("Retry-After", out IReadOnlyList<string>? values) && values.Count > 0)
        {
            retryAfter = Proxy.RetryAfter.Parse(values[0], DateTimeOffset.UtcNow);
        }

        string text = FormatMessage(integration ?? string.Empty, method ?? string.Empty, path ?? string.Empty, statusCode, code, message, source, body);
        return new ParagonApiException(text, statusCode, integration ?? string.Empty, method ?? string.Empty, path ?? string.Empty, code, message, source, allHeaders, body, retryAfter);
    }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The integration that was called, for example <c>slack</c>.</summary>
    public string Integration { get; }

    /// <summary>The HTTP method of the call.</summary>
    public string Method { get; }

    /// <summary>The provider path of the call, without its query string (which may hold secrets).</summary>
    public string Path { get; }

    /// <summary>The error code from the body (<c>code</c>, <c>error</c>, <c>errorCode</c> or <c>error.code</c>), for example <c>integration_not_enabled</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The error message from the body, if it had one.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Whether Paragon or the provider produced the error. See <see cref="IsParagonError"/>.</summary>
    public ParagonErrorSource ErrorSource { get; }

    /// <summary>
    /// Whether Paragon itself refused the call (for example <c>401</c> for a bad token, or <c>404 integration_not_enabled</c>)
    /// rather than relaying the provider's answer.
    /// </summary>
    public bool IsParagonError => ErrorSource == ParagonErrorSource.Paragon;

    /// <summary>Response and content headers, by case-insensitive name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>
    /// The response body as text; the message shows a truncated copy. Only the first MiB of a body is read: a longer one is
    /// cut there and ends with <c>… [truncated: the body was longer than 1048576 bytes]</c>.
    /// </summary>
    public string ResponseBody { get; }

    /// <summary>For 429 and 503: how long the server asked to wait (<c>Retry-After</c>, in seconds or as a date).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Builds the message: what was called, what came back, and a short piece of the body. For a 2xx, pass
    /// <c>failedBecause</c>: what in the body says it failed (<c>"ok": false in the body</c>), so that "failed: 200 OK" explains itself.
    /// </summary>
    internal static string FormatMessage(string integration, string method, string path, HttpStatusCode status, string? errorCode, string? errorMessage, ParagonErrorSource source, string body,
        string? failedBecause = null)
    {
        var message = new StringBuilder();
        message.Append(method).Append(' ').Append(integration).Append(' ').Append(path).Append(" failed: ")
               .Append((int)status).Append(' ').Append(status);
        if (failedBecause is not null)
        {
            message.Append(" with ").Append(failedBecause);
        }

        if (source != ParagonErrorSource.Unknown)
        {
            message.Append(source == ParagonErrorSource.Paragon ? " from Paragon" : " from the provider");
        }

        if (errorCode is not null)
        {
            // Provider text, as the message and the body are: bounded, since a message ends up in logs.
            message.Append(" (").Append(Truncate(errorCode, 200)).Append(')');
        }

        if (errorMessage is not null)
        {
            message.Append(": ").Append(Truncate(errorMessage, 200));
        }

        if (body.Length > 0)
        {
            message.Append(". Body: ").Append(Truncate(body, MaxBodyInMessage));
        }

        return message.ToString();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + $"… ({text.Length} characters)";
}
