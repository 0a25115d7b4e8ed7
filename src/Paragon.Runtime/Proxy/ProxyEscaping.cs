using System;
using System.Text;

namespace Paragon.Proxy;

/// <summary>Percent-encoding rules, in one place (RFC 3986).</summary>
internal static class ProxyEscaping
{
    /// <summary>Escapes a value as exactly one path segment: every reserved character, '/' included, is encoded.</summary>
    public static string EscapeSegment(string value) => EscapeData(value);

    public static string EscapeQueryComponent(string value) => EscapeData(value);

    /// <summary>application/x-www-form-urlencoded: like a query component, but a space is '+'.</summary>
    public static string EscapeFormComponent(string value) => EscapeData(value).Replace("%20", "+");

    /// <summary>
    /// <see cref="Uri.EscapeDataString"/> in chunks: before .NET 5 it throws above about 32,000 characters, and a long
    /// Slack message or form field must not fail on .NET Framework only. Chunks never split a surrogate pair.
    /// </summary>
    internal static string EscapeData(string value)
    {
        const int Chunk = 16_000;
        if (value.Length <= Chunk)
        {
            return Uri.EscapeDataString(value);
        }

        var builder = new StringBuilder(value.Length * 2);
        for (int start = 0; start < value.Length;)
        {
            int length = Math.Min(Chunk, value.Length - start);
            if (start + length < value.Length && char.IsHighSurrogate(value[start + length - 1]))
            {
                length--;
            }

            builder.Append(Uri.EscapeDataString(value.Substring(start, length)));
            start += length;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Makes a caller-written path or query string safe to put on the request line without changing its meaning:
    /// existing %XX escapes and every character a URI allows are kept byte for byte; anything else (spaces,
    /// non-ASCII, quotes) is percent-encoded as UTF-8. A '%' that starts no valid escape is refused.
    /// </summary>
    public static string EncodeLiteral(string text, string what)
    {
        StringBuilder? builder = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '%')
            {
                if (!IsEscape(text, i))
                {
                    throw new ArgumentException($"The {what} has a '%' that starts no valid escape (write '%25' for a literal percent sign): '{Shorten(text)}'.", "path");
                }

                builder?.Append(c);
                continue;
            }

            if (IsAllowedLiteral(c))
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text, 0, i, text.Length + 16);
            int length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            foreach (byte b in Encoding.UTF8.GetBytes(text.Substring(i, length)))
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }

            i += length - 1;
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>
    /// Decodes %XX escapes repeatedly (at most <paramref name="rounds"/> times) so that checks see what a server
    /// that decodes once, or twice, would see. Invalid escapes are left as they are.
    /// </summary>
    public static string DecodeRepeatedly(string text, int rounds)
    {
        for (int round = 0; round < rounds && text.IndexOf('%') >= 0; round++)
        {
            // The BCL decodes %XX as UTF-8 and leaves invalid escapes and invalid UTF-8 as they are.
            string decoded = Uri.UnescapeDataString(text);
            if (decoded == text)
            {
                break;
            }

            text = decoded;
        }

        return text;
    }

    /// <summary>
    /// Appends <c>text[start..start+length]</c> as <see cref="EncodeLiteral"/> would encode it on its own: as it is when it
    /// needs nothing (the piece of a path template between placeholders, call after call), without copying it out first.
    /// </summary>
    public static void AppendLiteral(StringBuilder builder, string text, int start, int length, string what)
    {
        int end = start + length;
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            if (!IsAllowedLiteral(c) && !(c == '%' && IsEscape(text, i, end)))
            {
                // Something to encode, or to refuse: the piece on its own, as before, with the same message.
                builder.Append(EncodeLiteral(text.Substring(start, length), what));
                return;
            }
        }

        builder.Append(text, start, length);
    }

    /// <summary>Whether a '%' in the text starts no valid %XX escape: <see cref="EncodeLiteral"/> refuses such text.</summary>
    public static bool HasInvalidEscape(string text) => HasInvalidEscape(text, 0, text.Length);

    /// <summary>As <see cref="HasInvalidEscape(string)"/>, for the characters from <paramref name="start"/> to <paramref name="end"/> alone.</summary>
    public static bool HasInvalidEscape(string text, int start, int end)
    {
        for (int i = start < end ? text.IndexOf('%', start, end - start) : -1; i >= 0; i = i + 1 < end ? text.IndexOf('%', i + 1, end - i - 1) : -1)
        {
            if (!IsEscape(text, i, end))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasControlCharacter(string text)
    {
        foreach (char c in text)
        {
            if (c < 0x20 || c == 0x7F)
            {
                return true;
            }
        }

        return false;
    }

    public static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";

    // unreserved / sub-delims / ':' '@' '/' '?' (RFC 3986 pchar plus the separators of path and query)
    private static bool IsAllowedLiteral(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c is '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@' or '/' or '?';

    private static bool IsEscape(string text, int percent) => IsEscape(text, percent, text.Length);

    private static bool IsEscape(string text, int percent, int end) => percent + 2 < end && IsHex(text[percent + 1]) && IsHex(text[percent + 2]);

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private const string HexDigits = "0123456789ABCDEF";
}
