using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Paragon.AI;

namespace Paragon.Mcp;

/// <summary>
/// Makes one user's Paragon tools for an MCP request: ActionKit's actions today (<see cref="ActionKitToolSource"/>),
/// generated operations later. A source returns only the tools the options allow; the server's filter enforces that
/// again on every call.
/// </summary>
public interface IParagonToolSource
{
    /// <summary>The user's tools.</summary>
    /// <param name="user">The client of the request's user; the tools act for it.</param>
    /// <param name="options">The allow-list and result rules.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The tools; each a <see cref="ParagonTool"/> or an <see cref="AIFunction"/> wrapping one, so that its hints are known.</returns>
    Task<IReadOnlyList<AIFunction>> GetToolsAsync(ParagonUserClient user, ParagonToolOptions options, CancellationToken cancellationToken);
}

/// <summary>The user's ActionKit actions as tools (<see cref="ParagonUserClient.GetActionToolsAsync"/>).</summary>
public sealed class ActionKitToolSource : IParagonToolSource
{
    /// <inheritdoc />
    public Task<IReadOnlyList<AIFunction>> GetToolsAsync(ParagonUserClient user, ParagonToolOptions options, CancellationToken cancellationToken) =>
        (user ?? throw new System.ArgumentNullException(nameof(user))).GetActionToolsAsync(options, cancellationToken);
}
