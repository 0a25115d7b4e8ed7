using System;

namespace Paragon.Paging;

/// <summary>
/// A paged enumeration reached one of its bounds (<see cref="ParagonPagingOptions"/>) while the provider still named a
/// next page. Nothing more was sent; the items and pages before it were handed out.
/// </summary>
/// <remarks>
/// <see cref="ContinuationToken"/> resumes after the last page fetched, for a caller that decides to go on
/// (<see cref="ParagonPageable{TPage, TItem}.AsPages(string?, int?)"/>).
/// </remarks>
public sealed class ParagonPagingException : InvalidOperationException
{
    internal ParagonPagingException(string message, string integration, string? operationId, ParagonPagingLimit limit, int pages, string? continuationToken)
        : base(message)
    {
        Integration = integration;
        OperationId = operationId;
        Limit = limit;
        Pages = pages;
        ContinuationToken = continuationToken;
    }

    /// <summary>The integration that was paged.</summary>
    public string Integration { get; }

    /// <summary>The paged operation's id from its spec, if it has one.</summary>
    public string? OperationId { get; }

    /// <summary>Which bound was reached.</summary>
    public ParagonPagingLimit Limit { get; }

    /// <summary>How many pages were fetched by this enumeration (for <see cref="ParagonPagingLimit.MaxEmptyPages"/>: the empty ones in a row).</summary>
    public int Pages { get; }

    /// <summary>The token of the page after the last one fetched.</summary>
    public string? ContinuationToken { get; }
}

/// <summary>The bound a <see cref="ParagonPagingException"/> reports.</summary>
public enum ParagonPagingLimit
{
    /// <summary><see cref="ParagonPagingOptions.MaxPages"/> or <see cref="ParagonPageable{TPage, TItem}.WithMaxPages(int)"/>.</summary>
    MaxPages,

    /// <summary><see cref="ParagonPagingOptions.MaxEmptyPages"/>: too many pages in a row without items.</summary>
    MaxEmptyPages,
}
