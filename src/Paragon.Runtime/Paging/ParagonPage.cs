using System.Collections.Generic;
using System.Net;

namespace Paragon.Paging;

/// <summary>One page of a paged operation: its typed body, its items, and the token to resume after it.</summary>
/// <typeparam name="TPage">The page body's type.</typeparam>
/// <typeparam name="TItem">The items' type.</typeparam>
public sealed class ParagonPage<TPage, TItem>
{
    internal ParagonPage(TPage value, IReadOnlyList<TItem> items, string? continuationToken, HttpStatusCode statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        Value = value;
        Items = items;
        ContinuationToken = continuationToken;
        StatusCode = statusCode;
        Headers = headers;
    }

    /// <summary>The page body as the spec describes it.</summary>
    public TPage Value { get; }

    /// <summary>The page's items, in the provider's order.</summary>
    public IReadOnlyList<TItem> Items { get; }

    /// <summary>
    /// The token of the next page — pass it to <see cref="ParagonPageable{TPage, TItem}.AsPages(string?, int?)"/> to resume
    /// there — or <see langword="null"/> when this is the last page.
    /// </summary>
    /// <remarks>
    /// An opaque, MAC-protected envelope around the provider's cursor or link: it resumes only the same operation for the
    /// same user of the same project, and only under the same key (<see cref="ParagonPagingOptions.ContinuationTokenKey"/>,
    /// else one derived from the signing key, else this client's own). It carries no user id, but it is not encrypted: the
    /// provider's cursor inside is readable. It does not expire by itself.
    /// </remarks>
    public string? ContinuationToken { get; }

    /// <summary>The page's HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The page's response headers (rate limits, request ids).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }
}
