using System.Text.Json;
using System.Text.Json.Nodes;
using Paragon.Proxy;

namespace Paragon.Paging;

/// <summary>A token from the body (Slack, Notion, HubSpot, Google) sent back as a query parameter or body property.</summary>
internal sealed class CursorPaging : ParagonPaging
{
    private readonly string _parameter;
    private readonly JsonPath _token;
    private readonly PagingTokenLocation _location;
    private readonly JsonPath? _hasMore;

    public CursorPaging(string parameter, JsonPath token, PagingTokenLocation location, JsonPath? hasMore)
    {
        _parameter = parameter;
        _token = token;
        _location = location;
        _hasMore = hasMore;
    }

    internal override ProxyRequest Apply(ProxyRequest first, string token)
    {
        if (_location == PagingTokenLocation.Query)
        {
            first.Query.Set(_parameter, token);
            return first;
        }

        // The body was described for the first page; the cursor is set on a copy of its JSON, every other property kept.
        byte[]? bytes = first.Body?.ReadAsBytes();
        JsonObject body = bytes is { Length: > 0 } && JsonNode.Parse(bytes) is JsonObject existing ? existing : new JsonObject();
        body[_parameter] = token;
        first.Body = ProxyBody.Json(body);
        return first;
    }

    internal override string? Next(in PageState page) =>
        _hasMore?.FindBoolean(page.Body) == false ? null : _token.FindToken(page.Body);
}
