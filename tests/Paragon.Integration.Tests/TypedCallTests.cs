using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Paragon.Integrations.Edge;
using Paragon.Integrations.GoogleCalendar;
using Paragon.Integrations.Slack;
using Paragon.Testing;

namespace Paragon.Integration.Tests;

/// <summary>Generated clients called against the local proxy: what went over the wire, and the typed results.</summary>
public sealed class TypedCallTests(IntegrationFixture fixture) : IClassFixture<IntegrationFixture>
{
    private RecordedRequest Last(string integration) => fixture.Proxy.Requests.Last(r => r.Integration == integration);

    private static string Prefix(IntegrationFixture f, string integration) => $"/projects/{f.Proxy.ProjectId}/sdk/proxy/{integration}";

    [Fact]
    public async Task Slack_chat_postMessage_sends_only_what_was_set_and_reads_the_typed_answer()
    {
        ChatPostMessageResponse response = await fixture.User.Slack.ChatPostMessageAsync(new ChatPostMessageRequest { Channel = "C0001", Text = "Hello from C#" });

        Assert.True(response.Ok);
        Assert.Equal("C0001", response.Channel);
        Assert.Equal("Hello from C#", response.Message!.Text);
        Assert.StartsWith("1700000000.", response.Ts);

        RecordedRequest sent = Last("slack");
        Assert.Equal("POST", sent.Method);
        Assert.Equal(Prefix(fixture, "slack") + "/chat.postMessage", sent.RawTarget);
        Assert.Equal("application/json; charset=utf-8", sent.Header("Content-Type"));
        Assert.Equal("""{"channel":"C0001","text":"Hello from C#"}""", sent.BodyText);
        Assert.Equal("user-42", sent.UserId);
    }

    [Fact]
    public async Task Slack_conversations_list_serializes_its_query_and_reads_channels()
    {
        ConversationsListResponse response = await fixture.User.Slack.ConversationsListAsync(
            excludeArchived: true, limit: 100, types: [ConversationsListTypeItem.PublicChannel, ConversationsListTypeItem.PrivateChannel]);

        Assert.Equal(["general", "random"], response.Channels!.Select(c => c.Name));
        Assert.Equal(Prefix(fixture, "slack") + "/conversations.list?limit=100&exclude_archived=true&types=public_channel,private_channel", Last("slack").RawTarget);
    }

    [Fact]
    public async Task The_user_client_and_a_static_token_client_both_reach_typed_clients()
    {
        string token = MintWith(fixture, "static-user");
        using var client = new ParagonClient(new ParagonClientOptions { ProjectId = fixture.Proxy.ProjectId, UserToken = token, ProxyBaseUrl = fixture.Proxy.BaseUrl });
        AuthTestResponse response = await client.Slack.AuthTestAsync();
        Assert.True(response.Ok);
        Assert.Equal("static-user", Last("slack").UserId);

        await fixture.User.WithCredential("workspace-2").Slack.AuthTestAsync();
        Assert.Equal("workspace-2", Last("slack").Header("X-Paragon-Credential"));
    }

    [Fact]
    public async Task Google_calendar_events_round_trip_with_escaped_path_values()
    {
        GoogleCalendarClient calendar = fixture.Client.ForUser("calendar-user").GoogleCalendar;
        Event created = await calendar.EventsInsertAsync(new Event
        {
            Summary = "Standup",
            Start = new EventDateTime { DateTime = new DateTimeOffset(2024, 5, 2, 9, 30, 0, TimeSpan.FromHours(2)), TimeZone = "Europe/Paris" },
            End = new EventDateTime { DateTime = new DateTimeOffset(2024, 5, 2, 9, 45, 0, TimeSpan.FromHours(2)) },
            Attendees = [new EventAttendee { Email = "ada@example.com" }],
        }, "team@example.com", sendUpdates: SendUpdates.All);

        RecordedRequest insert = Last("googleCalendar");
        Assert.Equal(Prefix(fixture, "googleCalendar") + "/calendars/team%40example.com/events?sendUpdates=all", insert.RawTarget);
        using (JsonDocument body = JsonDocument.Parse(insert.BodyText))
        {
            Assert.Equal("2024-05-02T09:30:00+02:00", body.RootElement.GetProperty("start").GetProperty("dateTime").GetString());
            Assert.False(body.RootElement.TryGetProperty("description", out _), "unset optional fields are not sent");
        }

        Assert.Equal("confirmed", created.Status!.Value.Value);
        Assert.Equal(EventStatus.Confirmed, created.Status);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero), created.Created);

        Events listed = await calendar.EventsListAsync("team@example.com", q: "stand", maxResults: 10, singleEvents: true,
            timeMin: new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("Standup", Assert.Single(listed.Items!).Summary);
        Assert.Contains("q=stand", Last("googleCalendar").RawTarget);
        Assert.Contains("timeMin=2024-05-01T00%3A00%3A00Z", Last("googleCalendar").RawTarget);

        await calendar.EventsDeleteAsync("team@example.com", created.Id!);
        Assert.Equal("DELETE", Last("googleCalendar").Method);
        Assert.Empty((await calendar.EventsListAsync("team@example.com")).Items ?? []);
    }

    [Fact]
    public async Task Provider_errors_through_typed_calls_are_ParagonApiExceptions()
    {
        var notFound = await Assert.ThrowsAsync<ParagonApiException>(() => fixture.User.GoogleCalendar.EventsGetAsync("primary", "nope"));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("Not Found", notFound.ErrorMessage);

        var notConnected = await Assert.ThrowsAsync<ParagonApiException>(() => fixture.Client.ForUser("nobody").Slack.AuthTestAsync());
        Assert.Equal("integration_not_enabled", notConnected.ErrorCode);
        Assert.True(notConnected.IsParagonError);
    }

    [Fact]
    public async Task HubSpot_search_sends_sort_objects_and_reads_nullable_property_values()
    {
        var result = await fixture.User.HubSpot.ContactsSearchAsync(new Paragon.Integrations.HubSpot.PublicObjectSearchRequest
        {
            Query = "ada",
            Properties = ["email", "firstname"],
            Sorts = [new Paragon.Integrations.HubSpot.PublicObjectSearchSort { PropertyName = "createdate", Direction = Paragon.Integrations.HubSpot.PublicObjectSearchSortDirection.DESCENDING }],
            Limit = 10,
        });

        RecordedRequest sent = Last("hubspot");
        Assert.Equal(Prefix(fixture, "hubspot") + "/crm/v3/objects/contacts/search", sent.RawTarget);
        Assert.Equal("""{"query":"ada","sorts":[{"propertyName":"createdate","direction":"DESCENDING"}],"properties":["email","firstname"],"limit":10}""", sent.BodyText);
        Assert.Equal(1, result.Total);
        Assert.Equal("ada@example.com", result.Results[0].Properties["email"]);
        Assert.Null(result.Results[0].Properties["firstname"]);
    }

    [Fact]
    public async Task Notion_calls_pin_the_API_version_their_shapes_follow()
    {
        Paragon.Integrations.Notion.User me = await fixture.User.Notion.UsersMeAsync();
        Assert.Equal("2022-06-28", Last("notion").Header("Notion-Version"));
        Assert.True(me.IsBotUser);
        Assert.Equal("bot-1", me.AsBotUser().Id);
        Assert.Equal("Acme", me.AsBotUser().Bot!.WorkspaceName);
    }

    [Fact]
    public async Task Query_styles_headers_and_unknown_data_survive_a_typed_call()
    {
        List<Pet> pets = await fixture.User.Edge.PetsListAsync(
            limit: 5, tags: ["a b", "c,d"], ids: [1, 9007199254740993], kind: PetKind.Dog,
            filter: new PetsListFilter { Status = "open" }, since: new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), xRequestId: "req-1");

        RecordedRequest sent = Last("custom.edge");
        Assert.Equal(Prefix(fixture, "custom.edge") + "/pets?limit=5&tags=a%20b&tags=c%2Cd&ids=1,9007199254740993&kind=dog&filter%5Bstatus%5D=open&since=2024-01-02T03%3A04%3A05Z", sent.RawTarget);
        Assert.Equal("req-1", sent.Header("X-Request-Id"));

        Pet pet = Assert.Single(pets);
        Assert.Equal(9007199254740993L, pet.Id);
        Assert.Equal("hamster", pet.Kind.Value);
        Assert.NotEqual(PetKind.Dog, pet.Kind);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 30, 0, TimeSpan.Zero), pet.CreatedAt);
        Assert.Null(pet.Tag);
        Assert.Equal("Ada", pet.Owner!.Name);
        Assert.Equal(2019, pet.Owner.AdditionalProperties!["since"].GetInt32());
        Assert.True(pet.AdditionalProperties!["favoriteToy"].GetProperty("squeaks").GetBoolean());
        Assert.Equal(PetKind.Dog, pet.Children![0].Kind);
        Assert.Equal("brown", pet.Attributes!["color"]);

        // Everything read comes back out: the unknown enum value and the unknown fields round-trip.
        string written = JsonSerializer.Serialize(pet, EdgeJsonContext.Default.Pet);
        using JsonDocument original = JsonDocument.Parse(IntegrationFixture.PetJson);
        using JsonDocument roundTripped = JsonDocument.Parse(written);
        Assert.Equal("hamster", roundTripped.RootElement.GetProperty("kind").GetString());
        Assert.Equal(original.RootElement.GetProperty("favoriteToy").GetRawText(), roundTripped.RootElement.GetProperty("favoriteToy").GetRawText());
        Assert.Equal(9007199254740993L, roundTripped.RootElement.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Path_values_are_escaped_as_one_segment()
    {
        await fixture.User.Edge.PetsGetAsync("a/b?c#d");
        Assert.Equal(Prefix(fixture, "custom.edge") + "/pets/a%2Fb%3Fc%23d", Last("custom.edge").RawTarget);

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.User.Edge.PetsGetAsync(".."));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.User.Edge.PetsGetAsync("a/../b"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => fixture.User.Edge.PetsGetAsync(null!));
    }

    [Fact]
    public async Task An_allOf_body_is_sent_merged_and_a_partial_update_sends_only_what_was_set()
    {
        Pet created = await fixture.User.Edge.PetsCreateAsync(new NewPet { Name = "Tom", Kind = PetKind.Cat });
        Assert.Equal("""{"name":"Tom","kind":"cat"}""", Last("custom.edge").BodyText);
        Assert.Equal(1, created.Id);
        Assert.Equal(PetKind.Cat, created.Kind);

        Pet? updated = await fixture.User.Edge.PetsUpdateAsync(new PetUpdate { Tag = "indoor" }, "1");
        Assert.Equal("PATCH", Last("custom.edge").Method);
        Assert.Equal("""{"tag":"indoor"}""", Last("custom.edge").BodyText);
        Assert.Equal("Rex", updated!.Name);

        // The spec also lists 204: no content is null, not an error after the change was made.
        Assert.Null(await fixture.User.Edge.PetsUpdateAsync(new PetUpdate { Name = "Same" }, "unchanged"));
    }

    [Fact]
    public async Task A_form_body_is_encoded_as_the_spec_says()
    {
        FormsSubmitResponse response = await fixture.User.Edge.FormsSubmitAsync(new FormsSubmitRequest
        {
            Name = "Ada Lovelace",
            Count = 3,
            Subscribe = false,
            Tags = ["x", "y&z"],
            Metadata = new Dictionary<string, string> { ["plan"] = "pro" },
        });

        Assert.True(response.Ok);
        RecordedRequest sent = Last("custom.edge");
        Assert.Equal("application/x-www-form-urlencoded", sent.Header("Content-Type"));
        Assert.Equal("name=Ada+Lovelace&count=3&subscribe=false&tags=x&tags=y%26z&metadata%5Bplan%5D=pro", sent.BodyText);
    }

    [Fact]
    public async Task A_discriminated_union_is_sent_and_read_by_its_discriminator()
    {
        Shape echoed = await fixture.User.Edge.ShapesEchoAsync(new Circle { Type = "circle", Radius = 2.5 });
        Assert.Equal("""{"type":"circle","radius":2.5}""", Last("custom.edge").BodyText);
        Assert.Equal("circle", echoed.Kind);
        Assert.True(echoed.IsCircle);
        Assert.False(echoed.IsSquare);
        Assert.Equal(2.5, echoed.AsCircle().Radius);
        Assert.True(echoed.TryGetCircle(out Circle? circle));
        Assert.Equal(2.5, circle!.Radius);
        Assert.False(echoed.TryGetSquare(out _));

        Shape unknown = Shape.FromRaw(JsonDocument.Parse("""{"type":"hexagon","side":1}""").RootElement);
        Assert.False(unknown.IsCircle || unknown.IsSquare);
        Assert.Equal("hexagon", unknown.Kind);
    }

    [Fact]
    public async Task Binary_text_empty_and_free_form_responses()
    {
        await using (Stream photo = await fixture.User.Edge.PetsPhotoAsync("7"))
        {
            using var copy = new MemoryStream();
            await photo.CopyToAsync(copy);
            Assert.Equal(IntegrationFixture.Photo, copy.ToArray());
        }

        Assert.Equal("*/*", Last("custom.edge").Header("Accept"));
        Assert.Equal("Likes walks.\nDislikes baths.", await fixture.User.Edge.PetsNotesAsync("7"));
#pragma warning disable CS0618 // pets.delete is deprecated in the spec: the generated method says so
        await fixture.User.Edge.PetsDeleteAsync("7");
#pragma warning restore CS0618
        JsonElement any = await fixture.User.Edge.GetAnythingAsync();
        Assert.Equal(3, any.GetProperty("any").GetArrayLength());
    }

    [Fact]
    public async Task A_response_missing_a_required_field_fails_naming_the_operation_and_the_field_and_keeps_the_body()
    {
        // The nullability rule: Pet.Name is non-nullable because the spec calls it required, and the read keeps that
        // promise. A provider that leaves it out is reported (the call itself succeeded), with everything it sent.
        var error = await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => fixture.User.Edge.PetsGetAsync("broken"));
        Assert.Contains("GET custom.edge /pets/{petId} (pets.get) succeeded with 200", error.Message);
        Assert.Contains("name", error.Message);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("pets.get", error.OperationId);
        Assert.Contains("\"kind\":\"dog\"", error.ResponseBody);
        Assert.IsAssignableFrom<JsonException>(error);
    }

    [Fact]
    public void Deprecated_operations_and_fields_are_marked_obsolete()
    {
        Assert.NotNull(typeof(EdgeClient).GetMethod(nameof(EdgeClient.PetsDeleteAsync))!.GetCustomAttributes(typeof(ObsoleteAttribute), false).SingleOrDefault());
        Assert.NotNull(typeof(Pet).GetProperty("Legacy")!.GetCustomAttributes(typeof(ObsoleteAttribute), false).SingleOrDefault());
    }

    internal static string MintWith(IntegrationFixture f, string user)
    {
        using var client = new ParagonClient(new ParagonClientOptions { ProjectId = f.Proxy.ProjectId, SigningKey = f.Key.PrivateKeyPem, ProxyBaseUrl = f.Proxy.BaseUrl });
        return client.ForUser(user).RequestAsync("slack", "/auth.test").ContinueWith(_ => f.Proxy.LastRequest.Header("Authorization")!["Bearer ".Length..]).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task The_local_Slack_pages_conversations_list_as_Slack_does()
    {
        // The quickstart's fake Slack honours limit and cursor, so paging through it shows real paging.
        int before = fixture.Proxy.Requests.Count;
        var names = new List<string>();
        await foreach (Conversation channel in fixture.Client.ForUser("pager").Slack.ConversationsListPagedAsync(limit: 1))
        {
            names.Add(channel.Name!);
        }

        Assert.Equal(["general", "random"], names);
        Assert.Equal(2, fixture.Proxy.Requests.Count - before);
    }
}
