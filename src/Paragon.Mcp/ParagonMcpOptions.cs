using System.Collections.Generic;
using System.Security.Claims;
using Paragon.AI;

namespace Paragon.Mcp;

/// <summary>
/// How <see cref="ParagonMcpServerBuilderExtensions.WithParagonTools"/> serves Paragon's tools: which tools (the same
/// allow-list rules as <see cref="ParagonUserClient.GetActionToolsAsync"/>; read-only tools only by default), where they
/// come from, and whose they are.
/// </summary>
/// <remarks>
/// The user is never a tool argument. A request that carries a principal (the HTTP transport always sets one) acts for
/// the principal's <see cref="UserClaimType"/> claim, and is refused when it is not authenticated or lacks the claim; a
/// request without one (stdio) acts for <see cref="UserId"/>, or the configuration value under
/// <see cref="UserIdConfigurationKey"/>, and is refused when neither is set.
/// </remarks>
public sealed class ParagonMcpOptions
{
    /// <summary>The default of <see cref="UserIdConfigurationKey"/>: <c>Paragon:Mcp:UserId</c>.</summary>
    public const string DefaultUserIdConfigurationKey = "Paragon:Mcp:UserId";

    /// <summary>
    /// Which tools a user's set holds and how they answer (allow-list of writes, integrations, result size). Writes are
    /// absent unless <see cref="ParagonToolOptions.AllowWrites"/> names them; <see cref="ParagonToolOptions.RequireApprovalForWrites"/>
    /// has no effect here: approval is the MCP client's, which sees the tools' annotations.
    /// </summary>
    public ParagonToolOptions Tools { get; } = new();

    /// <summary>
    /// Where the tools come from, asked in order for each request; a name already taken by an earlier source is skipped.
    /// Empty (the default): ActionKit's actions (<see cref="ActionKitToolSource"/>).
    /// </summary>
    public IList<IParagonToolSource> Sources { get; } = new List<IParagonToolSource>();

    /// <summary>
    /// The claim of an HTTP request's principal that holds the Paragon user id. Default:
    /// <see cref="ClaimTypes.NameIdentifier"/>, with <c>sub</c> tried when the principal has no such claim (a JWT handler
    /// that does not map claim names).
    /// </summary>
    public string UserClaimType { get; set; } = ClaimTypes.NameIdentifier;

    /// <summary>The user a request without a principal (stdio) acts for. Wins over <see cref="UserIdConfigurationKey"/>.</summary>
    public string? UserId { get; set; }

    /// <summary>
    /// The configuration key read for the user of a request without a principal when <see cref="UserId"/> is not set.
    /// Default: <see cref="DefaultUserIdConfigurationKey"/>.
    /// </summary>
    public string UserIdConfigurationKey { get; set; } = DefaultUserIdConfigurationKey;
}
