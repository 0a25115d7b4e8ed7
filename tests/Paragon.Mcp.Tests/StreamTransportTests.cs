using System;
using System.Collections.Generic;
using System.IO.Pipelines;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Paragon.Testing;

namespace Paragon.Mcp.Tests;

/// <summary>
/// The stdio path, in process: the server's stream transport over a pair of pipes (what WithStdioServerTransport does
/// over stdin/stdout; StdioProcessTests launches a real one), the SDK's own client on the other end. No principal: the user is
/// the configured one.
/// </summary>
public sealed class StreamTransportTests(McpFixture fixture) : IClassFixture<McpFixture>
{
    private sealed class Server : IAsyncDisposable
    {
        private readonly Pipe _clientToServer = new();
        private readonly Pipe _serverToClient = new();
        private readonly ServiceProvider _services;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public Server(ParagonClient paragon, Action<ParagonMcpOptions>? configure, IReadOnlyDictionary<string, string?>? configuration = null)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(paragon);
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build());
            services.AddMcpServer()
                .WithStreamServerTransport(_clientToServer.Reader.AsStream(), _serverToClient.Writer.AsStream())
                .WithTools([McpServerTool.Create(() => "pong", new McpServerToolCreateOptions { Name = "ping" })])
                .WithParagonTools(configure);
            _services = services.BuildServiceProvider();
            _run = _services.GetRequiredService<McpServer>().RunAsync(_stop.Token);
        }

        public Task<McpClient> ConnectAsync() =>
            McpClient.CreateAsync(new StreamClientTransport(_clientToServer.Writer.AsStream(), _serverToClient.Reader.AsStream()));

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _clientToServer.Writer.Complete();
            _serverToClient.Writer.Complete();
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
            }

            await _services.DisposeAsync();
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task Lists_read_only_tools_with_annotations_and_a_call_runs_for_the_configured_user()
    {
        using ParagonClient paragon = fixture.Client();
        string userId = McpFixture.NewUser();
        await using var server = new Server(paragon, options => options.UserId = userId);
        await using McpClient client = await server.ConnectAsync();

        IList<McpClientTool> tools = (await client.ListToolsAsync()).Where(t => t.Name != "ping").ToList();

        Assert.Equal(
            ["GOOGLE_CALENDAR_GET_EVENT_BY_ID", "GOOGLE_CALENDAR_LIST_EVENTS", "HUBSPOT_SEARCH_RECORDS_CONTACTS", "SLACK_LIST_CHANNELS"],
            tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (McpClientTool tool in tools)
        {
            ToolAnnotations annotations = Assert.IsType<ToolAnnotations>(tool.ProtocolTool.Annotations);
            Assert.True(annotations.ReadOnlyHint);
            Assert.False(annotations.DestructiveHint);
            Assert.True(annotations.IdempotentHint);
            Assert.True(annotations.OpenWorldHint);
        }

        CallToolResult result = await client.CallToolAsync("GOOGLE_CALENDAR_LIST_EVENTS",
            McpFixture.Arguments("""{"calendarId":"primary","timeMin":"2026-12-08T00:00:00Z"}"""));

        Assert.NotEqual(true, result.IsError);
        Assert.Contains("\"items\"", McpFixture.Text(result), StringComparison.Ordinal);
        RecordedActionRun run = Assert.Single(fixture.Proxy.ActionKit.Runs, r => r.UserId == userId);
        Assert.Equal("GOOGLE_CALENDAR_LIST_EVENTS", run.Action);
        Assert.Equal("primary", run.Parameters!["calendarId"]!.GetValue<string>());
        // The proxy reads the user from the verified token: the run was made with this user's token.
        Assert.StartsWith("Bearer ", fixture.Proxy.Requests.Last(r => r.UserId == userId).Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_user_can_come_from_configuration()
    {
        using ParagonClient paragon = fixture.Client();
        string userId = McpFixture.NewUser();
        await using var server = new Server(paragon, configure: null,
            new Dictionary<string, string?> { [ParagonMcpOptions.DefaultUserIdConfigurationKey] = userId });
        await using McpClient client = await server.ConnectAsync();

        CallToolResult result = await client.CallToolAsync("SLACK_LIST_CHANNELS", McpFixture.Arguments("{}"));

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("SLACK_LIST_CHANNELS", Assert.Single(fixture.Proxy.ActionKit.Runs, r => r.UserId == userId).Action);
    }

    [Fact]
    public async Task Without_a_configured_user_there_are_no_tools_and_calls_are_refused()
    {
        using ParagonClient paragon = fixture.Client();
        await using var server = new Server(paragon, configure: null);
        await using McpClient client = await server.ConnectAsync();
        int before = fixture.Proxy.Requests.Count;

        Assert.Equal(["ping"], (await client.ListToolsAsync()).Select(t => t.Name));
        CallToolResult result = await client.CallToolAsync("SLACK_LIST_CHANNELS", McpFixture.Arguments("{}"));

        Assert.True(result.IsError);
        Assert.Contains("No user", McpFixture.Text(result), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Proxy.Requests.Count);
        // The application's own tools are not Paragon's to judge: they pass the filter.
        Assert.Equal("pong", McpFixture.Text(await client.CallToolAsync("ping")));
    }

    /// <summary>Failed before: the listing's HttpRequestException, and ForUser's ArgumentException, left the filter as exceptions.</summary>
    [Fact]
    public async Task An_unreachable_actionkit_or_a_user_id_paragon_refuses_is_a_refusal_the_client_reads()
    {
        using (ParagonClient unreachable = fixture.Client(new Uri("http://127.0.0.1:9"))) // nothing listens there
        {
            await using var server = new Server(unreachable, options => options.UserId = McpFixture.NewUser());
            await using McpClient client = await server.ConnectAsync();

            CallToolResult result = await client.CallToolAsync("SLACK_LIST_CHANNELS", McpFixture.Arguments("{}"));

            Assert.True(result.IsError);
            Assert.Contains("could not be listed", McpFixture.Text(result), StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1", McpFixture.Text(result), StringComparison.Ordinal);
        }

        using ParagonClient paragon = fixture.Client();
        await using (var server = new Server(paragon, options => options.UserId = "user\u0001"))
        {
            await using McpClient client = await server.ConnectAsync();
            int before = fixture.Proxy.Requests.Count;

            CallToolResult refused = await client.CallToolAsync("SLACK_LIST_CHANNELS", McpFixture.Arguments("{}"));

            Assert.True(refused.IsError);
            Assert.Contains("not one Paragon accepts", McpFixture.Text(refused), StringComparison.Ordinal);
            Assert.Equal(before, fixture.Proxy.Requests.Count);
        }
    }
}
