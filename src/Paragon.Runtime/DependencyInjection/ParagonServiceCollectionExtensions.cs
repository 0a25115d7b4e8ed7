using System;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paragon;
using Paragon.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ParagonClient"/> with dependency injection, sending through <c>IHttpClientFactory</c>.</summary>
/// <example>
/// <code>
/// builder.Services.AddParagon(builder.Configuration.GetSection("Paragon"))
///     .AddStandardResilienceHandler(); // optional: the client's own retries step aside, and POSTs are never re-sent
///
/// builder.Services.AddParagon("eu", o => { o.ProjectId = euProject; o.SigningKey = euKey; });
/// public MyService([FromKeyedServices("eu")] ParagonClient paragon) { … }
/// </code>
/// </example>
public static class ParagonServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="ParagonClient"/> configured from a configuration section (keys as the
    /// <see cref="ParagonClientOptions"/> properties: <c>ProjectId</c>, <c>SigningKey</c> or <c>UserToken</c>,
    /// <c>ProxyBaseUrl</c>, <c>ApiBaseUrl</c>, <c>ActionKitBaseUrl</c>, <c>Timeout</c>, <c>UseRawResponse</c>, <c>Retry:MaxRetries</c>, …).
    /// The options are validated when the application starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, for example <c>Configuration.GetSection("Paragon")</c>.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers (logging, resilience) to.</returns>
    /// <exception cref="InvalidOperationException">An unnamed Paragon client is already registered.</exception>
    public static IHttpClientBuilder AddParagon(this IServiceCollection services, IConfiguration configuration) =>
        AddParagon(services, Options.Options.DefaultName, configuration);

    /// <summary>Registers a singleton <see cref="ParagonClient"/> configured in code. The options are validated when the application starts.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers (logging, resilience) to.</returns>
    /// <exception cref="InvalidOperationException">An unnamed Paragon client is already registered.</exception>
    public static IHttpClientBuilder AddParagon(this IServiceCollection services, Action<ParagonClientOptions> configure) =>
        AddParagon(services, Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers a <see cref="ParagonClient"/> for one of several Paragon projects of the application, resolved as a keyed
    /// service: <c>[FromKeyedServices("eu")] ParagonClient</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name and service key; empty for the unnamed client.</param>
    /// <param name="configuration">The section with the options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>.</returns>
    /// <exception cref="InvalidOperationException">A Paragon client of that name is already registered.</exception>
    public static IHttpClientBuilder AddParagon(this IServiceCollection services, string name, IConfiguration configuration)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        return AddParagon(services, name, options => ParagonConfigurationReader.Read(configuration, options));
    }

    /// <summary>
    /// Registers a <see cref="ParagonClient"/> for one of several Paragon projects of the application, resolved as a keyed
    /// service: <c>[FromKeyedServices("eu")] ParagonClient</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name and service key; empty for the unnamed client.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>.</returns>
    /// <exception cref="InvalidOperationException">A Paragon client of that name is already registered.</exception>
    public static IHttpClientBuilder AddParagon(this IServiceCollection services, string name, Action<ParagonClientOptions> configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ParagonHttpRegistration) && descriptor.ImplementationInstance is ParagonHttpRegistration { } existing
                && string.Equals(existing.Name, name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(name.Length == 0
                    ? "AddParagon was called twice without a name: the unnamed ParagonClient is already registered. To use several Paragon projects, give each its own name: AddParagon(\"eu\", …)."
                    : $"AddParagon was called twice with the name '{name}': each Paragon client needs a name of its own.");
            }
        }

        var registration = new ParagonHttpRegistration(name);
        services.AddSingleton(registration);

        services.AddOptions<ParagonClientOptions>(name).Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ParagonClientOptions>>(new ParagonOptionsValidator(name));

        IHttpClientBuilder builder = services.AddHttpClient(registration.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(ParagonHttpRegistration.CreatePrimaryHandler)

            // The client applies ParagonClientOptions.Timeout itself, across attempts.
            .ConfigureHttpClient(http => http.Timeout = System.Threading.Timeout.InfiniteTimeSpan)

            // The factory's own loggers write every URL at Information, path values and all: ours name the host only.
            .RemoveAllLoggers()
            .AddLogger(provider => new ParagonHttpLogger(
                provider.GetService<ILoggerFactory>()?.CreateLogger(Paragon.Diagnostics.ParagonTelemetry.SourceName) ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        // A post-configuration runs after every action the application adds to the returned builder, whatever the order of calls.
        services.PostConfigure<HttpClientFactoryOptions>(registration.HttpClientName,
            options => options.HttpMessageHandlerBuilderActions.Add(registration.Complete));

        if (name.Length == 0)
        {
            services.AddSingleton(provider => Create(provider, registration));
        }
        else
        {
            services.AddKeyedSingleton(name, (provider, _) => Create(provider, registration));
        }

        return builder;
    }

    private static ParagonClient Create(IServiceProvider provider, ParagonHttpRegistration registration)
    {
        ParagonClientOptions options = provider.GetRequiredService<IOptionsMonitor<ParagonClientOptions>>().Get(registration.Name);

        // One HttpClient for the client's life: its handler chain is fixed, and the primary handler recycles connections.
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(registration.HttpClientName);
        // Building the HttpClient built its handler chain, so what the registration learnt of it is known now, and fixed.
        return new ParagonClient(options, http, provider.GetService<ILoggerFactory>(), clock: null, new Paragon.Proxy.ProxyTransportTraits(registration.OuterRetries, Guarded: true));
    }
}
