namespace Paragon.Paging;

/// <summary>
/// The bounds every paged enumeration keeps (<see cref="ParagonClientOptions.Paging"/>). Each page is a call that Paragon
/// bills, so a provider that never stops naming a next page must not be followed for ever.
/// </summary>
public sealed class ParagonPagingOptions
{
    /// <summary>The default of <see cref="MaxPages"/>: 1,000 pages.</summary>
    public const int DefaultMaxPages = 1000;

    /// <summary>The default of <see cref="MaxEmptyPages"/>: 10 pages.</summary>
    public const int DefaultMaxEmptyPages = 10;

    /// <summary>
    /// The most pages one enumeration fetches. Reaching it while the provider still names a next page is a
    /// <see cref="ParagonPagingException"/> (items are never silently cut short), unless the caller asked for the stop with
    /// <see cref="ParagonPageable{TPage, TItem}.AsPages(string?, int?)"/>'s <c>maxPages</c>. Per call:
    /// <see cref="ParagonPageable{TPage, TItem}.WithMaxPages(int)"/>. Default: <see cref="DefaultMaxPages"/>; at least 1.
    /// </summary>
    public int MaxPages { get; set; } = DefaultMaxPages;

    /// <summary>
    /// The most pages in a row that may come back without items yet name a next page. Slack documents a few such pages
    /// before more items; a provider that answers empty pages for ever is refused with a
    /// <see cref="ParagonPagingException"/> after this many calls. Default: <see cref="DefaultMaxEmptyPages"/>; at least 1.
    /// Offset and page-number paging end at the first empty page and never reach it.
    /// </summary>
    public int MaxEmptyPages { get; set; } = DefaultMaxEmptyPages;

    /// <summary>
    /// The secret that protects continuation tokens (<see cref="ParagonPage{TPage, TItem}.ContinuationToken"/>): at least
    /// 32 characters, for example 32 random bytes in base64, the same in every process that resumes another's tokens.
    /// When unset, a key is derived from <see cref="ParagonClientOptions.SigningKey"/> (never the key itself); with
    /// <see cref="ParagonClientOptions.UserToken"/> or <see cref="ParagonClientOptions.TokenProvider"/> and no secret here,
    /// each client makes a random key, and its tokens resume only through that client.
    /// </summary>
    public string? ContinuationTokenKey { get; set; }
}
