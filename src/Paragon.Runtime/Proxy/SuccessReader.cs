using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Proxy;

/// <summary>
/// The success stage: reads a 2xx body into memory up to <see cref="ParagonClientOptions.MaxResponseBodySize"/> (counted
/// after decompression, so a gzip bomb stops at the limit too), takes off Paragon's <c>{"output": …}</c> envelope when the
/// call asked for it, and lends the pooled buffer to a typed read. A streamed body is not read here: each of its reads is
/// bounded by the call's time-out instead (<see cref="StreamedBody"/>).
/// </summary>
internal sealed class SuccessReader(long limit, int errorBodyCap, TimeSpan streamReadTimeout, JsonSerializerOptions jsonOptions)
{
    private readonly int _limit = (int)Math.Min(limit, BodyReader.MaxArray);

    /// <summary>The client's <see cref="ParagonClientOptions.LenientRequiredFields"/>, given to every buffered response it reads.</summary>
    public bool LenientRequiredFields { get; init; }

    /// <summary>The client's logger, given to every buffered response: a lenient read logs what it found missing when it reads.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    // Pooled on .NET, as the transport stage: every buffered call passes here.
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    public async ValueTask<ParagonResponse> ReadAsync(HttpResponseMessage response, ProxyRequest request, bool unwrap, bool lendBody, CancellationToken cancellationToken)
    {
        ResponseHeaderSnapshot headers = ResponseHeaderSnapshot.Take(response);
        if (request.StreamResponse)
        {
#if NET5_0_OR_GREATER
            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            return new ParagonResponse(response, new StreamedBody(stream, response, streamReadTimeout, request.ToString()), headers, jsonOptions) { Request = request, ErrorBodyCap = errorBodyCap, LenientRequiredFields = LenientRequiredFields, Logger = Logger };
        }

        byte[] buffer;
        int length;
        using (response)
        {
            // A length declared past the limit is refused before a byte of the body is read.
            if (response.Content?.Headers.ContentLength is long declared && declared > _limit)
            {
                throw TooLarge(request, response, headers, declared);
            }

            bool truncated;
            (buffer, length, truncated) = await BodyReader.ReadAsync(response, _limit, keepPrefix: false, cancellationToken).ConfigureAwait(false);
            if (truncated)
            {
                throw TooLarge(request, response, headers, declared: null);
            }
        }

        string? contentType = headers.ContentType;
        int offset = 0;
        if (unwrap)
        {
            // A raw response is the provider's own body, which may itself be an object with one "output" property; this
            // one is Paragon's envelope.
            bool unwrapped;
            ArraySegment<byte> inner;
            bool isText;
            try
            {
                unwrapped = OutputEnvelope.TryUnwrap(new ArraySegment<byte>(buffer, 0, length), out inner, out isText);
            }
            catch
            {
                // Not one of the failures the envelope reader expects: the pooled buffer goes back before the error goes up.
                BodyReader.Return(buffer);
                throw;
            }

            if (unwrapped)
            {
                contentType = isText ? ProxyBody.TextContentType : ProxyBody.JsonContentType;
                if (inner.Array != buffer)
                {
                    // The envelope held text, decoded into an array of its own.
                    BodyReader.Return(buffer);
                    return new ParagonResponse(response.StatusCode, headers, contentType, inner.Array!, inner.Offset, inner.Count, rented: false, jsonOptions) { Request = request, ErrorBodyCap = errorBodyCap, LenientRequiredFields = LenientRequiredFields, Logger = Logger };
                }

                offset = inner.Offset;
                length = inner.Count;
            }
        }

        if (lendBody)
        {
            return new ParagonResponse(response.StatusCode, headers, contentType, buffer, offset, length, rented: true, jsonOptions) { Request = request, ErrorBodyCap = errorBodyCap, LenientRequiredFields = LenientRequiredFields, Logger = Logger };
        }

        // The caller may keep this response as long as it likes: its body gets an array of its own, of the exact size.
        byte[] body = length == 0 ? [] : buffer.AsSpan(offset, length).ToArray();
        BodyReader.Return(buffer);
        return new ParagonResponse(response.StatusCode, headers, contentType, body, 0, body.Length, rented: false, jsonOptions) { Request = request, ErrorBodyCap = errorBodyCap, LenientRequiredFields = LenientRequiredFields, Logger = Logger };
    }

    private ParagonResponseTooLargeException TooLarge(ProxyRequest request, HttpResponseMessage response, ResponseHeaderSnapshot headers, long? declared)
    {
        string size = declared is { } length
            ? $"declares {length.ToString(CultureInfo.InvariantCulture)} bytes, more than"
            : "is larger than";
        return new ParagonResponseTooLargeException(
            $"{request} succeeded with {(int)response.StatusCode} {response.StatusCode}, but its body {size} ParagonClientOptions.MaxResponseBodySize "
            + $"({_limit.ToString(CultureInfo.InvariantCulture)} bytes, counted after decompression); nothing past the limit was read. The call took effect "
            + "at the provider: do not repeat it blindly. Read a large body as a stream (StreamResponse = true, or a generated method that returns a Stream), "
            + "or raise MaxResponseBodySize.",
            response.StatusCode, headers.ToDictionary(), _limit, declared);
    }
}
