using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace Paragon.Testing;

/// <summary>
/// ActionKit behind the local proxy's <c>/projects/{id}/actions</c>: a saved catalogue of actions (Slack, HubSpot and
/// Google Calendar, from <c>tests/ActionKit/actionkit.json</c>), the answers actions give, and every run received, so a
/// test can assert what ran for which user.
/// </summary>
public sealed class LocalActionKit
{
    private const string CatalogResource = "Paragon.Testing.ActionKit.actionkit.json";

    private readonly ConcurrentQueue<RecordedActionRun> _runs = new();
    private readonly ConcurrentDictionary<string, Func<RecordedActionRun, LocalActionAnswer>> _answers = new(StringComparer.Ordinal);
    private volatile JsonObject _catalog = LoadSavedCatalog();

    /// <summary>The catalogue served, <c>{"actions": {"&lt;integration&gt;": [...]}}</c>; a copy, so changing it changes nothing served.</summary>
    public JsonObject Catalog => (JsonObject)_catalog.DeepClone();

    /// <summary>Every action run received so far, in order.</summary>
    public IReadOnlyList<RecordedActionRun> Runs => _runs.ToArray();

    /// <summary>Replaces the catalogue served.</summary>
    /// <param name="catalog">A catalogue in ActionKit's shape.</param>
    /// <returns>This ActionKit, for chaining.</returns>
    public LocalActionKit UseCatalog(JsonObject catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = (JsonObject)catalog.DeepClone();
        return this;
    }

    /// <summary>Sets what an action answers (200 with the given body), replacing the built-in answer.</summary>
    /// <param name="action">The action's name.</param>
    /// <param name="respond">Makes the provider's payload from the run.</param>
    /// <returns>This ActionKit, for chaining.</returns>
    public LocalActionKit Respond(string action, Func<RecordedActionRun, JsonNode?> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        _answers[action] = run => new LocalActionAnswer(200, respond(run));
        return this;
    }

    /// <summary>Makes an action fail as ActionKit reports a failure: <c>{"message", "code", "status", "meta": {"requestId"}}</c>.</summary>
    /// <param name="action">The action's name.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">ActionKit's code, for example <c>41070</c>.</param>
    /// <param name="message">The message, which may itself be the provider's JSON as text.</param>
    /// <returns>This ActionKit, for chaining.</returns>
    public LocalActionKit Fail(string action, int status, string code, string message)
    {
        _answers[action] = _ => new LocalActionAnswer(status, Error(status, code, message));
        return this;
    }

    /// <summary>Forgets the recorded runs.</summary>
    public void ClearRuns() => _runs.Clear();

    /// <summary>ActionKit's error body.</summary>
    internal static JsonObject Error(int status, string code, string message) => new()
    {
        ["message"] = message,
        ["code"] = code,
        ["status"] = status,
        ["meta"] = new JsonObject { ["requestId"] = Guid.NewGuid().ToString() },
    };

    /// <summary>The catalogue an integration filter and the user's connections leave.</summary>
    internal JsonObject List(IReadOnlyCollection<string>? integrations, Func<string, bool>? connected)
    {
        var actions = new JsonObject();
        if (_catalog["actions"] is JsonObject all)
        {
            foreach (KeyValuePair<string, JsonNode?> integration in all)
            {
                if ((integrations is null || integrations.Contains(integration.Key, StringComparer.Ordinal)) && (connected is null || connected(integration.Key)))
                {
                    actions[integration.Key] = integration.Value?.DeepClone();
                }
            }
        }

        return new JsonObject { ["actions"] = actions };
    }

    /// <summary>The integration whose list holds the action, or null when no integration does.</summary>
    internal string? IntegrationOf(string action)
    {
        if (_catalog["actions"] is not JsonObject all)
        {
            return null;
        }

        foreach (KeyValuePair<string, JsonNode?> integration in all)
        {
            if (integration.Value is JsonArray list && list.Any(entry => (entry?["function"]?["name"] ?? entry?["name"])?.GetValue<string>() == action))
            {
                return integration.Key;
            }
        }

        return null;
    }

    internal LocalActionAnswer Run(RecordedActionRun run)
    {
        _runs.Enqueue(run);
        return _answers.TryGetValue(run.Action, out Func<RecordedActionRun, LocalActionAnswer>? answer) ? answer(run) : BuiltIn(run);
    }

    // What the providers would answer, in their shapes (Slack's chat.postMessage, Google's events list), so that a tool's
    // result reads like the real one; any other action echoes what it was asked.
    private static LocalActionAnswer BuiltIn(RecordedActionRun run)
    {
        string? Text(string name) => run.Parameters?[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        JsonNode body = run.Action switch
        {
            "SLACK_SEND_MESSAGE" => new JsonObject
            {
                ["ok"] = true,
                ["channel"] = Text("channel"),
                ["ts"] = "1739896301.418839",
                ["message"] = new JsonObject { ["type"] = "message", ["text"] = Text("message"), ["user"] = "U-" + run.UserId },
                ["response_metadata"] = new JsonObject { ["acceptedScopes"] = new JsonArray("chat:write") },
            },
            "GOOGLE_CALENDAR_LIST_EVENTS" => new JsonObject
            {
                ["kind"] = "calendar#events",
                ["summary"] = run.UserId + "@example.com",
                ["items"] = new JsonArray(
                    new JsonObject { ["id"] = "evt-1", ["summary"] = "Standup", ["start"] = new JsonObject { ["dateTime"] = "2026-12-08T09:00:00Z" } },
                    new JsonObject { ["id"] = "evt-2", ["summary"] = "Planning", ["start"] = new JsonObject { ["dateTime"] = "2026-12-08T14:00:00Z" } }),
            },
            "HUBSPOT_CREATE_RECORD_CONTACTS" => new JsonObject
            {
                ["id"] = "hs-" + Text("field-email"),
                ["properties"] = new JsonObject { ["email"] = Text("field-email"), ["firstname"] = Text("field-firstname") },
            },
            _ => new JsonObject { ["ok"] = true, ["action"] = run.Action, ["parameters"] = run.Parameters?.DeepClone() },
        };
        return new LocalActionAnswer(200, body);
    }

    private static JsonObject LoadSavedCatalog()
    {
        using Stream stream = typeof(LocalActionKit).Assembly.GetManifestResourceStream(CatalogResource)
            ?? throw new InvalidOperationException($"The saved ActionKit catalogue ({CatalogResource}) is not embedded in Paragon.Testing.");
        return JsonNode.Parse(stream) as JsonObject ?? throw new InvalidOperationException("The saved ActionKit catalogue is not a JSON object.");
    }
}

/// <summary>An action run as the local ActionKit received it.</summary>
/// <param name="UserId">The user of the token it came with.</param>
/// <param name="Action">The action's name.</param>
/// <param name="Integration">The integration whose catalogue lists it.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="CredentialId">The <c>X-Paragon-Credential</c> it came with, if any.</param>
public sealed record RecordedActionRun(string UserId, string Action, string Integration, JsonObject? Parameters, string? CredentialId);

/// <summary>What the local ActionKit answers a run: a status and a body.</summary>
internal sealed record LocalActionAnswer(int Status, JsonNode? Body);
