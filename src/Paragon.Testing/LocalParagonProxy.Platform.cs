using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Paragon.Testing;

// Paragon's user-scoped API on the same Kestrel as the proxy, so that one base URL serves ProxyBaseUrl and ApiBaseUrl:
// /projects/{id}/sdk/me, /sdk/integrations, /sdk/metadata, /sdk/credentials, /sdk/workflows, /sdk/triggers, /sdk/events.
public sealed partial class LocalParagonProxy
{
    private LocalPlatform? _platform;

    /// <summary>The users, workflows, triggers and events behind the API paths.</summary>
    public LocalPlatform Platform => LazyInitializer.EnsureInitialized(ref _platform, () => new LocalPlatform(_options));

    private static bool IsPlatformPath(string[] segments) =>
        segments.Length >= 5 && segments[0].Length == 0 && segments[1] == "projects" && segments[3] == "sdk" && segments[4] is not ("proxy" or "");

    private async Task<(int Status, string? Integration, string? ProviderTarget, string? UserId)> RoutePlatformAsync(
        HttpContext context, string[] segments, Dictionary<string, string> headers, byte[] body)
    {
        HttpResponse response = context.Response;
        string route = "/" + string.Join('/', segments.Skip(3));
        string projectId = Uri.UnescapeDataString(segments[2]);
        if (!string.Equals(projectId, _options.ProjectId, StringComparison.Ordinal))
        {
            return (await ParagonErrorAsync(response, 404, "Project not found.", "project_not_found", new JsonObject { ["projectId"] = projectId }).ConfigureAwait(false), null, route, null);
        }

        string? problem = TokenVerifier.Verify(headers.GetValueOrDefault("Authorization"), "useparagon.com/" + _options.ProjectId, _options.TrustedKeys, _options.ClockSkew, out string? userId);
        if (problem is not null)
        {
            return (await ParagonErrorAsync(response, 401, "Unauthorized: " + problem, "unauthorized", new JsonObject { ["projectId"] = _options.ProjectId }).ConfigureAwait(false), null, route, null);
        }

        LocalPlatformUser user = Platform.User(userId!);
        string? credentialId = headers.GetValueOrDefault("X-Paragon-Credential");
        string method = context.Request.Method;
        string[] parts = segments.Skip(4).Select(Uri.UnescapeDataString).ToArray();
        int status = (method, parts) switch
        {
            ("GET", ["me"]) => await JsonAsync(response, 200, user.ToJson(Platform.ProjectIntegrations())).ConfigureAwait(false),
            ("PATCH", ["me"]) => await PatchMeAsync(response, user, body).ConfigureAwait(false),
            ("GET", ["integrations"]) => await JsonAsync(response, 200, new JsonArray(Platform.ProjectIntegrations()
                .Select(type => (JsonNode?)new JsonObject { ["id"] = Platform.IntegrationId(type), ["type"] = type, ["isActive"] = true }).ToArray())).ConfigureAwait(false),
            ("GET", ["metadata"]) => await JsonAsync(response, 200, new JsonArray(Platform.ProjectIntegrations()
                .Select(type => (JsonNode?)new JsonObject { ["type"] = type, ["name"] = type, ["brandColor"] = "#000000", ["icon"] = "https://local.invalid/icons/" + type + ".svg" }).ToArray())).ConfigureAwait(false),
            ("GET", ["credentials"]) => await JsonAsync(response, 200, user.CredentialsJson()).ConfigureAwait(false),
            ("PATCH", ["credentials", string id]) => await PatchCredentialAsync(response, user, id, body).ConfigureAwait(false),
            ("DELETE", ["integrations", string id]) => await DisconnectAsync(response, user, id, credentialId).ConfigureAwait(false),
            ("DELETE", ["workflows", string id]) => await DeleteWorkflowAsync(response, user, id).ConfigureAwait(false),
            ("POST", ["triggers", string id]) => await TriggerAsync(response, user, id, body, credentialId).ConfigureAwait(false),
            ("POST", ["events", "trigger"]) => await EventAsync(response, user, body, credentialId).ConfigureAwait(false),
            _ => await ParagonErrorAsync(response, 404, "Route not found.", "route_not_found", meta: null).ConfigureAwait(false),
        };
        return (status, null, route, userId);
    }

    private static async Task<int> PatchMeAsync(HttpResponse response, LocalPlatformUser user, byte[] body)
    {
        if (ParseBody(body) is not JsonObject { } request || request["meta"] is not JsonObject meta)
        {
            return await ParagonErrorAsync(response, 400, "The body must be {\"meta\": {…}}.", "bad_request", meta: null).ConfigureAwait(false);
        }

        user.MergeMeta(meta);
        return await JsonAsync(response, 200, new JsonObject { ["id"] = user.Id, ["meta"] = user.Meta }).ConfigureAwait(false);
    }

    private static async Task<int> PatchCredentialAsync(HttpResponse response, LocalPlatformUser user, string credentialId, byte[] body)
    {
        if (ParseBody(body) is not JsonObject changes)
        {
            return await ParagonErrorAsync(response, 400, "The body must be a JSON object.", "bad_request", meta: null).ConfigureAwait(false);
        }

        return user.UpdateCredential(credentialId, changes) is { } updated
            ? await JsonAsync(response, 200, updated).ConfigureAwait(false)
            : await ParagonErrorAsync(response, 404, "Credential not found.", "credential_not_found", meta: null).ConfigureAwait(false);
    }

    private async Task<int> DisconnectAsync(HttpResponse response, LocalPlatformUser user, string integrationId, string? credentialId)
    {
        string? integration = Platform.IntegrationById(integrationId);
        if (integration is null || !user.Remove(integration, credentialId))
        {
            return await ParagonErrorAsync(response, 404, "Integration not found for user.", "integration_not_found", new JsonObject { ["integrationId"] = integrationId }).ConfigureAwait(false);
        }

        response.StatusCode = 204;
        return 204;
    }

    private async Task<int> DeleteWorkflowAsync(HttpResponse response, LocalPlatformUser user, string workflowId)
    {
        if (!Platform.TryGetWorkflow(workflowId, out _))
        {
            return await ParagonErrorAsync(response, 404, "Workflow not found.", "workflow_not_found", meta: null).ConfigureAwait(false);
        }

        user.DisableWorkflow(workflowId);
        response.StatusCode = 204;
        return 204;
    }

    private async Task<int> TriggerAsync(HttpResponse response, LocalPlatformUser user, string workflowId, byte[] body, string? credentialId)
    {
        if (!Platform.TryGetWorkflow(workflowId, out LocalWorkflow workflow))
        {
            return await ParagonErrorAsync(response, 404, "Workflow not found.", "workflow_not_found", meta: null).ConfigureAwait(false);
        }

        JsonNode? input = ParseBody(body);
        Platform.Record(new RecordedTrigger(user.Id, workflowId, input?.DeepClone(), credentialId));
        if (workflow.ExecutionId is { } executionId)
        {
            return await JsonAsync(response, workflow.Status, new JsonObject
            {
                ["message"] = "The workflow did not reach its Response step within 55 seconds; it is still running.",
                ["executionId"] = executionId,
            }).ConfigureAwait(false);
        }

        if (workflow.Respond is { } respond)
        {
            return await JsonAsync(response, workflow.Status, respond(input)).ConfigureAwait(false);
        }

        if (workflow.Text is { } text)
        {
            response.StatusCode = workflow.Status;
            await response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
            return workflow.Status;
        }

        response.StatusCode = workflow.Status;
        return workflow.Status;
    }

    private async Task<int> EventAsync(HttpResponse response, LocalPlatformUser user, byte[] body, string? credentialId)
    {
        if (ParseBody(body) is not JsonObject { } request || request["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String)
        {
            return await ParagonErrorAsync(response, 400, "The body must be {\"name\": \"…\", \"payload\": {…}}.", "bad_request", meta: null).ConfigureAwait(false);
        }

        Platform.Record(new RecordedEvent(user.Id, name.GetValue<string>(), request["payload"]?.DeepClone(), credentialId));
        response.StatusCode = 201;
        return 201;
    }

    private static JsonNode? ParseBody(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<int> JsonAsync(HttpResponse response, int status, JsonNode? body)
    {
        await WriteJsonAsync(response, status, body ?? JsonValue.Create((string?)null)!).ConfigureAwait(false);
        return status;
    }
}
