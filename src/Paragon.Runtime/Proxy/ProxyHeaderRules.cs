using System;
using System.Collections.Generic;
using Paragon.Contract;

namespace Paragon.Proxy;

/// <summary>Which caller headers may go to the provider, checked before anything is sent.</summary>
internal static class ProxyHeaderRules
{
    public static void CheckCallerHeaders(IReadOnlyList<KeyValuePair<string, string>> headers, bool hasBody)
    {
        for (int i = 0; i < headers.Count; i++)
        {
            KeyValuePair<string, string> header = headers[i];
            string name = header.Key;
            if (!IsToken(name))
            {
                throw new ArgumentException($"'{ProxyPath.Printable(name)}' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only).", "headers");
            }

            if (HasLineBreakOrNul(header.Value))
            {
                throw new ArgumentException($"The value of header '{name}' contains a line break or NUL character, which would split the request.", "headers");
            }

            if (!IsVisibleAscii(header.Value))
            {
                throw new ArgumentException($"The value of header '{name}' has a character HTTP headers cannot carry (only visible ASCII, spaces and tabs); encode it first, for example as RFC 8187 or base64.", "headers");
            }

            // Which headers are refused is the contract's decision (shared with the generator); the message is ours.
            if (ProxyContract.IsOwnedByTheClient(name))
            {
                throw new ArgumentException(OwnedHeaderMessage(name), "headers");
            }

            if (!hasBody && Paragon.Contract.ProxyContract.DescribesABody(name))
            {
                throw new ArgumentException($"The {name} header describes a body, but the request has none.", "headers");
            }
        }
    }

    private static string OwnedHeaderMessage(string name)
    {
        if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return $"The {name} header is the Paragon User Token and is set by the client; the provider's credentials are added by Paragon. Remove it.";
        }

        if (name.StartsWith(ProxyContract.ParagonHeaderPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return $"The {name} header is set by the client. Use CredentialId to pick an account, or ParagonClientOptions.UseRawResponse.";
        }

        if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            return "Set the content type with ContentType, not as a header.";
        }

        return $"The {name} header describes the connection to Paragon and is set by HttpClient. Remove it.";
    }

    public static void CheckCredentialId(string credentialId)
    {
        if (credentialId.Trim().Length == 0 || HasLineBreakOrNul(credentialId) || ProxyEscaping.HasControlCharacter(credentialId) || !IsVisibleAscii(credentialId))
        {
            throw new ArgumentException("The credential id must be a non-empty id from Paragon (X-Paragon-Credential), without control characters.", nameof(credentialId));
        }
    }

    public static void CheckContentType(string contentType)
    {
        if (contentType.Trim().Length == 0 || ProxyEscaping.HasControlCharacter(contentType) || contentType.IndexOf('/') <= 0)
        {
            throw new ArgumentException($"'{ProxyPath.Printable(contentType)}' is not a media type such as 'application/json'.", nameof(contentType));
        }
    }

    private static bool HasLineBreakOrNul(string value) => value.IndexOfAny(['\r', '\n', '\0']) >= 0;

    private static bool IsVisibleAscii(string value)
    {
        foreach (char c in value)
        {
            if (c is not ((>= ' ' and <= '~') or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsToken(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (char c in name)
        {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
