using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Paragon.Platform;

namespace Paragon.AI;

/// <summary>
/// What an ActionKit action may do, read from its name: ActionKit's catalogue says nothing of it. Names are
/// <c>{INTEGRATION}_{VERB}_{…}</c> (<c>GOOGLE_CALENDAR_LIST_EVENTS</c>, <c>SLACK_SEND_MESSAGE</c>); an action is
/// read-only only when the word right after its integration's prefix is a read verb. Anything else, a name that does
/// not start with the prefix included, is a write: a wrong guess then costs an approval, never an unasked-for write.
/// </summary>
internal static class ActionKitRules
{
    private static readonly HashSet<string> ReadVerbs = new(StringComparer.Ordinal) { "GET", "LIST", "SEARCH" };

    // Additive writes: they make something new (a message, a record) rather than change or remove what is there.
    private static readonly HashSet<string> AdditiveVerbs = new(StringComparer.Ordinal) { "CREATE", "SEND", "ADD", "POST", "INVITE" };

    public static ParagonToolHints Hints(ActionKitAction action, ParagonToolOptions options)
    {
        string? verb = Verb(action);
        bool readOnly = !NamePatterns.AnyMatches(options.WriteActions, action.Name)
            && (NamePatterns.AnyMatches(options.ReadOnlyActions, action.Name) || (verb is not null && ReadVerbs.Contains(verb)));
        if (readOnly)
        {
            return ParagonToolHints.Read;
        }

        bool additive = verb is not null && AdditiveVerbs.Contains(verb);
        return new ParagonToolHints(readOnly: false, destructive: !additive, idempotent: false, openWorld: true);
    }

    public static bool WriteAllowed(ActionKitAction action, ParagonToolOptions options) =>
        NamePatterns.AnyMatches(options.AllowWrites, action.Integration) || NamePatterns.AnyMatches(options.AllowWrites, action.Name);

    /// <summary>The word after the integration's prefix (<c>googleCalendar</c> → <c>GOOGLE_CALENDAR_</c>), or null when the name does not start with it.</summary>
    internal static string? Verb(ActionKitAction action)
    {
        string prefix = Prefix(action.Integration);
        if (prefix.Length == 0 || action.Name.Length <= prefix.Length || !action.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        int end = action.Name.IndexOf('_', prefix.Length);
        return action.Name.Substring(prefix.Length, (end < 0 ? action.Name.Length : end) - prefix.Length).ToUpperInvariant();
    }

    private static string Prefix(string integration)
    {
        var builder = new StringBuilder(integration.Length + 4);
        for (int i = 0; i < integration.Length; i++)
        {
            char c = integration[i];
            if (char.IsUpper(c) && i > 0 && char.IsLower(integration[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return builder.Length == 0 ? string.Empty : builder.Append('_').ToString();
    }

    /// <summary>
    /// The tool's schema: the action's parameters as an object schema. A missing schema is an empty object schema, a
    /// missing <c>type</c> is <c>object</c>, and <c>additionalProperties</c> is <see langword="false"/> unless the action
    /// says otherwise or composes its schema, so the model is told (and the check enforces) that only the listed parameters exist.
    /// </summary>
    public static JsonElement Schema(JsonElement parameters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            bool hasType = false;
            bool hasAdditional = false;
            bool hasProperties = false;
            bool composes = false;
            if (parameters.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty property in parameters.EnumerateObject())
                {
                    composes |= property.NameEquals("anyOf") || property.NameEquals("oneOf") || property.NameEquals("allOf")
                        || property.NameEquals("$ref") || property.NameEquals("patternProperties");
                    if (property.NameEquals("type"))
                    {
                        // A tool's arguments are an object whatever the action wrote.
                        writer.WriteString("type", "object");
                        hasType = true;
                        continue;
                    }

                    hasAdditional |= property.NameEquals("additionalProperties");
                    hasProperties |= property.NameEquals("properties");
                    property.WriteTo(writer);
                }
            }

            if (!hasType)
            {
                writer.WriteString("type", "object");
            }

            if (!hasProperties)
            {
                writer.WriteStartObject("properties");
                writer.WriteEndObject();
            }

            // Closed only when the parameters are plainly an object's properties: a schema that composes (anyOf, oneOf,
            // allOf, $ref) or names its keys by pattern would otherwise refuse every argument it allows.
            if (!hasAdditional && !composes)
            {
                writer.WriteBoolean("additionalProperties", false);
            }

            writer.WriteEndObject();
        }

        using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
