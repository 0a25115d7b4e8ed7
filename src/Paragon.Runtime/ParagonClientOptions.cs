using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Paging;

namespace Paragon;

/// <summary>
/// Settings for a <see cref="ParagonClient"/>. Set <see cref="ProjectId"/> and exactly one token source:
/// <see cref="SigningKey"/>, <see cref="UserToken"/> or <see cref="TokenProvider"/>.
/// </summary>
/// <remarks>
/// The client copies what it needs when it is constructed; changing the options afterwards has no effect on it.
/// </remarks>
public sealed class ParagonClientOptions
{
    /// <summary>The default proxy host of Paragon's cloud: <c>https://proxy.useparagon.com</c>.</summary>
    public static readonly Uri DefaultProxyBaseUrl = new("https://proxy.useparagon.com");

    /// <summary>The default host of Paragon's user-scoped REST API: <c>https://api.useparagon.com</c>.</summary>
    public static readonly Uri DefaultApiBaseUrl = new("https://api.useparagon.com");

    /// <summary>The default host of Paragon's ActionKit API: <c>https://actionkit.useparagon.com</c>.</summary>
    public static readonly Uri DefaultActionKitBaseUrl = new("https://actionkit.useparagon.com");

    /// <summary>The Paragon project id (a UUID in Paragon's dashboard). Required.</summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// The project's signing key: an RSA private key in PEM (PKCS#1 <c>BEGIN RSA PRIVATE KEY</c> or PKCS#8
    /// <c>BEGIN PRIVATE KEY</c>). With it the client mints a Paragon User Token for each user itself.
    /// A key kept in an environment variable with literal <c>\n</c> sequences is accepted too.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>A ready Paragon User Token for one user. With it, <see cref="ParagonClient.RequestAsync(string, string, ParagonRequestOptions?, CancellationToken)"/> works without <see cref="ParagonClient.ForUser(string)"/>.</summary>
    public string? UserToken { get; set; }

    /// <summary>
    /// Supplies a token for a user id, for example an ID token from Firebase or Auth0 that Paragon is set up to accept.
    /// A token that is a JWT with an <c>exp</c> claim is cached until shortly before it expires; any other is requested per call.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<string>>? TokenProvider { get; set; }

    /// <summary>
    /// How long <see cref="TokenProvider"/> may take to return a user's token. At the limit the token it was given is
    /// cancelled and the calls waiting for that user's token fail with a <see cref="TimeoutException"/>, even if the
    /// provider ignores the cancellation; the next call asks the provider again. Default: 30 seconds; must be positive or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>. Only used with <see cref="TokenProvider"/>.
    /// </summary>
    public TimeSpan TokenProviderTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a minted user token is valid. Default: one hour. Only used with <see cref="SigningKey"/>.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The base URL of Paragon's proxy. Default: <see cref="DefaultProxyBaseUrl"/>.</summary>
    public Uri ProxyBaseUrl { get; set; } = DefaultProxyBaseUrl;

    /// <summary>The base URL of Paragon's user-scoped REST API (<c>/sdk/me</c>, <c>/sdk/credentials</c>, …). Default: <see cref="DefaultApiBaseUrl"/>.</summary>
    public Uri ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The base URL of Paragon's ActionKit API (prebuilt actions for agents). Default: <see cref="DefaultActionKitBaseUrl"/>.</summary>
    public Uri ActionKitBaseUrl { get; set; } = DefaultActionKitBaseUrl;

    /// <summary>
    /// Whether to ask Paragon for the provider's raw response (<c>X-Paragon-Use-Raw-Response: 1</c>): the provider's status,
    /// headers and body as they are. Default: <see langword="true"/>. The body is then returned exactly as the provider sent
    /// it, even one that looks like an envelope (<c>{"output": 1}</c>). With <see langword="false"/>, Paragon wraps a
    /// provider's answer as <c>{"output": …}</c> and the client removes that envelope.
    /// </summary>
    public bool UseRawResponse { get; set; } = true;

    /// <summary>
    /// Whether a required field that a provider's answer leaves out (or sends as <c>null</c>) reads as its default instead
    /// of failing the call with a <see cref="ParagonUnreadableResponseException"/>. Default: <see langword="false"/>, the
    /// strict read of the nullability rule. Providers do break their own specs; with <see langword="true"/> every typed
    /// read of this client is lenient, and each call that met such a field says so: a Warning log line
    /// (<c>RequiredFieldsMissing</c>) and a <c>paragon.required_fields.missing</c> event on the call's span, naming the
    /// fields (<c>Model.field</c>), never their values. A single spec can be read leniently instead with the
    /// <c>RequiredFields="Lenient"</c> metadata on its item.
    /// </summary>
    public bool LenientRequiredFields { get; set; }

    /// <summary>Retries of idempotent calls that were throttled (429) or found the service unavailable (503).</summary>
    public ParagonRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// The bounds of paged enumerations (<c>…PagedAsync</c>): at most <see cref="ParagonPagingOptions.MaxPages"/> pages
    /// (default 1,000) and <see cref="ParagonPagingOptions.MaxEmptyPages"/> empty pages in a row (default 10).
    /// </summary>
    public ParagonPagingOptions Paging { get; set; } = new();

    /// <summary>The time after which a call (all its attempts included) is abandoned with a <see cref="TimeoutException"/>. Default: 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The default <see cref="MaxResponseBodySize"/>: 30,000,000 bytes, the same bound Kestrel puts on a request body
    /// (<c>KestrelServerLimits.MaxRequestBodySize</c>).
    /// </summary>
    public const long DefaultMaxResponseBodySize = 30_000_000;

    /// <summary>The default <see cref="MaxErrorBodySize"/>: 1 MiB.</summary>
    public const int DefaultMaxErrorBodySize = 1 << 20;

    /// <summary>
    /// The largest success body, in bytes after decompression, that the client reads into memory. A larger one ends the
    /// call with a <see cref="ParagonResponseTooLargeException"/> (the call succeeded; nothing past the limit is read).
    /// Streamed responses (<see cref="ParagonRequestOptions.StreamResponse"/>, generated methods that return a
    /// <see cref="System.IO.Stream"/>) are not limited: read large files that way. Default:
    /// <see cref="DefaultMaxResponseBodySize"/>; at least 1 and at most 2,147,483,591 (an array's limit).
    /// </summary>
    public long MaxResponseBodySize { get; set; } = DefaultMaxResponseBodySize;

    /// <summary>
    /// How much of an error body (a non-2xx answer) is read into <see cref="ParagonApiException.ResponseBody"/>; the rest
    /// is dropped and the body ends with a <c>[truncated: …]</c> note. An error page is a few kilobytes: a server that
    /// answers an error with a download must not make the client hold it. Default: <see cref="DefaultMaxErrorBodySize"/>;
    /// at least 1 KiB.
    /// </summary>
    public int MaxErrorBodySize { get; set; } = DefaultMaxErrorBodySize;

    /// <summary>
    /// JSON settings for bodies given as plain objects and for <c>RequestAsync&lt;T&gt;</c> without a <c>JsonTypeInfo</c>.
    /// For trimmed or native AOT applications set one whose <see cref="JsonSerializerOptions.TypeInfoResolver"/> is a
    /// source-generated context. Default: System.Text.Json's defaults (property names as written).
    /// </summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }

    /// <summary>
    /// Points the base URLs at a self-hosted Paragon installation, the way Paragon's JavaScript SDK does with
    /// <c>configureGlobal({ host })</c>: the proxy at <c>https://worker-proxy.{host}</c>, the API at <c>https://zeus.{host}</c>
    /// (Paragon's API service; its cloud instance also answers as <c>api.useparagon.com</c>) and ActionKit at
    /// <c>https://worker-actionkit.{host}</c>.
    /// </summary>
    /// <param name="host">The installation's root host name, for example <c>paragon.example.com</c>.</param>
    /// <returns>These options, for chaining.</returns>
    public ParagonClientOptions UseSelfHosted(string host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new ArgumentException("The self-hosted Paragon host must be a host name such as 'paragon.example.com'.", nameof(host));
        }

        string trimmed = host.Trim();
        if (trimmed.Contains("://") || trimmed.IndexOfAny(['/', '?', '#', '@', ' ']) >= 0
            || Uri.CheckHostName(trimmed.Split(':')[0]) == UriHostNameType.Unknown)
        {
            throw new ArgumentException($"The self-hosted Paragon host must be a bare host name such as 'paragon.example.com', without scheme or path; got '{trimmed}'.", nameof(host));
        }

        try
        {
            var proxy = new Uri("https://worker-proxy." + trimmed);
            var api = new Uri("https://zeus." + trimmed);
            var actionKit = new Uri("https://worker-actionkit." + trimmed);

            // All three or none: a host that makes one URL and not another leaves the options as they were.
            ProxyBaseUrl = proxy;
            ApiBaseUrl = api;
            ActionKitBaseUrl = actionKit;
        }
        catch (UriFormatException)
        {
            throw new ArgumentException($"The self-hosted Paragon host '{trimmed}' does not make a valid URL.", nameof(host));
        }

        return this;
    }
}

/// <summary>
/// When a call is retried. Paragon does not retry proxy calls itself, and every call is billed, so only calls that are
/// safe to repeat are retried: idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) whose body can be sent again.
/// A non-idempotent call (POST, PATCH) that may have reached the provider is never retried.
/// </summary>
public sealed class ParagonRetryOptions
{
    /// <summary>How many times a call may be retried after a 429 or 503. Default: 2. Zero turns retries off.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The longest wait the client accepts. A <c>Retry-After</c> longer than this is not waited for: the error is raised with <see cref="ParagonApiException.RetryAfter"/> set. Default: 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait when the response names none; it doubles on each retry, with jitter. Default: 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
