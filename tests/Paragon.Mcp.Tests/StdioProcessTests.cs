using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Paragon.Testing;

namespace Paragon.Mcp.Tests;

/// <summary>
/// Real stdio: the SDK's client launches tests/Paragon.Mcp.StdioHost (WithStdioServerTransport + WithParagonTools,
/// configured from the environment, the user from the configuration key Paragon:Mcp:UserId).
/// </summary>
public sealed class StdioProcessTests(McpFixture fixture) : IClassFixture<McpFixture>
{
    [Fact]
    public async Task A_launched_stdio_server_lists_read_only_tools_and_runs_a_call_for_the_configured_user()
    {
        string host = Path.Combine(AppContext.BaseDirectory.Replace("Paragon.Mcp.Tests", "Paragon.Mcp.StdioHost", StringComparison.Ordinal), "Paragon.Mcp.StdioHost.dll");
        Assert.True(File.Exists(host), host);
        string userId = McpFixture.NewUser();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "paragon",
            Command = "dotnet",
            Arguments = [host],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["Paragon__ProjectId"] = fixture.Proxy.ProjectId,
                ["Paragon__SigningKey"] = fixture.Key.PrivateKeyPem,
                ["Paragon__ProxyBaseUrl"] = "http://127.0.0.1:9",
                ["Paragon__ApiBaseUrl"] = "http://127.0.0.1:9",
                ["Paragon__ActionKitBaseUrl"] = fixture.Proxy.BaseUrl.ToString(),
                ["Paragon__Mcp__UserId"] = userId,
            },
        });
        await using McpClient client = await McpClient.CreateAsync(transport);

        IList<McpClientTool> tools = await client.ListToolsAsync();
        CallToolResult result = await client.CallToolAsync("SLACK_LIST_CHANNELS", McpFixture.Arguments("{}"));

        Assert.Contains(tools, t => t.Name == "SLACK_LIST_CHANNELS");
        Assert.All(tools, tool => Assert.True(tool.ProtocolTool.Annotations?.ReadOnlyHint));
        Assert.True(result.IsError != true, McpFixture.Text(result));
        Assert.Equal("SLACK_LIST_CHANNELS", Assert.Single(fixture.Proxy.ActionKit.Runs, r => r.UserId == userId).Action);
    }
}
