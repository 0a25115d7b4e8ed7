using System;
using System.Collections.Generic;
using Paragon.Proxy;

namespace Paragon.Paging;

/// <summary>The next page's path in the body (Salesforce's <c>nextRecordsUrl</c>, Azure's <c>nextLink</c>).</summary>
internal sealed class NextUrlPaging : ParagonPaging
{
    private readonly JsonPath _url;
    private readonly JsonPath? _done;

    public NextUrlPaging(JsonPath url, JsonPath? done)
    {
        _url = url;
        _done = done;
    }

    internal override ProxyRequest Apply(ProxyRequest first, string token) => FollowLink(first, token);

    internal override string? Next(in PageState page) => _done?.FindBoolean(page.Body) == true ? null : _url.FindToken(page.Body);

    /// <summary>
    /// A GET of a provider link on the same integration, with the first request's headers and credential. An absolute URL
    /// keeps its path and query only: the proxy knows the provider's host, and a link never sends the call anywhere else.
    /// </summary>
    internal static ProxyRequest FollowLink(ProxyRequest first, string link)
    {
        string path = Uri.TryCreate(link, UriKind.Absolute, out Uri? absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)
            ? absolute.PathAndQuery
            : link.StartsWith("/", StringComparison.Ordinal) ? link : throw new ArgumentException($"The provider's next-page link is neither a URL nor a path starting with '/'.", nameof(link));
        var next = new ProxyRequest(first.Integration, ProxyMethods.Get, path)
        {
            CredentialId = first.CredentialId,
            OperationId = first.OperationId,
        };
        foreach (KeyValuePair<string, string> header in first.Headers)
        {
            next.Headers.Add(header.Key, header.Value);
        }

        return next;
    }
}
