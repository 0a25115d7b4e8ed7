using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Paragon.Testing;

namespace Paragon.Integration.Tests;

/// <summary>A local Paragon proxy with fake Slack, Google Calendar, HubSpot and the edge-case API, and a minting client.</summary>
public sealed class IntegrationFixture : IAsyncLifetime, IDisposable
{
    public static readonly byte[] Photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 1, 2, 3, 255];

    public LocalSigningKey Key { get; } = LocalSigningKey.Create();

    public LocalParagonProxy Proxy { get; private set; } = null!;

    public ParagonClient Client { get; private set; } = null!;

    public ParagonUserClient User => Client.ForUser("user-42");

    public async Task InitializeAsync()
    {
        Proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions { IsConnected = (user, _) => user != "nobody" }
            .TrustKey(Key.PublicKeyPem)
            .AddProvider("slack", FakeProviders.Slack())
            .AddProvider("googleCalendar", FakeProviders.GoogleCalendar())
            .AddProvider("hubspot", request => ValueTask.FromResult(request.Path == "/crm/v3/objects/contacts/search"
                ? FakeResponse.Json("""{"total":1,"results":[{"id":"101","properties":{"email":"ada@example.com","firstname":null},"createdAt":"2024-01-01T00:00:00.000Z","updatedAt":"2024-01-02T00:00:00.000Z","archived":false}]}""")
                : FakeResponse.Json("""{"status":"error","message":"not found","correlationId":"00000000-0000-0000-0000-000000000000","category":"OBJECT_NOT_FOUND"}""", 404)))
            .AddProvider("salesforce", FakeProviders.Echo())
            .AddProvider("notion", request => ValueTask.FromResult(request.Path == "/v1/users/me"
                ? FakeResponse.Json("""{"object":"user","id":"bot-1","name":"Paragon","avatar_url":null,"type":"bot","bot":{"owner":{"type":"workspace","workspace":true},"workspace_name":"Acme"}}""")
                : FakeResponse.Json("""{"object":"error","status":404,"code":"object_not_found","message":"Not found."}""", 404)))
            .AddProvider("custom.edge", EdgeProvider)
            .AddProvider("custom.wire", WireProvider)
            .AddProvider("github", GitHubProvider));
        Client = new ParagonClient(new ParagonClientOptions { ProjectId = Proxy.ProjectId, SigningKey = Key.PrivateKeyPem, ProxyBaseUrl = Proxy.BaseUrl });
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        Client?.Dispose();
        Key.Dispose();
    }

    /// <summary>A pet as a provider might send it: an unknown field, an enum value the spec does not list, an id above 2^53, a +0000 offset.</summary>
    public const string PetJson = """
        {"id":9007199254740993,"name":"Rex","kind":"hamster","tag":null,"createdAt":"2024-01-15T10:30:00.000+0000",
         "owner":{"name":"Ada","email":"ada@example.com","since":2019},"favoriteToy":{"name":"ball","squeaks":true},
         "children":[{"id":2,"name":"Pup","kind":"dog","createdAt":"2024-02-01T00:00:00Z"}],"attributes":{"color":"brown"}}
        """;

    private static ValueTask<FakeResponse> EdgeProvider(FakeRequest request)
    {
        FakeResponse response = (request.Method, request.Path) switch
        {
            ("GET", "/pets") => FakeResponse.Json("[" + PetJson + "]"),
            ("POST", "/pets") => FakeResponse.Json(WithServerFields(request), 201),
            ("GET", "/pets/broken") => FakeResponse.Json("""{"id":1,"kind":"dog","createdAt":"2024-01-01T00:00:00Z"}"""),
            ("GET", "/pets/missing") => FakeResponse.Json("""{"message":"no such pet","code":"pet_not_found"}""", 404),
            ("GET", _) when request.Path.EndsWith("/photo", StringComparison.Ordinal) => FakeResponse.Bytes(Photo, "image/png"),
            ("GET", _) when request.Path.EndsWith("/notes", StringComparison.Ordinal) => FakeResponse.Text("Likes walks.\nDislikes baths."),
            ("GET", "/kinds") => FakeResponse.Json("""{"primary":null,"all":["dog",null,"cat"],"byName":{"rex":"dog","ghost":null},"count":3}"""),
            ("GET", "/anything") => FakeResponse.Json("""{"any":[1,"two",{"three":3}]}"""),
            ("GET", _) when request.Path.StartsWith("/pets/", StringComparison.Ordinal) => FakeResponse.Json(PetJson.Replace("9007199254740993", "7", StringComparison.Ordinal)),
            ("PATCH", "/pets/unchanged") => FakeResponse.Empty(),
            ("PATCH", _) => FakeResponse.Json(PetJson),
            ("DELETE", _) => FakeResponse.Empty(),
            ("POST", "/forms/submit") => FakeResponse.Json("""{"ok":true}"""),
            ("POST", "/shapes") => FakeResponse.Json(request.BodyText),
            _ => FakeResponse.Json("""{"message":"unknown route"}""", 404),
        };
        return ValueTask.FromResult(response);
    }

    /// <summary>Answers without a body where the spec says so (and where it promised one), and echoes the rest.</summary>
    private static ValueTask<FakeResponse> WireProvider(FakeRequest request)
    {
        FakeResponse response = (request.Method, request.Path) switch
        {
            ("POST", "/things") => FakeResponse.Empty(201),
            ("POST", "/jobs") => FakeResponse.Empty(202),
            ("DELETE", _) => FakeResponse.Empty(204),
            ("GET", "/ping") => FakeResponse.Empty(200),
            ("GET", "/maybe") => FakeResponse.Empty(200),
            ("GET", "/count") => FakeResponse.Empty(200),
            ("GET", "/things/empty") => FakeResponse.Empty(200),
            ("GET", "/things/null") => FakeResponse.Json("null"),
            ("GET", _) when request.Path.StartsWith("/things/", StringComparison.Ordinal) => FakeResponse.Json("""{"id":"1","note":"kept"}"""),
            _ => FakeResponse.Empty(204),
        };
        return ValueTask.FromResult(response);
    }

    /// <summary>A page of issues with GitHub's paging and rate-limit headers.</summary>
    private static ValueTask<FakeResponse> GitHubProvider(FakeRequest request)
    {
        FakeResponse response = FakeResponse.Json("""[{"id":1,"number":7,"title":"Crash on start","state":"open","user":{"login":"octocat","id":1}},{"id":2,"number":8,"title":"Docs","state":"open","body":null,"user":null}]""");
        response.Headers["Link"] = "<https://api.github.com/repositories/1/issues?per_page=2&page=2>; rel=\"next\", <https://api.github.com/repositories/1/issues?per_page=2&page=5>; rel=\"last\"";
        response.Headers["X-RateLimit-Remaining"] = "4999";
        response.Headers["X-GitHub-Request-Id"] = "ABCD:1234";
        return ValueTask.FromResult(response);
    }

    private static JsonObject WithServerFields(FakeRequest request)
    {
        JsonObject pet = JsonNode.Parse(request.Body)!.AsObject();
        pet["id"] = 1;
        pet["createdAt"] = "2024-03-03T03:03:03Z";
        return pet;
    }
}
