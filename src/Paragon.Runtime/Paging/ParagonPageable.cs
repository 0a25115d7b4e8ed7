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
/// <c>done: true</c>), repeats a token it already gave, or sends a page with no items; or after the caller's maximum of
/// pages. Cancellation is checked before each page.
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
        _ = describe() ?? throw new ArgumentException("The description of the first page was null.", nameof(describe));
    }

    /// <summary>The pages themselves, each with its body, items and the token to resume after it.</summary>
    /// <param name="continuationToken">A <see cref="ParagonPage{TPage, TItem}.ContinuationToken"/> to resume from; <see langword="null"/> starts at the first page.</param>
    /// <param name="maxPages">The most pages to fetch; <see langword="null"/> for all.</param>
    /// <returns>The pages, fetched as they are enumerated.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPages"/> is less than 1.</exception>
    public IAsyncEnumerable<ParagonPage<TPage, TItem>> AsPages(string? continuationToken = null, int? maxPages = null)
    {
        if (maxPages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPages), maxPages, "maxPages must be at least 1, or null for every page.");
        }

        if (continuationToken is { Length: 0 })
        {
            throw new ArgumentException("An empty continuation token names no page; pass null to start at the first page.", nameof(continuationToken));
        }

        return PagesAsync(continuationToken, maxPages, default);
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

        // A provider that hands back a token it already gave would loop for ever.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (token is not null)
        {
            seen.Add(token);
        }

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

                page = new ParagonPage<TPage, TItem>(value, items, next, response.StatusCode, response.Headers);
            }

            yield return page;
            if (next is null || pages >= maxPages)
            {
                yield break;
            }

            token = next;
        }
    }
}
