using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Proxy;

/// <summary>
/// The error stage: turns a non-success response into a <see cref="ParagonApiException"/>. It reads at most the cap of
/// the body (<see cref="ParagonClientOptions.MaxErrorBodySize"/>): an error page is a few kilobytes, and a server that
/// answers an error with a download, or a gzip bomb, must not make the client hold it, or wait for it, to build an exception.
/// Nothing of the token or the user id reaches the message.
/// </summary>
internal sealed class ErrorReader(int cap)
{
    public int Cap { get; } = cap;

    // userId: Paragon's own error bodies name the user (meta.endUserId), and the message, which ends up in logs, must not.
    public async Task<ParagonApiException> ReadAsync(HttpResponseMessage response, ProxyRequest request, string token, string? userId, CancellationToken cancellationToken)
    {
        ResponseHeaderSnapshot headers = ResponseHeaderSnapshot.Take(response);
        (byte[] bytes, bool truncated) = await BodyReader.ReadCappedAsync(response, Cap, cancellationToken).ConfigureAwait(false);
        string body = ProxyErrors.Redact(ProxyErrors.Decode(bytes, response.Content?.Headers.ContentType?.CharSet), token);
        if (truncated)
        {
            // The cut may fall inside an echoed token: its beginning must not survive either.
            body = ProxyErrors.RedactCutToken(body, token);
            body += $"… [truncated: the body was longer than {Cap} bytes (ParagonClientOptions.MaxErrorBodySize)]";
        }

        // A cut-off body is not valid JSON, so it is not parsed for a code.
        (string? code, string? message, ParagonErrorSource source) = truncated ? (null, null, ParagonErrorSource.Unknown) : ProxyErrors.Classify(bytes);
        source = ProxyErrors.Attribute(source, request.Target);

        code = code is null ? null : ProxyErrors.Redact(code, token);
        message = message is null ? null : ProxyErrors.Redact(message, token);
        string path = ProxyPath.StripQuery(request.Path);
        TimeSpan? retryAfter = (int)response.StatusCode is 429 or 503 ? RetryAfter.Read(response) : null;
        string text = ProxyErrors.RedactUser(ParagonApiException.FormatMessage(request.Integration, request.Method.Method, path, response.StatusCode, code, message, source, body), userId);
        return new ParagonApiException(text, response.StatusCode, request.Integration, request.Method.Method, path, code, message, source,
            headers.ToDictionary(value => ProxyErrors.Redact(value, token)), body, retryAfter);
    }
}
