using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Proxy;

namespace Paragon.Paging;

/// <summary>
/// Every item of a paged operation, fetched a page at a time as it is enumerated (Azure's <c>AsyncPageable&lt;T&gt;</c>).
/// Each page is one call through the same funnel as any other — the operation's description with the next page's token
/// applied, with the same headers and credential. Nothing is sent until it is enumerated; each enumeration starts over.
/// </summary>
/// <remarks>
/// The loop stops when the provider gives no next token (or an empty one), says so (<c>has_more: false</c>,
/// <c>done: true</c>) or repeats a token it gave in the last 64 pages; offset and page-number paging also at an empty page.
/// It is bounded: after <see cref="ParagonPagingOptions.MaxPages"/> pages (or <see cref="WithMaxPages(int)"/>), or
/// <see cref="ParagonPagingOptions.MaxEmptyPages"/> pages in a row without items, while the provider still names a next
/// page, it ends with a <see cref="ParagonPagingException"/> — never a silent end that would drop items. Only the
/// <c>maxPages</c> of <see cref="AsPages(string?, int?)"/> is a quiet stop, with the token to resume from on the last page.
/// Cancellation is checked before each page.
/// </remarks>
/// <typeparam name="TPage">The page body's type.</typeparam>
/// <typeparam name="TItem">The items' type.</typeparam>
public sealed class ParagonPageable<TPage, TItem> : IAsyncEnumerable<TItem>
{
    private readonly IProxyClient _proxy;
    private readonly Func<ProxyRequest> _describe;
    private readonly JsonTypeInfo<TPage> _pageType;
    private readonly Func<TPage, IEnumerable<TItem>?> _items;
    private readonly ParagonPaging _paging;
    private readonly CancellationToken _cancellationToken;
    private readonly PagingContext _context;
    private readonly byte[] _operationTag;
    private readonly ProxyRequest _first;
    private readonly int? _maxPages;

    /// <summary>Describes a paged call; generated <c>…AllAsync</c> methods make these.</summary>
    /// <param name="proxy">Where every page is sent.</param>
    /// <param name="describe">Describes the first page; called once now (so that a bad argument fails here, before anything is sent) and once per page.</param>
    /// <param name="pageType">The page body's serialization metadata.</param>
    /// <param name="items">Picks the items out of a page body.</param>
    /// <param name="paging">How the operation pages.</param>
    /// <param name="cancellationToken">Cancels the enumeration, as well as any token given to the enumerator.</param>
    /// <exception cref="ArgumentNullException">An argument is missing.</exception>
    public ParagonPageable(IProxyClient proxy, Func<ProxyRequest> describe, JsonTypeInfo<TPage> pageType, Func<TPage, IEnumerable<TItem>?> items, ParagonPaging paging, CancellationToken cancellationToken = default)
    {
        _proxy = proxy ?? throw new ArgumentNullException(nameof(proxy));
        _describe = describe ?? throw new ArgumentNullException(nameof(describe));
        _pageType = pageType ?? throw new ArgumentNullException(nameof(pageType));
        _items = items ?? throw new ArgumentNullException(nameof(items));
        _paging = paging ?? throw new ArgumentNullException(nameof(paging));
        _cancellationToken = cancellationToken;
        _first = describe() ?? throw new ArgumentException("The description of the first page was null.", nameof(describe));
        _context = PagingContext.Of(proxy);
        _operationTag = _context.Tokens.OperationTag(_first, paging);
    }

    private ParagonPageable(ParagonPageable<TPage, TItem> other, int maxPages)
    {
        _proxy = other._proxy;
        _describe = other._describe;
        _pageType = other._pageType;
        _items = other._items;
        _paging = other._paging;
        _cancellationToken = other._cancellationToken;
        _context = other._context;
        _operationTag = other._operationTag;
        _first = other._first;
        _maxPages = maxPages;
    }

    /// <summary>
    /// The same operation with another bound on its pages than <see cref="ParagonPagingOptions.MaxPages"/>: reaching it
    /// while the provider still names a next page is a <see cref="ParagonPagingException"/>, so that items are never cut
    /// short unnoticed.
    /// </summary>
    /// <param name="maxPages">The most pages an enumeration fetches; at least 1.</param>
    /// <returns>A new pageable; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPages"/> is less than 1.</exception>
    public ParagonPageable<TPage, TItem> WithMaxPages(int maxPages) =>
        maxPages >= 1 ? new ParagonPageable<TPage, TItem>(this, maxPages)
            : throw new ArgumentOutOfRangeException(nameof(maxPages), maxPages, "maxPages must be at least 1.");

    /// <summary>The pages themselves, each with its body, items and the token to resume after it.</summary>
    /// <param name="continuationToken">
    /// A <see cref="ParagonPage{TPage, TItem}.ContinuationToken"/> of this operation, for this client's user, to resume
    /// from; <see langword="null"/> starts at the first page.
    /// </param>
    /// <param name="maxPages">
    /// The most pages to fetch: a quiet stop, the last page carrying the token to resume from. <see langword="null"/> for
    /// every page up to <see cref="WithMaxPages(int)"/> or <see cref="ParagonPagingOptions.MaxPages"/>, whose reach is a
    /// <see cref="ParagonPagingException"/>.
    /// </param>
    /// <returns>The pages, fetched as they are enumerated.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPages"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="continuationToken"/> was altered or made with another key, belongs to another user or another
    /// operation, or is not a continuation token at all (a provider's raw cursor or a path); nothing was sent.
    /// </exception>
    public IAsyncEnumerable<ParagonPage<TPage, TItem>> AsPages(string? continuationToken = null, int? maxPages = null)
    {
        if (maxPages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPages), maxPages, "maxPages must be at least 1, or null for every page up to the pageable's bound.");
        }

        if (continuationToken is { Length: 0 })
        {
            throw new ArgumentException("An empty continuation token names no page; pass null to start at the first page.", nameof(continuationToken));
        }

        string? providerToken = continuationToken is null ? null : _context.Tokens.Open(_operationTag, continuationToken, nameof(continuationToken));
        return PagesAsync(providerToken, maxPages, default);
    }

    /// <summary>Enumerates every item of every page.</summary>
    /// <param name="cancellationToken">Cancels the enumeration between pages and during a call.</param>
    /// <returns>The enumerator.</returns>
    public async IAsyncEnumerator<TItem> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (ParagonPage<TPage, TItem> page in PagesAsync(null, null, cancellationToken).ConfigureAwait(false))
        {
            foreach (TItem item in page.Items)
            {
                yield return item;
            }
        }
    }

    private async IAsyncEnumerable<ParagonPage<TPage, TItem>> PagesAsync(string? token, int? maxPages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using CancellationTokenSource? linked = cancellationToken.CanBeCanceled && _cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellationToken)
            : null;
        CancellationToken cancel = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken);

        // A provider that hands back a token it just gave would loop for ever; a longer cycle meets the page bound.
        var seen = new RecentTokens();
        if (token is not null)
        {
            seen.Add(token);
        }

        int limit = maxPages ?? _maxPages ?? _context.MaxPages;
        int emptyRun = 0;

        string? previousBody = null;
        for (int pages = 1; ; pages++)
        {
            cancel.ThrowIfCancellationRequested();
            ProxyRequest request = _describe();
            if (token is not null)
            {
                request = _paging.Apply(request, token);
            }

            request.RawResponse |= _paging.NeedsRawResponse;

            ParagonPage<TPage, TItem> page;
            string? next;
            using (ParagonResponse response = await _proxy.SendAsync(request, cancel).ConfigureAwait(false))
            {
                TPage value = ProxyCalls.ReadJson(response, request, _pageType, emptyIsDefault: false)!;
                var items = new List<TItem>(_items(value) ?? []);
                JsonElement body = response.IsBlank ? default : response.ReadAsJson();
                if (_paging.EndsOnEmptyPage)
                {
                    // Offsets and page numbers have no end signal of their own, and some APIs answer a page past the end
                    // with the last page again: the same body twice is the end, and the repeat is not handed out.
                    string text = body.ValueKind == JsonValueKind.Undefined ? string.Empty : body.GetRawText();
                    if (items.Count > 0 && string.Equals(text, previousBody, StringComparison.Ordinal))
                    {
                        yield break;
                    }

                    previousBody = text;
                }

                next = _paging.Next(new PageState(response, body, request, token, items.Count));
                if (next is not null && ((items.Count == 0 && _paging.EndsOnEmptyPage) || !seen.Add(next)))
                {
                    next = null;
                }

                page = new ParagonPage<TPage, TItem>(value, items, Seal(next), response.StatusCode, response.Headers);
            }

            yield return page;
            if (next is null || (maxPages is not null && pages >= maxPages))
            {
                yield break;
            }

            emptyRun = page.Items.Count == 0 ? emptyRun + 1 : 0;
            if (emptyRun >= _context.MaxEmptyPages)
            {
                throw Bound(ParagonPagingLimit.MaxEmptyPages, emptyRun, page.ContinuationToken,
                    $"{emptyRun} pages in a row had no items yet named a next page (allowed: ParagonClientOptions.Paging.MaxEmptyPages = {_context.MaxEmptyPages}); the provider may be paging in a loop");
            }

            if (pages >= limit)
            {
                throw Bound(ParagonPagingLimit.MaxPages, pages, page.ContinuationToken,
                    $"{pages} pages were fetched and the provider still names a next page (allowed: {(_maxPages is null ? "ParagonClientOptions.Paging.MaxPages" : "WithMaxPages")} = {limit}); raise it, or page with AsPages(continuationToken, maxPages) to stop there and resume later");
            }

            token = next;
        }
    }

    private string? Seal(string? next) => next is null ? null : _context.Tokens.Seal(_operationTag, next);

    /// <summary>The exception for a bound reached; the operation is named by the first page's description, not a provider's link.</summary>
    private ParagonPagingException Bound(ParagonPagingLimit limit, int pages, string? next, string what) =>
        new($"Paging {_first.Integration} {_first.OperationId ?? _first.ToString()} stopped: {what}.", _first.Integration, _first.OperationId, limit, pages, next);
}
