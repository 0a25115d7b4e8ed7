using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Paragon.AI;

/// <summary>
/// A Paragon call a model can make, as a Microsoft.Extensions.AI <see cref="AIFunction"/>: a safe name, a description,
/// a JSON schema made once, and hints of what it may do. The user it acts for is fixed when it is made: its arguments
/// are the call's parameters only, never a user id, a token, a host or a path.
/// </summary>
/// <remarks>
/// Invoking it never throws for a model's mistake or a provider's refusal; it returns a JSON result the model can read:
/// <c>{"error": {"kind": "invalid_arguments", "message": …, "problems": […]}}</c> when the arguments do not match the
/// schema (nothing is sent), <c>{"error": {"kind": "api_error", "status": …, "code": …, "message": …}}</c> when Paragon
/// or the provider refused it, <c>{"error": {"kind": "timeout" | "unreachable", "message": …}}</c> when no answer came,
/// and otherwise the provider's payload, cut to <see cref="MaxResultCharacters"/> with a note. Cancellation and the
/// client's own failures (a token that cannot be made) still throw.
/// </remarks>
public abstract class ParagonTool : AIFunction
{
    private readonly string _name;
    private readonly string _description;
    private readonly JsonElement _schema;
    private readonly IReadOnlyDictionary<string, object?> _properties;

    private protected ParagonTool(string name, string description, JsonElement schema, ParagonToolHints hints, string integration, string operation, int maxResultCharacters)
    {
        _name = name;
        _description = description;
        _schema = schema;
        Hints = hints;
        Integration = integration;
        Operation = operation;
        MaxResultCharacters = maxResultCharacters;
        _properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["paragon.integration"] = integration,
            ["paragon.operation"] = operation,
            ["paragon.readOnly"] = hints.ReadOnly,
            ["paragon.destructive"] = hints.Destructive,
            ["paragon.idempotent"] = hints.Idempotent,
            ["paragon.openWorld"] = hints.OpenWorld,
        };
    }

    /// <summary>The tool's name as models see it: <c>[A-Za-z0-9_-]</c>, at most 64 characters, unique in its set.</summary>
    public override string Name => _name;

    /// <inheritdoc />
    public override string Description => _description;

    /// <summary>The JSON schema of the tool's arguments (an object schema), made once when the tool was made.</summary>
    public override JsonElement JsonSchema => _schema;

    /// <summary>
    /// The integration, operation and hints under the keys <c>paragon.integration</c>, <c>paragon.operation</c>,
    /// <c>paragon.readOnly</c>, <c>paragon.destructive</c>, <c>paragon.idempotent</c> and <c>paragon.openWorld</c>.
    /// </summary>
    public override IReadOnlyDictionary<string, object?> AdditionalProperties => _properties;

    /// <summary>What the tool may do.</summary>
    public ParagonToolHints Hints { get; }

    /// <summary>The integration it acts in, for example <c>slack</c> or <c>googleCalendar</c>.</summary>
    public string Integration { get; }

    /// <summary>What it runs: the ActionKit action's name (<c>SLACK_SEND_MESSAGE</c>) or the operation's id.</summary>
    public string Operation { get; }

    /// <summary>The longest result it hands to a model, in characters of JSON (<see cref="ParagonToolOptions.MaxResultCharacters"/>).</summary>
    public int MaxResultCharacters { get; }

    /// <inheritdoc />
    protected sealed override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        (List<string> problems, JsonObject parameters) = ToolArguments.Check(_schema, arguments);
        if (problems.Count > 0)
        {
            return ToolResults.InvalidArguments(problems);
        }

        try
        {
            JsonElement payload = await CallAsync(parameters, cancellationToken).ConfigureAwait(false);
            return ToolResults.Capped(payload, MaxResultCharacters);
        }
        catch (ParagonApiException ex)
        {
            return ToolResults.ApiError(ex);
        }
        catch (TimeoutException ex)
        {
            return ToolResults.Error("timeout", ex.Message + Outcome());
        }
        catch (System.Net.Http.HttpRequestException ex)
        {
            // Paragon could not be reached, or the connection broke: the model may try later, or tell the user.
            return ToolResults.Error("unreachable", ex.Message + Outcome());
        }
        catch (ParagonUnreadableResponseException ex)
        {
            // The action ran; what came back was not JSON. Say so rather than let the model think it failed and repeat it.
            return ToolResults.Error("unreadable_result", "The call succeeded but its answer could not be read: " + ex.Message);
        }
    }

    // A write whose answer never came may still have been done: the model must not assume either way and repeat it.
    private string Outcome() => Hints.ReadOnly ? string.Empty : " It may or may not have been done: check before calling it again.";

    /// <summary>Makes the call for the tool's user with checked parameters.</summary>
    private protected abstract Task<JsonElement> CallAsync(JsonObject parameters, CancellationToken cancellationToken);
}
