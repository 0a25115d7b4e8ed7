using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Paragon.DependencyInjection;

/// <summary>What a registered client's <see cref="HttpClient"/> is made of, and what the factory built for it.</summary>
internal sealed class ParagonHttpRegistration(string name)
{
    /// <summary>The options name; empty for the unnamed client.</summary>
    public string Name { get; } = name;

    /// <summary>The <see cref="IHttpClientFactory"/> name of its HttpClient.</summary>
    public string HttpClientName { get; } = name.Length == 0 ? "Paragon" : "Paragon:" + name;

    /// <summary>Set when the handler chain was built with a retrying handler of the application's in it.</summary>
    public volatile bool OuterRetries;

    /// <summary>Handlers that retry, by type full name: the package need not be referenced to recognise them.</summary>
    private static readonly string[] RetryingHandlers =
    [
        "Microsoft.Extensions.Http.Resilience.ResilienceHandler", // AddResilienceHandler, AddStandardResilienceHandler
        "Microsoft.Extensions.Http.PolicyHttpMessageHandler", // Polly v7: AddPolicyHandler, AddTransientHttpErrorPolicy
    ];

    /// <summary>Runs after the application's own handler actions (a post-configuration): sees what they added, adds the guard innermost.</summary>
    public void Complete(HttpMessageHandlerBuilder builder)
    {
        bool retries = false;
        foreach (DelegatingHandler handler in builder.AdditionalHandlers)
        {
            for (Type? type = handler.GetType(); type is not null && !retries; type = type.BaseType)
            {
                retries = Array.IndexOf(RetryingHandlers, type.FullName) >= 0;
            }
        }

        OuterRetries = retries;
        int errorCap = builder.Services.GetRequiredService<IOptionsMonitor<ParagonClientOptions>>().Get(Name).MaxErrorBodySize;
        builder.AdditionalHandlers.Add(new ParagonAttemptGuard(errorCap));
        RefuseRedirects(builder.PrimaryHandler);
    }

    /// <summary>
    /// No redirect is followed from a client <c>AddParagon</c> registers, whatever primary handler the application
    /// configures: a followed 3xx resends the body, the credential choice and the caller's headers to whatever host the
    /// provider names, before the funnel could see it. HttpClientHandler and SocketsHttpHandler (also behind delegating
    /// handlers) get AllowAutoRedirect = false; a handler that cannot be seen into stops the client from being made.
    /// </summary>
    internal void RefuseRedirects(HttpMessageHandler primary)
    {
        for (HttpMessageHandler? handler = primary; handler is not null;)
        {
            switch (handler)
            {
                case HttpClientHandler known:
                    TurnOff(known.AllowAutoRedirect, () => known.AllowAutoRedirect = false, handler);
                    return;
#if NET5_0_OR_GREATER
                case SocketsHttpHandler sockets:
                    TurnOff(sockets.AllowAutoRedirect, () => sockets.AllowAutoRedirect = false, handler);
                    return;
#else
                case var other when other.GetType().FullName == "System.Net.Http.SocketsHttpHandler":
                    // This build cannot name the type; the same switch is reached through its public property.
                    System.Reflection.PropertyInfo property = other.GetType().GetProperty("AllowAutoRedirect")!;
                    TurnOff((bool)property.GetValue(other)!, () => property.SetValue(other, false), handler);
                    return;
#endif
                case DelegatingHandler delegating:
                    handler = delegating.InnerHandler;
                    continue;
                default:
                    throw new InvalidOperationException(
                        $"The HttpClient of Paragon client '{HttpClientName}' has the primary handler {handler.GetType().FullName}, whose redirects the client "
                        + "cannot turn off: a provider's redirect would resend the call's body and credential choice to another host. Configure an "
                        + "HttpClientHandler or SocketsHttpHandler (their redirects are turned off for you), or create the client yourself: "
                        + "new ParagonClient(options, new HttpClient(handler)).");
            }
        }

        throw new InvalidOperationException($"The HttpClient of Paragon client '{HttpClientName}' has a delegating primary handler with no inner handler.");
    }

    private void TurnOff(bool allowed, Action turnOff, HttpMessageHandler handler)
    {
        if (!allowed)
        {
            return;
        }

        try
        {
            turnOff();
        }
        catch (InvalidOperationException ex)
        {
            // A handler instance shared with clients that already sent cannot be changed any more.
            throw new InvalidOperationException(
                $"The primary handler {handler.GetType().Name} of Paragon client '{HttpClientName}' follows redirects and has already sent requests, so they "
                + "can no longer be turned off. Give ConfigurePrimaryHttpMessageHandler a new handler each time (or one with AllowAutoRedirect = false).", ex);
        }
    }

    /// <summary>
    /// The primary handler: no redirects (a provider's 3xx would resend the body, the credential choice and the caller's
    /// headers elsewhere; the caller sees the 3xx), decompression, and on .NET pooled connections that are recycled so
    /// that DNS changes of Paragon's hosts are seen while one HttpClient is held for the client's life.
    /// </summary>
    public static HttpMessageHandler CreatePrimaryHandler()
    {
#if NET5_0_OR_GREATER
        return new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#else
        return new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate };
#endif
    }
}
