using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Paragon.Proxy;

/// <summary>
/// A request body and its default content type. Bodies built from values are encoded once and can be sent again on a
/// retry; a stream or <see cref="HttpContent"/> is sent once and makes the call non-retryable.
/// </summary>
public sealed class ProxyBody
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly Stream? _stream;
    private readonly HttpContent? _content;

    private ProxyBody(ReadOnlyMemory<byte> bytes, string contentType)
    {
        _bytes = bytes;
        ContentType = contentType;
    }

    private ProxyBody(Stream stream, string contentType)
    {
        _stream = stream;
        ContentType = contentType;
    }

    private ProxyBody(HttpContent content)
    {
        _content = content;
        ContentType = content.Headers.ContentType?.ToString();
    }

    /// <summary>The content type the body is sent with, unless the request names another.</summary>
    public string? ContentType { get; }

    /// <summary>Whether the body can be sent more than once (so the call may be retried).</summary>
    public bool IsReplayable => _stream is null && _content is null;

    /// <summary>The caller's own <see cref="HttpContent"/>, whose headers go on the wire as they are: the funnel checks them.</summary>
    internal HttpContent? CallerContent => _content;

    /// <summary>
    /// The bytes that will be sent, for a body built from a value (JSON, form, text, bytes); <see langword="null"/> for a
    /// stream or <see cref="HttpContent"/>, which are read only as they are sent. For tests and logging.
    /// </summary>
    /// <returns>A copy of the bytes, or <see langword="null"/>.</returns>
    public byte[]? ReadAsBytes() => IsReplayable ? _bytes.ToArray() : null;

    /// <summary>
    /// The body as UTF-8 text (JSON as it will be sent, a form as <c>a=1&amp;b=2</c>), for a body built from a value;
    /// <see langword="null"/> for a stream or <see cref="HttpContent"/>. For tests and logging.
    /// </summary>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public string? ReadAsString() => IsReplayable ? Encoding.UTF8.GetString(_bytes.ToArray()) : null;

    internal const string JsonContentType = "application/json; charset=utf-8";
    internal const string FormContentType = "application/x-www-form-urlencoded";
    internal const string TextContentType = "text/plain; charset=utf-8";
    internal const string BinaryContentType = "application/octet-stream";

    /// <summary>A JSON body serialized with source-generated (trim- and AOT-safe) metadata.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">Its serialization metadata.</param>
    /// <returns>The body.</returns>
    public static ProxyBody Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        if (typeInfo is null)
        {
            throw new ArgumentNullException(nameof(typeInfo));
        }

        return new ProxyBody(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), JsonContentType);
    }

    /// <summary>A JSON body from a node.</summary>
    /// <param name="value">The JSON; <see langword="null"/> sends <c>null</c>.</param>
    /// <returns>The body.</returns>
    public static ProxyBody Json(JsonNode? value) => new(Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null"), JsonContentType);

    /// <summary>A JSON body from an element.</summary>
    /// <param name="value">The JSON.</param>
    /// <returns>The body.</returns>
    public static ProxyBody Json(JsonElement value) => new(Encoding.UTF8.GetBytes(value.GetRawText()), JsonContentType);

    /// <summary>A JSON body from UTF-8 JSON text that is already serialized.</summary>
    /// <param name="utf8Json">The JSON text.</param>
    /// <returns>The body.</returns>
    public static ProxyBody RawJson(ReadOnlyMemory<byte> utf8Json) => new(utf8Json, JsonContentType);

    /// <summary>A text body, <c>text/plain; charset=utf-8</c> unless the request names another content type.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The body.</returns>
    public static ProxyBody Text(string text) =>
        new(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), TextContentType);

    /// <summary>A binary body, <c>application/octet-stream</c> unless <paramref name="contentType"/> says otherwise.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="contentType">The content type.</param>
    /// <returns>The body.</returns>
    public static ProxyBody Bytes(ReadOnlyMemory<byte> bytes, string? contentType = null) => new(bytes, contentType ?? BinaryContentType);

    /// <summary>A body read from a stream as it is sent. The stream is not disposed; the call is never retried.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="contentType">The content type.</param>
    /// <returns>The body.</returns>
    public static ProxyBody Stream(Stream stream, string? contentType = null) =>
        new(stream ?? throw new ArgumentNullException(nameof(stream)), contentType ?? BinaryContentType);

    /// <summary>An <c>application/x-www-form-urlencoded</c> body; fields with a <see langword="null"/> value are left out.</summary>
    /// <param name="fields">The fields in order.</param>
    /// <returns>The body.</returns>
    public static ProxyBody Form(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        if (fields is null)
        {
            throw new ArgumentNullException(nameof(fields));
        }

        var text = new StringBuilder();
        foreach (KeyValuePair<string, string?> field in fields)
        {
            if (field.Value is null)
            {
                continue;
            }

            if (string.IsNullOrEmpty(field.Key))
            {
                throw new ArgumentException("A form field needs a non-empty name.", nameof(fields));
            }

            if (text.Length > 0)
            {
                text.Append('&');
            }

            text.Append(ProxyEscaping.EscapeFormComponent(field.Key)).Append('=').Append(ProxyEscaping.EscapeFormComponent(field.Value));
        }

        return new ProxyBody(Encoding.ASCII.GetBytes(text.ToString()), FormContentType);
    }

    /// <summary>
    /// An <c>application/x-www-form-urlencoded</c> body from a model: its JSON properties become fields. Scalars are sent as
    /// text; arrays of scalars repeat the name (<c>tag=a&amp;tag=b</c>), or use indices (<c>tag[0]=a</c>) for the names in
    /// <paramref name="deepObjectFields"/>; objects use brackets (<c>metadata[key]=v</c>), as Stripe, Twilio and Slack expect.
    /// </summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="value">The model.</param>
    /// <param name="typeInfo">Its serialization metadata.</param>
    /// <param name="deepObjectFields">Top-level fields whose arrays use indices.</param>
    /// <returns>The body.</returns>
    public static ProxyBody FormFromModel<T>(T value, JsonTypeInfo<T> typeInfo, IReadOnlyCollection<string>? deepObjectFields = null)
    {
        if (typeInfo is null)
        {
            throw new ArgumentNullException(nameof(typeInfo));
        }

        JsonElement json = JsonSerializer.SerializeToElement(value, typeInfo);
        var fields = new List<KeyValuePair<string, string?>>();
        if (json.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in json.EnumerateObject())
            {
                bool indexed = deepObjectFields is not null && Contains(deepObjectFields, property.Name);
                Flatten(property.Name, property.Value, indexed, fields);
            }
        }
        else if (json.ValueKind != JsonValueKind.Null)
        {
            throw new ArgumentException($"A form body must be an object; {typeof(T).Name} serializes as {json.ValueKind}.", nameof(value));
        }

        return Form(fields);
    }

    private static bool Contains(IReadOnlyCollection<string> names, string name)
    {
        foreach (string candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void Flatten(string name, JsonElement value, bool indexArrays, List<KeyValuePair<string, string?>> fields)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return;
            case JsonValueKind.String:
                fields.Add(new(name, value.GetString()));
                return;
            case JsonValueKind.True:
                fields.Add(new(name, "true"));
                return;
            case JsonValueKind.False:
                fields.Add(new(name, "false"));
                return;
            case JsonValueKind.Number:
                fields.Add(new(name, value.GetRawText()));
                return;
            case JsonValueKind.Object:
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    Flatten(name + "[" + property.Name + "]", property.Value, indexArrays: true, fields);
                }

                return;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    bool scalar = item.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);
                    Flatten(indexArrays || !scalar ? name + "[" + index + "]" : name, item, indexArrays: true, fields);
                    index++;
                }

                return;
        }
    }

    /// <summary>A body given as <see cref="HttpContent"/> (multipart, for example), sent as it is; the call is never retried.</summary>
    /// <param name="content">The content, with its own content type.</param>
    /// <returns>The body.</returns>
    public static ProxyBody Content(HttpContent content) => new(content ?? throw new ArgumentNullException(nameof(content)));

    /// <summary>Makes the HTTP content for one attempt.</summary>
    internal HttpContent CreateContent(string? contentTypeOverride)
    {
        HttpContent content;
        if (_content is not null)
        {
            content = _content;
        }
        else if (_stream is not null)
        {
            // The caller owns a stream body; HttpClient disposes request content, which must not close the caller's stream.
            content = new StreamContent(new Internal.ForwardingReadStream(_stream, seekable: true, onDispose: null));
        }
        else
        {
            // The bytes are always an array's (never copied here): ByteArrayContent takes its segment on both targets.
            content = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(_bytes, out ArraySegment<byte> segment)
                ? new ByteArrayContent(segment.Array!, segment.Offset, segment.Count)
                : new ByteArrayContent(_bytes.ToArray());
        }

        string? contentType = contentTypeOverride ?? ContentType;
        if (contentType is not null)
        {
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }
}
