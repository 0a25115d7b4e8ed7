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

    /// <summary>The longest action name sent: ActionKit's names are some 20 to 60 characters; anything far longer is not a name.</summary>
    public const int MaxActionNameLength = 256;

    /// <summary>Whether <paramref name="name"/> is a name <see cref="ActionName"/> accepts: a catalogue entry that is not cannot be run.</summary>
    public static bool IsActionName(string? name)
    {
        if (name is null || name.Length == 0 || name.Length > MaxActionNameLength)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// An ActionKit action's name (<c>SLACK_SEND_MESSAGE</c>): it goes into the body, not the URL, but a name that is empty,
    /// has whitespace or control characters, or is a page of text is a mistake (or a model's invention) to stop before sending.
    /// </summary>
    public static string ActionName(string? name)
    {
        if (name is null)
        {
            throw new ArgumentNullException("action", "Give the action's name, for example \"SLACK_SEND_MESSAGE\".");
        }

        if (name.Trim().Length == 0)
        {
            throw new ArgumentException("The action's name is empty; give it as ActionKit lists it, for example \"SLACK_SEND_MESSAGE\".", "action");
        }

        if (name.Length > MaxActionNameLength)
        {
            throw new ArgumentException($"The action's name is {name.Length} characters long; ActionKit's names are at most {MaxActionNameLength}.", "action");
        }

        foreach (char c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException($"The action's name '{ProxyPath.Printable(name)}' has whitespace or a control character; ActionKit's names are one word, for example \"SLACK_SEND_MESSAGE\".", "action");
            }
        }

        return name;
    }

    /// <summary>A query word (a format, a category): not empty, no whitespace, ',' or control characters.</summary>
    public static string Word(string? value, string parameter, string what)
    {
        if (value is null || value.Length == 0 || value.Length > MaxActionNameLength)
        {
            throw new ArgumentException($"The {what} is empty or too long.", parameter);
        }

        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == ',')
            {
                throw new ArgumentException($"The {what} '{ProxyPath.Printable(value)}' has whitespace, ',' or a control character; give one word, for example \"crm\".", parameter);
            }
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
