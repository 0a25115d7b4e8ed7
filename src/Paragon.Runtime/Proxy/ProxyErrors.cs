using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Paragon.Proxy;

/// <summary>What an error body says (code, message, who produced it), and what must not leave it (tokens, user ids).</summary>
internal static class ProxyErrors
{
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

    /// <summary>
    /// Who produced an error, as the exception, the span, the metric and the log all say it. Paragon's own API has no
    /// provider behind it; on the proxy route, an error whose body is not Paragon's (its meta, its codes) is the
    /// provider's answer relayed. ActionKit answers in Paragon's shape whatever failed, so its error is Paragon's unless
    /// the body marks it as the provider's.
    /// </summary>
    internal static ParagonErrorSource Attribute(ParagonErrorSource classified, ProxyTarget target) => target switch
    {
        ProxyTarget.Api => ParagonErrorSource.Paragon,
        ProxyTarget.ActionKit => classified == ParagonErrorSource.Unknown ? ParagonErrorSource.Paragon : classified,
        _ => classified == ParagonErrorSource.Unknown ? ParagonErrorSource.Provider : classified,
    };

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

    internal static string Decode(byte[] bytes, string? charset)
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
