using System;
using System.Collections.Generic;
using Paragon.Proxy;

namespace Paragon.Paging;

/// <summary>The next page's path in the body (Salesforce's <c>nextRecordsUrl</c>, Azure's <c>nextLink</c>).</summary>
internal sealed class NextUrlPaging : ParagonPaging
{
    private readonly JsonPath _url;
    private readonly JsonPath? _done;
    private readonly LinkBase? _base;

    public NextUrlPaging(JsonPath url, JsonPath? done, LinkBase? linkBase)
    {
        _url = url;
        _done = done;
        _base = linkBase;
    }

    internal override ProxyRequest Apply(ProxyRequest first, string token) => FollowLink(first, token, _base);

    internal override string? Next(in PageState page) => _done?.FindBoolean(page.Body) == true ? null : _url.FindToken(page.Body);

    /// <summary>
    /// A GET of a provider link on the same integration, with the first request's headers and credential. An absolute URL
    /// keeps its path and query only: the proxy knows the provider's host, and a link never sends the call anywhere else.
    /// </summary>
    internal static ProxyRequest FollowLink(ProxyRequest first, string link, LinkBase? linkBase)
    {
        string path = Uri.TryCreate(link, UriKind.Absolute, out Uri? absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)
            ? absolute.PathAndQuery
            : link.StartsWith("/", StringComparison.Ordinal) ? link : throw new ArgumentException($"The provider's next-page link is neither a URL nor a path starting with '/'.", nameof(link));
        var next = new ProxyRequest(first.Integration, ProxyMethods.Get, linkBase?.Strip(path) ?? path)
        {
            CredentialId = first.CredentialId,
            OperationId = first.OperationId,
            ErrorRule = first.ErrorRule,
        };
        foreach (KeyValuePair<string, string> header in first.Headers)
        {
            next.Headers.Add(header.Key, header.Value);
        }

        return next;
    }
}

/// <summary>
/// A base path that Paragon prepends to every provider path, which a provider's own links repeat: taken off the front of a
/// link so that the proxy does not prepend it twice. <c>*</c> matches any one segment (an API version).
/// </summary>
internal sealed class LinkBase
{
    private readonly string[] _segments;

    private LinkBase(string[] segments) => _segments = segments;

    public static LinkBase? Parse(string? basePath) =>
        string.IsNullOrWhiteSpace(basePath) ? null : new LinkBase(basePath!.Trim().Trim('/').Split('/'));

    public string Strip(string path)
    {
        int query = path.IndexOf('?');
        string[] segments = (query < 0 ? path : path.Substring(0, query)).TrimStart('/').Split('/');
        if (segments.Length <= _segments.Length)
        {
            return path;
        }

        for (int i = 0; i < _segments.Length; i++)
        {
            if (_segments[i] != "*" && !string.Equals(_segments[i], segments[i], StringComparison.Ordinal))
            {
                return path;
            }
        }

        int at = 0;
        for (int i = 0; i <= _segments.Length; i++)
        {
            at = path.IndexOf('/', at) + 1;
        }

        return path.Substring(at - 1);
    }
}
