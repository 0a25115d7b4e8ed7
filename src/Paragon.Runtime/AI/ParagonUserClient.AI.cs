using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Paragon.AI;
using Paragon.Platform;

namespace Paragon;

// ActionKit's actions as AI tools for this user (namespace Paragon.AI). The user is this client's: fixed when the tools
// are made, never an argument a model could fill.
public sealed partial class ParagonUserClient
{
    /// <summary>
    /// Lists this user's ActionKit actions and makes them Microsoft.Extensions.AI tools (<see cref="ParagonTool"/>) that
    /// run for this user: hand them to a chat client's <c>ChatOptions.Tools</c>, or to an MCP server.
    /// </summary>
    /// <param name="options">Which tools and how they answer; the safe defaults when <see langword="null"/> (read-only tools only).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The tools, in ActionKit's order; an allowed write is wrapped in <see cref="ApprovalRequiredAIFunction"/> when <see cref="ParagonToolOptions.RequireApprovalForWrites"/>.</returns>
    /// <remarks>
    /// <para>
    /// ActionKit does not say which actions only read, so the name decides: an action is read-only when the word after
    /// its integration's prefix is <c>GET</c>, <c>LIST</c> or <c>SEARCH</c> (<c>GOOGLE_CALENDAR_LIST_EVENTS</c>,
    /// <c>HUBSPOT_GET_CONTACT</c>) or it matches <see cref="ParagonToolOptions.ReadOnlyActions"/>, and it does not match
    /// <see cref="ParagonToolOptions.WriteActions"/>. Every other action is a write (<c>SLACK_SEND_MESSAGE</c>,
    /// <c>HUBSPOT_CREATE_RECORD_CONTACTS</c>, and any name the rule cannot read). A write is in the set only when
    /// <see cref="ParagonToolOptions.AllowWrites"/> names its integration or its action; it is destructive unless its verb
    /// is additive (<c>CREATE</c>, <c>SEND</c>, <c>ADD</c>, <c>POST</c>, <c>INVITE</c>).
    /// </para>
    /// <para>
    /// The set is fixed here: a tool result asking the model to call another tool (prompt injection in a provider's data)
    /// cannot add one, and no tool takes a user, token, host or path from its arguments.
    /// </para>
    /// </remarks>
    /// <exception cref="ParagonApiException">ActionKit refused the listing.</exception>
    public async Task<IReadOnlyList<AIFunction>> GetActionToolsAsync(ParagonToolOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ParagonToolOptions();
        // Plain names narrow what ActionKit sends; a glob cannot be sent, so then every integration is listed and the
        // tools are narrowed here (CreateActionTools applies the list either way).
        var list = new ActionKitListOptions();
        if (!options.Integrations.Any(integration => integration is null || integration.IndexOf('*') >= 0))
        {
            foreach (string integration in options.Integrations)
            {
                list.Integrations.Add(integration.Trim());
            }
        }

        ActionKitCatalog catalog = await ListActionsAsync(list, cancellationToken).ConfigureAwait(false);
        return CreateActionTools(catalog, options);
    }

    /// <summary>
    /// Makes tools for this user from a catalogue already listed (<see cref="ListActionsAsync"/>), with the rules of
    /// <see cref="GetActionToolsAsync"/>.
    /// </summary>
    /// <param name="catalog">The actions.</param>
    /// <param name="options">Which tools and how they answer; the safe defaults when <see langword="null"/>.</param>
    /// <returns>The tools.</returns>
    public IReadOnlyList<AIFunction> CreateActionTools(ActionKitCatalog catalog, ParagonToolOptions? options = null)
    {
        if (catalog is null)
        {
            throw new ArgumentNullException(nameof(catalog));
        }

        options ??= new ParagonToolOptions();
        var tools = new List<AIFunction>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ActionKitAction action in catalog.Actions)
        {
            // A hand-made catalogue is checked as ActionKit's answer is: a name the run would refuse makes no tool.
            if (!PlatformArguments.IsActionName(action.Name))
            {
                continue;
            }

            if (options.Integrations.Count > 0 && !NamePatterns.AnyMatches(options.Integrations, action.Integration))
            {
                continue;
            }

            ParagonToolHints hints = ActionKitRules.Hints(action, options);
            if (!hints.ReadOnly && !ActionKitRules.WriteAllowed(action, options))
            {
                continue;
            }

            var tool = new ActionKitTool(this, ToolNames.Safe(action.Name, names), action.Description ?? action.Name,
                ActionKitRules.Schema(action.Parameters), hints, action.Integration, action.Name, options.MaxResultCharacters);
            tools.Add(!hints.ReadOnly && options.RequireApprovalForWrites ? new ApprovalRequiredAIFunction(tool) : tool);
        }

        return tools;
    }
}
