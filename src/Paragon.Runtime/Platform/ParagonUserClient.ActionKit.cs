using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Platform;
using Paragon.Proxy;

namespace Paragon;

// ActionKit for this user: GET and POST /projects/{id}/actions on ActionKitBaseUrl. Each call is a ProxyRequest aimed at
// ProxyTarget.ActionKit and sent through the one funnel, so the token, X-Paragon-Credential, bounded reads, errors, the
// time-out, telemetry and "POST is never retried" are those of every call.
public sealed partial class ParagonUserClient
{
    /// <summary>The integration name ActionKit calls carry in errors, logs and telemetry.</summary>
    internal const string ActionKitIntegration = "actionkit";

    /// <summary>
    /// Lists the ActionKit actions this user may run (<c>GET /projects/{id}/actions</c> on
    /// <see cref="ParagonClientOptions.ActionKitBaseUrl"/>): per integration, each action's name, description and
    /// parameters as a JSON schema. Custom fields make the schemas differ per user, so list them for the user who will run them.
    /// </summary>
    /// <param name="options">Filters and format; ActionKit's defaults when <see langword="null"/> (JSON schema, only connected integrations).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The catalogue.</returns>
    /// <exception cref="ArgumentException">An integration or category name is unusable; nothing was sent.</exception>
    /// <exception cref="ParagonApiException">ActionKit refused the call (for example 401 for a token without the <c>actionkit</c> permission).</exception>
    /// <exception cref="ParagonUnreadableResponseException">The answer is not <c>{"actions": {…}}</c>.</exception>
    public Task<ActionKitCatalog> ListActionsAsync(ActionKitListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ProxyRequest request = ActionKit(HttpMethod.Get, "actionkit.actions.list");
        if (options is not null)
        {
            if (options.Format is not null)
            {
                request.Query.Add("format", PlatformArguments.Word(options.Format, nameof(options.Format), "format"));
            }

            if (options.Integrations.Count > 0)
            {
                foreach (string integration in options.Integrations)
                {
                    ProxyPath.ValidateIntegration(integration);
                }

                request.Query.Add("integrations", string.Join(",", options.Integrations));
            }

            if (options.Categories.Count > 0)
            {
                foreach (string category in options.Categories)
                {
                    PlatformArguments.Word(category, nameof(options.Categories), "category");
                }

                request.Query.Add("categories", string.Join(",", options.Categories));
            }

            request.Query.Add("limit_to_available", options.LimitToAvailable);
            request.Query.Add("reload_fields", options.ReloadFields);
        }

        return ((ILendingProxyClient)this).SendAndReadAsync(request, static (response, _) =>
            ActionKitCatalog.Read(response.ReadAsJson())
            ?? throw response.Unreadable(typeof(ActionKitCatalog), "ActionKit's list of actions is {\"actions\": {\"<integration>\": [...]}}", null), (object?)null, cancellationToken);
    }

    /// <summary>
    /// Runs one ActionKit action for this user (<c>POST /projects/{id}/actions</c> with <c>{"action", "parameters"}</c>)
    /// and returns the provider's answer as ActionKit relays it. Never retried: a second attempt could act twice.
    /// </summary>
    /// <param name="action">The action's name, for example <c>SLACK_SEND_MESSAGE</c> (see <see cref="ListActionsAsync"/>).</param>
    /// <param name="parameters">Its parameters as its schema describes them; <see langword="null"/> sends <c>{}</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The provider's payload; <see cref="JsonValueKind.Undefined"/> when ActionKit answered with no body.</returns>
    /// <exception cref="ArgumentException">The action name is empty, too long or has whitespace or control characters; nothing was sent.</exception>
    /// <exception cref="ParagonApiException">
    /// ActionKit or the provider refused the action: <see cref="ParagonApiException.StatusCode"/>,
    /// <see cref="ParagonApiException.ErrorCode"/> and <see cref="ParagonApiException.ErrorMessage"/> carry ActionKit's
    /// <c>status</c>, <c>code</c> and <c>message</c>.
    /// </exception>
    public Task<JsonElement> RunActionAsync(string action, JsonObject? parameters, CancellationToken cancellationToken = default) =>
        RunActionCoreAsync(PlatformArguments.ActionName(action), PlatformBodies.Write(parameters ?? new JsonObject()), cancellationToken);

    /// <inheritdoc cref="RunActionAsync(string, JsonObject?, CancellationToken)"/>
    public Task<JsonElement> RunActionAsync(string action, JsonElement parameters, CancellationToken cancellationToken = default)
    {
        PlatformArguments.ActionName(action);
        if (parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
        {
            throw new ArgumentException($"The parameters of an action are a JSON object; got {parameters.ValueKind}.", nameof(parameters));
        }

        return RunActionCoreAsync(action, parameters.ValueKind == JsonValueKind.Undefined ? PlatformBodies.Write(new JsonObject()) : PlatformBodies.Write(parameters), cancellationToken);
    }

    private Task<JsonElement> RunActionCoreAsync(string action, Action<Utf8JsonWriter> writeParameters, CancellationToken cancellationToken)
    {
        ProxyRequest request = ActionKit(HttpMethod.Post, "actionkit.actions.run");
        request.Body = PlatformBodies.Action(action, writeParameters);
        return ((ILendingProxyClient)this).SendAndReadAsync(request, static (response, _) => response.ReadAsJson(), (object?)null, cancellationToken);
    }

    private static ProxyRequest ActionKit(HttpMethod method, string operationId) =>
        new(ActionKitIntegration, method, Contract.ProxyContract.ActionsPath) { Target = ProxyTarget.ActionKit, OperationId = operationId };
}
