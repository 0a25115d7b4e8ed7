using System.Collections.Generic;
using System.Net.Http;

namespace Paragon;

/// <summary>How to make one raw call with <c>RequestAsync</c>.</summary>
public sealed class ParagonRequestOptions
{
    /// <summary>The HTTP method. Default: GET.</summary>
    public HttpMethod Method { get; set; } = HttpMethod.Get;

    /// <summary>
    /// The request body. Accepted: a <see cref="System.Text.Json.Nodes.JsonNode"/>, <see cref="System.Text.Json.JsonElement"/> or
    /// <see cref="System.Text.Json.JsonDocument"/> (sent as JSON); a <see cref="string"/> (sent as text); a <see cref="byte"/> array or
    /// <see cref="System.ReadOnlyMemory{T}"/> of bytes; a <see cref="System.IO.Stream"/> (sent as it is, never retried);
    /// a <see cref="ParagonFormBody"/> (sent as <c>application/x-www-form-urlencoded</c>); a <see cref="HttpContent"/> (sent as it is);
    /// a <see cref="Proxy.ProxyBody"/>; any other object is serialized as JSON with <see cref="ParagonClientOptions.JsonSerializerOptions"/>.
    /// </summary>
    public object? Body { get; set; }

    /// <summary>The body's content type, replacing the default that its kind implies (for example <c>application/json; charset=utf-8</c>).</summary>
    public string? ContentType { get; set; }

    /// <summary>
    /// Query parameters, appended after any query string already written in the path. Values are escaped; a
    /// <see langword="null"/> value is left out.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>>? Query { get; set; }

    /// <summary>
    /// Extra request headers, forwarded to the provider. <c>Accept</c> replaces the default <c>application/json</c>.
    /// <c>Authorization</c>, <c>Content-Type</c>, <c>Host</c> and the <c>X-Paragon-*</c> headers belong to the client and are refused.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>>? Headers { get; set; }

    /// <summary>Selects one of the user's several accounts on this integration (<c>X-Paragon-Credential</c>), overriding the client's.</summary>
    public string? CredentialId { get; set; }

    /// <summary>
    /// Leave the response body unread until <see cref="ParagonResponse.ReadAsStream"/> is called, for large files.
    /// Default: <see langword="false"/> (the body is read into memory, where every <c>ReadAs…</c> method can use it).
    /// A streamed response holds its connection until the response, or the stream taken from it, is disposed: the caller
    /// disposes it.
    /// </summary>
    public bool StreamResponse { get; set; }
}
