using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Proxy;

/// <summary>Turns a non-success response into a <see cref="ParagonApiException"/>.</summary>
internal static class ProxyErrors
{
    /// <summary>
    /// How much of an error body is read. An error page is a few kilobytes; a server that answers an error with a
    /// download must not make the client hold it all (or wait for it) just to build an exception.
    /// </summary>
    internal const int MaxErrorBody = 1 << 20;

    /// <summary>Error codes that only Paragon itself produces.</summary>
    private static readonly HashSet<string> ParagonCodes = new(StringComparer.Ordinal)
    {
        "integration_not_enabled",
        "7210", // insufficient permission, as named in Paragon's SDK
        "7003",
        "0704",
    };

    /// <summary>Keys of the <c>meta</c> object in Paragon's own error bodies.</summary>
    private static readonly string[] ParagonMetaKeys = ["projectId", "personaId", "endUserId", "integrationId"];

    // userId: Paragon's own error bodies name the user (meta.endUserId), and the message, which ends up in logs, must not.
    public static async Task<ParagonApiException> CreateAsync(HttpResponseMessage response, ProxyRequest request, string path, string token, CancellationToken cancellationToken, string? userId = null)
    {
        (byte[] bytes, bool truncated) = await ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
        string body = Redact(Decode(bytes, response.Content?.Headers.ContentType?.CharSet), token);
        if (truncated)
        {
            // The cut may fall inside an echoed token: its beginning must not survive either.
            body = RedactCutToken(body, token);
            body += $"… [truncated: the body was longer than {MaxErrorBody} bytes]";
        }

        // A cut-off body is not valid JSON, so it is not parsed for a code.
        (string? code, string? message, ParagonErrorSource source) = truncated ? (null, null, ParagonErrorSource.Unknown) : Classify(bytes);
        if (request.Target == ProxyTarget.Api)
        {
            // Paragon's own API: there is no provider behind it, whatever the body looks like.
            source = ParagonErrorSource.Paragon;
        }

        if (code is not null)
        {
            code = Redact(code, token);
        }

        if (message is not null)
        {
            message = Redact(message, token);
        }

        TimeSpan? retryAfter = (int)response.StatusCode is 429 or 503 ? ReadRetryAfter(response) : null;
        string text = RedactUser(ParagonApiException.FormatMessage(request.Integration, request.Method.Method, path, response.StatusCode, code, message, source, body), userId);
        return new ParagonApiException(text, response.StatusCode, request.Integration, request.Method.Method, path, code, message, source,
            RedactHeaders(ProxyPipeline.CollectHeaders(response), token), body, retryAfter);
    }

    /// <summary>
    /// Reads at most <see cref="MaxErrorBody"/> bytes and stops; the caller disposes the response, which drops the rest
    /// (and the connection, if more was coming).
    /// </summary>
    private static async Task<(byte[] Bytes, bool Truncated)> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return ([], false);
        }

#if NET5_0_OR_GREATER
        using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await ReadUpToCapAsync(stream, cancellationToken).ConfigureAwait(false);
#else
        // netstandard2.0's network streams may not honour cancellation: disposing the response aborts a stalled read.
        using (cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
        {
            try
            {
                using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                return await ReadUpToCapAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                throw new OperationCanceledException("The error body was not received in time.", ex, cancellationToken);
            }
        }
#endif
    }

    /// <summary>Reads at most <paramref name="cap"/> bytes of a body, and whether there was more.</summary>
    internal static async Task<(byte[] Bytes, bool Truncated)> ReadUpToCapAsync(Stream stream, CancellationToken cancellationToken, int cap = MaxErrorBody)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[Math.Min(81920, cap + 1)];

        // One byte past the cap tells a body of exactly the cap from a longer one.
        while (buffer.Length <= cap)
        {
            int wanted = (int)Math.Min(chunk.Length, cap + 1 - buffer.Length);
#if NET5_0_OR_GREATER
            int read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
#else
            int read = await stream.ReadAsync(chunk, 0, wanted, cancellationToken).ConfigureAwait(false);
#endif
            if (read == 0)
            {
                return (buffer.ToArray(), false);
            }

            buffer.Write(chunk, 0, read);
        }

        byte[] kept = new byte[cap];
        Array.Copy(buffer.GetBuffer(), kept, cap);
        return (kept, true);
    }

    internal static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        System.Net.Http.Headers.RetryConditionHeaderValue? value = response.Headers.RetryAfter;
        if (value?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value?.Date is { } date)
        {
            TimeSpan wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        // Some servers send fractional seconds, which the typed header refuses.
        if (response.Headers.TryGetValues("Retry-After", out IEnumerable<string>? raw))
        {
            foreach (string text in raw)
            {
                if (ParseRetryAfter(text, DateTimeOffset.UtcNow) is { } wait)
                {
                    return wait;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A <c>Retry-After</c> value as a wait: seconds (fractions allowed, under a week) or an HTTP date (a past one is no
    /// wait); <see langword="null"/> if unreadable or negative.
    /// </summary>
    internal static TimeSpan? ParseRetryAfter(string text, DateTimeOffset now)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            return seconds is >= 0 and < 86400 * 7 ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            TimeSpan wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Reads the code and message that the common error shapes carry, and who produced the error.</summary>
    internal static (string? Code, string? Message, ParagonErrorSource Source) Classify(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null, ParagonErrorSource.Unknown);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, null, ParagonErrorSource.Unknown);
        }

        using (document)
        {
            JsonElement root = document.RootElement;

            // Salesforce answers with an array of {message, errorCode}.
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && root[0].ValueKind == JsonValueKind.Object)
            {
                return (Text(root[0], "errorCode") ?? Text(root[0], "code"), Text(root[0], "message"), ParagonErrorSource.Unknown);
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, ParagonErrorSource.Unknown);
            }

            string? code = Text(root, "code") ?? Text(root, "errorCode") ?? Text(root, "error_code");
            string? message = Text(root, "message") ?? Text(root, "error_description") ?? Text(root, "detail");
            if (root.TryGetProperty("error", out JsonElement error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    // Slack: {"ok": false, "error": "channel_not_found"}; OAuth: {"error": "invalid_grant"}.
                    code ??= error.GetString();
                }
                else if (error.ValueKind == JsonValueKind.Object)
                {
                    // Google: {"error": {"code": 404, "message": "...", "status": "NOT_FOUND"}}.
                    code ??= Text(error, "status") ?? Text(error, "code") ?? Text(error, "type");
                    message ??= Text(error, "message");
                }
            }

            return (code, message, SourceOf(root, code));
        }
    }

    private static ParagonErrorSource SourceOf(JsonElement root, string? code)
    {
        if (root.TryGetProperty("meta", out JsonElement meta) && meta.ValueKind == JsonValueKind.Object)
        {
            // Paragon marks a provider's error that it relays with meta.isIntegrationError.
            if (meta.TryGetProperty("isIntegrationError", out JsonElement flag) && flag.ValueKind == JsonValueKind.True)
            {
                return ParagonErrorSource.Provider;
            }

            foreach (string key in ParagonMetaKeys)
            {
                if (meta.TryGetProperty(key, out _))
                {
                    return ParagonErrorSource.Paragon;
                }
            }
        }

        return code is not null && ParagonCodes.Contains(code) ? ParagonErrorSource.Paragon : ParagonErrorSource.Unknown;
    }

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static string Decode(byte[] bytes, string? charset)
    {
        if (charset is not null)
        {
            try
            {
                return Encoding.GetEncoding(charset.Trim('"')).GetString(bytes);
            }
            catch (ArgumentException)
            {
                // Unknown label: fall back to UTF-8.
            }
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static Dictionary<string, IReadOnlyList<string>> RedactHeaders(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string token)
    {
        var redacted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in headers)
        {
            var values = new List<string>(header.Value.Count);
            foreach (string value in header.Value)
            {
                values.Add(Redact(value, token));
            }

            redacted[header.Key] = values;
        }

        return redacted;
    }

    /// <summary>Removes the start of a token that the end of a truncated text holds (at least 8 characters of it).</summary>
    internal static string RedactCutToken(string text, string token)
    {
        for (int length = Math.Min(token.Length - 1, text.Length); length >= 8; length--)
        {
            if (string.CompareOrdinal(text, text.Length - length, token, 0, length) == 0)
            {
                return text.Substring(0, text.Length - length) + "[redacted token]";
            }
        }

        return text;
    }

    /// <summary>
    /// Takes the user id out of an exception message (ResponseBody keeps the body as it came). A long id is replaced
    /// wherever it appears; a short one only as a whole JSON string, so that "42" does not eat every 42 in the text.
    /// </summary>
    internal static string RedactUser(string text, string? userId)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return text;
        }

        if (userId!.Length >= 8)
        {
            return text.IndexOf(userId, StringComparison.Ordinal) >= 0 ? text.Replace(userId, "[redacted user]") : text;
        }

        string quoted = "\"" + userId + "\"";
        return text.IndexOf(quoted, StringComparison.Ordinal) >= 0 ? text.Replace(quoted, "\"[redacted user]\"") : text;
    }

    /// <summary>A server that echoes the request must not put the user's token into an exception message or a log.</summary>
    internal static string Redact(string text, string token) =>
        token.Length >= 8 && text.IndexOf(token, StringComparison.Ordinal) >= 0 ? text.Replace(token, "[redacted token]") : text;

    /// <summary>
    /// Whether a transport failure happened before the call could leave: no connection was made (refused, no such host,
    /// unreachable), so the provider cannot have received it. Any other failure may have come after the request was sent.
    /// </summary>
    internal static bool IsConnectFailure(Exception ex)
    {
#if NET8_0_OR_GREATER
        if (ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
        {
            return true;
        }
#endif
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NoData })
            {
                return true;
            }
        }

        return false;
    }
}
