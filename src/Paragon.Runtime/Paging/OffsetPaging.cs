using System.Globalization;
using Paragon.Proxy;

namespace Paragon.Paging;

/// <summary>An offset (items skipped) or a page number in the query; the token is the number as text.</summary>
internal sealed class OffsetPaging : ParagonPaging
{
    private readonly string _parameter;
    private readonly bool _pageNumbers;

    public OffsetPaging(string parameter, bool pageNumbers)
    {
        _parameter = parameter;
        _pageNumbers = pageNumbers;
    }

    internal override ProxyRequest Apply(ProxyRequest first, string token)
    {
        first.Query.Set(_parameter, token);
        return first;
    }

    internal override bool EndsOnEmptyPage => true;

    internal override string? Next(in PageState page)
    {
        // The first page starts where the caller's own offset (or page) said, else at the start.
        string? current = page.Token ?? page.Request.Query.Get(_parameter);
        if (!long.TryParse(current ?? (_pageNumbers ? "1" : "0"), NumberStyles.Integer, CultureInfo.InvariantCulture, out long position))
        {
            return null;
        }

        // An offset API has no "last page" signal: the loop's empty-page rule ends it.
        return (_pageNumbers ? position + 1 : position + page.ItemCount).ToString(CultureInfo.InvariantCulture);
    }
}
