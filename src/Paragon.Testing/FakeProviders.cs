using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Testing;

/// <summary>Ready-made fake providers for tests and the quickstart.</summary>
public static partial class FakeProviders
{
    /// <summary>
    /// Answers every call with a JSON description of what it received — method, path, query, forwarded headers, body,
    /// user and credential — so a test can assert what a client put on the wire.
    /// </summary>
    /// <returns>The fake.</returns>
    public static FakeProvider Echo() => request => ValueTask.FromResult(FakeResponse.Json(Describe(request)));

    /// <summary>Describes a request as JSON (what <see cref="Echo"/> answers).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The description.</returns>
    public static JsonObject Describe(FakeRequest request)
    {
        var query = new JsonObject();
        foreach (var pair in request.Query)
        {
            query[pair.Key] = new JsonArray(pair.Value.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        var headers = new JsonObject();
        foreach (var pair in request.Headers.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            headers[pair.Key.ToLowerInvariant()] = pair.Value;
        }

        return new JsonObject
        {
            ["integration"] = request.Integration,
            ["method"] = request.Method,
            ["path"] = request.Path,
            ["rawPathAndQuery"] = request.RawPathAndQuery,
            ["query"] = query,
            ["headers"] = headers,
            ["body"] = request.BodyText,
            ["bodyBase64"] = Convert.ToBase64String(request.Body),
            ["userId"] = request.UserId,
            ["credentialId"] = request.CredentialId,
        };
    }

    /// <summary>
    /// A small Slack: <c>/chat.postMessage</c> (JSON or form body), <c>/conversations.list</c>, <c>/users.list</c> and
    /// <c>/auth.test</c>, answering the way Slack does — HTTP 200 with <c>ok</c>, and <c>ok: false</c> plus <c>error</c> on mistakes:
    /// posting to the channel <c>C_MISSING</c> is <c>channel_not_found</c>, and to <c>C_WARN</c> a success with a <c>warning</c>.
    /// </summary>
    /// <returns>The fake.</returns>
    public static FakeProvider Slack() => Slack(null);

    /// <summary>
    /// As <see cref="Slack()"/>, in a workspace of <paramref name="channels"/> channels that <c>/conversations.list</c>
    /// answers in Slack's full conversation shape (topic, purpose, sharing flags…): about 850 bytes a channel, so 24 make the
    /// 20 KB page the call benchmarks read. The first two are still <c>#general</c> (42 members) and <c>#random</c> (17).
    /// </summary>
    /// <param name="channels">How many channels the workspace has (at least 1).</param>
    /// <returns>The fake.</returns>
    public static FakeProvider Slack(int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        return Slack((JsonNode?[])[.. Enumerable.Range(0, channels).Select(FullChannel)]);
    }

    private static FakeProvider Slack(JsonNode?[]? workspace)
    {
        long sequence = 0;
        return request =>
        {
            switch (request.Path)
            {
                case "/auth.test":
                    return Ok(new JsonObject { ["ok"] = true, ["url"] = "https://acme.slack.com/", ["team"] = "Acme", ["user"] = request.UserId, ["team_id"] = "T0001", ["user_id"] = "U0001" });
                case "/chat.postMessage":
                {
                    string? channel;
                    string? text;
                    if (request.Headers.TryGetValue("Content-Type", out string? type) && type.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
                    {
                        var form = request.Form();
                        channel = form.TryGetValue("channel", out var c) ? c[0] : null;
                        text = form.TryGetValue("text", out var t) ? t[0] : null;
                    }
                    else
                    {
                        JsonElement json = request.Body.Length == 0 ? default : request.Json();
                        channel = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("channel", out var c) ? c.GetString() : null;
                        text = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("text", out var t) ? t.GetString() : null;
                    }

                    if (string.IsNullOrEmpty(channel) || channel == "C_MISSING")
                    {
                        return Ok(new JsonObject { ["ok"] = false, ["error"] = "channel_not_found" });
                    }

                    string ts = $"1700000000.{Interlocked.Increment(ref sequence):D6}";
                    var posted = new JsonObject
                    {
                        ["ok"] = true,
                        ["channel"] = channel,
                        ["ts"] = ts,
                        ["message"] = new JsonObject { ["type"] = "message", ["text"] = text, ["user"] = "U0001", ["ts"] = ts },
                    };
                    if (channel == "C_WARN")
                    {
                        // Slack's successes may carry a warning (superfluous_charset, missing_charset): still a success.
                        posted["warning"] = "superfluous_charset";
                    }

                    return Ok(posted);
                }

                case "/conversations.list":
                {
                    // Pages as Slack does: `limit` channels from the opaque `cursor` on, and the next cursor ("" at the end).
                    JsonNode?[] all = workspace is null
                        ? [Channel("C0001", "general", true, 42), Channel("C0002", "random", false, 17)]
                        : [.. workspace.Select(c => c!.DeepClone())];
                    int from = request.QueryValue("cursor") is { Length: > 0 } cursor && cursor.StartsWith("dGVhbTpD", StringComparison.Ordinal)
                        && int.TryParse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).AsSpan("team:C".Length), NumberStyles.None, CultureInfo.InvariantCulture, out int at)
                        ? Math.Min(at, all.Length) : 0;
                    int limit = int.TryParse(request.QueryValue("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out int asked) && asked > 0 ? asked : 100;
                    int to = Math.Min(all.Length, from + limit);
                    string next = to < all.Length ? Convert.ToBase64String(Encoding.UTF8.GetBytes("team:C" + to.ToString(CultureInfo.InvariantCulture))) : string.Empty;
                    return Ok(new JsonObject
                    {
                        ["ok"] = true,
                        ["channels"] = new JsonArray([.. all[from..to]]),
                        ["response_metadata"] = new JsonObject { ["next_cursor"] = next },
                    });
                }
                case "/users.list":
                    return Ok(new JsonObject
                    {
                        ["ok"] = true,
                        ["members"] = new JsonArray(
                            new JsonObject { ["id"] = "U0001", ["name"] = "ada", ["real_name"] = "Ada Lovelace", ["is_bot"] = false },
                            new JsonObject { ["id"] = "U0002", ["name"] = "grace", ["real_name"] = "Grace Hopper", ["is_bot"] = false }),
                    });
                default:
                    return Ok(new JsonObject { ["ok"] = false, ["error"] = "unknown_method" });
            }
        };

        static ValueTask<FakeResponse> Ok(JsonObject body) => ValueTask.FromResult(FakeResponse.Json(body));

        static JsonObject Channel(string id, string name, bool general, int members) => new()
        {
            ["id"] = id,
            ["name"] = name,
            ["is_channel"] = true,
            ["is_general"] = general,
            ["is_archived"] = false,
            ["created"] = 1600000000,
            ["num_members"] = members,
        };
    }

    /// <summary>A channel as Slack's <c>conversations.list</c> returns it, every field the spec names filled in.</summary>
    private static JsonObject FullChannel(int index)
    {
        string name = index switch { 0 => "general", 1 => "random", _ => $"project-{index:D3}-updates" };
        string creator = $"U{1000 + (index % 7):D7}";
        long created = 1_600_000_000 + (index * 86_400L);
        return new JsonObject
        {
            ["id"] = $"C{index + 1:D4}ABCDEF",
            ["name"] = name,
            ["is_channel"] = true,
            ["is_group"] = false,
            ["is_im"] = false,
            ["is_mpim"] = false,
            ["is_private"] = index % 5 == 4,
            ["created"] = created,
            ["is_archived"] = false,
            ["is_general"] = index == 0,
            ["unlinked"] = 0,
            ["name_normalized"] = name,
            ["is_shared"] = false,
            ["is_org_shared"] = false,
            ["is_pending_ext_shared"] = false,
            ["pending_shared"] = new JsonArray(),
            ["context_team_id"] = "T0001ABCDEF",
            ["updated"] = (created * 1000) + 123,
            ["creator"] = creator,
            ["is_ext_shared"] = false,
            ["shared_team_ids"] = new JsonArray("T0001ABCDEF"),
            ["is_member"] = index % 3 != 2,
            ["topic"] = new JsonObject
            {
                ["value"] = index == 0 ? "Company-wide announcements and work-based matters" : $"Status, decisions and links for project {index:D3}; ask here before you ask in DMs",
                ["creator"] = creator,
                ["last_set"] = created + 3_600,
            },
            ["purpose"] = new JsonObject
            {
                ["value"] = index == 0
                    ? "This channel is for workspace-wide communication and announcements. All members are in this channel."
                    : $"Day-to-day coordination of project {index:D3}: stand-up notes, release checklists, incident follow-ups and review requests.",
                ["creator"] = creator,
                ["last_set"] = created + 7_200,
            },
            ["previous_names"] = new JsonArray($"proj-{index:D3}", $"project-{index:D3}"),
            ["num_members"] = index switch { 0 => 42, 1 => 17, _ => 3 + (index * 7 % 40) },
            ["priority"] = 0,
        };
    }

    /// <summary>
    /// A small Google Calendar: <c>/users/me/calendarList</c>, and per user and calendar <c>/calendars/{id}/events</c>
    /// (list with <c>q</c> and <c>maxResults</c>, insert) and <c>/calendars/{id}/events/{eventId}</c> (get, delete), with
    /// Google's field names and its 404 error shape.
    /// </summary>
    /// <returns>The fake.</returns>
    public static FakeProvider GoogleCalendar()
    {
        var calendars = new ConcurrentDictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        long sequence = 0;
        return request =>
        {
            string[] segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (request.Path == "/users/me/calendarList")
            {
                return Ok(new JsonObject
                {
                    ["kind"] = "calendar#calendarList",
                    ["etag"] = "\"p1\"",
                    ["items"] = new JsonArray(new JsonObject
                    {
                        ["kind"] = "calendar#calendarListEntry",
                        ["etag"] = "\"e1\"",
                        ["id"] = request.UserId + "@example.com",
                        ["summary"] = request.UserId,
                        ["timeZone"] = "Europe/Paris",
                        ["accessRole"] = "owner",
                        ["primary"] = true,
                    }),
                });
            }

            if (segments.Length < 3 || segments[0] != "calendars" || segments[2] != "events")
            {
                return Error(404, "Not Found");
            }

            List<JsonObject> events = calendars.GetOrAdd(request.UserId + "|" + segments[1], _ => []);
            lock (events)
            {
                if (segments.Length == 3 && request.Method == "POST")
                {
                    JsonObject created = JsonNode.Parse(request.Body)!.AsObject();
                    string id = "evt" + Interlocked.Increment(ref sequence).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
                    created["kind"] = "calendar#event";
                    created["etag"] = "\"" + id + "\"";
                    created["id"] = id;
                    created["status"] = "confirmed";
                    created["htmlLink"] = "https://www.google.com/calendar/event?eid=" + id;
                    created["created"] = "2024-05-01T09:00:00.000Z";
                    created["updated"] = "2024-05-01T09:00:00.000Z";
                    events.Add(created);
                    return Ok(created);
                }

                if (segments.Length == 3)
                {
                    string? q = request.QueryValue("q");
                    int max = int.TryParse(request.QueryValue("maxResults"), out int m) ? m : 250;
                    var items = events.Where(e => q is null || (e["summary"]?.GetValue<string>() ?? "").Contains(q, StringComparison.OrdinalIgnoreCase)).Take(max)
                        .Select(e => (JsonNode?)e.DeepClone()).ToArray();
                    return Ok(new JsonObject
                    {
                        ["kind"] = "calendar#events",
                        ["etag"] = "\"list\"",
                        ["summary"] = segments[1],
                        ["updated"] = "2024-05-01T09:00:00.000Z",
                        ["timeZone"] = "Europe/Paris",
                        ["accessRole"] = "owner",
                        ["items"] = new JsonArray(items),
                    });
                }

                JsonObject? found = events.FirstOrDefault(e => e["id"]?.GetValue<string>() == segments[3]);
                if (found is null)
                {
                    return Error(404, "Not Found");
                }

                if (request.Method == "DELETE")
                {
                    events.Remove(found);
                    return ValueTask.FromResult(FakeResponse.Empty());
                }

                return Ok((JsonObject)found.DeepClone());
            }
        };

        static ValueTask<FakeResponse> Ok(JsonObject body) => ValueTask.FromResult(FakeResponse.Json(body));

        static ValueTask<FakeResponse> Error(int status, string message) => ValueTask.FromResult(FakeResponse.Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = "notFound", ["message"] = message }),
            },
        }, status));
    }
}
