using System;
using System.Text;

namespace Paragon.Proxy;

/// <summary>
/// What the funnel refuses in a path or a path template whatever its values are. One file, compiled into the runtime
/// (which throws with these messages) and into the generator (which reports them as PARAGON019 and generates no method
/// for the operation), so that the generator refuses exactly the templates every call would fail on.
/// </summary>
internal static class ProxyPathRules
{
    /// <summary>
    /// The problem with a path without its query (<c>/a/{id}</c> or a literal one), or <see langword="null"/>; a path without
    /// a leading '/' is given one.
    /// </summary>
    public static string? PathProblem(ref string pathPart)
    {
        if (pathPart.IndexOf('\\') >= 0)
        {
            return $"The path '{Printable(pathPart)}' contains a backslash; provider paths use '/'.";
        }

        if (pathPart.Length > 0 && pathPart[0] != '/')
        {
            if (LooksLikeScheme(pathPart))
            {
                return $"The path '{Printable(pathPart)}' is an absolute URL. Pass the provider path relative to the integration, for example \"/chat.postMessage\"; Paragon adds the provider's host.";
            }

            pathPart = "/" + pathPart;
        }

        if (pathPart.StartsWith("//", StringComparison.Ordinal))
        {
            return $"The path '{Printable(pathPart)}' starts with '//', which names a host, not a path. Pass the provider path, for example \"/chat.postMessage\".";
        }

        // What a server sees after decoding once or twice must still be a plain path below the integration.
        string decoded = ProxyEscaping.DecodeRepeatedly(pathPart, rounds: 3);
        if (decoded.IndexOf('\\') >= 0)
        {
            return $"The path '{Printable(pathPart)}' contains an encoded backslash; provider paths use '/'.";
        }

        if (ProxyEscaping.HasControlCharacter(decoded))
        {
            return $"The path '{Printable(pathPart)}' contains an encoded control character.";
        }

        if (decoded.Contains("//"))
        {
            return $"The path '{Printable(pathPart)}' contains an empty segment ('//'), which some servers read as a host.";
        }

        return DotSegment(decoded) is { } segment
            ? $"The path '{Printable(pathPart)}' contains a '{segment}' segment (possibly percent-encoded), which could leave the integration's path. Remove it."
            : null;
    }

    /// <summary>
    /// The problem with a template's placeholders and the text between them, or <see langword="null"/>. A placeholder runs
    /// from '{' to the next '}' and must name a value: not empty, no '{' inside (<c>/a/{na{me}</c> would look for a value
    /// named <c>na{me</c>). The text between placeholders is sent as written, so a '%' there must start a valid escape.
    /// </summary>
    public static string? TemplateProblem(string template)
    {
        // Read in place: the funnel checks a call's template on every call.
        int position = 0;
        while (position < template.Length)
        {
            int open = template.IndexOf('{', position);
            if (ProxyEscaping.HasInvalidEscape(template, position, open < 0 ? template.Length : open))
            {
                return $"The path template '{Printable(template)}' has a '%' that starts no valid escape (write '%25' for a literal percent sign).";
            }

            if (open < 0)
            {
                break;
            }

            int close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                return $"The path template '{template}' has a '{{' without a matching '}}'.";
            }

            int nameLength = close - open - 1;
            if (nameLength == 0 || template.IndexOf('{', open + 1, nameLength) >= 0)
            {
                string name = template.Substring(open + 1, nameLength);
                return $"The path template '{Printable(template)}' has the placeholder '{{{Printable(name)}}}'; a placeholder is one name in braces, such as {{id}}.";
            }

            position = close + 1;
        }

        return null;
    }

    /// <summary>Shows a value in an error message with control characters made visible.</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 90));
        foreach (char c in ProxyEscaping.Shorten(text))
        {
            if (c < 0x20 || c == 0x7F)
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The first '.' or '..' segment of a decoded path or path value split at '/' and '\', or <see langword="null"/>; read in
    /// place, as the funnel checks it on every call. A path with a backslash is refused before this is asked; a path value
    /// (one segment) may hold either separator once decoded, and a proxy that decodes it would split it at both.
    /// </summary>
    public static string? DotSegment(string path)
    {
        int start = 0;
        for (int i = 0; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] is not ('/' or '\\'))
            {
                continue;
            }

            int length = i - start;
            if (length is 1 or 2 && path[start] == '.' && (length == 1 || path[start + 1] == '.'))
            {
                return length == 1 ? "." : "..";
            }

            start = i + 1;
        }

        return null;
    }

    private static bool LooksLikeScheme(string path)
    {
        int colon = path.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        if (!char.IsLetter(path[0]))
        {
            return false;
        }

        for (int i = 1; i < colon; i++)
        {
            char c = path[i];
            if (!(char.IsLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
