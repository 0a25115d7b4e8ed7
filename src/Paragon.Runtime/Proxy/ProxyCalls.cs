using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Proxy;

/// <summary>
/// What a generated method does once it has described its call: send it through an <see cref="IProxyClient"/> and read
/// the answer as the spec says. Every typed call ends here, so the rules for reading a success live in one place:
/// a 2xx is never turned into a bare <see cref="JsonException"/> — an empty or unreadable body of a call that succeeded
/// is a <see cref="ParagonUnreadableResponseException"/> carrying the status, headers and body; and a 2xx whose body says
/// it failed (<see cref="ProxyRequest.ErrorRule"/>, Slack's <c>ok: false</c>) is a <see cref="ParagonApiException"/>.
/// Text and streamed bodies are not checked: the rule is about JSON, and a stream is not read here.
/// </summary>
/// <remarks>For generated code: public so generated clients can call it, hidden from IntelliSense because users never need to.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class ProxyCalls
{
    /// <summary>Sends a call whose success has no body to read.</summary>
    /// <param name="proxy">Where to send it.</param>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the call has succeeded.</returns>
    public static async Task SendAsync(IProxyClient proxy, ProxyRequest request, CancellationToken cancellationToken)
    {
        using ParagonResponse response = await SendLendingAsync(proxy, request, cancellationToken).ConfigureAwait(false);
        ProxyErrorRule.Check(response, request);
    }

    /// <summary>Sends a call and returns its whole response: status, headers and any body.</summary>
    /// <param name="proxy">Where to send it.</param>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response; dispose it if its body was streamed.</returns>
    public static async Task<ParagonResponse> SendWithResponseAsync(IProxyClient proxy, ProxyRequest request, CancellationToken cancellationToken)
    {
        ParagonResponse response = await Check(proxy).SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            ProxyErrorRule.Check(response, request);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }

    /// <summary>
    /// Sends a call and reads its JSON body, which the spec promises: an empty body or JSON <c>null</c> is a
    /// <see cref="ParagonUnreadableResponseException"/> (the call succeeded, but there is no <typeparamref name="T"/>).
    /// </summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="proxy">Where to send it.</param>
    /// <param name="request">The call.</param>
    /// <param name="responseType">The body's serialization metadata.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The body.</returns>
    // Not async, like the three below: the funnel's task is handed back as it is, with no state machine of its own.
    public static Task<T> ReadJsonAsync<T>(IProxyClient proxy, ProxyRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) =>
        SendAndReadAsync(proxy, request, static (response, call) => ReadJson(response, call.Request, call.Type, emptyIsDefault: false)!, (Request: request, Type: responseType), cancellationToken);

    /// <summary>Sends a call and reads its promised JSON body, keeping the status and headers.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="proxy">Where to send it.</param>
    /// <param name="request">The call.</param>
    /// <param name="responseType">The body's serialization metadata.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The body with the status and headers.</returns>
    public static Task<ParagonResponse<T>> ReadJsonWithResponseAsync<T>(IProxyClient proxy, ProxyRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) =>
        SendAndReadAsync(proxy, request, static (response, call) => new ParagonResponse<T>(response.StatusCode, response.Headers, ReadJson(response, call.Request, call.Type, emptyIsDefault: false)!),
            (Request: request, Type: responseType), cancellationToken);

    /// <summary>
    /// Sends a call whose answer may be empty (the spec lists a 204, or its schema allows null) and reads its JSON body:
    /// an empty body or JSON <c>null</c> is <see langword="null"/>. For a value type, pass the metadata of <c>Nullable&lt;T&gt;</c>.
    /// </summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="proxy">Where to send it.</param>
    /// <param name="request">The call.</param>
    /// <param name="responseType">The body's serialization metadata.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The body, or <see langword="null"/>.</returns>
    public static Task<T?> ReadJsonOrDefaultAsync<T>(IProxyClient proxy, ProxyRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) =>
        SendAndReadAsync(proxy, request, static (response, call) => ReadJson(response, call.Request, call.Type, emptyIsDefault: true), (Request: request, Type: responseType), cancellationToken);

    /// <summary>As <see cref="ReadJsonOrDefaultAsync{T}"/>, keeping the status and headers.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="proxy">Where to send it.</param>
    /// <param name="request">The call.</param>
    /// <param name="responseType">The body's serialization metadata.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The body or <see langword="null"/>, with the status and headers.</returns>
    public static Task<ParagonResponse<T?>> ReadJsonOrDefaultWithResponseAsync<T>(IProxyClient proxy, ProxyRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) =>
        SendAndReadAsync(proxy, request, static (response, call) => new ParagonResponse<T?>(response.StatusCode, response.Headers, ReadJson(response, call.Request, call.Type, emptyIsDefault: true)),
            (Request: request, Type: responseType), cancellationToken);

    /// <summary>Sends a call and reads its body as text.</summary>
    /// <param name="proxy">Where to send it.</param>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The text; empty when there was no body.</returns>
    public static async Task<string> ReadTextAsync(IProxyClient proxy, ProxyRequest request, CancellationToken cancellationToken)
    {
        using ParagonResponse response = await SendLendingAsync(proxy, request, cancellationToken).ConfigureAwait(false);
        return response.ReadAsString();
    }

    /// <summary>Sends a call and reads its body as text, keeping the status and headers.</summary>
    /// <param name="proxy">Where to send it.</param>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The text with the status and headers.</returns>
    public static async Task<ParagonResponse<string>> ReadTextWithResponseAsync(IProxyClient proxy, ProxyRequest request, CancellationToken cancellationToken)
    {
        using ParagonResponse response = await SendLendingAsync(proxy, request, cancellationToken).ConfigureAwait(false);
        return new ParagonResponse<string>(response.StatusCode, response.Headers, response.ReadAsString());
    }

    /// <summary>
    /// Sends a call and returns its body as a stream, unbuffered. The caller owns the stream: disposing it releases the
    /// response and its connection.
    /// </summary>
    /// <param name="proxy">Where to send it.</param>
    /// <param name="request">The call; it is marked to stream its response.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The body.</returns>
    public static async Task<Stream> ReadStreamAsync(IProxyClient proxy, ProxyRequest request, CancellationToken cancellationToken)
    {
        (request ?? throw new ArgumentNullException(nameof(request))).StreamResponse = true;
        ParagonResponse response = await Check(proxy).SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.ReadAsStream();
    }

    /// <summary>
    /// Sends a call and returns its body as a stream with the status and headers. The caller owns
    /// <see cref="ParagonResponse{T}.Value"/>: disposing it releases the response and its connection.
    /// </summary>
    /// <param name="proxy">Where to send it.</param>
    /// <param name="request">The call; it is marked to stream its response.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The body stream with the status and headers.</returns>
    public static async Task<ParagonResponse<Stream>> ReadStreamWithResponseAsync(IProxyClient proxy, ProxyRequest request, CancellationToken cancellationToken)
    {
        (request ?? throw new ArgumentNullException(nameof(request))).StreamResponse = true;
        ParagonResponse response = await Check(proxy).SendAsync(request, cancellationToken).ConfigureAwait(false);
        return new ParagonResponse<Stream>(response.StatusCode, response.Headers, response.ReadAsStream());
    }

    /// <summary>The JSON rules for a success: empty is an answer only where the spec allows it, never a bare JsonException.</summary>
    internal static T? ReadJson<T>(ParagonResponse response, ProxyRequest request, JsonTypeInfo<T> responseType, bool emptyIsDefault)
    {
        if (responseType is null)
        {
            throw new ArgumentNullException(nameof(responseType));
        }

        ProxyErrorRule.Check(response, request);
        if (response.IsBlank)
        {
            // JsonElement can say "nothing" itself (Undefined); other types only where the spec allows null or no content.
            if (emptyIsDefault || typeof(T) == typeof(JsonElement))
            {
                return default;
            }

            throw response.Unreadable(typeof(T), "the body was empty where the spec promised one", null, request);
        }

        T? value = response.ReadAs(responseType, request);
        if (value is null && !emptyIsDefault)
        {
            throw response.Unreadable(typeof(T), "the body was JSON null where the spec promised a value", null, request);
        }

        return value;
    }

    /// <summary>
    /// Sends and reads the answer as part of the call: through the funnel, a body that is not what the spec promised is then
    /// the call's failure in its span, metric and log. A test double is sent the usual way.
    /// </summary>
    private static Task<T> SendAndReadAsync<TState, T>(IProxyClient proxy, ProxyRequest request, Func<ParagonResponse, TState, T> read, TState state, CancellationToken cancellationToken) =>
        Check(proxy) is ILendingProxyClient lending && request is not null
            ? lending.SendAndReadAsync(request, read, state, cancellationToken)
            : ProxyPipeline.ReadAsync(proxy.SendAsync(request!, cancellationToken), read, state);

    private static IProxyClient Check(IProxyClient proxy) => proxy ?? throw new ArgumentNullException(nameof(proxy));

    /// <summary>
    /// Sends for a caller that reads the body and disposes the response before it returns: the funnel may then leave the
    /// body in the pooled buffer it read it into, instead of copying it into an array of its own.
    /// </summary>
    private static Task<ParagonResponse> SendLendingAsync(IProxyClient proxy, ProxyRequest request, CancellationToken cancellationToken) =>
        Check(proxy) is ILendingProxyClient lending && request is not null
            ? lending.SendLendingBodyAsync(request, cancellationToken)
            : proxy.SendAsync(request!, cancellationToken);
}
