using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Platform;
using Paragon.Proxy;

namespace Paragon;

// Paragon's Users API, workflow triggers and App Events for this user. Each call is a ProxyRequest aimed at the API host
// (ProxyTarget.Api) and sent through the one funnel, so the token, headers (X-Paragon-Credential included), errors,
// retries of idempotent calls only, the time-out and telemetry are those of every proxy call.
public sealed partial class ParagonUserClient
{
    /// <summary>The integration name platform calls carry in errors, logs and telemetry: they are calls to Paragon itself.</summary>
    internal const string PlatformIntegration = "paragon";

    /// <summary>Status 542: a workflow with a Response step did not reach it within Paragon's 55 seconds and runs on.</summary>
    private const int WorkflowStillRunning = 542;

    /// <summary>Gets the user as Paragon knows them: id, metadata and the state of each integration (<c>GET /sdk/me</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user.</returns>
    /// <exception cref="ParagonApiException">Paragon refused the call (for example 401 for a token it does not accept).</exception>
    public Task<ParagonUser> GetMeAsync(CancellationToken cancellationToken = default) =>
        ProxyCalls.ReadJsonAsync(this, Api(HttpMethod.Get, "/sdk/me", "sdk.me.get"), PlatformJson.Default.ParagonUser, cancellationToken);

    /// <summary>
    /// Sets metadata on the user (<c>PATCH /sdk/me</c> with <c>{"meta": …}</c>), for example their name and email, shown in
    /// Paragon's dashboard and available to workflows.
    /// </summary>
    /// <param name="meta">The metadata, a JSON object.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Paragon has accepted it. PATCH is not retried.</returns>
    /// <exception cref="ArgumentException"><paramref name="meta"/> is null; nothing was sent.</exception>
    public Task UpdateMetadataAsync(JsonObject meta, CancellationToken cancellationToken = default)
    {
        if (meta is null)
        {
            throw new ArgumentNullException(nameof(meta), "Give the metadata as a JSON object, for example new JsonObject { [\"Email\"] = email }.");
        }

        return UpdateMetadataCoreAsync(PlatformBodies.Write(meta), cancellationToken);
    }

    /// <summary>Sets metadata on the user from a model, serialized with source-generated (trim- and AOT-safe) metadata.</summary>
    /// <typeparam name="T">The metadata's type; it must serialize as a JSON object.</typeparam>
    /// <param name="meta">The metadata.</param>
    /// <param name="metaType">The serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Paragon has accepted it.</returns>
    public Task UpdateMetadataAsync<T>(T meta, JsonTypeInfo<T> metaType, CancellationToken cancellationToken = default)
    {
        if (meta is null || metaType is null)
        {
            throw new ArgumentNullException(meta is null ? nameof(meta) : nameof(metaType), "Give the metadata and its JsonTypeInfo (from a JsonSerializerContext).");
        }

        return UpdateMetadataCoreAsync(PlatformBodies.Write(meta, metaType), cancellationToken);
    }

    private Task UpdateMetadataCoreAsync(Action<Utf8JsonWriter> writeMeta, CancellationToken cancellationToken)
    {
        ProxyRequest request = Api(ProxyMethods.Patch, "/sdk/me", "sdk.me.patch");
        request.Body = PlatformBodies.Meta(writeMeta);
        return ProxyCalls.SendAsync(this, request, cancellationToken);
    }

    /// <summary>
    /// Whether the user has connected and enabled an integration: <c>integrations[integration].enabled</c> of
    /// <see cref="GetMeAsync(CancellationToken)"/>; <see langword="false"/> when Paragon does not list the integration for them.
    /// </summary>
    /// <param name="integration">The integration type, for example <c>slack</c> or <c>custom.my-app</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it is connected.</returns>
    /// <exception cref="ArgumentException"><paramref name="integration"/> is not an integration type; nothing was sent.</exception>
    public async Task<bool> IsConnectedAsync(string integration, CancellationToken cancellationToken = default)
    {
        ProxyPath.ValidateIntegration(integration);
        ParagonUser user = await GetMeAsync(cancellationToken).ConfigureAwait(false);
        return user.IsConnected(integration);
    }

    /// <summary>Lists the project's integrations (<c>GET /sdk/integrations</c>): their ids (for <see cref="DisconnectAsync"/>) and types.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The integrations.</returns>
    public async Task<IReadOnlyList<ParagonIntegration>> ListIntegrationsAsync(CancellationToken cancellationToken = default) =>
        await ProxyCalls.ReadJsonAsync(this, Api(HttpMethod.Get, "/sdk/integrations", "sdk.integrations.list"), PlatformJson.Default.ListParagonIntegration, cancellationToken).ConfigureAwait(false);

    /// <summary>Gets the name, brand colour and icon of the project's integrations (<c>GET /sdk/metadata</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata, one entry per integration.</returns>
    public async Task<IReadOnlyList<ParagonIntegrationMetadata>> GetMetadataAsync(CancellationToken cancellationToken = default) =>
        await ProxyCalls.ReadJsonAsync(this, Api(HttpMethod.Get, "/sdk/metadata", "sdk.metadata.get"), PlatformJson.Default.ListParagonIntegrationMetadata, cancellationToken).ConfigureAwait(false);

    /// <summary>Lists the user's connected accounts on every integration (<c>GET /sdk/credentials</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credentials.</returns>
    public async Task<IReadOnlyList<ParagonCredential>> ListCredentialsAsync(CancellationToken cancellationToken = default) =>
        await ProxyCalls.ReadJsonAsync(this, Api(HttpMethod.Get, "/sdk/credentials", "sdk.credentials.list"), PlatformJson.Default.ListParagonCredential, cancellationToken).ConfigureAwait(false);

    /// <summary>Updates one of the user's credentials (<c>PATCH /sdk/credentials/{credentialId}</c>) with the given fields.</summary>
    /// <param name="credentialId">The credential's id (<see cref="ParagonCredential.Id"/>).</param>
    /// <param name="changes">The fields to change, a JSON object as Paragon documents it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credential as Paragon returns it; <see langword="null"/> when it returns no body. PATCH is not retried.</returns>
    /// <exception cref="ArgumentException">The id is empty or not one value, or <paramref name="changes"/> is null; nothing was sent.</exception>
    public Task<ParagonCredential?> UpdateCredentialAsync(string credentialId, JsonObject changes, CancellationToken cancellationToken = default)
    {
        PlatformArguments.Id(credentialId, nameof(credentialId), "credential id");
        if (changes is null)
        {
            throw new ArgumentNullException(nameof(changes), "Give the fields to change as a JSON object.");
        }

        ProxyRequest request = Api(ProxyMethods.Patch, "/sdk/credentials/{credentialId}", "sdk.credentials.patch").SetPathValue("credentialId", credentialId);
        request.Body = ProxyBody.Json(changes);
        return ProxyCalls.ReadJsonOrDefaultAsync(this, request, PlatformJson.Default.ParagonCredential, cancellationToken);
    }

    /// <summary>
    /// Disconnects an integration from the user (<c>DELETE /sdk/integrations/{integrationId}</c>). With a credential selected
    /// (<see cref="WithCredential(string)"/>) only that account is disconnected.
    /// </summary>
    /// <param name="integrationId">The integration's id (<see cref="ParagonIntegration.Id"/> from <see cref="ListIntegrationsAsync"/>), not its type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Paragon has disconnected it.</returns>
    /// <exception cref="ArgumentException">The id is empty or not one value; nothing was sent.</exception>
    public Task DisconnectAsync(string integrationId, CancellationToken cancellationToken = default)
    {
        PlatformArguments.Id(integrationId, nameof(integrationId), "integration id");
        return ProxyCalls.SendAsync(this, Api(HttpMethod.Delete, "/sdk/integrations/{integrationId}", "sdk.integrations.delete").SetPathValue("integrationId", integrationId), cancellationToken);
    }

    /// <summary>Turns a workflow off for the user (<c>DELETE /sdk/workflows/{workflowId}</c>).</summary>
    /// <param name="workflowId">The workflow's id, from its URL in Paragon's dashboard.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Paragon has turned it off.</returns>
    /// <exception cref="ArgumentException">The id is empty or not one value; nothing was sent.</exception>
    public Task DeleteWorkflowAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        PlatformArguments.Id(workflowId, nameof(workflowId), "workflow id");
        return ProxyCalls.SendAsync(this, Api(HttpMethod.Delete, "/sdk/workflows/{workflowId}", "sdk.workflows.delete").SetPathValue("workflowId", workflowId), cancellationToken);
    }

    /// <summary>
    /// Triggers a workflow with a Request trigger for the user (<c>POST /sdk/triggers/{workflowId}</c>). The outcome is
    /// typed: queued (202), completed with the Response step's data, or still running after Paragon's 55 seconds (542)
    /// with the execution id. Never retried: a second attempt would run (and bill) the workflow again.
    /// </summary>
    /// <param name="workflowId">The workflow's id, from its URL in Paragon's dashboard.</param>
    /// <param name="body">The request body the workflow receives; <see langword="null"/> sends <c>{}</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The id is empty or not one value; nothing was sent.</exception>
    /// <exception cref="ParagonApiException">Paragon refused the call, or the Response step sent an error status.</exception>
    public Task<WorkflowTriggerResult> TriggerWorkflowAsync(string workflowId, JsonNode? body = null, CancellationToken cancellationToken = default) =>
        TriggerCoreAsync(workflowId, body is null ? ProxyBody.RawJson(EmptyObject) : ProxyBody.Json(body), cancellationToken);

    /// <inheritdoc cref="TriggerWorkflowAsync(string, JsonNode?, CancellationToken)"/>
    public Task<WorkflowTriggerResult> TriggerWorkflowAsync(string workflowId, JsonElement body, CancellationToken cancellationToken = default) =>
        TriggerCoreAsync(workflowId, body.ValueKind == JsonValueKind.Undefined ? ProxyBody.RawJson(EmptyObject) : ProxyBody.Json(body), cancellationToken);

    /// <summary>Triggers a workflow with a body serialized with source-generated (trim- and AOT-safe) metadata.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="workflowId">The workflow's id.</param>
    /// <param name="body">The request body the workflow receives.</param>
    /// <param name="bodyType">The serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome.</returns>
    public Task<WorkflowTriggerResult> TriggerWorkflowAsync<T>(string workflowId, T body, JsonTypeInfo<T> bodyType, CancellationToken cancellationToken = default)
    {
        if (bodyType is null)
        {
            throw new ArgumentNullException(nameof(bodyType), "Give the body's JsonTypeInfo (from a JsonSerializerContext).");
        }

        return TriggerCoreAsync(workflowId, ProxyBody.Json(body, bodyType), cancellationToken);
    }

    private static readonly byte[] EmptyObject = [(byte)'{', (byte)'}'];

    private async Task<WorkflowTriggerResult> TriggerCoreAsync(string workflowId, ProxyBody body, CancellationToken cancellationToken)
    {
        PlatformArguments.Id(workflowId, nameof(workflowId), "workflow id");
        ProxyRequest request = Api(HttpMethod.Post, "/sdk/triggers/{workflowId}", "sdk.triggers.post").SetPathValue("workflowId", workflowId);
        request.Body = body;
        request.OutcomeStatus = WorkflowStillRunning;

        using ParagonResponse response = await ((ILendingProxyClient)this).SendLendingBodyAsync(request, cancellationToken).ConfigureAwait(false);
        JsonElement? result = null;
        if (!response.IsBlank)
        {
            // A Response step sends what the workflow made, with or without a JSON content type. The workflow ran either
            // way: a result that is not JSON is kept as text, never turned into an exception the caller might retry on.
            bool json = response.ContentType is null || response.ContentType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0;
            try
            {
                result = json ? response.ReadAsJson() : PlatformBodies.TextElement(response.ReadAsString());
            }
            catch (ParagonUnreadableResponseException)
            {
                result = PlatformBodies.TextElement(response.ReadAsString());
            }
        }

        string? executionId = result is { ValueKind: JsonValueKind.Object } found && found.TryGetProperty("executionId", out JsonElement id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
        WorkflowTriggerStatus status = (int)response.StatusCode switch
        {
            WorkflowStillRunning => WorkflowTriggerStatus.StillRunning,
            (int)HttpStatusCode.Accepted => WorkflowTriggerStatus.Enqueued,
            _ => WorkflowTriggerStatus.Completed,
        };
        return new WorkflowTriggerResult(status, response.StatusCode, result, executionId);
    }

    /// <summary>
    /// Sends an App Event for the user (<c>POST /sdk/events/trigger</c> with <c>{"name", "payload"}</c>): every workflow
    /// the user enabled with that event as its trigger runs. Never retried.
    /// </summary>
    /// <param name="name">The event's name, as defined in Paragon's dashboard.</param>
    /// <param name="payload">The event's payload, matching the event's schema.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Paragon has accepted the event.</returns>
    /// <exception cref="ArgumentException">The name is null, empty or has control characters; nothing was sent.</exception>
    public Task SendEventAsync(string name, JsonNode? payload, CancellationToken cancellationToken = default) =>
        SendEventCoreAsync(PlatformArguments.EventName(name), PlatformBodies.Write(payload), cancellationToken);

    /// <inheritdoc cref="SendEventAsync(string, JsonNode?, CancellationToken)"/>
    public Task SendEventAsync(string name, JsonElement payload, CancellationToken cancellationToken = default) =>
        SendEventCoreAsync(PlatformArguments.EventName(name), PlatformBodies.Write(payload), cancellationToken);

    /// <summary>Sends an App Event whose payload is serialized with source-generated (trim- and AOT-safe) metadata.</summary>
    /// <typeparam name="T">The payload's type.</typeparam>
    /// <param name="name">The event's name.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="payloadType">The serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Paragon has accepted the event.</returns>
    public Task SendEventAsync<T>(string name, T payload, JsonTypeInfo<T> payloadType, CancellationToken cancellationToken = default)
    {
        PlatformArguments.EventName(name);
        if (payloadType is null)
        {
            throw new ArgumentNullException(nameof(payloadType), "Give the payload's JsonTypeInfo (from a JsonSerializerContext).");
        }

        return SendEventCoreAsync(name, PlatformBodies.Write(payload, payloadType), cancellationToken);
    }

    private Task SendEventCoreAsync(string name, Action<Utf8JsonWriter> writePayload, CancellationToken cancellationToken)
    {
        ProxyRequest request = Api(HttpMethod.Post, "/sdk/events/trigger", "sdk.events.trigger");
        request.Body = PlatformBodies.Event(name, writePayload);
        return ProxyCalls.SendAsync(this, request, cancellationToken);
    }

    private static ProxyRequest Api(HttpMethod method, string path, string operationId) =>
        new(PlatformIntegration, method, path) { Target = ProxyTarget.Api, OperationId = operationId };
}
