using System.Collections.Generic;

namespace Paragon.Platform;

/// <summary>
/// What <see cref="ParagonUserClient.ListActionsAsync(ActionKitListOptions?, System.Threading.CancellationToken)"/> asks
/// ActionKit for: the query of <c>GET /projects/{id}/actions</c>. Every setting left unset is not sent, so ActionKit's
/// default applies.
/// </summary>
public sealed class ActionKitListOptions
{
    /// <summary>
    /// The schema format, sent as <c>format</c>: <c>json_schema</c> (ActionKit's default: each action's parameters as a
    /// JSON schema, the form models take) or <c>paragon</c> (the Workflow Editor's input form, for building UIs).
    /// <see langword="null"/> sends nothing. The catalogue reads the <c>json_schema</c> entry shape
    /// (<c>{"type": "function", "function": {name, description, parameters}}</c>); an entry of another shape keeps its
    /// raw JSON in <see cref="ActionKitAction.Definition"/>.
    /// </summary>
    public string? Format { get; set; }

    /// <summary>Only the actions of these integrations (sent as <c>integrations</c>, comma-separated), for example <c>slack</c>, <c>hubspot</c>. Empty: all.</summary>
    public IList<string> Integrations { get; } = new List<string>();

    /// <summary>Only the actions of these categories (sent as <c>categories</c>, comma-separated), for example <c>crm</c>. Empty: all.</summary>
    public IList<string> Categories { get; } = new List<string>();

    /// <summary>
    /// Sent as <c>limit_to_available</c>: <see langword="true"/> (ActionKit's default) lists only the actions of
    /// integrations the user has connected; <see langword="false"/> lists every integration's in the project.
    /// <see langword="null"/> sends nothing.
    /// </summary>
    public bool? LimitToAvailable { get; set; }

    /// <summary>
    /// Sent as <c>reload_fields</c>: <see langword="true"/> makes ActionKit refresh the user's custom fields (it caches
    /// them for hours) before describing the actions. <see langword="null"/> sends nothing (ActionKit's default, false).
    /// </summary>
    public bool? ReloadFields { get; set; }
}
