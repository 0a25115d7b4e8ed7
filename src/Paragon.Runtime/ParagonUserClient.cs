using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Paging;
using Paragon.Proxy;

namespace Paragon;

/// <summary>
/// Calls on behalf of one user (and optionally one of their accounts), sharing its <see cref="ParagonClient"/>'s HTTP
/// pipeline and token cache. Cheap to create, immutable, and safe for concurrent use.
/// </summary>
public sealed partial class ParagonUserClient : IProxyClient, ILendingProxyClient, IPagingClient
{
    private readonly ProxyPipeline _pipeline;
    private readonly PagingContext _paging;
    private IntegrationClientCache _integrationClients;

    internal ParagonUserClient(ProxyPipeline pipeline, PagingContext paging, string? userId, string? credentialId)
    {
        _pipeline = pipeline;
        _paging = paging;
        UserId = userId;
        CredentialId = credentialId;
    }

    /// <summary>The user this client acts for; <see langword="null"/> for the user of a static <see cref="ParagonClientOptions.UserToken"/>.</summary>
    public string? UserId { get; }

    /// <summary>The account selected with <see cref="WithCredential(string)"/>, sent as <c>X-Paragon-Credential</c>.</summary>
    public string? CredentialId { get; }

    /// <summary>The generated client of one integration over this client, made once and kept (<c>paragon.Slack</c> uses it).</summary>
    /// <typeparam name="T">The generated integration client.</typeparam>
    /// <param name="create">Makes it over this client: the generated client's constructor.</param>
    /// <returns>The integration client.</returns>
    /// <remarks>For generated code; not meant to be called by hand.</remarks>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public T IntegrationClient<T>(Func<IProxyClient, T> create)
        where T : class => _integrationClients.GetOrAdd(this, create);

    /// <summary>Returns a client for the same user that uses one of the user's several accounts on an integration.</summary>
    /// <param name="credentialId">The credential id from Paragon.</param>
    /// <returns>The new client; this one is unchanged.</returns>
    public ParagonUserClient WithCredential(string credentialId)
    {
        if (credentialId is null)
        {
            throw new ArgumentNullException(nameof(credentialId));
        }

        ProxyHeaderRules.CheckCredentialId(credentialId);
        return new ParagonUserClient(_pipeline, _paging, UserId, credentialId);
    }

    /// <summary>
    /// Calls the provider through Paragon's proxy: <paramref name="path"/> is the provider's path, relative to the base
    /// URL Paragon uses for the integration (for Slack <c>/chat.postMessage</c>); a query string in it is forwarded intact.
    /// </summary>
    /// <param name="integration">The integration type, for example <c>slack</c>, <c>googleCalendar</c> or <c>custom.my-app</c>; a custom integration may also be named by its id, <c>custom/{integrationId}</c>.</param>
    /// <param name="path">The provider path.</param>
    /// <param name="options">Method, body, query, headers; GET without a body when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The provider's successful response.</returns>
    /// <exception cref="ArgumentException">The integration, path, a header or the body is unusable; nothing was sent.</exception>
    /// <exception cref="ParagonApiException">The call came back with a non-success status.</exception>
    /// <exception cref="TimeoutException">The call did not complete within <see cref="ParagonClientOptions.Timeout"/>.</exception>
    public Task<ParagonResponse> RequestAsync(string integration, string path, ParagonRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(RequestOptionsTranslator.Translate(integration, path, options, _pipeline.JsonOptions), cancellationToken);

    /// <summary>Calls the provider and deserializes the response with source-generated (trim- and AOT-safe) metadata.</summary>
    /// <typeparam name="T">The response model.</typeparam>
    /// <param name="integration">The integration type.</param>
    /// <param name="path">The provider path.</param>
    /// <param name="responseType">The serialization metadata of <typeparamref name="T"/>.</param>
    /// <param name="options">Method, body, query, headers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deserialized body; <see langword="default"/> when it is empty.</returns>
    // Not async: the funnel's task is handed back as it is, so a call is no extra state machine on top of the funnel's.
    public Task<T?> RequestAsync<T>(string integration, string path, JsonTypeInfo<T> responseType, ParagonRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (responseType is null)
        {
            throw new ArgumentNullException(nameof(responseType));
        }

        return _pipeline.SendAndReadAsync(RequestOptionsTranslator.Translate(integration, path, options, _pipeline.JsonOptions),
            UserId, CredentialId, lendBody: options is not { StreamResponse: true }, static (response, type) => response.ReadAs(type), responseType, cancellationToken);
    }

    /// <summary>Calls the provider and deserializes the response with <see cref="ParagonClientOptions.JsonSerializerOptions"/>.</summary>
    /// <typeparam name="T">The response model.</typeparam>
    /// <param name="integration">The integration type.</param>
    /// <param name="path">The provider path.</param>
    /// <param name="options">Method, body, query, headers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deserialized body; <see langword="default"/> when it is empty.</returns>
    [RequiresUnreferencedCode("JSON serialization of arbitrary types may need members the trimmer removes. Use the overload that takes a JsonTypeInfo<T>.")]
    [RequiresDynamicCode("JSON serialization of arbitrary types may need code generated at run time. Use the overload that takes a JsonTypeInfo<T>.")]
    public Task<T?> RequestAsync<T>(string integration, string path, ParagonRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _pipeline.SendAndReadAsync(RequestOptionsTranslator.Translate(integration, path, options, _pipeline.JsonOptions),
            UserId, CredentialId, lendBody: options is not { StreamResponse: true }, static (response, _) => response.ReadAs<T>(), (object?)null, cancellationToken);

    /// <inheritdoc />
    public Task<ParagonResponse> SendAsync(ProxyRequest request, CancellationToken cancellationToken = default) =>
        _pipeline.SendAsync(request, UserId, CredentialId, cancellationToken);

    Task<ParagonResponse> ILendingProxyClient.SendLendingBodyAsync(ProxyRequest request, CancellationToken cancellationToken) =>
        _pipeline.SendAsync(request, UserId, CredentialId, lendBody: true, cancellationToken);

    Task<T> ILendingProxyClient.SendAndReadAsync<TState, T>(ProxyRequest request, Func<ParagonResponse, TState, T> read, TState state, CancellationToken cancellationToken) =>
        _pipeline.SendAndReadAsync(request, UserId, CredentialId, lendBody: true, read, state, cancellationToken);

    PagingContext IPagingClient.Paging => UserId is null ? _paging : _paging.ForUser(UserId);

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
}
