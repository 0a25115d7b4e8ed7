using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Paragon.Testing;

namespace Paragon.Mcp.Tests;

/// <summary>One local proxy serving ActionKit (tests/ActionKit/actionkit.json), as the runtime's ActionKitFixture.</summary>
public sealed class McpFixture : IAsyncLifetime, IDisposable
{
    public LocalSigningKey Key { get; } = LocalSigningKey.Create();

    public LocalParagonProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync() => Proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions().TrustKey(Key.PublicKeyPem));

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Dispose();
    }

    public void Dispose() => Key.Dispose();

    /// <summary>A client whose ActionKit is the local proxy; the proxy and API hosts are a closed port.</summary>
    public ParagonClient Client(Uri? actionKit = null)
    {
        var options = new ParagonClientOptions
        {
            ProjectId = Proxy.ProjectId,
            SigningKey = Key.PrivateKeyPem,
            ProxyBaseUrl = new Uri("http://127.0.0.1:9"),
            ApiBaseUrl = new Uri("http://127.0.0.1:9"),
            ActionKitBaseUrl = actionKit ?? Proxy.BaseUrl,
        };
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        return new ParagonClient(options);
    }

    public static string NewUser(string prefix = "user-") => prefix + Guid.NewGuid().ToString("N");

    public static IReadOnlyDictionary<string, object?> Arguments(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(p => p.Key, p => (object?)p.Value);

    public static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}

/// <summary>
/// A real Kestrel host on 127.0.0.1 serving MCP over HTTP (WithHttpTransport + MapMcp) with Paragon's tools, whose
/// authentication scheme takes the user from the <c>X-Test-User</c> header.
/// </summary>
public sealed class McpHttpHost : IAsyncDisposable
{
    public const string UserHeader = "X-Test-User";

    /// <summary>A second claim of the principal, <c>other-</c> and the header's user, for a configured claim type.</summary>
    public const string OtherClaim = "paragon_user";

    private readonly WebApplication _app;

    private McpHttpHost(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<McpHttpHost> StartAsync(ParagonClient paragon, Action<ParagonMcpOptions>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(paragon);
        builder.Services.AddAuthentication(HeaderAuthentication.Name)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.Name, _ => { });
        builder.Services.AddMcpServer().WithHttpTransport().WithParagonTools(configure);
        WebApplication app = builder.Build();
        app.UseAuthentication();
        app.MapMcp("/mcp");
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new McpHttpHost(app, new Uri(address + "/mcp"));
    }

    public Task<McpClient> ConnectAsync(string? user)
    {
        var options = new HttpClientTransportOptions { Endpoint = Endpoint };
        if (user is not null)
        {
            options.AdditionalHeaders = new Dictionary<string, string> { [UserHeader] = user };
        }

        return McpClient.CreateAsync(new HttpClientTransport(options));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "TestHeader";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var user) || string.IsNullOrEmpty(user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.ToString()), new Claim(OtherClaim, "other-" + user)], Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
        }
    }
}
