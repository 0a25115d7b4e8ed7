using System;
using System.Collections.Generic;
using Paragon.Proxy;

namespace Paragon.Paging;

/// <summary>RFC 8288 <c>Link</c> headers, as GitHub pages: <c>&lt;https://api.github.com/…?page=2&gt;; rel="next"</c>.</summary>
internal sealed class LinkHeaderPaging : ParagonPaging
{
    private readonly LinkBase? _base;

    public LinkHeaderPaging(LinkBase? linkBase) => _base = linkBase;

    internal override bool NeedsRawResponse => true;

    internal override ProxyRequest Apply(ProxyRequest first, string token) => NextUrlPaging.FollowLink(first, token, _base);

    internal override string? Next(in PageState page) =>
        page.Response.Headers.TryGetValue("Link", out IReadOnlyList<string>? values) ? FindNext(values) : null;

    internal static string? FindNext(IEnumerable<string> values)
    {
        foreach (string value in values)
        {
            // Links are comma-separated; a URL in <> may itself hold commas, so split on the closing '>' instead.
            int at = 0;
            while ((at = value.IndexOf('<', at)) >= 0)
            {
                int close = value.IndexOf('>', at);
                if (close < 0)
                {
                    break;
                }

                string url = value.Substring(at + 1, close - at - 1);
                int nextLink = value.IndexOf('<', close);
                string parameters = nextLink < 0 ? value.Substring(close + 1) : value.Substring(close + 1, nextLink - close - 1);
                if (HasNextRelation(parameters))
                {
                    return url.Length == 0 ? null : url;
                }

                at = close;
            }
        }

        return null;
    }

    private static bool HasNextRelation(string parameters)
    {
        foreach (string parameter in parameters.Split(';'))
        {
            int equals = parameter.IndexOf('=');
            if (equals < 0 || !parameter.Substring(0, equals).Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // rel may list several relation types: rel="next last".
            foreach (string relation in parameter.Substring(equals + 1).Trim().Trim(',').Trim().Trim('"').Split(' '))
            {
                if (relation.Equals("next", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
