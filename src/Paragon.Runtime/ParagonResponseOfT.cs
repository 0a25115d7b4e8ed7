using System;
using System.Collections.Generic;
using System.Net;

namespace Paragon;

/// <summary>
/// A typed call's result together with the response it came in: the status code and the headers (paging links, rate
/// limits, request ids). Every generated operation has a <c>…WithResponseAsync</c> form that returns one.
/// </summary>
/// <typeparam name="T">The body's type.</typeparam>
/// <remarks>
/// The status and headers are the provider's when <see cref="ParagonClientOptions.UseRawResponse"/> is on; without it,
/// Paragon wraps the provider's answer and the status and headers are Paragon's own.
/// </remarks>
public sealed class ParagonResponse<T>
{
    /// <summary>Creates a result (for example in a test).</summary>
    /// <param name="statusCode">The status code.</param>
    /// <param name="headers">The headers, by name; <see langword="null"/> for none.</param>
    /// <param name="value">The body.</param>
    public ParagonResponse(HttpStatusCode statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers, T value)
    {
        StatusCode = statusCode;
        Headers = headers is null ? ParagonResponse.NoHeaders : ParagonResponse.CaseInsensitive(headers);
        Value = value;
    }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Response and content headers, by case-insensitive name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The body, read as <typeparamref name="T"/>.</summary>
    public T Value { get; }

    /// <summary>The first value of a header, or <see langword="null"/>.</summary>
    /// <param name="name">The header name, in any case.</param>
    /// <returns>The value.</returns>
    public string? GetHeader(string name) =>
        Headers.TryGetValue(name ?? throw new ArgumentNullException(nameof(name)), out IReadOnlyList<string>? values) && values.Count > 0 ? values[0] : null;
}
