// The quickstart: call a user's Slack through Paragon's proxy.
//
// With no settings it runs offline: it starts a local Paragon-compatible proxy on 127.0.0.1 with a fake Slack, makes a
// throwaway signing key, and calls through it. With PARAGON_PROJECT_ID and PARAGON_SIGNING_KEY (or PARAGON_USER_TOKEN)
// and PARAGON_USER_ID set, it talks to the real Paragon and only reads (it lists the user's Slack channels).
using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Paragon;
using Paragon.LocalProxy;

string? projectId = Environment.GetEnvironmentVariable("PARAGON_PROJECT_ID");
return string.IsNullOrWhiteSpace(projectId) ? await RunLocalAsync() : await RunRealAsync(projectId);

static async Task<int> RunLocalAsync()
{
    Console.WriteLine("No PARAGON_PROJECT_ID set: running against a local Paragon-compatible proxy with a fake Slack.");
    using LocalSigningKey key = LocalSigningKey.Create();
    await using LocalParagonProxy proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions()
        .TrustKey(key.PublicKeyPem)
        .AddProvider("slack", FakeProviders.Slack()));
    Console.WriteLine($"Local proxy: {proxy.BaseUrl} (project {proxy.ProjectId})\n");

    using var paragon = new ParagonClient(new ParagonClientOptions
    {
        ProjectId = proxy.ProjectId,
        SigningKey = key.PrivateKeyPem, // the client mints the user's token itself
        ProxyBaseUrl = proxy.BaseUrl,
    });
    ParagonUserClient user = paragon.ForUser("quickstart-user");

    using (ParagonResponse posted = await user.RequestAsync("slack", "/chat.postMessage", new ParagonRequestOptions
    {
        Method = HttpMethod.Post,
        Body = new { channel = "C0001", text = "Hello from Paragon.Typed" },
    }))
    {
        JsonElement json = posted.ReadAsJson();
        Console.WriteLine($"POST slack /chat.postMessage -> {(int)posted.StatusCode}: ok={json.GetProperty("ok")}, ts={json.GetProperty("ts")}");
    }

    RecordedRequest wire = proxy.LastRequest;
    Console.WriteLine($"  on the wire: {wire.Method} {wire.RawTarget}");
    Console.WriteLine($"  Authorization: Bearer <RS256 user token for '{wire.UserId}'>, Content-Type: {wire.Header("Content-Type")}, X-Paragon-Use-Raw-Response: {wire.Header("X-Paragon-Use-Raw-Response")}");
    Console.WriteLine($"  body: {wire.BodyText}\n");

    using (ParagonResponse channels = await user.RequestAsync("slack", "/conversations.list?limit=100"))
    {
        Console.WriteLine("GET slack /conversations.list?limit=100 ->");
        foreach (JsonElement channel in channels.ReadAsJson().GetProperty("channels").EnumerateArray())
        {
            Console.WriteLine($"  #{channel.GetProperty("name").GetString(),-10} {channel.GetProperty("num_members")} members");
        }
    }

    try
    {
        using ParagonResponse _ = await user.RequestAsync("salesforce", "/sobjects/Account");
    }
    catch (ParagonApiException error)
    {
        Console.WriteLine($"\nGET salesforce /sobjects/Account -> {(int)error.StatusCode} {error.ErrorCode} (from Paragon: {error.IsParagonError})");
    }

    Console.WriteLine("\nDone. Set PARAGON_PROJECT_ID, PARAGON_SIGNING_KEY (or PARAGON_USER_TOKEN) and PARAGON_USER_ID to call the real Paragon.");
    return 0;
}

static async Task<int> RunRealAsync(string projectId)
{
    string? signingKey = Environment.GetEnvironmentVariable("PARAGON_SIGNING_KEY");
    string? userToken = Environment.GetEnvironmentVariable("PARAGON_USER_TOKEN");
    string? userId = Environment.GetEnvironmentVariable("PARAGON_USER_ID");
    string? proxyUrl = Environment.GetEnvironmentVariable("PARAGON_PROXY_URL");
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

    var options = new ParagonClientOptions { ProjectId = projectId, SigningKey = signingKey, UserToken = signingKey is null ? userToken : null };
    if (!string.IsNullOrWhiteSpace(proxyUrl))
    {
        options.ProxyBaseUrl = new Uri(proxyUrl);
    }

    using var paragon = new ParagonClient(options);
    Console.WriteLine($"Calling Paragon at {paragon.ProxyBaseUrl} for project {projectId}.");
    try
    {
        using ParagonResponse response = signingKey is not null
            ? await paragon.ForUser(userId!).RequestAsync("slack", "/conversations.list?limit=20")
            : await paragon.RequestAsync("slack", "/conversations.list?limit=20");
        JsonElement json = response.ReadAsJson();
        if (json.TryGetProperty("ok", out JsonElement ok) && !ok.GetBoolean())
        {
            Console.WriteLine($"Slack answered with an error: {json.GetProperty("error")}");
            return 1;
        }

        foreach (JsonElement channel in json.GetProperty("channels").EnumerateArray())
        {
            Console.WriteLine($"  #{channel.GetProperty("name").GetString()}");
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
        Console.Error.WriteLine($"Could not reach {paragon.ProxyBaseUrl}: {error.Message}");
        return 1;
    }
}
