using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Paragon.Platform;

/// <summary>
/// ActionKit's actions for one user, as <see cref="ParagonUserClient.ListActionsAsync(ActionKitListOptions?, System.Threading.CancellationToken)"/>
/// read them: per integration (ActionKit's key, for example <c>slack</c> or <c>googleCalendar</c>), the actions in
/// the order ActionKit listed them. Immutable.
/// </summary>
public sealed class ActionKitCatalog
{
    private readonly Dictionary<string, ActionKitAction> _byName;

    /// <summary>Makes a catalogue from actions already read (for tests, or a catalogue saved earlier).</summary>
    /// <param name="integrations">The actions per integration.</param>
    /// <exception cref="ArgumentException">Two actions have the same name.</exception>
    public ActionKitCatalog(IReadOnlyDictionary<string, IReadOnlyList<ActionKitAction>> integrations)
    {
        Integrations = integrations ?? throw new ArgumentNullException(nameof(integrations));
        _byName = new Dictionary<string, ActionKitAction>(StringComparer.Ordinal);
        var all = new List<ActionKitAction>();
        foreach (KeyValuePair<string, IReadOnlyList<ActionKitAction>> integration in integrations)
        {
            foreach (ActionKitAction action in integration.Value)
            {
                // The name is how an action is run: two with one name would make the run ambiguous.
                if (_byName.ContainsKey(action.Name))
                {
                    throw new ArgumentException($"The action '{action.Name}' is listed twice.", nameof(integrations));
                }

                _byName.Add(action.Name, action);
                all.Add(action);
            }
        }

        Actions = all;
    }

    /// <summary>The actions per integration, keyed by ActionKit's integration key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ActionKitAction>> Integrations { get; }

    /// <summary>Every action, integration by integration, in ActionKit's order.</summary>
    public IReadOnlyList<ActionKitAction> Actions { get; }

    /// <summary>Finds an action by its exact name, for example <c>SLACK_SEND_MESSAGE</c>.</summary>
    /// <param name="name">The action's name.</param>
    /// <returns>The action, or <see langword="null"/> when the catalogue has none of that name.</returns>
    public ActionKitAction? Find(string name) => name is not null && _byName.TryGetValue(name, out ActionKitAction? action) ? action : null;

    /// <summary>
    /// Reads ActionKit's answer, <c>{"actions": {"slack": [{"type": "function", "function": {name, description,
    /// parameters}}], …}}</c>. Other top-level keys (an <c>errors</c> list) are ignored; an entry without a name is
    /// skipped; a name listed twice keeps its first entry.
    /// </summary>
    /// <returns>The catalogue, or <see langword="null"/> when the answer is not of that shape.</returns>
    internal static ActionKitCatalog? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("actions", out JsonElement actions) || actions.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var integrations = new Dictionary<string, IReadOnlyList<ActionKitAction>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty integration in actions.EnumerateObject())
        {
            if (integration.Value.ValueKind != JsonValueKind.Array || integrations.ContainsKey(integration.Name))
            {
                continue;
            }

            var list = new List<ActionKitAction>();
            foreach (JsonElement entry in integration.Value.EnumerateArray())
            {
                if (ActionKitAction.Read(integration.Name, entry) is { } action && seen.Add(action.Name))
                {
                    list.Add(action);
                }
            }

            integrations.Add(integration.Name, list);
        }

        return new ActionKitCatalog(integrations);
    }
}

/// <summary>One ActionKit action: its integration, name, description and parameters' JSON schema.</summary>
public sealed class ActionKitAction
{
    /// <summary>Describes an action.</summary>
    /// <param name="integration">ActionKit's integration key, for example <c>slack</c> or <c>googleCalendar</c>.</param>
    /// <param name="name">The action's name, for example <c>SLACK_SEND_MESSAGE</c>.</param>
    /// <param name="description">What it does, for a model or a person.</param>
    /// <param name="parameters">Its parameters as a JSON schema (an object schema); <see cref="JsonValueKind.Undefined"/> for none.</param>
    /// <param name="definition">The entry as ActionKit sent it; <see cref="JsonValueKind.Undefined"/> when made by hand.</param>
    public ActionKitAction(string integration, string name, string? description, JsonElement parameters, JsonElement definition = default)
    {
        Integration = integration ?? throw new ArgumentNullException(nameof(integration));
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Description = description;
        Parameters = parameters;
        Definition = definition;
    }

    /// <summary>ActionKit's integration key, for example <c>slack</c> or <c>googleCalendar</c>.</summary>
    public string Integration { get; }

    /// <summary>The action's name, for example <c>SLACK_SEND_MESSAGE</c>: what <see cref="ParagonUserClient.RunActionAsync(string, System.Text.Json.Nodes.JsonObject?, System.Threading.CancellationToken)"/> takes.</summary>
    public string Name { get; }

    /// <summary>What it does, for a model or a person; <see langword="null"/> when ActionKit gave none.</summary>
    public string? Description { get; }

    /// <summary>
    /// Its parameters as a JSON schema, for example <c>{"type": "object", "properties": {"field-email": {"type":
    /// "string"}}, "required": ["field-email"]}</c>; <see cref="JsonValueKind.Undefined"/> when ActionKit gave none. It
    /// may differ per user (custom fields).
    /// </summary>
    public JsonElement Parameters { get; }

    /// <summary>The entry as ActionKit sent it (with any fields not read here); <see cref="JsonValueKind.Undefined"/> when made by hand.</summary>
    public JsonElement Definition { get; }

    /// <inheritdoc />
    public override string ToString() => Integration + "/" + Name;

    internal static ActionKitAction? Read(string integration, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // The json_schema form nests the action in "function" (OpenAI's tool shape); read a flat entry the same way.
        JsonElement function = entry.TryGetProperty("function", out JsonElement nested) && nested.ValueKind == JsonValueKind.Object ? nested : entry;
        // A name RunActionAsync would refuse (blank, whitespace, control characters, over 256 characters) could never run:
        // such an entry is left out here, so that no tool is made for it and no page of text reaches a model as a name.
        if (!function.TryGetProperty("name", out JsonElement name) || name.ValueKind != JsonValueKind.String
            || name.GetString() is not { } actionName || !PlatformArguments.IsActionName(actionName))
        {
            return null;
        }

        string? description = function.TryGetProperty("description", out JsonElement text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        JsonElement parameters = function.TryGetProperty("parameters", out JsonElement schema) ? schema : default;
        return new ActionKitAction(integration, actionName, description, parameters, entry);
    }
}
