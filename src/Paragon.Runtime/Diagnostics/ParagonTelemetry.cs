using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Reflection;
using Paragon.Contract;

namespace Paragon.Diagnostics;

/// <summary>
/// The names under which Paragon.Typed reports traces, metrics and logs. With OpenTelemetry:
/// <c>.WithTracing(t =&gt; t.AddSource(ParagonTelemetry.SourceName))</c> and
/// <c>.WithMetrics(m =&gt; m.AddMeter(ParagonTelemetry.SourceName))</c>.
/// </summary>
/// <remarks>
/// One span per logical call (all its attempts and the waits between them), named <c>{integration} {operationId}</c> for
/// generated methods and <c>{METHOD} {integration}</c> for raw calls; one measurement of
/// <see cref="CallDurationName"/> per logical call. Neither carries the user id, the path, the query, the token or a body.
/// </remarks>
public static class ParagonTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/>, the <see cref="Meter"/> and the log category: <c>Paragon.Typed</c>.</summary>
    public const string SourceName = "Paragon.Typed";

    /// <summary>The histogram of logical call durations, in seconds.</summary>
    public const string CallDurationName = "paragon.client.call.duration";

    internal const string IntegrationTag = "paragon.integration";
    internal const string OperationIdTag = "paragon.operation.id";
    internal const string ErrorSourceTag = "paragon.error.source";
    internal const string RetryCountTag = "paragon.retry.count";
    internal const string MethodTag = "http.request.method";
    internal const string StatusCodeTag = "http.response.status_code";
    internal const string ErrorTypeTag = "error.type";

    private static readonly string? Version = PackageVersion();

    internal static ActivitySource Source { get; } = new(SourceName, Version);

    internal static Meter Meter { get; } = new(SourceName, Version);

    // The default buckets (0, 5, 10, 25 … seconds) would put every call in the first; these are .NET's own for
    // http.client.request.duration, so that the two histograms can be read side by side.
    internal static Histogram<double> CallDuration { get; } = Meter.CreateHistogram(
        CallDurationName, unit: "s", description: "Duration of a call through Paragon's proxy, all attempts and the waits between them included.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });

    /// <summary>The package version, without the "+commit" that the informational version may carry (as in the User-Agent).</summary>
    private static string? PackageVersion()
    {
        string? version = typeof(ParagonTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        int plus = version?.IndexOf('+') ?? -1;
        return plus >= 0 ? version!.Substring(0, plus) : version;
    }

    /// <summary>The tag in which HTTP client spans carry the request's URL (OpenTelemetry's semantic conventions).</summary>
    public const string UrlFullTag = "url.full";

    /// <summary>
    /// Takes the provider's path out of the <c>url.full</c> tag of System.Net.Http's own span (one per attempt, beneath
    /// the client's span) when the request went to Paragon's proxy: a proxy URL's path carries the provider's values (an
    /// email address, a record id), which a trace must not. The URL keeps its scheme, host, project and integration:
    /// <c>https://proxy.useparagon.com/projects/{id}/sdk/proxy/slack/{path}</c>. Other requests are left as they are.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddOpenTelemetry().WithTracing(t =&gt; t
    ///     .AddSource(ParagonTelemetry.SourceName)
    ///     .AddHttpClientInstrumentation(o =&gt; o.EnrichWithHttpRequestMessage = ParagonTelemetry.RedactHttpClientSpan));
    /// </code>
    /// </example>
    /// <param name="activity">System.Net.Http's span for the request.</param>
    /// <param name="request">The request.</param>
    public static void RedactHttpClientSpan(Activity activity, HttpRequestMessage request)
    {
        if (activity is null || request?.RequestUri is not { IsAbsoluteUri: true } uri || RedactProxyUrl(uri) is not { } redacted)
        {
            return;
        }

        activity.SetTag(UrlFullTag, redacted);
    }

    /// <summary>A proxy URL without the provider's path and query; <see langword="null"/> for a URL that is not Paragon's proxy route.</summary>
    internal static string? RedactProxyUrl(Uri uri)
    {
        string[] segments = uri.AbsolutePath.Split('/');
        if (!ProxyContract.IsProxyRoute(segments))
        {
            return null;
        }

        // Up to and with the integration (a custom integration by id is two segments: custom/{id}).
        int integrationEnd = ProxyContract.IsCustomIntegrationById(segments[5] + "/" + (segments.Length > 6 ? segments[6] : string.Empty)) ? 7 : 6;
        return uri.GetLeftPart(UriPartial.Authority) + string.Join("/", segments, 0, Math.Min(integrationEnd, segments.Length)) + "/{path}";
    }

    /// <summary>
    /// The retries a logical call took. Today only the funnel's own attempts count; this is the one place that will also
    /// add the attempts an outer handler (a resilience DelegatingHandler) made per HttpRequestMessage, so that the span,
    /// the histogram and the log line agree.
    /// </summary>
    /// <param name="funnelAttempts">The attempts the funnel sent (0 when it failed before sending).</param>
    /// <param name="handlerRetries">Extra sends a handler below the funnel made on its own.</param>
    /// <returns>The retry count.</returns>
    internal static int RetryCount(int funnelAttempts, int handlerRetries = 0) =>
        (funnelAttempts > 1 ? funnelAttempts - 1 : 0) + (handlerRetries > 0 ? handlerRetries : 0);
}
