using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Testing;

/// <summary>Stands in for a third-party provider (Slack, Google Calendar, …) behind the local proxy.</summary>
/// <param name="request">The call as the provider would receive it.</param>
/// <returns>The provider's answer.</returns>
public delegate ValueTask<FakeResponse> FakeProvider(FakeRequest request);

/// <summary>A call as it reaches a fake provider: what Paragon would forward.</summary>
public sealed class FakeRequest
{
    internal FakeRequest(string integration, string method, string path, string rawPathAndQuery, IReadOnlyDictionary<string, string[]> query,
        IReadOnlyDictionary<string, string> headers, byte[] body, string userId, string? credentialId, CancellationToken requestAborted)
    {
        RequestAborted = requestAborted;
        Integration = integration;
        Method = method;
        Path = path;
        RawPathAndQuery = rawPathAndQuery;
        Query = query;
        Headers = headers;
        Body = body;
        UserId = userId;
        CredentialId = credentialId;
    }

    /// <summary>The integration type from the URL.</summary>
    public string Integration { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The provider path, percent-decoded, with a leading '/'.</summary>
    public string Path { get; }

    /// <summary>The provider path and query exactly as they arrived (still encoded).</summary>
    public string RawPathAndQuery { get; }

    /// <summary>Query parameters, decoded; a repeated name has several values.</summary>
    public IReadOnlyDictionary<string, string[]> Query { get; }

    /// <summary>The headers Paragon forwards to the provider (not Authorization, Host or X-Paragon-*), by case-insensitive name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The raw body.</summary>
    public byte[] Body { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The user the token was minted for (its <c>sub</c>).</summary>
    public string UserId { get; }

    /// <summary>The account the caller selected with <c>X-Paragon-Credential</c>.</summary>
    public string? CredentialId { get; }

    /// <summary>Cancelled when the client drops the call (it timed out or was cancelled): a fake can wait on it to see that.</summary>
    public CancellationToken RequestAborted { get; }

    /// <summary>The body parsed as JSON.</summary>
    /// <returns>The JSON value.</returns>
    public JsonElement Json()
    {
        using JsonDocument document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    /// <summary>The body parsed as <c>application/x-www-form-urlencoded</c>.</summary>
    /// <returns>The fields, decoded.</returns>
    public IReadOnlyDictionary<string, string[]> Form() => LocalParagonProxy.ParseQuery(BodyText);

    /// <summary>The first value of a query parameter, or <see langword="null"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    public string? QueryValue(string name) => Query.TryGetValue(name, out string[]? values) ? values.FirstOrDefault() : null;
}

/// <summary>A fake provider's answer.</summary>
public sealed class FakeResponse
{
    /// <summary>Creates a response.</summary>
    /// <param name="status">The status code.</param>
    /// <param name="body">The body.</param>
    /// <param name="contentType">The content type, if any.</param>
    public FakeResponse(int status, byte[] body, string? contentType)
    {
        Status = status;
        Body = body;
        ContentType = contentType;
    }

    /// <summary>The status code.</summary>
    public int Status { get; }

    /// <summary>The body.</summary>
    public byte[] Body { get; }

    /// <summary>The content type.</summary>
    public string? ContentType { get; }

    /// <summary>Extra response headers.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long to stall after sending the status and headers, before the body: a slow or stuck provider.</summary>
    public TimeSpan BodyDelay { get; private set; }

    /// <summary>Whether the proxy drops the connection instead of answering: a call that reached the provider and got no response.</summary>
    public bool AbortsConnection { get; private init; }

    /// <summary>No answer: the connection is dropped after the provider has received the call.</summary>
    /// <returns>The response.</returns>
    public static FakeResponse AbortConnection() => new(0, [], null) { AbortsConnection = true };

    /// <summary>Stalls the body for <paramref name="delay"/> after the headers are sent.</summary>
    /// <param name="delay">The stall.</param>
    /// <returns>This response.</returns>
    public FakeResponse WithBodyDelay(TimeSpan delay)
    {
        BodyDelay = delay;
        return this;
    }

    /// <summary>
    /// When set, only the first this many bytes of the body are sent (after the status and headers, which declare the
    /// whole length), then the connection is aborted: a provider or network that drops the call mid-response.
    /// Honoured for raw responses (<c>X-Paragon-Use-Raw-Response</c>).
    /// </summary>
    public int? AbortAfterBytes { get; private set; }

    /// <summary>Sends the headers and the first <paramref name="bytes"/> bytes of the body, then aborts the connection.</summary>
    /// <param name="bytes">How much of the body goes out before the connection is dropped.</param>
    /// <returns>This response.</returns>
    public FakeResponse WithAbortAfterBytes(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        AbortAfterBytes = bytes;
        return this;
    }

    /// <summary>
    /// The length of a body generated while it is sent (see <see cref="Generated"/>), or <see langword="null"/> when the
    /// body is <see cref="Body"/>.
    /// </summary>
    public long? GeneratedLength { get; private set; }

    /// <summary>
    /// A body of <paramref name="length"/> bytes that is produced chunk by chunk as it is written, never held whole: byte
    /// <c>i</c> is <see cref="GeneratedByte"/>(<c>i</c>). For tests that must read a very large body without the fake
    /// itself allocating it. Honoured for raw responses (<c>X-Paragon-Use-Raw-Response</c>).
    /// </summary>
    /// <param name="length">The body's length in bytes.</param>
    /// <param name="contentType">The content type.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Generated(long length, string contentType = "application/octet-stream")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new FakeResponse(200, [], contentType) { GeneratedLength = length };
    }

    /// <summary>The byte at <paramref name="position"/> of a <see cref="Generated"/> body (a period of 251, a prime, so that no chunk size lines up with it).</summary>
    /// <param name="position">The offset in the body.</param>
    /// <returns>The byte.</returns>
    public static byte GeneratedByte(long position) => (byte)(position % 251);

    /// <summary>A JSON response from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="status">The status code.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Json(string json, int status = 200) => new(status, Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8");

    /// <summary>A JSON response from a node.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="status">The status code.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Json(JsonNode json, int status = 200) => Json(json.ToJsonString(), status);

    /// <summary>A text response.</summary>
    /// <param name="text">The text.</param>
    /// <param name="status">The status code.</param>
    /// <param name="contentType">The content type.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Text(string text, int status = 200, string contentType = "text/plain; charset=utf-8") => new(status, Encoding.UTF8.GetBytes(text), contentType);

    /// <summary>A binary response.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="contentType">The content type.</param>
    /// <param name="status">The status code.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Bytes(byte[] bytes, string contentType = "application/octet-stream", int status = 200) => new(status, bytes, contentType);

    /// <summary>A response without a body.</summary>
    /// <param name="status">The status code.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Empty(int status = 204) => new(status, [], null);

    /// <summary>Adds a header.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This response.</returns>
    public FakeResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
