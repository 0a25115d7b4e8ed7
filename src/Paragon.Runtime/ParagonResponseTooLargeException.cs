using System;
using System.Collections.Generic;
using System.Net;

namespace Paragon;

/// <summary>
/// The call <b>succeeded</b> — the provider answered with a 2xx status — but its body is larger than
/// <see cref="ParagonClientOptions.MaxResponseBodySize"/>, so the client stopped reading it instead of holding it all in
/// memory. The limit counts the bytes after decompression: a small compressed answer that expands without bound stops here
/// too. Read large bodies as a stream (<see cref="ParagonRequestOptions.StreamResponse"/>, or a generated method that
/// returns a <see cref="System.IO.Stream"/>), or raise the limit.
/// </summary>
/// <remarks>
/// Do not treat this as a failed call: a POST that got this answer took effect at the provider, and repeating it would do
/// it twice. It derives from <see cref="InvalidOperationException"/>, not <see cref="System.Net.Http.HttpRequestException"/>,
/// so that retry policies that match transport failures do not repeat it.
/// </remarks>
public sealed class ParagonResponseTooLargeException : InvalidOperationException
{
    internal ParagonResponseTooLargeException(string message, HttpStatusCode statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, long limit, long? declaredLength)
        : base(message)
    {
        StatusCode = statusCode;
        Headers = headers;
        Limit = limit;
        DeclaredLength = declaredLength;
    }

    /// <summary>The provider's success status code (2xx).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Response and content headers, by case-insensitive name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The limit that was reached: <see cref="ParagonClientOptions.MaxResponseBodySize"/>, in bytes.</summary>
    public long Limit { get; }

    /// <summary>The length the response declared (<c>Content-Length</c>), when it declared one.</summary>
    public long? DeclaredLength { get; }
}
