using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.LocalProxy;

/// <summary>Ready-made fake providers for tests and the quickstart.</summary>
public static class FakeProviders
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
    /// <c>/auth.test</c>, answering the way Slack does — HTTP 200 with <c>ok</c>, and <c>ok: false</c> plus <c>error</c> on mistakes.
    /// </summary>
    /// <returns>The fake.</returns>
    public static FakeProvider Slack()
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

                    if (string.IsNullOrEmpty(channel))
                    {
                        return Ok(new JsonObject { ["ok"] = false, ["error"] = "channel_not_found" });
                    }

                    string ts = $"1700000000.{Interlocked.Increment(ref sequence):D6}";
                    return Ok(new JsonObject
                    {
                        ["ok"] = true,
                        ["channel"] = channel,
                        ["ts"] = ts,
                        ["message"] = new JsonObject { ["type"] = "message", ["text"] = text, ["user"] = "U0001", ["ts"] = ts },
                    });
                }

                case "/conversations.list":
                    return Ok(new JsonObject
                    {
                        ["ok"] = true,
                        ["channels"] = new JsonArray(
                            Channel("C0001", "general", true, 42),
                            Channel("C0002", "random", false, 17)),
                        ["response_metadata"] = new JsonObject { ["next_cursor"] = string.Empty },
                    });
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
}
