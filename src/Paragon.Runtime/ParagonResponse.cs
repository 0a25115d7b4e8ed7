using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Paragon;

/// <summary>
/// A provider's successful response as it came through Paragon: status, headers and body (with any <c>{"output": …}</c>
/// envelope already removed). Unless the call asked to stream, the body is in memory and every <c>ReadAs…</c> method may be
/// called any number of times.
/// </summary>
public sealed class ParagonResponse : IDisposable
{
    // A buffered body is _body[_offset.._offset+_length]. When _rented, it is a pooled buffer that the funnel lent to a
    // caller that reads it and disposes this response before returning (ProxyCalls, RequestAsync<T>): Dispose gives it back.
    private byte[]? _body;
    private readonly int _offset;
    private readonly int _length;
    private bool _rented;
    private HttpResponseMessage? _streamed;
    private Stream? _stream;
    private readonly JsonSerializerOptions _jsonOptions;

    // Headers come from the funnel as a snapshot, gathered into a dictionary only when asked for (most typed calls never
    // look at them); a response made in a test has its dictionary at once.
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _headers;
    private readonly Proxy.ResponseHeaderSnapshot _snapshot;

    internal ParagonResponse(HttpStatusCode statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string? contentType, byte[] body, JsonSerializerOptions jsonOptions)
    {
        StatusCode = statusCode;
        _headers = headers;
        ContentType = contentType;
        _body = body;
        _length = body.Length;
        _jsonOptions = jsonOptions;
    }

    /// <summary>A buffered response from the funnel, whose response headers are gathered on first use.</summary>
    internal ParagonResponse(HttpStatusCode statusCode, Proxy.ResponseHeaderSnapshot headers, string? contentType, byte[] body, int offset, int length, bool rented, JsonSerializerOptions jsonOptions)
    {
        StatusCode = statusCode;
        _snapshot = headers;
        ContentType = contentType;
        _body = body;
        _offset = offset;
        _length = length;
        _rented = rented;
        _jsonOptions = jsonOptions;
    }

    internal ParagonResponse(HttpResponseMessage streamed, Stream stream, Proxy.ResponseHeaderSnapshot headers, JsonSerializerOptions jsonOptions)
    {
        _stream = stream;
        StatusCode = streamed.StatusCode;
        _snapshot = headers;
        ContentType = headers.ContentType;
        _streamed = streamed;
        _jsonOptions = jsonOptions;
    }

    /// <summary>The client's <see cref="ParagonClientOptions.LenientRequiredFields"/>: typed reads of this response are lenient.</summary>
    internal bool LenientRequiredFields { get; init; }

    /// <summary>
    /// The client's logger, where a lenient read says what it found missing. At the read, not when the call ends: a paged
    /// enumeration reads its pages after the funnel has handed them back.
    /// </summary>
    internal Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Creates a response, for example for an <see cref="Proxy.IProxyClient"/> test double
    /// (see <see cref="Testing.InMemoryProxyClient"/>). The body is taken as it is: no <c>{"output"}</c> envelope is removed.
    /// </summary>
    /// <param name="statusCode">The status code.</param>
    /// <param name="body">The body.</param>
    /// <param name="contentType">The body's content type, if any.</param>
    /// <param name="headers">Response headers; <see langword="null"/> for none.</param>
    /// <returns>The response.</returns>
    public static ParagonResponse Create(HttpStatusCode statusCode, ReadOnlyMemory<byte> body, string? contentType = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var all = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string> header in headers ?? [])
        {
            if (string.IsNullOrEmpty(header.Key) || header.Value is null)
            {
                throw new ArgumentException("Every header needs a name and a value.", nameof(headers));
            }

            all[header.Key] = all.TryGetValue(header.Key, out IReadOnlyList<string>? existing) ? [.. existing, header.Value] : [header.Value];
        }

        if (contentType is not null)
        {
            all["Content-Type"] = [contentType];
        }

        return new ParagonResponse(statusCode, all, contentType, body.ToArray(), ParagonClient.DefaultJsonOptions);
    }

    /// <summary>Creates a response whose body is JSON text (<c>application/json</c>), for example in a test.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="statusCode">The status code; 200 when not given.</param>
    /// <param name="headers">Response headers; <see langword="null"/> for none.</param>
    /// <returns>The response.</returns>
    public static ParagonResponse FromJson(string json, HttpStatusCode statusCode = HttpStatusCode.OK, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        Create(statusCode, Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))), Proxy.ProxyBody.JsonContentType, headers);

    /// <summary>Creates a response whose body is text (<c>text/plain</c>), for example in a test.</summary>
    /// <param name="text">The text.</param>
    /// <param name="statusCode">The status code; 200 when not given.</param>
    /// <param name="headers">Response headers; <see langword="null"/> for none.</param>
    /// <returns>The response.</returns>
    public static ParagonResponse FromText(string text, HttpStatusCode statusCode = HttpStatusCode.OK, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        Create(statusCode, Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), Proxy.ProxyBody.TextContentType, headers);

    /// <summary>Creates a response without a body, for example in a test.</summary>
    /// <param name="statusCode">The status code; 204 when not given.</param>
    /// <param name="headers">Response headers; <see langword="null"/> for none.</param>
    /// <returns>The response.</returns>
    public static ParagonResponse Empty(HttpStatusCode statusCode = HttpStatusCode.NoContent, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        Create(statusCode, ReadOnlyMemory<byte>.Empty, null, headers);

    /// <summary>The call this response answers, when the funnel made it: named in errors while reading it.</summary>
    internal Proxy.ProxyRequest? Request { get; set; }

    /// <summary>
    /// How much of this body an error read from it may keep (<see cref="ParagonClientOptions.MaxErrorBodySize"/> of the client
    /// that made the call): an in-body error rule turns a success of up to MaxResponseBodySize into an exception, and
    /// the exception must hold no more than a non-2xx error's would.
    /// </summary>
    internal int ErrorBodyCap { get; set; } = ParagonClientOptions.DefaultMaxErrorBodySize;

    /// <summary>The provider's HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Response and content headers, by case-insensitive name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers => _headers ??= _snapshot.ToDictionary();

    /// <summary>The body's content type, if the response named one.</summary>
    public string? ContentType { get; }

    /// <summary>Whether the body is in memory (it is unless the call asked to stream it).</summary>
    public bool IsBuffered => _body is not null || _rented;

    /// <summary>Whether a buffered body holds only JSON whitespace (a provider's "\r\n" for no content).</summary>
    internal bool IsBlank
    {
        get
        {
            if (_body is null)
            {
                return false;
            }

            foreach (byte b in _body.AsSpan(_offset, _length))
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Whether the body is empty (always <see langword="false"/> for a streamed body, whose length is unknown).</summary>
    public bool IsEmpty => _body is not null && _length == 0;

    /// <summary>The first value of a header, or <see langword="null"/>.</summary>
    /// <param name="name">The header name, in any case.</param>
    /// <returns>The value.</returns>
    public string? GetHeader(string name) => Headers.TryGetValue(name, out IReadOnlyList<string>? values) && values.Count > 0 ? values[0] : null;

    /// <summary>The body as bytes.</summary>
    /// <returns>A copy of the body.</returns>
    public byte[] ReadAsBytes() => Buffered().AsSpan().ToArray();

    /// <summary>The body as text, decoded with the charset the response names (UTF-8 if none).</summary>
    /// <returns>The text.</returns>
    public string ReadAsString() => ReadAsString(int.MaxValue);

    /// <summary>At most the first <paramref name="maxBytes"/> bytes of the body as text (a cut character decodes as U+FFFD).</summary>
    internal string ReadAsString(int maxBytes)
    {
        ArraySegment<byte> body = Buffered();
        Encoding encoding = Encoding.UTF8;
        string? charset = ContentType is null ? null : ParseCharset(ContentType);
        if (charset is not null)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // An unknown charset label: UTF-8 is the best guess for an HTTP API.
            }
        }

        return encoding.GetString(body.Array!, body.Offset, Math.Min(body.Count, maxBytes));
    }

    /// <summary>The body parsed as JSON. An empty body is <see cref="JsonValueKind.Undefined"/>.</summary>
    /// <returns>The JSON value, independent of this response.</returns>
    /// <exception cref="ParagonUnreadableResponseException">The body is not JSON. The call itself succeeded.</exception>
    public JsonElement ReadAsJson()
    {
        ArraySegment<byte> body = Buffered();
        if (body.Count == 0)
        {
            return default;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body.AsMemory());
            return document.RootElement.Clone();
        }
        catch (JsonException ex) when (ex is not ParagonUnreadableResponseException)
        {
            throw Unreadable(typeof(JsonElement), ex.Message, ex);
        }
    }

    /// <summary>The body deserialized with source-generated (trim- and AOT-safe) metadata.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="typeInfo">Its serialization metadata.</param>
    /// <returns>The value; <see langword="default"/> for an empty body.</returns>
    /// <exception cref="ParagonUnreadableResponseException">The body is not JSON of that shape. The call itself succeeded.</exception>
    public T? ReadAs<T>(JsonTypeInfo<T> typeInfo) => ReadAs(typeInfo, Request);

    /// <summary>As <see cref="ReadAs{T}(JsonTypeInfo{T})"/>, naming <paramref name="request"/> in an error: a canned response
    /// of a test double may answer many calls, so the call is given, not remembered.</summary>
    internal T? ReadAs<T>(JsonTypeInfo<T> typeInfo, Proxy.ProxyRequest? request)
    {
        if (typeInfo is null)
        {
            throw new ArgumentNullException(nameof(typeInfo));
        }

        ArraySegment<byte> body = Buffered();
        if (body.Count == 0)
        {
            return default;
        }

        try
        {
            if (!LenientRequiredFields && !Serialization.RequiredFields.IsLenient(typeInfo.Options))
            {
                return JsonSerializer.Deserialize(body.AsSpan(), typeInfo);
            }

            // Lenient (the client's option, or the spec's context): the read is synchronous, so what it reports is collected
            // on this thread, then logged with the client's logger and put on the current span (the call's, in the funnel).
            using Serialization.RequiredFields.Collector collector = Serialization.RequiredFields.Collect();
            T? value = JsonSerializer.Deserialize(body.AsSpan(), LenientRequiredFields ? Serialization.RequiredFields.Lenient(typeInfo) : typeInfo);
            if (collector.Fields is { } fields)
            {
                if (Logger is { } logger && request is not null)
                {
                    Diagnostics.ParagonLog.RequiredFieldsMissing(logger, request.Integration, request.OperationId, Diagnostics.CallObserver.MethodName(request.Method),
                        collector.Count, string.Join(", ", fields));
                }

                string list = string.Join(",", fields);
                System.Diagnostics.Activity.Current?.AddEvent(new System.Diagnostics.ActivityEvent(Serialization.RequiredFields.MissingEventName,
                    tags: new System.Diagnostics.ActivityTagsCollection { { Serialization.RequiredFields.MissingFieldsTag, list }, { "paragon.required_fields.missing_count", collector.Count } }));
            }

            return value;
        }
        catch (JsonException ex) when (ex is not ParagonUnreadableResponseException)
        {
            throw Unreadable(typeof(T), ex.Message, ex, request);
        }
    }

    /// <summary>
    /// The exception for a success whose body cannot be read as <paramref name="type"/>: it names the call and says that the
    /// call succeeded, and carries the status, headers and body.
    /// </summary>
    internal ParagonUnreadableResponseException Unreadable(Type type, string reason, Exception? inner) => Unreadable(type, reason, inner, Request);

    internal ParagonUnreadableResponseException Unreadable(Type type, string reason, Exception? inner, Proxy.ProxyRequest? request)
    {
        var message = new StringBuilder();
        if (request is not null)
        {
            message.Append(request); // METHOD integration path, without the query
            if (request.OperationId is not null)
            {
                message.Append(" (").Append(request.OperationId).Append(')');
            }

            message.Append(' ');
        }
        else
        {
            message.Append("The call ");
        }

        message.Append("succeeded with ").Append((int)StatusCode).Append(' ').Append(StatusCode)
               .Append(", but its body could not be read as ").Append(type.Name).Append(": ").Append(reason);
        if (inner is JsonException { Path: { Length: > 0 } path } && reason.IndexOf(path, StringComparison.Ordinal) < 0)
        {
            message.Append(" (at ").Append(path).Append(')');
        }

        message.Append(". The provider did the work: do not repeat the call blindly; the body is in ResponseBody.");
        string body = _body is null ? string.Empty : SafeText(Buffered());
        return new ParagonUnreadableResponseException(message.ToString(), StatusCode, Headers, ContentType, body,
            request?.Integration, request?.Method.Method, request is null ? null : Proxy.ProxyPath.StripQuery(request.Path), request?.OperationId, inner);
    }

    private string SafeText(ArraySegment<byte> body)
    {
        try
        {
            return ReadAsString();
        }
        catch (DecoderFallbackException)
        {
            return Convert.ToBase64String(body.Array!, body.Offset, body.Count);
        }
    }


    /// <summary>A copy of <paramref name="headers"/> whose names compare without case.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> CaseInsensitive(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        if (headers is Dictionary<string, IReadOnlyList<string>> { Comparer: var comparer } && ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase))
        {
            return headers;
        }

        var copy = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in headers)
        {
            copy[header.Key] = header.Value;
        }

        return copy;
    }

    /// <summary>The body deserialized with the client's <see cref="ParagonClientOptions.JsonSerializerOptions"/> or the given options.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="options">Options to use instead of the client's.</param>
    /// <returns>The value; <see langword="default"/> for an empty body.</returns>
    /// <exception cref="ParagonUnreadableResponseException">The body is not JSON of that shape. The call itself succeeded.</exception>
    [RequiresUnreferencedCode("JSON serialization of arbitrary types may need members the trimmer removes. Use ReadAs(JsonTypeInfo<T>) instead.")]
    [RequiresDynamicCode("JSON serialization of arbitrary types may need code generated at run time. Use ReadAs(JsonTypeInfo<T>) instead.")]
    public T? ReadAs<T>(JsonSerializerOptions? options = null)
    {
        ArraySegment<byte> body = Buffered();
        if (body.Count == 0)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body.AsSpan(), options ?? _jsonOptions);
        }
        catch (JsonException ex) when (ex is not ParagonUnreadableResponseException)
        {
            throw Unreadable(typeof(T), ex.Message, ex);
        }
    }

    /// <summary>
    /// The body as a stream. For a streamed response this is the network stream, available once, and disposing it
    /// (or this response) releases the connection; for a buffered one it is a new read-only stream over the bytes.
    /// </summary>
    /// <returns>The stream. For a streamed response the caller owns it and must dispose it.</returns>
    /// <remarks>
    /// A streamed response's stream owns the HTTP response: until it is disposed the connection stays taken from the
    /// pool, and too many undisposed streams stall later calls. Dispose it (a <c>using</c> or <c>await using</c>) as soon
    /// as it is read, or abandoned; disposing it releases the response and its connection, and this response no longer
    /// needs disposing. The same holds for the <see cref="Stream"/> that a generated method returns for a binary body.
    /// </remarks>
    public Stream ReadAsStream()
    {
        if (_body is not null)
        {
            // A lent body goes back to the pool on Dispose, which a stream could outlive: give such a stream its own copy.
            return _rented
                ? new MemoryStream(_body.AsSpan(_offset, _length).ToArray(), writable: false)
                : new MemoryStream(_body, _offset, _length, writable: false);
        }

        HttpResponseMessage response = _streamed ?? throw new InvalidOperationException("The streamed body was already taken or the response was disposed.");
        Stream inner = _stream!;

        // Disposing the body also releases the response, and with it the connection.
        var stream = new Internal.ForwardingReadStream(inner, seekable: false, onDispose: () =>
        {
            inner.Dispose();
            response.Dispose();
        });
        _streamed = null;
        _stream = null;
        return stream;
    }

    /// <summary>Releases a streamed body that was not read, or a body the funnel lent from its buffer pool to a typed read.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _streamed?.Dispose();
        _stream = null;
        _streamed = null;
        if (_rented && _body is not null)
        {
            byte[] lent = _body;
            _body = null;
            Proxy.BodyReader.Return(lent);
        }
    }

    /// <summary>The buffered body, not copied; only while this response is not disposed.</summary>
    internal ArraySegment<byte> BufferedBody => Buffered();

    private ArraySegment<byte> Buffered()
    {
        if (_body is not null)
        {
            return new ArraySegment<byte>(_body, _offset, _length);
        }

        throw _rented
            ? new ObjectDisposedException(nameof(ParagonResponse), "The response was disposed, and its body with it.")
            : new InvalidOperationException("This response was streamed (StreamResponse = true): read it with ReadAsStream().");
    }

    internal static string? ParseCharset(string contentType)
    {
        foreach (string part in contentType.Split(';'))
        {
            string trimmed = part.Trim();
            if (trimmed.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                return trimmed.Substring("charset=".Length).Trim('"', ' ');
            }
        }

        return null;
    }
}
