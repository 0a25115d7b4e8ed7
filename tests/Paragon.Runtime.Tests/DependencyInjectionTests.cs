using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Paragon.DependencyInjection;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>services.AddParagon over the real local proxy: registration, configuration, validation and the HTTP handler.</summary>
public sealed class DependencyInjectionTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private void Configure(ParagonClientOptions options)
    {
        options.ProjectId = fixture.Proxy.ProjectId;
        options.SigningKey = fixture.Key.PrivateKeyPem;
        options.ProxyBaseUrl = fixture.Proxy.BaseUrl;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
    }

    [Fact]
    public async Task A_client_registered_in_code_calls_through_the_proxy()
    {
        var services = new ServiceCollection();
        services.AddParagon(Configure);
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        ParagonClient client = provider.GetRequiredService<ParagonClient>();
        Assert.Same(client, provider.GetRequiredService<ParagonClient>());
        using ParagonResponse response = await client.ForUser("user-1").RequestAsync("echo", "/hello");
        Assert.Equal("/hello", response.ReadAsJson().GetProperty("path").GetString());
    }

    [Fact]
    public async Task Options_are_read_from_a_configuration_section()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Paragon:ProjectId"] = fixture.Proxy.ProjectId,
            ["Paragon:SigningKey"] = fixture.Key.PrivateKeyPem,
            ["Paragon:ProxyBaseUrl"] = fixture.Proxy.BaseUrl.ToString(),
            ["Paragon:Timeout"] = "00:00:07",
            ["Paragon:Retry:MaxRetries"] = "0",
            ["Paragon:UseRawResponse"] = "false",
            ["Paragon:Paging:MaxPages"] = "50",
            ["Paragon:Paging:MaxEmptyPages"] = "3",
            ["Paragon:Paging:ContinuationTokenKey"] = new string('k', 32),
            ["Paragon:MaxResponseBodySize"] = "2000000",
            ["Paragon:MaxErrorBodySize"] = "4096",
        }).Build();
        var services = new ServiceCollection();
        services.AddParagon(configuration.GetSection("Paragon"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        ParagonClientOptions options = provider.GetRequiredService<IOptionsMonitor<ParagonClientOptions>>().Get(Options.DefaultName);
        Assert.Equal(fixture.Proxy.ProjectId, options.ProjectId);
        Assert.Equal(fixture.Key.PrivateKeyPem, options.SigningKey);
        Assert.Equal(fixture.Proxy.BaseUrl, options.ProxyBaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(7), options.Timeout);
        Assert.Equal(0, options.Retry.MaxRetries);
        Assert.False(options.UseRawResponse);
        Assert.Equal((50, 3, new string('k', 32)), (options.Paging.MaxPages, options.Paging.MaxEmptyPages, options.Paging.ContinuationTokenKey));
        Assert.Equal((2_000_000L, 4096), (options.MaxResponseBodySize, options.MaxErrorBodySize));

        // And the client behaves so: no raw-response header, no retry of a throttled GET.
        ParagonUserClient user = provider.GetRequiredService<ParagonClient>().ForUser("user-1");
        using (ParagonResponse echoed = await user.RequestAsync("echo", "/configured"))
        {
            Assert.Equal("/configured", echoed.ReadAsJson().GetProperty("path").GetString());
        }

        Assert.Null(fixture.Proxy.Requests.Last(r => r.RawTarget.Contains("/configured", StringComparison.Ordinal)).Header("X-Paragon-Use-Raw-Response"));
        string key = fixture.Flaky(failures: 1);
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("flaky", key));
        Assert.Equal((HttpStatusCode)429, error.StatusCode);
        Assert.Equal(1, fixture.FlakyCalls[key]);
    }

    [Fact]
    public async Task A_value_that_does_not_parse_is_reported_with_its_key_not_its_value()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Paragon:ProjectId"] = fixture.Proxy.ProjectId,
            ["Paragon:SigningKey"] = fixture.Key.PrivateKeyPem,
            ["Paragon:Timeout"] = "secret-ish-value",
        }).Build();
        var services = new ServiceCollection();
        services.AddParagon(configuration.GetSection("Paragon"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        var error = Assert.ThrowsAny<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Paragon:Timeout", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-ish-value", error.Message, StringComparison.Ordinal);
    }

    private sealed class TwoProjects([FromKeyedServices("eu")] ParagonClient eu, [FromKeyedServices("us")] ParagonClient us)
    {
        public ParagonClient Eu { get; } = eu;

        public ParagonClient Us { get; } = us;
    }

    [Fact]
    public async Task Named_clients_are_keyed_services_each_with_its_own_options()
    {
        var services = new ServiceCollection();
        services.AddParagon(Configure);
        services.AddParagon("eu", Configure);
        services.AddParagon("us", options =>
        {
            Configure(options);
            options.ProjectId = "another-project";
        });
        services.AddSingleton<TwoProjects>();
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        TwoProjects both = provider.GetRequiredService<TwoProjects>();
        Assert.NotSame(both.Eu, both.Us);
        Assert.NotSame(both.Eu, provider.GetRequiredService<ParagonClient>());
        Assert.Same(both.Eu, provider.GetRequiredKeyedService<ParagonClient>("eu"));
        Assert.Equal("another-project", both.Us.ProjectId);

        using ParagonResponse response = await both.Eu.ForUser("user-1").RequestAsync("echo", "/eu");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The "us" client sends its own project id, which this proxy does not know.
        var error = await Assert.ThrowsAsync<ParagonApiException>(() => both.Us.ForUser("user-1").RequestAsync("echo", "/us"));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("project_not_found", error.ErrorCode);
    }

    [Fact]
    public void The_same_name_twice_is_a_clear_error()
    {
        var services = new ServiceCollection();
        services.AddParagon(Configure);
        services.AddParagon("eu", Configure);
        var unnamed = Assert.Throws<InvalidOperationException>(() => services.AddParagon(Configure));
        Assert.Contains("twice without a name", unnamed.Message, StringComparison.Ordinal);
        var named = Assert.Throws<InvalidOperationException>(() => services.AddParagon("eu", Configure));
        Assert.Contains("twice with the name 'eu'", named.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidOptions() => new()
    {
        { "no-project", "ProjectId is required" },
        { "no-token", "Set one token source" },
        { "two-tokens", "Set only one token source" },
        { "bad-key", "SigningKey is not a usable RSA private key" },
        { "http-proxy", "ProxyBaseUrl must be an https URL" },
        { "http-api", "ApiBaseUrl must be an https URL" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Bad_options_stop_the_start_with_what_to_fix(string problem, string expected)
    {
        // A real key made now, cut short: PEM text whose DER ends early. None of its lines may be echoed.
        using LocalSigningKey key = LocalSigningKey.Create();
        string[] lines = key.PrivateKeyPem.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] body = lines[1..^4];
        string badKey = string.Join('\n', [lines[0], .. body, lines[^1]]);
        var services = new ServiceCollection();
        services.AddParagon("checked", options =>
        {
            Configure(options);
            switch (problem)
            {
                case "no-project": options.ProjectId = " "; break;
                case "no-token": options.SigningKey = null; break;
                case "two-tokens": options.UserToken = "a.b.c"; break;
                case "bad-key": options.SigningKey = badKey; break;
                case "http-proxy": options.ProxyBaseUrl = new Uri("http://proxy.example.com"); break;
                case "http-api": options.ApiBaseUrl = new Uri("http://api.example.com"); break;
            }
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("The Paragon client 'checked'", error.Message, StringComparison.Ordinal);
        Assert.All(body, line => Assert.DoesNotContain(line, error.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_on_loopback_and_good_options_pass_validation()
    {
        var services = new ServiceCollection();
        services.AddParagon(options =>
        {
            Configure(options);
            options.ApiBaseUrl = new Uri("http://localhost:5000");
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task The_handler_is_ours_redirects_off_timeout_infinite_guard_innermost()
    {
        var services = new ServiceCollection();
        services.AddParagon(Configure);
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal(System.Threading.Timeout.InfiniteTimeSpan, provider.GetRequiredService<IHttpClientFactory>().CreateClient("Paragon").Timeout);
        HttpMessageHandler handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("Paragon");
        var chain = new List<HttpMessageHandler>();
        for (HttpMessageHandler? h = handler; h is not null; h = (h as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(h);
        }

#if RUNTIME_NETSTANDARD
        var primary = Assert.IsType<HttpClientHandler>(chain[^1]);
        Assert.False(primary.AllowAutoRedirect);
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate, primary.AutomaticDecompression);
#else
        var primary = Assert.IsType<SocketsHttpHandler>(chain[^1]);
        Assert.False(primary.AllowAutoRedirect);
        Assert.Equal(DecompressionMethods.All, primary.AutomaticDecompression);
        Assert.Equal(TimeSpan.FromMinutes(5), primary.PooledConnectionLifetime);
#endif

        // Innermost of the handlers that act (the factory's own logging handler only logs): inside any retrying handler.
        Assert.IsType<ParagonAttemptGuard>(chain[..^1].Last(h => h.GetType().Namespace != "Microsoft.Extensions.Http.Logging"));
    }

    [Fact]
    public async Task The_registered_client_does_not_follow_a_redirect()
    {
        var services = new ServiceCollection();
        services.AddParagon(Configure);
        await using ServiceProvider provider = services.BuildServiceProvider();
        ParagonUserClient user = provider.GetRequiredService<ParagonClient>().ForUser("user-1");

        var error = await Assert.ThrowsAsync<ParagonApiException>(() => user.RequestAsync("status", "/302?location=" + Uri.EscapeDataString(RedirectTarget())));
        Assert.Equal(HttpStatusCode.Redirect, error.StatusCode);
        Assert.Equal(RedirectTarget(), error.Headers["Location"].Single());
    }

    [Fact]
    public async Task A_given_HttpClient_that_follows_redirects_is_refused_with_what_to_fix()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        using var client = new ParagonClient(fixture.Options(), http);
        ParagonUserClient user = client.ForUser("user-1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => user.RequestAsync("status", "/302?secret=s3cr3t&location=" + Uri.EscapeDataString(RedirectTarget())));
        Assert.Contains("AllowAutoRedirect = false", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddParagon", error.Message, StringComparison.Ordinal);
        Assert.Contains(fixture.Proxy.BaseUrl.Authority, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", error.Message, StringComparison.Ordinal); // no JWT
    }

    /// <summary>Another address on the same proxy, so that a followed redirect gets an answer.</summary>
    private string RedirectTarget() => new Uri(fixture.Proxy.BaseUrl, $"/projects/{fixture.Proxy.ProjectId}/sdk/proxy/echo/elsewhere").ToString();
}
