using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Paragon.Testing;

/// <summary>
/// The state behind the local proxy's Users API, workflow triggers and App Events (<c>/projects/{id}/sdk/…</c> other than
/// the proxy): per user, their metadata, connected integrations and credentials; the workflows tests register; the
/// triggers and events received. A user is set up from <see cref="LocalProxyOptions.IsConnected"/> (every provider) the
/// first time the API or a test touches them, and can then be changed with <see cref="User(string)"/>.
/// </summary>
public sealed class LocalPlatform
{
    private readonly LocalProxyOptions _options;
    private readonly ConcurrentDictionary<string, LocalPlatformUser> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalWorkflow> _workflows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _integrationIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedEvent> _events = new();
    private readonly ConcurrentQueue<RecordedTrigger> _triggers = new();

    internal LocalPlatform(LocalProxyOptions options) => _options = options;

    /// <summary>Every App Event received, in order.</summary>
    public IReadOnlyList<RecordedEvent> Events => _events.ToArray();

    /// <summary>Every workflow trigger received (known workflows only), in order.</summary>
    public IReadOnlyList<RecordedTrigger> Triggers => _triggers.ToArray();

    /// <summary>A user's state, set up on first use.</summary>
    /// <param name="userId">The user id (the token's <c>sub</c>).</param>
    /// <returns>The user.</returns>
    public LocalPlatformUser User(string userId) => _users.GetOrAdd(userId, id => new LocalPlatformUser(id, this, InitiallyConnected(id)));

    /// <summary>Registers a workflow with a Request trigger and how it answers.</summary>
    /// <param name="workflowId">Its id.</param>
    /// <param name="behaviour">How it answers.</param>
    /// <returns>This platform.</returns>
    public LocalPlatform AddWorkflow(string workflowId, LocalWorkflow behaviour)
    {
        ArgumentNullException.ThrowIfNull(behaviour);
        _workflows[workflowId] = behaviour;
        return this;
    }

    /// <summary>The id the platform gives an integration type (stable for the proxy's lifetime): what disconnecting takes.</summary>
    /// <param name="integration">The integration type.</param>
    /// <returns>Its id.</returns>
    public string IntegrationId(string integration) => _integrationIds.GetOrAdd(integration, _ => Guid.NewGuid().ToString());

    /// <summary>The project's integration types: the providers (those named by type) and any a test connected.</summary>
    internal IReadOnlyList<string> ProjectIntegrations()
    {
        var types = new SortedSet<string>(_options.Providers.Keys.Where(k => !k.Contains('/', StringComparison.Ordinal)), StringComparer.Ordinal);
        foreach (LocalPlatformUser user in _users.Values)
        {
            types.UnionWith(user.ConnectedIntegrations);
        }

        return types.ToArray();
    }

    internal string? IntegrationById(string id) => _integrationIds.FirstOrDefault(p => p.Value == id).Key;

    internal bool TryGetWorkflow(string id, out LocalWorkflow workflow) => _workflows.TryGetValue(id, out workflow!);

    internal void Record(RecordedEvent appEvent) => _events.Enqueue(appEvent);

    internal void Record(RecordedTrigger trigger) => _triggers.Enqueue(trigger);

    /// <summary>What the proxy path asks: a user the platform has set up answers from their state, any other from the options.</summary>
    internal bool IsConnected(string userId, string integration) =>
        _users.TryGetValue(userId, out LocalPlatformUser? user) ? user.IsConnected(integration) : _options.IsConnected?.Invoke(userId, integration) ?? true;

    private string[] InitiallyConnected(string userId) =>
        _options.Providers.Keys.Where(k => _options.IsConnected?.Invoke(userId, k) ?? true).ToArray();
}

/// <summary>One user's state on the local platform. Thread-safe.</summary>
public sealed class LocalPlatformUser
{
    private readonly object _gate = new();
    private readonly LocalPlatform _platform;
    private readonly Dictionary<string, List<JsonObject>> _credentials = new(StringComparer.Ordinal);
    private readonly HashSet<string> _disabledWorkflows = new(StringComparer.Ordinal);
    private JsonObject _meta = [];

    internal LocalPlatformUser(string id, LocalPlatform platform, IEnumerable<string> connected)
    {
        Id = id;
        _platform = platform;
        foreach (string integration in connected)
        {
            Connect(integration);
        }
    }

    /// <summary>The user id.</summary>
    public string Id { get; }

    /// <summary>A copy of the user's metadata.</summary>
    public JsonObject Meta
    {
        get
        {
            lock (_gate)
            {
                return (JsonObject)_meta.DeepClone();
            }
        }
    }

    /// <summary>The integration types the user has connected.</summary>
    public IReadOnlyList<string> ConnectedIntegrations
    {
        get
        {
            lock (_gate)
            {
                return _credentials.Keys.ToArray();
            }
        }
    }

    /// <summary>The workflows the user turned off.</summary>
    public IReadOnlyList<string> DisabledWorkflows
    {
        get
        {
            lock (_gate)
            {
                return _disabledWorkflows.ToArray();
            }
        }
    }

    /// <summary>Connects an account on an integration (another one if the user has one already).</summary>
    /// <param name="integration">The integration type.</param>
    /// <param name="credentialId">The new credential's id; a new GUID when <see langword="null"/>.</param>
    /// <returns>This user.</returns>
    public LocalPlatformUser Connect(string integration, string? credentialId = null)
    {
        var credential = new JsonObject
        {
            ["id"] = credentialId ?? Guid.NewGuid().ToString(),
            ["integrationId"] = _platform.IntegrationId(integration),
            ["status"] = "VALID",
            ["providerId"] = "provider-" + Id,
        };
        lock (_gate)
        {
            if (!_credentials.TryGetValue(integration, out List<JsonObject>? list))
            {
                _credentials[integration] = list = [];
            }

            list.Add(credential);
        }

        return this;
    }

    /// <summary>Disconnects every account of an integration.</summary>
    /// <param name="integration">The integration type.</param>
    /// <returns>This user.</returns>
    public LocalPlatformUser Disconnect(string integration)
    {
        lock (_gate)
        {
            _credentials.Remove(integration);
        }

        return this;
    }

    /// <summary>The ids of the user's credentials on an integration, the default first.</summary>
    /// <param name="integration">The integration type.</param>
    /// <returns>The ids.</returns>
    public IReadOnlyList<string> CredentialIds(string integration)
    {
        lock (_gate)
        {
            return _credentials.TryGetValue(integration, out List<JsonObject>? list) ? list.Select(c => (string)c["id"]!).ToArray() : [];
        }
    }

    internal bool IsConnected(string integration)
    {
        lock (_gate)
        {
            return _credentials.ContainsKey(integration);
        }
    }

    internal void MergeMeta(JsonObject meta)
    {
        lock (_gate)
        {
            foreach (KeyValuePair<string, JsonNode?> pair in meta)
            {
                _meta[pair.Key] = pair.Value?.DeepClone();
            }
        }
    }

    internal void DisableWorkflow(string workflowId)
    {
        lock (_gate)
        {
            _disabledWorkflows.Add(workflowId);
        }
    }

    /// <summary>Removes one credential, or all of the integration's; false when there was none to remove.</summary>
    internal bool Remove(string integration, string? credentialId)
    {
        lock (_gate)
        {
            if (!_credentials.TryGetValue(integration, out List<JsonObject>? list))
            {
                return false;
            }

            if (credentialId is null)
            {
                return _credentials.Remove(integration);
            }

            if (list.RemoveAll(c => (string?)c["id"] == credentialId) == 0)
            {
                return false;
            }

            if (list.Count == 0)
            {
                _credentials.Remove(integration);
            }

            return true;
        }
    }

    internal JsonObject? UpdateCredential(string credentialId, JsonObject changes)
    {
        lock (_gate)
        {
            JsonObject? credential = _credentials.Values.SelectMany(c => c).FirstOrDefault(c => (string?)c["id"] == credentialId);
            if (credential is null)
            {
                return null;
            }

            foreach (KeyValuePair<string, JsonNode?> pair in changes)
            {
                if (pair.Key != "id")
                {
                    credential[pair.Key] = pair.Value?.DeepClone();
                }
            }

            return (JsonObject)credential.DeepClone();
        }
    }

    internal JsonArray CredentialsJson()
    {
        lock (_gate)
        {
            return new JsonArray(_credentials.Values.SelectMany(c => c).Select(c => (JsonNode?)c.DeepClone()).ToArray());
        }
    }

    /// <summary>The user as <c>GET /sdk/me</c> shows them: every project integration, enabled or not.</summary>
    internal JsonObject ToJson(IReadOnlyList<string> projectIntegrations)
    {
        lock (_gate)
        {
            var integrations = new JsonObject();
            foreach (string type in projectIntegrations.Union(_credentials.Keys))
            {
                if (_credentials.TryGetValue(type, out List<JsonObject>? list) && list.Count > 0)
                {
                    integrations[type] = new JsonObject
                    {
                        ["enabled"] = true,
                        ["credentialId"] = list[0]["id"]!.DeepClone(),
                        ["credentialStatus"] = list[0]["status"]?.DeepClone(),
                        ["allCredentials"] = new JsonArray(list.Select(c => (JsonNode?)c.DeepClone()).ToArray()),
                        ["providerId"] = list[0]["providerId"]?.DeepClone(),
                        ["configuredWorkflows"] = new JsonObject(),
                    };
                }
                else
                {
                    integrations[type] = new JsonObject { ["enabled"] = false, ["configuredWorkflows"] = new JsonObject() };
                }
            }

            return new JsonObject
            {
                ["id"] = Id,
                ["authenticated"] = true,
                ["meta"] = _meta.DeepClone(),
                ["integrations"] = integrations,
            };
        }
    }
}

/// <summary>How a workflow registered on the local platform answers a trigger.</summary>
public sealed class LocalWorkflow
{
    private LocalWorkflow(int status, Func<JsonNode?, JsonNode?>? respond, string? executionId, string? text = null)
    {
        Status = status;
        Respond = respond;
        ExecutionId = executionId;
        Text = text;
    }

    internal string? Text { get; }

    internal int Status { get; }

    internal Func<JsonNode?, JsonNode?>? Respond { get; }

    internal string? ExecutionId { get; }

    /// <summary>No Response step: Paragon queues the run and answers 202.</summary>
    /// <returns>The behaviour.</returns>
    public static LocalWorkflow Enqueue() => new(202, null, null);

    /// <summary>A Response step that sends a result computed from the trigger's body (<see langword="null"/> for none).</summary>
    /// <param name="respond">Makes the result from the body.</param>
    /// <param name="status">The Response step's status.</param>
    /// <returns>The behaviour.</returns>
    public static LocalWorkflow RespondWith(Func<JsonNode?, JsonNode?> respond, int status = 200) => new(status, respond ?? throw new ArgumentNullException(nameof(respond)), null);

    /// <summary>A Response step that sends plain text with no Content-Type, as a workflow's Response step may.</summary>
    /// <param name="text">The text.</param>
    /// <param name="status">The Response step's status.</param>
    /// <returns>The behaviour.</returns>
    public static LocalWorkflow RespondWithText(string text, int status = 200) => new(status, null, null, text ?? throw new ArgumentNullException(nameof(text)));

    /// <summary>
    /// A Response step not reached within Paragon's 55 seconds: 542 with the execution id, at once (no test waits 55 s).
    /// </summary>
    /// <param name="executionId">The run's id.</param>
    /// <returns>The behaviour.</returns>
    public static LocalWorkflow StillRunning(string executionId) => new(542, null, executionId);
}

/// <summary>An App Event as the local platform received it.</summary>
/// <param name="UserId">The user it was sent for.</param>
/// <param name="Name">The event's name.</param>
/// <param name="Payload">Its payload.</param>
/// <param name="CredentialId">The <c>X-Paragon-Credential</c> it came with, if any.</param>
public sealed record RecordedEvent(string UserId, string Name, JsonNode? Payload, string? CredentialId);

/// <summary>A workflow trigger as the local platform received it.</summary>
/// <param name="UserId">The user it was sent for.</param>
/// <param name="WorkflowId">The workflow.</param>
/// <param name="Body">Its body.</param>
/// <param name="CredentialId">The <c>X-Paragon-Credential</c> it came with, if any.</param>
public sealed record RecordedTrigger(string UserId, string WorkflowId, JsonNode? Body, string? CredentialId);
