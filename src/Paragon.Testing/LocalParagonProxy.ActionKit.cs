using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Paragon.Testing;

// ActionKit on the same Kestrel as the proxy: /projects/{id}/actions, so one base URL serves ProxyBaseUrl, ApiBaseUrl and
// ActionKitBaseUrl. The route is the contract's (ProxyContract.IsActionKitRoute), as the runtime builds it.
public sealed partial class LocalParagonProxy
{
    private LocalActionKit? _actionKit;

    /// <summary>The actions, their answers and the runs behind the ActionKit route.</summary>
    public LocalActionKit ActionKit => LazyInitializer.EnsureInitialized(ref _actionKit, () => new LocalActionKit());

    private async Task<(int Status, string? Integration, string? ProviderTarget, string? UserId)> RouteActionKitAsync(
        HttpContext context, string[] segments, string rawQuery, Dictionary<string, string> headers, byte[] body)
    {
        HttpResponse response = context.Response;
        const string Route = Paragon.Contract.ProxyContract.ActionsPath;
        string projectId = Uri.UnescapeDataString(segments[2]);
        if (!string.Equals(projectId, _options.ProjectId, StringComparison.Ordinal))
        {
            return (await JsonAsync(response, 404, LocalActionKit.Error(404, "project_not_found", "Project not found.")).ConfigureAwait(false), "actionkit", Route, null);
        }

        string? problem = TokenVerifier.Verify(headers.GetValueOrDefault("Authorization"), "useparagon.com/" + _options.ProjectId, _options.TrustedKeys, _options.ClockSkew, out string? userId);
        if (problem is not null)
        {
            return (await JsonAsync(response, 401, LocalActionKit.Error(401, "unauthorized", "Unauthorized: " + problem)).ConfigureAwait(false), "actionkit", Route, null);
        }

        int status = context.Request.Method switch
        {
            "GET" => await ListActionsAsync(response, userId!, ParseQuery(rawQuery)).ConfigureAwait(false),
            "POST" => await RunActionAsync(response, userId!, body, headers.GetValueOrDefault("X-Paragon-Credential")).ConfigureAwait(false),
            _ => await JsonAsync(response, 405, LocalActionKit.Error(405, "method_not_allowed", "ActionKit's /actions takes GET (list) and POST (run).")).ConfigureAwait(false),
        };
        return (status, "actionkit", Route, userId);
    }

    private async Task<int> ListActionsAsync(HttpResponse response, string userId, IReadOnlyDictionary<string, string[]> query)
    {
        string? Value(string name) => query.TryGetValue(name, out string[]? values) ? values[^1] : null;
        if (Value("format") is { } format && format is not ("json_schema" or "paragon"))
        {
            return await JsonAsync(response, 400, LocalActionKit.Error(400, "invalid_format", $"Unknown format '{format}': use json_schema or paragon.")).ConfigureAwait(false);
        }

        string[]? integrations = Value("integrations")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // ActionKit's default: only the integrations this user has connected.
        bool limitToAvailable = !string.Equals(Value("limit_to_available"), "false", StringComparison.OrdinalIgnoreCase);
        JsonObject catalog = ActionKit.List(integrations, limitToAvailable ? integration => Platform.IsConnected(userId, integration) : null);
        return await JsonAsync(response, 200, catalog).ConfigureAwait(false);
    }

    private async Task<int> RunActionAsync(HttpResponse response, string userId, byte[] body, string? credentialId)
    {
        if (ParseBody(body) is not JsonObject request || request["action"] is not JsonValue actionValue
            || actionValue.GetValueKind() != JsonValueKind.String || actionValue.GetValue<string>() is not { Length: > 0 } action)
        {
            return await JsonAsync(response, 400, LocalActionKit.Error(400, "invalid_request", "The body must be {\"action\": \"…\", \"parameters\": {…}}.")).ConfigureAwait(false);
        }

        if (request["parameters"] is not (null or JsonObject))
        {
            return await JsonAsync(response, 400, LocalActionKit.Error(400, "invalid_parameters", "\"parameters\" must be an object.")).ConfigureAwait(false);
        }

        if (ActionKit.IntegrationOf(action) is not { } integration)
        {
            return await JsonAsync(response, 404, LocalActionKit.Error(404, "action_not_found", $"Action not found: {action}.")).ConfigureAwait(false);
        }

        if (!Platform.IsConnected(userId, integration))
        {
            return await JsonAsync(response, 400, LocalActionKit.Error(400, "integration_not_enabled", "Integration not enabled for user.")).ConfigureAwait(false);
        }

        LocalActionAnswer answer = ActionKit.Run(new RecordedActionRun(userId, action, integration, (JsonObject?)request["parameters"]?.DeepClone(), credentialId));
        return await JsonAsync(response, answer.Status, answer.Body).ConfigureAwait(false);
    }
}
