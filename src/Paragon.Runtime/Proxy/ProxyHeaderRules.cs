using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
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

    /// <summary>
    /// The headers an <see cref="System.Net.Http.HttpContent"/> body carries go on the wire with the call, so they pass the same rules as
    /// the caller's own: a valid name and value, and none of the client's (an <c>X-Paragon-Credential</c> on the body must
    /// not pick another account). The content's own <c>Content-Type</c> and <c>Content-Length</c> describe it and stay.
    /// </summary>
    public static void CheckBodyHeaders(HttpContentHeaders headers)
    {
#if NET6_0_OR_GREATER
        // The raw values, as the handler writes them: enumerating the validated view would drop a value with a line break.
        foreach (KeyValuePair<string, HeaderStringValues> header in headers.NonValidated)
        {
            foreach (string value in header.Value)
            {
                CheckBodyHeader(header.Key, value);
            }
        }
#else
        // No raw view here: ToString() renders the raw values, one header a line, before enumerating drops any value
        // with a line break. A line whose header is then gone had one.
        string raw = headers.ToString();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IEnumerable<string>> header in headers)
        {
            names.Add(header.Key);
            foreach (string value in header.Value)
            {
                CheckBodyHeader(header.Key, value);
            }
        }

        foreach (string line in raw.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = line.IndexOf(':');
            string name = colon < 0 ? line : line.Substring(0, colon);
            if (!names.Contains(name.Trim()))
            {
                throw new ArgumentException($"A header of the HttpContent body has a value with a line break, which would split the request (a line reads '{ProxyPath.Printable(name)}').", "body");
            }
        }
#endif
    }

    private static void CheckBodyHeader(string name, string value)
    {
        if (!IsToken(name))
        {
            throw new ArgumentException($"'{ProxyPath.Printable(name)}' on the HttpContent body is not a valid HTTP header name.", "body");
        }

        if (HasLineBreakOrNul(value) || !IsVisibleAscii(value))
        {
            throw new ArgumentException($"The value of header '{name}' on the HttpContent body has a line break, NUL or a character HTTP headers cannot carry; it would split or corrupt the request.", "body");
        }

        if (ProxyContract.IsOwnedByTheClient(name) && !name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The HttpContent body carries the {name} header, which only the client sets: {OwnedHeaderMessage(name)}", "body");
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
