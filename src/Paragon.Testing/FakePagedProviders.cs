using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Paragon.Testing;

/// <summary>
/// Fake providers whose list operations serve several pages, each the way its provider pages: Slack's
/// <c>response_metadata.next_cursor</c>, Notion's <c>has_more</c>/<c>next_cursor</c> (query or body), HubSpot's
/// <c>paging.next.after</c>, Google's <c>nextPageToken</c>, Salesforce's <c>nextRecordsUrl</c>/<c>done</c>, and GitHub's
/// <c>Link</c> header and page numbers. Items are numbered from 1 in order; a cursor is <c>cur-{offset}</c>.
/// </summary>
public static class FakePagedProviders
{
    /// <summary>
    /// Slack's <c>/conversations.list</c> over <paramref name="channels"/> channels named <c>channel-1</c>…, <c>limit</c> (or
    /// <paramref name="pageSize"/>) a page. <c>team_id=repeat</c> always answers the cursor <c>cur-2</c>; <c>team_id=empty</c>
    /// serves an empty second page that names a next cursor, as Slack may, and the rest after it; <c>team_id=endless</c>
    /// answers every page with no channels and a new cursor, for ever; <c>team_id=no_scope</c> answers the second page as
    /// Slack answers a token without the scope: HTTP 200 with <c>ok: false</c>, <c>missing_scope</c>, <c>needed</c> and <c>provided</c>.
    /// </summary>
    /// <param name="channels">How many channels there are.</param>
    /// <param name="pageSize">The page size when the call sets no <c>limit</c>.</param>
    /// <returns>The fake.</returns>
    public static FakeProvider Slack(int channels = 5, int pageSize = 2) => request =>
    {
        if (request.Path != "/conversations.list")
        {
            return Json(new JsonObject { ["ok"] = false, ["error"] = "unknown_method" });
        }

        int offset = Offset(request.QueryValue("cursor"));
        int size = int.TryParse(request.QueryValue("limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int limit) ? limit : pageSize;
        string? team = request.QueryValue("team_id");
        (int from, int count, string? next) = Window(offset, size, channels);
        if (team == "repeat")
        {
            next = "cur-2";
        }
        else if (team == "endless")
        {
            (count, next) = (0, "cur-" + (offset + 1).ToString(CultureInfo.InvariantCulture));
        }
        else if (team == "no_scope" && offset > 0)
        {
            return Json(new JsonObject { ["ok"] = false, ["error"] = "missing_scope", ["needed"] = "channels:read", ["provided"] = "chat:write" });
        }
        else if (team == "empty" && offset == size && request.QueryValue("cursor")?.EndsWith('e') != true)
        {
            // Nothing on this page, but more after it: the next cursor resumes at the same place.
            (count, next) = (0, "cur-" + offset.ToString(CultureInfo.InvariantCulture) + "e");
        }

        return Json(new JsonObject
        {
            ["ok"] = true,
            ["channels"] = Items(from, count, n => new JsonObject { ["id"] = "C" + n, ["name"] = "channel-" + n, ["created"] = 1700000000 + n }),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = next ?? string.Empty },
        });
    };

    /// <summary>
    /// Notion's <c>GET /v1/users</c> (<c>start_cursor</c> in the query) and <c>POST /v1/databases/{id}/query</c>
    /// (<c>start_cursor</c> in the body), <paramref name="items"/> items, <paramref name="pageSize"/> a page.
    /// </summary>
    /// <param name="items">How many items there are.</param>
    /// <param name="pageSize">The page size.</param>
    /// <returns>The fake.</returns>
    public static FakeProvider Notion(int items = 5, int pageSize = 2) => request =>
    {
        string? cursor = request.Method == "POST"
            ? request.Json().TryGetProperty("start_cursor", out JsonElement start) ? start.GetString() : null
            : request.QueryValue("start_cursor");
        (int from, int count, string? next) = Window(Offset(cursor), pageSize, items);
        JsonArray results = request.Path == "/v1/users"
            ? Items(from, count, n => new JsonObject { ["object"] = "user", ["id"] = "user-" + n, ["type"] = "person", ["name"] = "User " + n, ["person"] = new JsonObject() })
            : Items(from, count, n => new JsonObject { ["object"] = "page", ["id"] = "page-" + n });
        return Json(new JsonObject { ["object"] = "list", ["results"] = results, ["next_cursor"] = next, ["has_more"] = next is not null, ["type"] = "page_or_database" });
    };

    /// <summary>HubSpot's <c>/crm/v3/objects/contacts</c>: <c>after</c> in, <c>paging.next.after</c> out (absent on the last page).</summary>
    /// <param name="items">How many contacts there are.</param>
    /// <param name="pageSize">The page size.</param>
    /// <returns>The fake.</returns>
    public static FakeProvider HubSpot(int items = 5, int pageSize = 2) => request =>
    {
        (int from, int count, string? next) = Window(Offset(request.QueryValue("after")), pageSize, items);
        var page = new JsonObject
        {
            ["results"] = Items(from, count, n => new JsonObject
            {
                ["id"] = n.ToString(CultureInfo.InvariantCulture), ["properties"] = new JsonObject { ["email"] = $"contact{n}@example.com" },
                ["createdAt"] = "2024-01-01T00:00:00.000Z", ["updatedAt"] = "2024-01-02T00:00:00.000Z", ["archived"] = false,
            }),
        };
        if (next is not null)
        {
            page["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = next, ["link"] = "?after=" + next } };
        }

        return Json(page);
    };

    /// <summary>Google Calendar's <c>/calendars/{id}/events</c>: <c>pageToken</c> in, <c>nextPageToken</c> out.</summary>
    /// <param name="items">How many events there are.</param>
    /// <param name="pageSize">The page size.</param>
    /// <returns>The fake.</returns>
    public static FakeProvider GoogleCalendar(int items = 5, int pageSize = 2) => request =>
    {
        (int from, int count, string? next) = Window(Offset(request.QueryValue("pageToken")), pageSize, items);
        var page = new JsonObject { ["kind"] = "calendar#events", ["etag"] = "\"p1\"", ["items"] = Items(from, count, n => new JsonObject { ["kind"] = "calendar#event", ["id"] = "event-" + n, ["summary"] = "Event " + n }) };
        if (next is not null)
        {
            page["nextPageToken"] = next;
        }

        return Json(page);
    };

    /// <summary>
    /// Salesforce's <c>/query</c>: the first batch, then <c>/query/01gPAGE-{offset}</c> batches while <c>done</c> is false,
    /// each naming the next as Salesforce does: a full path under <c>/services/data/v62.0</c>.
    /// </summary>
    /// <param name="items">How many records there are.</param>
    /// <param name="pageSize">The batch size.</param>
    /// <returns>The fake.</returns>
    public static FakeProvider Salesforce(int items = 5, int pageSize = 2) => request =>
    {
        const string Locator = "/query/01gPAGE-";
        int offset = request.Path.StartsWith(Locator, StringComparison.Ordinal) ? int.Parse(request.Path.AsSpan(Locator.Length), CultureInfo.InvariantCulture)
            : request.Path == "/query" ? 0 : -1;
        if (offset < 0)
        {
            return ValueTask.FromResult(FakeResponse.Json("""[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]""", 404));
        }

        (int from, int count, string? next) = Window(offset, pageSize, items);
        var page = new JsonObject
        {
            ["totalSize"] = items,
            ["done"] = next is null,
            ["records"] = Items(from, count, n => new JsonObject { ["attributes"] = new JsonObject { ["type"] = "Account" }, ["Id"] = "001" + n, ["Name"] = "Account " + n }),
        };
        if (next is not null)
        {
            page["nextRecordsUrl"] = "/services/data/v62.0" + Locator + Offset(next).ToString(CultureInfo.InvariantCulture);
        }

        return Json(page);
    };

    /// <summary>
    /// GitHub: <c>/repos/{owner}/{repo}/issues</c> pages by <c>Link</c> header (absolute URLs under
    /// <c>/repositories/1/issues</c>, <c>rel</c> prev, next, last and first where each applies, as GitHub answers), and
    /// <c>/repos/{owner}/{repo}/pulls</c> by page number until an empty page, <c>per_page</c> (or
    /// <paramref name="pageSize"/>) a page. A repository named <c>clamped</c> answers a page number past the end with the
    /// last page again.
    /// </summary>
    /// <param name="items">How many issues (and pulls) there are.</param>
    /// <param name="pageSize">The page size when the call sets no <c>per_page</c>.</param>
    /// <returns>The fake.</returns>
    public static FakeProvider GitHub(int items = 5, int pageSize = 2) => request =>
    {
        // As GitHub: a page below 1 is the first, and a per_page outside 1..100 is the default (0 divided by zero below).
        int page = int.TryParse(request.QueryValue("page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int p) && p >= 1 ? p : 1;
        int size = int.TryParse(request.QueryValue("per_page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) && s is >= 1 and <= 100 ? s : pageSize;
        // In long, as page x size would overflow for a page near int.MaxValue; past the end is empty.
        (int from, int count, string? next) = Window((int)Math.Min((page - 1L) * size, items), size, items);
        if (count == 0 && request.Path.Contains("/clamped/", StringComparison.Ordinal))
        {
            // Some APIs clamp a page number past the end to the last page: the same page, again and again.
            (from, count, next) = Window((items - 1) / size * size, size, items);
        }

        JsonArray body = Items(from, count, n => new JsonObject { ["id"] = n, ["number"] = n, ["title"] = "Issue " + n, ["state"] = "open" });
        var response = FakeResponse.Json(body.ToJsonString());
        if (request.Path.EndsWith("/issues", StringComparison.Ordinal))
        {
            // As GitHub links: prev, next, last, first, each only where it applies, so that the next page is not always
            // the first link and the last page has links but no next.
            int last = size > 0 ? Math.Max(1, (items + size - 1) / size) : 1;
            string Link(int to, string rel) => $"<https://api.github.com/repositories/1/issues?per_page={size}&page={to.ToString(CultureInfo.InvariantCulture)}>; rel=\"{rel}\"";
            string[] links =
            [
                .. page > 1 ? [Link(page - 1, "prev")] : Array.Empty<string>(),
                .. next is not null ? [Link(page + 1, "next"), Link(last, "last")] : Array.Empty<string>(),
                .. page > 1 ? [Link(1, "first")] : Array.Empty<string>(),
            ];
            if (links.Length > 0)
            {
                response.Headers["Link"] = string.Join(", ", links);
            }
        }

        return ValueTask.FromResult(response);
    };

    private static int Offset(string? cursor) =>
        cursor is not null && cursor.StartsWith("cur-", StringComparison.Ordinal) && int.TryParse(cursor.AsSpan(4).TrimEnd('e'), NumberStyles.Integer, CultureInfo.InvariantCulture, out int offset) ? offset : 0;

    /// <summary>The items from <paramref name="offset"/>, and the cursor of the next page or null after the last.</summary>
    private static (int From, int Count, string? Next) Window(int offset, int size, int total)
    {
        int count = Math.Max(0, Math.Min(size, total - offset));
        return (offset + 1, count, offset + count < total ? "cur-" + (offset + count).ToString(CultureInfo.InvariantCulture) : null);
    }

    private static JsonArray Items(int from, int count, Func<int, JsonObject> item) => new([.. Enumerable.Range(from, count).Select(n => (JsonNode?)item(n))]);

    private static ValueTask<FakeResponse> Json(JsonObject body) => ValueTask.FromResult(FakeResponse.Json(body.ToJsonString()));
}
