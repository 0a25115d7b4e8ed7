using System;
using System.Text.Json;
using Paragon.Proxy;

namespace Paragon.Paging;

/// <summary>
/// How an operation pages: where the next page's token comes from in a response, and how it goes into the next request.
/// Generated code picks one of the factories here and describes nothing else; <see cref="ParagonPageable{TPage, TItem}"/>
/// runs the loop and its stop rules, sending every page through the same funnel as any call.
/// </summary>
/// <remarks>Instances are immutable and can be shared. For generated code: public so generated clients can call it, hidden
/// from IntelliSense because users never need to.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public abstract class ParagonPaging
{
    private protected ParagonPaging()
    {
    }

    /// <summary>
    /// A cursor: the response carries the next token at <paramref name="responsePath"/> (Slack's
    /// <c>response_metadata.next_cursor</c>, HubSpot's <c>paging.next.after</c>, Google's <c>nextPageToken</c>), and the next
    /// request sends it as <paramref name="parameter"/>.
    /// </summary>
    /// <param name="parameter">The query parameter (or body property) that takes the token, for example <c>cursor</c>.</param>
    /// <param name="responsePath">A dotted path to the token in the page body, for example <c>response_metadata.next_cursor</c>.</param>
    /// <param name="location">Whether the token goes into the query or the JSON body (Notion's POST queries).</param>
    /// <param name="hasMorePath">A dotted path to a boolean that is <see langword="false"/> on the last page (Notion's <c>has_more</c>), if any.</param>
    /// <returns>The strategy.</returns>
    public static ParagonPaging Cursor(string parameter, string responsePath, PagingTokenLocation location = PagingTokenLocation.Query, string? hasMorePath = null) =>
        new CursorPaging(Required(parameter, nameof(parameter)), JsonPath.Parse(responsePath, nameof(responsePath)), location, hasMorePath is null ? null : JsonPath.Parse(hasMorePath, nameof(hasMorePath)));

    /// <summary>
    /// A next URL: the response carries the path (or URL) of the next page at <paramref name="responsePath"/> (Salesforce's
    /// <c>nextRecordsUrl</c>, Azure's <c>nextLink</c>). It is fetched with GET through the proxy on the same integration,
    /// with the same headers and credential.
    /// </summary>
    /// <param name="responsePath">A dotted path to the next URL in the page body.</param>
    /// <param name="donePath">A dotted path to a boolean that is <see langword="true"/> on the last page (Salesforce's <c>done</c>), if any.</param>
    /// <param name="basePath">
    /// The provider's base path that Paragon prepends to every path itself, removed from the front of a link that carries it
    /// (Salesforce's <c>/services/data/*</c>: <c>*</c> matches any one segment, here the API version).
    /// </param>
    /// <returns>The strategy.</returns>
    public static ParagonPaging NextUrl(string responsePath, string? donePath = null, string? basePath = null) =>
        new NextUrlPaging(JsonPath.Parse(responsePath, nameof(responsePath)), donePath is null ? null : JsonPath.Parse(donePath, nameof(donePath)), LinkBase.Parse(basePath));

    /// <summary>
    /// The provider's <c>Link</c> header (RFC 8288, GitHub's): the next page is the link with <c>rel="next"</c>, fetched
    /// with GET through the proxy. The provider's headers must reach the client: keep raw responses on (the default).
    /// </summary>
    /// <param name="basePath">The provider's base path that Paragon prepends itself, removed from a link that carries it (see <see cref="NextUrl"/>).</param>
    /// <returns>The strategy.</returns>
    public static ParagonPaging LinkHeader(string? basePath = null) => new LinkHeaderPaging(LinkBase.Parse(basePath));

    /// <summary>
    /// An offset or page number in the query: the next page asks for the offset after the items received so far (or the next
    /// page number), and the loop stops at an empty page.
    /// </summary>
    /// <param name="parameter">The query parameter, for example <c>offset</c> or <c>page</c>.</param>
    /// <param name="pageNumbers"><see langword="true"/> when the parameter counts pages (from 1) rather than items (from 0).</param>
    /// <returns>The strategy.</returns>
    public static ParagonPaging Offset(string parameter, bool pageNumbers = false) => new OffsetPaging(Required(parameter, nameof(parameter)), pageNumbers);

    /// <summary>The request for the page that <paramref name="token"/> names, made from a fresh description of the first page.</summary>
    internal abstract ProxyRequest Apply(ProxyRequest first, string token);

    /// <summary>The token of the page after this one, or <see langword="null"/> when the provider says this was the last.</summary>
    internal abstract string? Next(in PageState page);

    /// <summary>
    /// Whether an empty page (or the same page twice) is the end. It is for offsets and page numbers, which have no other
    /// end signal. A cursor,
    /// a next link or a Link header says itself whether there is more: Slack documents pages with fewer items than
    /// asked for, none included, that still name a next cursor, and stopping there would drop the rest.
    /// </summary>
    internal virtual bool EndsOnEmptyPage => false;

    /// <summary>Whether each page must be the provider's raw answer (its headers carry the next page).</summary>
    internal virtual bool NeedsRawResponse => false;

    private static string Required(string value, string name) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException("A paging parameter name is needed, for example 'cursor'.", name) : value;
}

/// <summary>Where a cursor goes in the next request.</summary>
/// <remarks>For generated code: public so generated clients can call it, hidden from IntelliSense because users never need to.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public enum PagingTokenLocation
{
    /// <summary>A query parameter (replacing any the first request had).</summary>
    Query,

    /// <summary>A top-level property of the JSON body (replacing any the first request had).</summary>
    Body,
}

/// <summary>What a strategy may look at to find the next token: the response, its body as JSON, the request and the page's size.</summary>
internal readonly struct PageState
{
    public PageState(ParagonResponse response, JsonElement body, ProxyRequest request, string? token, int itemCount)
    {
        Response = response;
        Body = body;
        Request = request;
        Token = token;
        ItemCount = itemCount;
    }

    public ParagonResponse Response { get; }

    public JsonElement Body { get; }

    public ProxyRequest Request { get; }

    public string? Token { get; }

    public int ItemCount { get; }
}
