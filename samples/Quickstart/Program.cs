// The quickstart: typed calls to a user's Slack and Google Calendar through Paragon, and the raw fallback.
//
// With no settings it runs offline: it starts a local Paragon-compatible proxy on 127.0.0.1 with a fake Slack and
// Google Calendar, makes a throwaway signing key, and calls through it. With PARAGON_PROJECT_ID and PARAGON_SIGNING_KEY
// (or PARAGON_USER_TOKEN) and PARAGON_USER_ID set, it talks to the real Paragon and only reads.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Paragon;
using Paragon.AI;
using Paragon.Integrations.GoogleCalendar;
using Paragon.Integrations.Slack;
using Paragon.Platform;
using Paragon.Testing;

string? projectId = Environment.GetEnvironmentVariable("PARAGON_PROJECT_ID");
return string.IsNullOrWhiteSpace(projectId) ? await RunLocalAsync() : await RunRealAsync(projectId);

static async Task<int> RunLocalAsync()
{
    Console.WriteLine("No PARAGON_PROJECT_ID set: running against a local Paragon-compatible proxy with a fake Slack and Google Calendar.");
    using LocalSigningKey key = LocalSigningKey.Create();
    await using LocalParagonProxy proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions()
        .TrustKey(key.PublicKeyPem)
        .AddProvider("slack", FakeProviders.Slack())
        .AddProvider("googleCalendar", FakeProviders.GoogleCalendar()));
    Console.WriteLine($"Local proxy: {proxy.BaseUrl} (project {proxy.ProjectId})\n");

    using var paragon = new ParagonClient(new ParagonClientOptions
    {
        ProjectId = proxy.ProjectId,
        SigningKey = key.PrivateKeyPem, // the client mints each user's token (RS256) itself
        ProxyBaseUrl = proxy.BaseUrl,
        ApiBaseUrl = proxy.BaseUrl,     // the local proxy also answers Paragon's Users API
        ActionKitBaseUrl = proxy.BaseUrl, // and ActionKit, with a saved catalogue of Slack, HubSpot and Google Calendar actions
    });
    ParagonUserClient user = paragon.ForUser("quickstart-user");

    // The Users API: check what the user has connected before calling it.
    ParagonUser me = await user.GetMeAsync();
    Console.WriteLine($"Users  GetMeAsync            -> {me.Id}: Slack connected = {me.IsConnected("slack")}, Salesforce connected = {me.IsConnected("salesforce")}");

    // Typed: paragon.Slack is generated from the curated Slack spec (<ParagonIntegration Include="slack" /> in the project).
    ChatPostMessageResponse posted = await user.Slack.ChatPostMessageAsync(new ChatPostMessageRequest { Channel = "C0001", Text = "Hello from Paragon.Typed" });
    Console.WriteLine($"Slack  ChatPostMessageAsync  -> ok={posted.Ok}, channel={posted.Channel}, ts={posted.Ts}");
    RecordedRequest wire = proxy.LastRequest;
    Console.WriteLine($"       on the wire: {wire.Method} {wire.RawTarget}");
    Console.WriteLine($"       Authorization: Bearer <RS256 token for '{wire.UserId}'>  body: {wire.BodyText}");

    ConversationsListResponse channels = await user.Slack.ConversationsListAsync(limit: 100, excludeArchived: true);
    Console.WriteLine($"Slack  ConversationsListAsync -> {string.Join(", ", channels.Channels!.Select(c => "#" + c.Name))}");

    // Every channel, page after page (Slack's cursor), as one stream of items: one call per page.
    var all = new List<string>();
    int callsBefore = proxy.Requests.Count;
    await foreach (Conversation channel in user.Slack.ConversationsListPagedAsync(limit: 1))
    {
        all.Add("#" + channel.Name);
    }

    Console.WriteLine($"Slack  ConversationsListPagedAsync(limit: 1) -> {string.Join(", ", all)} ({proxy.Requests.Count - callsBefore} calls)");

    // Typed: Google Calendar, from the curated spec (<ParagonIntegration Include="googleCalendar" />).
    Event standup = await user.GoogleCalendar.EventsInsertAsync(new Event
    {
        Summary = "Standup",
        Start = new EventDateTime { DateTime = DateTimeOffset.Now.Date.AddDays(1).AddHours(9) },
        End = new EventDateTime { DateTime = DateTimeOffset.Now.Date.AddDays(1).AddHours(9.25) },
    }, calendarId: "primary");
    Events upcoming = await user.GoogleCalendar.EventsListAsync("primary", singleEvents: true, maxResults: 10);
    Console.WriteLine($"Calendar EventsInsertAsync   -> {standup.Id} ({standup.Status}), {upcoming.Items?.Count ?? 0} event(s) in 'primary'");

    // The raw fallback: any path of any integration, for what the specs do not cover.
    using (ParagonResponse raw = await user.RequestAsync("slack", "/users.list?limit=2"))
    {
        JsonElement members = raw.ReadAsJson().GetProperty("members");
        Console.WriteLine($"Raw    GET slack /users.list  -> {members.GetArrayLength()} members: {string.Join(", ", members.EnumerateArray().Select(m => m.GetProperty("real_name").GetString()))}");
    }

    try
    {
        await user.RequestAsync("salesforce", "/sobjects/Account");
    }
    catch (ParagonApiException error)
    {
        Console.WriteLine($"Raw    GET salesforce ...     -> {(int)error.StatusCode} {error.ErrorCode} (from Paragon: {error.IsParagonError})");
    }

    // An App Event: Paragon runs the workflows that listen for it, for this user.
    await user.SendEventAsync("Deploy Finished", new JsonObject { ["version"] = "v2.1" });
    Console.WriteLine($"Events SendEventAsync         -> '{proxy.Platform.Events[^1].Name}' recorded for {proxy.Platform.Events[^1].UserId}");

    // ActionKit's actions as AI tools for this user: read-only ones only unless writes are allowed (ParagonToolOptions),
    // only for the integrations the user connected; the user is fixed here, never a tool argument.
    IReadOnlyList<AIFunction> tools = await user.GetActionToolsAsync();
    Console.WriteLine($"AI     GetActionToolsAsync    -> {string.Join(", ", tools.Select(t => t.Name))}");
    AIFunction listEvents = tools.Single(t => t.Name == "GOOGLE_CALENDAR_LIST_EVENTS");
    var result = (JsonElement)(await listEvents.InvokeAsync(new AIFunctionArguments { ["calendarId"] = "primary" }))!;
    Console.WriteLine($"AI     {listEvents.Name} -> {result.GetProperty("items").GetArrayLength()} events, run for {proxy.ActionKit.Runs[^1].UserId} ({((ParagonTool)listEvents).Hints})");

    Console.WriteLine("\nDone. Set PARAGON_PROJECT_ID, PARAGON_SIGNING_KEY (or PARAGON_USER_TOKEN) and PARAGON_USER_ID to call the real Paragon.");
    return 0;
}

static async Task<int> RunRealAsync(string projectId)
{
    string? signingKey = Environment.GetEnvironmentVariable("PARAGON_SIGNING_KEY");
    string? userToken = Environment.GetEnvironmentVariable("PARAGON_USER_TOKEN");
    string? userId = Environment.GetEnvironmentVariable("PARAGON_USER_ID");
    string? proxyUrl = Environment.GetEnvironmentVariable("PARAGON_PROXY_URL");
    string? apiUrl = Environment.GetEnvironmentVariable("PARAGON_API_URL");
    if (signingKey is not null && File.Exists(signingKey))
    {
        signingKey = await File.ReadAllTextAsync(signingKey); // a path to the .pem file works too
    }

    if (signingKey is null && userToken is null)
    {
        Console.Error.WriteLine("Set PARAGON_SIGNING_KEY (the project's signing key, PEM text or a path to it) or PARAGON_USER_TOKEN.");
        return 2;
    }

    if (signingKey is not null && string.IsNullOrWhiteSpace(userId))
    {
        Console.Error.WriteLine("Set PARAGON_USER_ID: the id of a user who has connected Slack in your app.");
        return 2;
    }

    // A bad setting is one line that says what to fix, not a stack trace: the client checks every setting when it is made.
    var options = new ParagonClientOptions { ProjectId = projectId, SigningKey = signingKey, UserToken = signingKey is null ? userToken : null };
    foreach ((string setting, string? value, Action<Uri> apply) in new (string, string?, Action<Uri>)[]
    {
        ("PARAGON_PROXY_URL", proxyUrl, url => options.ProxyBaseUrl = url),
        ("PARAGON_API_URL", apiUrl, url => options.ApiBaseUrl = url),
    })
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            continue;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? url))
        {
            Console.Error.WriteLine($"{setting} must be an absolute URL such as https://proxy.useparagon.com; got '{value}'.");
            return 2;
        }

        apply(url);
    }

    ParagonClient paragon;
    try
    {
        paragon = new ParagonClient(options);
    }
    catch (ArgumentException error)
    {
        string setting = error.ParamName switch
        {
            nameof(ParagonClientOptions.SigningKey) => "PARAGON_SIGNING_KEY",
            nameof(ParagonClientOptions.UserToken) => "PARAGON_USER_TOKEN",
            nameof(ParagonClientOptions.ProjectId) => "PARAGON_PROJECT_ID",
            nameof(ParagonClientOptions.ProxyBaseUrl) => "PARAGON_PROXY_URL",
            nameof(ParagonClientOptions.ApiBaseUrl) => "PARAGON_API_URL",
            _ => "Paragon settings",
        };
        Console.Error.WriteLine($"{setting}: {FirstLine(error.Message)}");
        return 2;
    }

    using var client = paragon;
    SlackClient slack = signingKey is not null ? paragon.ForUser(userId!).Slack : paragon.Slack;
    Console.WriteLine($"Calling Paragon at {paragon.ProxyBaseUrl} for project {projectId} (read-only).");
    try
    {
        if (signingKey is not null && !await paragon.ForUser(userId!).IsConnectedAsync("slack"))
        {
            Console.Error.WriteLine($"User '{userId}' has not connected Slack: connect it in your app's Connect Portal first.");
            return 1;
        }

        ConversationsListResponse channels = await slack.ConversationsListAsync(limit: 20, excludeArchived: true);
        if (!channels.Ok)
        {
            Console.WriteLine($"Slack answered with an error: {channels.Error}");
            return 1;
        }

        foreach (Conversation channel in channels.Channels ?? [])
        {
            Console.WriteLine($"  #{channel.Name}");
        }

        return 0;
    }
    catch (ParagonApiException error)
    {
        Console.Error.WriteLine(error.Message);
        if (error.ErrorCode == "integration_not_enabled")
        {
            Console.Error.WriteLine("This user has not connected Slack: connect it in your app's Connect Portal first.");
        }

        return 1;
    }
    catch (HttpRequestException error)
    {
        Console.Error.WriteLine(FirstLine(error.Message)); // it names the call and the host it could not reach
        return 1;
    }
    catch (TimeoutException error)
    {
        Console.Error.WriteLine($"{FirstLine(error.Message)} Is {paragon.ProxyBaseUrl} reachable from here?");
        return 1;
    }
}

// ArgumentException appends " (Parameter 'x')"; the setting's name already says which one.
static string FirstLine(string message)
{
    int parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
    string text = parameter >= 0 ? message[..parameter] : message;
    return text.ReplaceLineEndings(" ");
}
