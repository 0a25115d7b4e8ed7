using System;
using Paragon.Proxy;

namespace Paragon.Platform;

/// <summary>
/// The checks of the platform calls' arguments, made before a token is fetched or a byte is sent. An id is one path
/// segment: it is escaped when sent, but an id with '/' or a control character is a mistake (a path, a pasted line), and
/// silently escaping it would only earn a puzzling 404.
/// </summary>
internal static class PlatformArguments
{
    public static string Id(string? value, string parameter, string what)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameter, $"Give the {what}.");
        }

        if (value.Trim().Length == 0)
        {
            throw new ArgumentException($"The {what} is empty; give the {what}.", parameter);
        }

        if (value is "." or ".." || value.IndexOfAny(['/', '\\', '?', '#', '%']) >= 0 || ProxyEscaping.HasControlCharacter(value))
        {
            throw new ArgumentException(
                $"The {what} '{ProxyPath.Printable(value)}' is not an id: it must be one value without '/', '\\', '?', '#', '%' or control characters (such as a line break), as Paragon shows it.",
                parameter);
        }

        return value;
    }

    public static string EventName(string? name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name), "Give the App Event's name, as defined in Paragon's dashboard (for example \"Contact Created\").");
        }

        if (name.Trim().Length == 0 || ProxyEscaping.HasControlCharacter(name))
        {
            throw new ArgumentException("The App Event's name is empty or has control characters; give the name as defined in Paragon's dashboard (for example \"Contact Created\").", nameof(name));
        }

        return name;
    }
}
