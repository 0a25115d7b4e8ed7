using System;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace Paragon.Mcp;

/// <summary>Serves Paragon's tools from an MCP server built with the ModelContextProtocol SDK.</summary>
public static class ParagonMcpServerBuilderExtensions
{
    /// <summary>
    /// Adds Paragon's tools for the request's user: ActionKit's actions (and any <see cref="ParagonMcpOptions.Sources"/>),
    /// read-only ones only unless <see cref="Paragon.AI.ParagonToolOptions.AllowWrites"/> allows writes, each with MCP's
    /// annotations from its <see cref="Paragon.AI.ParagonToolHints"/>. Needs a <see cref="ParagonClient"/> in the services
    /// (<c>services.AddParagon(…)</c>).
    /// </summary>
    /// <param name="builder">The MCP server's builder.</param>
    /// <param name="configure">Which tools, and where the user comes from; read-only tools for the principal's
    /// <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/> (or <c>sub</c>) claim when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// <para>
    /// The tool set depends on the user (each user's ActionKit catalogue), so it is not registered once: a list-tools
    /// handler asks ActionKit for the request's user at each <c>tools/list</c>, and a call-tool filter asks again at each
    /// <c>tools/call</c> (no cache: a catalogue change, or a user who disconnects an integration, shows at the next
    /// request, at the price of one ActionKit listing per request).
    /// </para>
    /// <para>
    /// The filter is the rule, the annotations only advice: a call is refused with an error result (<c>isError: true</c>,
    /// nothing sent to Paragon) when the request has no user, when the tool is not in the user's allowed set (a write not
    /// allowed, a name that does not exist), or when an argument is not a parameter of the tool (a <c>userId</c>, a
    /// <c>path</c>: no tool takes a user, token, host or path). A tool's own refusal (invalid arguments, the provider's
    /// error) comes back as its JSON error object with <c>isError: true</c>. Tools the application registered itself
    /// (<c>WithTools</c>) pass through the filter unchanged.
    /// </para>
    /// </remarks>
    public static IMcpServerBuilder WithParagonTools(this IMcpServerBuilder builder, Action<ParagonMcpOptions>? configure = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        var options = new ParagonMcpOptions();
        configure?.Invoke(options);
        var tools = new ParagonMcpTools(options);
        // How a request tells it came over HTTP when the SDK gives it no principal (an anonymous request): it must then
        // be refused, never fall back to the configured user, which is stdio's.
        builder.Services.AddHttpContextAccessor();
        return builder
            .WithListToolsHandler(tools.ListAsync)
            .WithCallToolHandler(ParagonMcpTools.CallAsync)
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => (request, cancellationToken) => tools.FilterCallAsync(request, next, cancellationToken)));
    }
}
