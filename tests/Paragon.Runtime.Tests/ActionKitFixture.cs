using System;
using System.Threading.Tasks;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>
/// One local proxy serving ActionKit (the saved catalogue of tests/ActionKit/actionkit.json) on its base URL, which the
/// clients take as ActionKitBaseUrl. A user whose id starts with <c>no-hubspot</c> has not connected HubSpot.
/// </summary>
public sealed class ActionKitFixture : IAsyncLifetime, IDisposable
{
    public LocalSigningKey Key { get; } = LocalSigningKey.Create();

    public LocalParagonProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new LocalProxyOptions().TrustKey(Key.PublicKeyPem);
        options.IsConnected = (user, integration) => !(user.StartsWith("no-hubspot", StringComparison.Ordinal) && integration == "hubspot");
        Proxy = await LocalParagonProxy.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Dispose();
    }

    public void Dispose() => Key.Dispose();

    /// <summary>A client whose ActionKit is the local proxy; the proxy and API hosts are a closed port, so only ActionKit calls can succeed.</summary>
    public ParagonClient Client(Action<ParagonClientOptions>? configure = null)
    {
        var options = new ParagonClientOptions
        {
            ProjectId = Proxy.ProjectId,
            SigningKey = Key.PrivateKeyPem,
            ProxyBaseUrl = new Uri("http://127.0.0.1:9"),
            ApiBaseUrl = new Uri("http://127.0.0.1:9"),
            ActionKitBaseUrl = Proxy.BaseUrl,
        };
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        configure?.Invoke(options);
        return new ParagonClient(options);
    }

    public static string NewUser(string prefix = "user-") => prefix + Guid.NewGuid().ToString("N");
}
