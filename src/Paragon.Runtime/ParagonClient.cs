using System;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Paragon.Diagnostics;
using Paragon.Paging;
using Paragon.Proxy;
using Paragon.Tokens;

namespace Paragon;

/// <summary>
/// The entry point: calls your users' connected apps through Paragon's Connect API proxy. Create one per project and
/// share it; it is immutable and safe for concurrent use. <see cref="ForUser(string)"/> gives a cheap client for one
/// user; with a static <see cref="ParagonClientOptions.UserToken"/> this client calls for that token's user directly.
/// </summary>
/// <example>
/// <code>
/// var paragon = new ParagonClient(new ParagonClientOptions { ProjectId = projectId, SigningKey = pem });
/// var response = await paragon.ForUser("user-123").RequestAsync("slack", "/chat.postMessage",
///     new ParagonRequestOptions { Method = HttpMethod.Post, Body = new { channel = "C1", text = "hi" } });
/// </code>
/// </example>
public sealed class ParagonClient : IProxyClient, ILendingProxyClient, IPagingClient, IDisposable
{
    private IntegrationClientCache _integrationClients;

    private readonly ProxyPipeline _pipeline;
    private readonly PagingContext _paging;
    private readonly ParagonUserClient _defaultUser;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>, disposed with this client.</summary>
    /// <param name="options">The project, the token source and settings.</param>
    /// <exception cref="ArgumentException">A setting is missing or unusable; the message names it.</exception>
    public ParagonClient(ParagonClientOptions options)
        : this(options, httpClient: null, loggerFactory: null, clock: null)
    {
    }

    /// <summary>Creates a client that sends through the given <see cref="HttpClient"/> (for example one from <c>IHttpClientFactory</c>), which it does not dispose.</summary>
    /// <param name="options">The project, the token source and settings.</param>
    /// <param name="httpClient">The HTTP client to send with; <see langword="null"/> to create one.</param>
    /// <exception cref="ArgumentException">A setting is missing or unusable; the message names it.</exception>
    /// <remarks>
    /// The client must not follow redirects: a followed redirect would send the call's body, its credential choice and
    /// the caller's headers to another host. This client cannot see the handler of an <see cref="HttpClient"/> it is given,
    /// so a call whose response came from another URL than the one it sent to fails with an
    /// <see cref="InvalidOperationException"/> that names both hosts. Create the handler with
    /// <c>AllowAutoRedirect = false</c>, or register the client with <c>services.AddParagon(…)</c>, whose handler follows none.
    /// </remarks>
    public ParagonClient(ParagonClientOptions options, HttpClient? httpClient)
        : this(options, httpClient, loggerFactory: null, clock: null)
    {
    }

    /// <summary>
    /// Creates a client that sends through the given <see cref="HttpClient"/> and logs through <paramref name="loggerFactory"/>,
    /// under the category <c>Paragon.Typed</c> (<see cref="ParagonTelemetry.SourceName"/>): each call at Debug, each failure
    /// at Warning, with the integration, operation, method, status, duration and retries, never a token, body, path,
    /// query or user id.
    /// </summary>
    /// <param name="options">The project, the token source and settings.</param>
    /// <param name="httpClient">The HTTP client to send with; <see langword="null"/> to create one (disposed with this client).</param>
    /// <param name="loggerFactory">Where log lines go; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">A setting is missing or unusable; the message names it.</exception>
    public ParagonClient(ParagonClientOptions options, HttpClient? httpClient, ILoggerFactory? loggerFactory)
        : this(options, httpClient, loggerFactory, clock: null)
    {
    }

    internal ParagonClient(ParagonClientOptions options, HttpClient? httpClient, Func<DateTimeOffset>? clock)
        : this(options, httpClient, loggerFactory: null, clock)
    {
    }

    internal ParagonClient(ParagonClientOptions options, HttpClient? httpClient, ILoggerFactory? loggerFactory, Func<DateTimeOffset>? clock)
        : this(options, httpClient, loggerFactory, clock, traits: default)
    {
    }

    /// <summary>The constructor every other one ends in; <paramref name="traits"/> is what <c>AddParagon</c> knows of the HttpClient's chain.</summary>
    internal ParagonClient(ParagonClientOptions options, HttpClient? httpClient, ILoggerFactory? loggerFactory, Func<DateTimeOffset>? clock, ProxyTransportTraits traits)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        ProjectId = CheckProjectId(options.ProjectId);
        ProxyBaseUrl = CheckBaseUrl(options.ProxyBaseUrl, nameof(ParagonClientOptions.ProxyBaseUrl));
        ApiBaseUrl = CheckBaseUrl(options.ApiBaseUrl, nameof(ParagonClientOptions.ApiBaseUrl));
        ActionKitBaseUrl = CheckBaseUrl(options.ActionKitBaseUrl, nameof(ParagonClientOptions.ActionKitBaseUrl));
        CheckSettings(options);
        CheckTokenSourceCount(options);

        RSA? signingKey = options.SigningKey is null ? null : RsaKeyReader.Import(options.SigningKey);
        TokenSource tokens = CreateTokenSource(options, ProjectId, signingKey, clock ?? (static () => DateTimeOffset.UtcNow));
        JsonSerializerOptions jsonOptions = PrepareJsonOptions(options.JsonSerializerOptions);
        bool ownsHttp = httpClient is null;
        ILogger logger = loggerFactory?.CreateLogger(ParagonTelemetry.SourceName) ?? NullLogger.Instance;
        _pipeline = new ProxyPipeline(httpClient ?? CreateHttpClient(), ownsHttp, ProxyBaseUrl, ApiBaseUrl, ActionKitBaseUrl, ProjectId, tokens, options, jsonOptions, logger, traits);
        // Tokens of a static UserToken's client are bound to its subject when the token says it, else to the project.
        byte[] tokenKey = ContinuationTokens.Key(options.Paging.ContinuationTokenKey, signingKey);
        string? staticUser = options.UserToken is null ? null : TokenSource.TryReadSubject(options.UserToken);
        _paging = new PagingContext(options.Paging.MaxPages, options.Paging.MaxEmptyPages, ContinuationTokens.For(tokenKey, ProjectId, staticUser));
        _defaultUser = new ParagonUserClient(_pipeline, _paging, userId: null, credentialId: null);
    }

    /// <summary>The Paragon project id.</summary>
    public string ProjectId { get; }

    /// <summary>The proxy's base URL.</summary>
    public Uri ProxyBaseUrl { get; }

    /// <summary>The base URL of Paragon's user-scoped REST API.</summary>
    public Uri ApiBaseUrl { get; }

    /// <summary>The base URL of Paragon's ActionKit API.</summary>
    public Uri ActionKitBaseUrl { get; }

    internal ProxyPipeline Pipeline => _pipeline;

    /// <summary>The generated client of one integration over this client, made once and kept (<c>paragon.Slack</c> uses it).</summary>
    /// <typeparam name="T">The generated integration client.</typeparam>
    /// <param name="create">Makes it over this client: the generated client's constructor.</param>
    /// <returns>The integration client.</returns>
    /// <remarks>For generated code; not meant to be called by hand.</remarks>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public T IntegrationClient<T>(Func<IProxyClient, T> create)
        where T : class => _integrationClients.GetOrAdd(this, create);

    /// <summary>Returns a client that acts for one user. Cheap: it shares this client's HTTP pipeline and token cache.</summary>
    /// <param name="userId">Your application's id for the user (the token's <c>sub</c>).</param>
    /// <returns>The user's client.</returns>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is empty or has control characters.</exception>
    /// <exception cref="InvalidOperationException">This client was given a single static <see cref="ParagonClientOptions.UserToken"/>.</exception>
    public ParagonUserClient ForUser(string userId)
    {
        if (userId is null)
        {
            throw new ArgumentNullException(nameof(userId));
        }

        if (userId.Trim().Length == 0 || ProxyEscaping.HasControlCharacter(userId))
        {
            throw new ArgumentException("The user id must be your application's non-empty id for the user, without control characters.", nameof(userId));
        }

        if (_pipeline.HasDefaultUser)
        {
            throw new InvalidOperationException("This client was given one UserToken, which belongs to one user: call RequestAsync on the client itself. To act for users by id, set SigningKey or TokenProvider.");
        }

        return new ParagonUserClient(_pipeline, _paging, userId, credentialId: null);
    }

    /// <summary>For a client with a static <see cref="ParagonClientOptions.UserToken"/>: a client that uses one of that user's accounts.</summary>
    /// <param name="credentialId">The credential id from Paragon.</param>
    /// <returns>The client.</returns>
    public ParagonUserClient WithCredential(string credentialId) => _defaultUser.WithCredential(credentialId);

    /// <inheritdoc cref="ParagonUserClient.RequestAsync(string, string, ParagonRequestOptions?, CancellationToken)"/>
    /// <remarks>Needs a static <see cref="ParagonClientOptions.UserToken"/>; otherwise call <see cref="ForUser(string)"/> first.</remarks>
    public Task<ParagonResponse> RequestAsync(string integration, string path, ParagonRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _defaultUser.RequestAsync(integration, path, options, cancellationToken);

    /// <inheritdoc cref="ParagonUserClient.RequestAsync{T}(string, string, JsonTypeInfo{T}, ParagonRequestOptions?, CancellationToken)"/>
    public Task<T?> RequestAsync<T>(string integration, string path, JsonTypeInfo<T> responseType, ParagonRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _defaultUser.RequestAsync(integration, path, responseType, options, cancellationToken);

    /// <inheritdoc cref="ParagonUserClient.RequestAsync{T}(string, string, ParagonRequestOptions?, CancellationToken)"/>
    [RequiresUnreferencedCode("JSON serialization of arbitrary types may need members the trimmer removes. Use the overload that takes a JsonTypeInfo<T>.")]
    [RequiresDynamicCode("JSON serialization of arbitrary types may need code generated at run time. Use the overload that takes a JsonTypeInfo<T>.")]
    public Task<T?> RequestAsync<T>(string integration, string path, ParagonRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _defaultUser.RequestAsync<T>(integration, path, options, cancellationToken);

    /// <inheritdoc />
    public Task<ParagonResponse> SendAsync(ProxyRequest request, CancellationToken cancellationToken = default) =>
        _defaultUser.SendAsync(request, cancellationToken);

    Task<ParagonResponse> ILendingProxyClient.SendLendingBodyAsync(ProxyRequest request, CancellationToken cancellationToken) =>
        ((ILendingProxyClient)_defaultUser).SendLendingBodyAsync(request, cancellationToken);

    Task<T> ILendingProxyClient.SendAndReadAsync<TState, T>(ProxyRequest request, Func<ParagonResponse, TState, T> read, TState state, CancellationToken cancellationToken) =>
        ((ILendingProxyClient)_defaultUser).SendAndReadAsync(request, read, state, cancellationToken);

    PagingContext IPagingClient.Paging => ((IPagingClient)_defaultUser).Paging;

    /// <summary>Sends the request and deserializes the response body with <paramref name="responseType"/>.</summary>
    /// <typeparam name="T">The response model.</typeparam>
    /// <param name="request">What to send.</param>
    /// <param name="responseType">The serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deserialized body.</returns>
    /// <exception cref="ParagonApiException">The call came back with a non-success status.</exception>
    /// <exception cref="ParagonUnreadableResponseException">The call succeeded but its body was empty or not a <typeparamref name="T"/>.</exception>
    public Task<T> SendAsync<T>(ProxyRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken = default) =>
        ProxyCalls.ReadJsonAsync(this, request, responseType, cancellationToken);

    /// <summary>Releases the HTTP client this client created, and the signing key.</summary>
    public void Dispose() => _pipeline.Dispose();

    // The checks below are internal so that start-up validation (services.AddParagon) runs these very rules, each
    // reporting what to fix, rather than copies of them.

    internal static string CheckProjectId(string? projectId)
    {
        if (string.IsNullOrWhiteSpace(projectId))
        {
            throw new ArgumentException("ProjectId is required: the Paragon project id from your dashboard (Settings → SDK Setup).", nameof(ParagonClientOptions.ProjectId));
        }

        foreach (char c in projectId!)
        {
            if (!(char.IsLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new ArgumentException($"ProjectId '{ProxyPath.Printable(projectId)}' contains '{ProxyPath.Printable(c.ToString())}'; a project id is letters, digits and '-' (a UUID).", nameof(ParagonClientOptions.ProjectId));
            }
        }

        return projectId;
    }

    /// <summary>
    /// A base URL must be absolute http(s) without query or user info, and https unless the host is this machine (a local
    /// proxy in tests): plain http sends the user tokens in clear. Also checked at start-up by <c>services.AddParagon</c>.
    /// </summary>
    internal static Uri CheckBaseUrl(Uri? url, string name)
    {
        if (url is null)
        {
            throw new ArgumentException($"{name} must be set (or left at its default).", name);
        }

        // A message names the URL by scheme and host only: its user info or query may hold a secret, and start-up
        // validation logs these messages.
        string shown = url.IsAbsoluteUri ? url.Scheme + "://" + url.Authority : "a relative URL";
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{name} must be an absolute http(s) URL such as https://proxy.useparagon.com; got {shown}.", name);
        }

        if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            throw new ArgumentException($"{name} must not carry a query, fragment or user info; got '{shown}' with one.", name);
        }

        if (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)
        {
            throw new ArgumentException($"{name} must be an https URL: user tokens would cross the network in clear to '{shown}'. Plain http is accepted only for a loopback host (localhost, 127.0.0.1).", name);
        }

        return url;
    }

    internal static void CheckSettings(ParagonClientOptions options)
    {
        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("TokenLifetime must be positive (default: one hour).", nameof(ParagonClientOptions.TokenLifetime));
        }

        if ((options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan) || options.Timeout.TotalMilliseconds > int.MaxValue)
        {
            // Beyond about 24 days no timer can be set: such a value would silently mean no time-out at all.
            throw new ArgumentException("Timeout must be positive and at most 24 days, or Timeout.InfiniteTimeSpan (in configuration: \"00:01:40\"; a bare \"30\" reads as 30 days).", nameof(ParagonClientOptions.Timeout));
        }

        if ((options.TokenProviderTimeout <= TimeSpan.Zero && options.TokenProviderTimeout != System.Threading.Timeout.InfiniteTimeSpan)
            || options.TokenProviderTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException("TokenProviderTimeout must be positive and at most 24 days, or Timeout.InfiniteTimeSpan (default: 30 seconds).", nameof(ParagonClientOptions.TokenProviderTimeout));
        }

        if (options.MaxResponseBodySize < 1 || options.MaxResponseBodySize > Proxy.BodyReader.MaxArray)
        {
            throw new ArgumentException($"MaxResponseBodySize must be at least 1 byte and at most {Proxy.BodyReader.MaxArray} (an array's limit); default: {ParagonClientOptions.DefaultMaxResponseBodySize}. Read larger bodies as a stream (StreamResponse = true).", nameof(ParagonClientOptions.MaxResponseBodySize));
        }

        if (options.MaxErrorBodySize < 1024 || options.MaxErrorBodySize > Proxy.BodyReader.MaxArray - 1)
        {
            throw new ArgumentException($"MaxErrorBodySize must be at least 1024 bytes and less than {Proxy.BodyReader.MaxArray}; default: {ParagonClientOptions.DefaultMaxErrorBodySize}.", nameof(ParagonClientOptions.MaxErrorBodySize));
        }

        if (options.Retry is null || options.Retry.MaxRetries < 0 || options.Retry.MaxDelay < TimeSpan.Zero || options.Retry.BaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("Retry must be set, with MaxRetries, MaxDelay and BaseDelay not negative.", nameof(ParagonClientOptions.Retry));
        }

        if (options.Paging is null || options.Paging.MaxPages < 1 || options.Paging.MaxEmptyPages < 1)
        {
            throw new ArgumentException("Paging must be set, with MaxPages and MaxEmptyPages at least 1 (defaults: 1,000 and 10).", nameof(ParagonClientOptions.Paging));
        }

        if (options.Paging.ContinuationTokenKey is { Length: < 32 })
        {
            throw new ArgumentException("Paging.ContinuationTokenKey must be a secret of at least 32 characters (for example 32 random bytes in base64), or unset.", nameof(ParagonClientOptions.Paging));
        }

        // Task.Delay takes at most int.MaxValue milliseconds (about 24.8 days).
        if (options.Retry.MaxDelay.TotalMilliseconds > int.MaxValue || options.Retry.BaseDelay.TotalMilliseconds > int.MaxValue || options.Retry.MaxRetries > 100)
        {
            throw new ArgumentException("Retry allows at most 100 retries and delays of at most 24 days.", nameof(ParagonClientOptions.Retry));
        }
    }

    internal static void CheckTokenSourceCount(ParagonClientOptions options)
    {
        int given = (options.SigningKey is null ? 0 : 1) + (options.UserToken is null ? 0 : 1) + (options.TokenProvider is null ? 0 : 1);
        if (given != 1)
        {
            throw new ArgumentException(
                given == 0
                    ? "Set one token source: SigningKey (the project's RSA private key, to mint user tokens), UserToken (a ready token) or TokenProvider."
                    : "Set only one token source: SigningKey, UserToken or TokenProvider.",
                nameof(options));
        }
    }

    internal static string CheckUserToken(string userToken)
    {
        if (!TokenSource.TryNormalize(userToken, out string token))
        {
            throw new ArgumentException("UserToken is empty or is not a bearer token (it has whitespace, line breaks or other characters a JWT cannot hold); pass the Paragon User Token as it is.", nameof(ParagonClientOptions.UserToken));
        }

        return token;
    }

    private static TokenSource CreateTokenSource(ParagonClientOptions options, string projectId, RSA? signingKey, Func<DateTimeOffset> clock)
    {
        if (options.UserToken is not null)
        {
            return new StaticTokenSource(CheckUserToken(options.UserToken));
        }

        if (options.TokenProvider is not null)
        {
            return new ProviderTokenSource(options.TokenProvider, options.TokenProviderTimeout, clock);
        }

        return new SigningKeyTokenSource(new UserTokenSigner(signingKey!, projectId), options.TokenLifetime, clock);
    }

    /// <summary>The options a client without <see cref="ParagonClientOptions.JsonSerializerOptions"/> uses; also for responses made in tests.</summary>
    internal static JsonSerializerOptions DefaultJsonOptions { get; } = PrepareJsonOptions(null);

    private static JsonSerializerOptions PrepareJsonOptions(JsonSerializerOptions? given)
    {
        if (given?.TypeInfoResolver is not null)
        {
            return given;
        }

        var options = given is null ? new JsonSerializerOptions() : new JsonSerializerOptions(given);
        options.TypeInfoResolver = DefaultResolver();
        return options;
    }

    /// <summary>
    /// Reflection where the application allows it, as System.Text.Json does by default. A trimmed or native AOT
    /// application switches reflection off (JsonSerializerIsReflectionEnabledByDefault=false), the branch is trimmed
    /// away, and plain-object bodies then need a source-generated resolver in <see cref="ParagonClientOptions.JsonSerializerOptions"/>.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Guarded by the JsonSerializer.IsReflectionEnabledByDefault feature switch, which trimming turns off.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by the JsonSerializer.IsReflectionEnabledByDefault feature switch, which native AOT turns off.")]
    private static IJsonTypeInfoResolver DefaultResolver() =>
        JsonSerializer.IsReflectionEnabledByDefault ? new DefaultJsonTypeInfoResolver() : JsonTypeInfoResolver.Combine();

    private static HttpClient CreateHttpClient()
    {
#if NET5_0_OR_GREATER
        // Connections are recycled so that DNS changes of Paragon's hosts are picked up.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All, AllowAutoRedirect = false };
#else
        var handler = new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate, AllowAutoRedirect = false };
#endif

        // Redirects are not followed: a provider's 3xx would resend the body, the credential choice and the caller's
        // headers to another host. The caller sees the 3xx as a ParagonApiException with its Location header.

        // The pipeline applies ParagonClientOptions.Timeout itself, across retries.
        return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
