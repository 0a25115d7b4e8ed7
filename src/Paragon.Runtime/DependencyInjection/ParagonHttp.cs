using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Http;

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
        builder.AdditionalHandlers.Add(new ParagonAttemptGuard());
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
