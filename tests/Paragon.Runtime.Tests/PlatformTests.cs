using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Paragon.LocalProxy;

namespace Paragon.Runtime.Tests;

/// <summary>
/// The Users API, workflow triggers and App Events over real loopback HTTP: the local proxy serves the proxy and the API
/// paths on one base URL, so the client's ApiBaseUrl is set to it too.
/// </summary>
public sealed class PlatformTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task A_custom_integration_named_by_its_id_is_sent_as_given()
    {
        using ParagonClient client = fixture.Client();
        using ParagonResponse response = await client.ForUser("user-custom").RequestAsync("custom/" + PlatformFixture.CustomIntegrationId, "/tasks?limit=2");

        JsonElement echoed = response.ReadAsJson();
        Assert.Equal("/tasks", echoed.GetProperty("path").GetString());
        RecordedRequest sent = fixture.Proxy.LastRequest;
        Assert.Equal($"/projects/{fixture.Proxy.ProjectId}/sdk/proxy/custom/{PlatformFixture.CustomIntegrationId}/tasks?limit=2", sent.RawTarget);
        Assert.Equal("custom/" + PlatformFixture.CustomIntegrationId, sent.Integration);
    }
}

/// <summary>A local proxy of its own (the platform tests change its users' state), with a custom integration known by id.</summary>
public sealed class PlatformFixture : IAsyncLifetime, IDisposable
{
    public const string CustomIntegrationId = "0b9a3c5e-7f41-4d2a-9c1e-5a6b7c8d9e0f";

    public LocalSigningKey Key { get; } = LocalSigningKey.Create();

    public LocalParagonProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new LocalProxyOptions().TrustKey(Key.PublicKeyPem)
            .AddProvider("echo", FakeProviders.Echo())
            .AddProvider("slack", FakeProviders.Slack())
            .AddProvider("custom/" + CustomIntegrationId, FakeProviders.Echo());
        Proxy = await LocalParagonProxy.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Dispose();
    }

    public void Dispose() => Key.Dispose();

    public ParagonClientOptions Options(Action<ParagonClientOptions>? configure = null)
    {
        var options = new ParagonClientOptions
        {
            ProjectId = Proxy.ProjectId,
            SigningKey = Key.PrivateKeyPem,
            ProxyBaseUrl = Proxy.BaseUrl,
            ApiBaseUrl = Proxy.BaseUrl,
        };
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        configure?.Invoke(options);
        return options;
    }

    public ParagonClient Client(Action<ParagonClientOptions>? configure = null) => new(Options(configure));
}
