using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Claims;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Paragon.AI;

namespace Paragon.Mcp;

/// <summary>The list handler, call filter and call handler behind <see cref="ParagonMcpServerBuilderExtensions.WithParagonTools"/>.</summary>
internal sealed class ParagonMcpTools
{
    // Where the filter leaves the allowed tool for the handler: the call is checked and run with the same listing.
    private const string ToolItem = "paragon.mcp.tool";

    private readonly ParagonMcpOptions _options;
    private readonly IParagonToolSource[] _sources;

    public ParagonMcpTools(ParagonMcpOptions options)
    {
        _options = options;
        _sources = options.Sources.Count > 0 ? options.Sources.ToArray() : [new ActionKitToolSource()];
    }

    public async ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
    {
        var result = new ListToolsResult();
        if (UserOf(request, out _) is not { } user)
        {
            // No user, no tools: listing nothing (rather than an error) lets a client still use the server's other tools.
            return result;
        }

        foreach (McpServerTool tool in await ToolsAsync(request, user, cancellationToken).ConfigureAwait(false))
        {
            result.Tools.Add(tool.ProtocolTool);
        }

        return result;
    }

    public async ValueTask<CallToolResult> FilterCallAsync(
        RequestContext<CallToolRequestParams> request, McpRequestHandler<CallToolRequestParams, CallToolResult> next, CancellationToken cancellationToken)
    {
        if (request.MatchedPrimitive is McpServerTool)
        {
            // A tool the application registered itself (WithTools): not Paragon's to judge.
            return await next(request, cancellationToken).ConfigureAwait(false);
        }

        string name = request.Params?.Name ?? string.Empty;
        if (UserOf(request, out string? problem) is not { } user)
        {
            return Refused(name, problem!);
        }

        IReadOnlyList<McpServerTool> tools;
        try
        {
            tools = await ToolsAsync(request, user, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ParagonApiException or HttpRequestException or TimeoutException)
        {
            // A refusal the client can read, without the exception's text (a URL, a status page): nothing was run.
            return Refused(name, "The user's tools could not be listed from Paragon (" + ex.GetType().Name + "); nothing was run. Try again later.");
        }

        McpServerTool? tool = tools.FirstOrDefault(candidate => string.Equals(candidate.ProtocolTool.Name, name, StringComparison.Ordinal));
        if (tool is null)
        {
            return Refused(name, "This tool is not available to this user (it does not exist, or it writes and writes are not allowed).");
        }

        if (request.Params?.Arguments is { Count: > 0 } arguments)
        {
            JsonElement schema = tool.ProtocolTool.InputSchema;
            bool hasProperties = schema.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object;
            foreach (string argument in arguments.Keys)
            {
                if (!hasProperties || !properties.TryGetProperty(argument, out _))
                {
                    return Refused(name, $"Unknown argument '{argument}': it is not a parameter of this tool (a tool never takes a user, token, host or path).");
                }
            }
        }

        request.Items[ToolItem] = tool;
        return await next(request, cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        if (!request.Items.TryGetValue(ToolItem, out object? item) || item is not McpServerTool tool)
        {
            // Only the filter admits a call; without it nothing runs.
            return Refused(request.Params?.Name ?? string.Empty, "This tool is not available to this user.");
        }

        CallToolResult result = await tool.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.IsError != true && IsToolError(result))
        {
            result.IsError = true;
        }

        return result;
    }

    private async Task<List<McpServerTool>> ToolsAsync(MessageContext request, ParagonUserClient user, CancellationToken cancellationToken)
    {
        var tools = new List<McpServerTool>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (IParagonToolSource source in _sources)
        {
            foreach (AIFunction function in await source.GetToolsAsync(user, _options.Tools, cancellationToken).ConfigureAwait(false))
            {
                // An allowed write comes wrapped for Microsoft.Extensions.AI's approval flow; MCP has its own (the client's).
                ParagonTool? paragon = function as ParagonTool ?? function.GetService<ParagonTool>();
                if (paragon is null || !names.Add(paragon.Name))
                {
                    continue;
                }

                ParagonToolHints hints = paragon.Hints;
                tools.Add(McpServerTool.Create(paragon, new McpServerToolCreateOptions
                {
                    Name = paragon.Name,
                    Description = paragon.Description,
                    ReadOnly = hints.ReadOnly,
                    Destructive = hints.Destructive,
                    Idempotent = hints.Idempotent,
                    OpenWorld = hints.OpenWorld,
                    Services = request.Services,
                }));
            }
        }

        return tools;
    }

    private ParagonUserClient? UserOf(MessageContext request, out string? problem)
    {
        string? userId;
        // The SDK leaves the context's User unset for an anonymous HTTP request: the HTTP context says it is one.
        if ((request.User ?? request.Services?.GetService<IHttpContextAccessor>()?.HttpContext?.User) is { } principal)
        {
            // A principal (HTTP): its claim or nothing; never the configured user, which is for stdio.
            if (principal.Identity?.IsAuthenticated != true)
            {
                problem = "The request is not authenticated.";
                return null;
            }

            userId = principal.FindFirst(_options.UserClaimType)?.Value
                ?? (_options.UserClaimType == ClaimTypes.NameIdentifier ? principal.FindFirst("sub")?.Value : null);
            if (string.IsNullOrWhiteSpace(userId))
            {
                problem = $"The request's principal has no '{_options.UserClaimType}' claim.";
                return null;
            }
        }
        else if (request.JsonRpcMessage?.Context?.RelatedTransport is { } transport and not StreamServerTransport)
        {
            // No principal, yet the message came over a transport other than a stream (stdio): an HTTP message handled
            // without its request's context (a per-session execution context, a long-lived session). The configured user
            // is for stdio only; an anonymous HTTP caller must never become it.
            problem = $"The request is not authenticated ({transport.GetType().Name}).";
            return null;
        }
        else
        {
            userId = _options.UserId;
            if (string.IsNullOrWhiteSpace(userId) && !string.IsNullOrEmpty(_options.UserIdConfigurationKey))
            {
                userId = request.Services?.GetService<IConfiguration>()?[_options.UserIdConfigurationKey];
            }

            if (string.IsNullOrWhiteSpace(userId))
            {
                problem = $"No user: set ParagonMcpOptions.UserId or the configuration key '{_options.UserIdConfigurationKey}'.";
                return null;
            }
        }

        ParagonClient? client = request.Services?.GetService<ParagonClient>();
        if (client is null)
        {
            throw new InvalidOperationException("WithParagonTools needs a ParagonClient in the services: call services.AddParagon(…).");
        }

        try
        {
            problem = null;
            return client.ForUser(userId!);
        }
        catch (ArgumentException)
        {
            // A claim value that is no user id (control characters, too long): refused, not thrown out of the filter.
            problem = "The request's user id is not one Paragon accepts.";
            return null;
        }
    }

    // ParagonTool answers a refusal with {"error": {"kind": …}} rather than throwing: MCP's clients read isError.
    private static bool IsToolError(CallToolResult result)
    {
        if (result.Content.Count != 1 || result.Content[0] is not TextContentBlock text)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text.Text);
            JsonElement root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.EnumerateObject().Count() == 1
                && root.TryGetProperty("error", out JsonElement error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("kind", out JsonElement kind)
                && kind.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static CallToolResult Refused(string name, string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = $"An error occurred invoking '{name}': {message}" }],
    };
}
