using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Paragon.Integrations.EmptySwagger;
using Paragon.Integrations.GitHub;
using Paragon.Integrations.Salesforce;
using Paragon.Integrations.Wire;
using Paragon.Testing;

namespace Paragon.Integration.Tests;

/// <summary>
/// Typed calls that never lose data: a success is never reported as a failure, values reach the wire the same in every
/// culture, the status and headers are reachable, and a partial update can clear a field.
/// </summary>
public sealed class NeverLoseDataTests(IntegrationFixture fixture) : IClassFixture<IntegrationFixture>, IDisposable
{
    // Raw responses keep the provider's own status codes (201, 202, 204) and headers; wrapped ones are Paragon's 200.
    private readonly ParagonClient _raw = new(new ParagonClientOptions
    {
        ProjectId = fixture.Proxy.ProjectId,
        SigningKey = fixture.Key.PrivateKeyPem,
        ProxyBaseUrl = fixture.Proxy.BaseUrl,
        UseRawResponse = true,
    });

    private ParagonUserClient Raw => _raw.ForUser("user-42");

    public void Dispose() => _raw.Dispose();

    private RecordedRequest Last(string integration) => fixture.Proxy.Requests.Last(r => r.Integration == integration);

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("fr-FR")]
    public async Task Path_header_and_query_values_are_formatted_the_same_in_every_culture(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);

        await fixture.User.Wire.CultureCheckAsync([1.5, 2], Animal.Dog,
            xFlags: [true, false], xRatio: 0.25, xWhen: new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), xKinds: [Animal.Dog, Animal.Cat],
            @ref: IdOrName.FromString("abc"), at: [new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.FromHours(2))], big: 1234.5m);

        RecordedRequest sent = Last("custom.wire");
        string target = Uri.UnescapeDataString(sent.RawTarget[sent.RawTarget.IndexOf("/culture/", StringComparison.Ordinal)..]);
        Assert.Equal("/culture/1.5,2/dog?ref=abc&at=2024-01-02T03:04:05.5+02:00&big=1234.5", target);
        Assert.Equal("true,false", sent.Header("X-Flags"));
        Assert.Equal("0.25", sent.Header("X-Ratio"));
        Assert.Equal("2024-01-02T03:04:05Z", sent.Header("X-When"));
        Assert.Equal("dog,cat", sent.Header("X-Kinds"));

        // A union whose JSON is not a string goes as compact JSON, not as C# text.
        await fixture.User.Wire.CultureCheckAsync([0.1], Animal.Cat, @ref: IdOrName.FromListOfString(["x", "y"]));
        Assert.EndsWith("/culture/0.1/cat?ref=[\"x\",\"y\"]", Uri.UnescapeDataString(Last("custom.wire").RawTarget), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_without_a_body_completes_on_Swagger_2_and_OpenAPI_3()
    {
        // Swagger 2.0 with "produces": responses without a schema are calls that complete, not JSON to read.
        await Raw.EmptySwagger.ThingsCreateAsync();
        Assert.Equal(201, Last("custom.wire").Status);
        await Raw.EmptySwagger.JobsStartAsync();
        Assert.Equal(202, Last("custom.wire").Status);
        await Raw.EmptySwagger.ThingsDeleteAsync("1");
        Assert.Equal(204, Last("custom.wire").Status);
        await Raw.EmptySwagger.PingAsync();
        Assert.Equal(200, Last("custom.wire").Status);

        await Raw.Wire.ThingsCreateAsync();
        await Raw.Wire.JobsStartAsync();
        await Raw.Wire.ThingsDeleteAsync("1");
        await Raw.Wire.PingAsync();

        // And through Paragon's wrapped answers too.
        await fixture.User.EmptySwagger.ThingsCreateAsync();
        await fixture.User.Wire.JobsStartAsync();

        // The response form still says what happened.
        ParagonResponse created = await Raw.EmptySwagger.ThingsCreateWithResponseAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(created.IsEmpty);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_empty_answer_where_a_body_was_promised_is_a_success_that_says_so(bool raw)
    {
        ParagonUserClient user = raw ? Raw : fixture.User;

        // Swagger 2.0 and OpenAPI 3: the status and headers stay reachable, and it is not a bare JsonException.
        foreach (Func<Task> call in new Func<Task>[] { () => user.Wire.ThingsGetAsync("empty"), () => user.EmptySwagger.ThingsGetAsync("empty") })
        {
            var error = await Assert.ThrowsAsync<ParagonUnreadableResponseException>(call);
            Assert.Equal(HttpStatusCode.OK, error.StatusCode);
            Assert.Contains("succeeded with 200", error.Message);
            Assert.Contains("empty", error.Message);
            Assert.Equal("things.get", error.OperationId);
            Assert.NotEmpty(error.Headers);
        }

        // JSON null where an object was promised is no answer either.
        var nullBody = await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => user.Wire.ThingsGetAsync("null"));
        Assert.Contains("null", nullBody.Message);

        // A schema that allows null reads an empty body as null; a number cannot be absent, so it is reported.
        Assert.Null(await user.Wire.MaybeGetAsync());
        await Assert.ThrowsAsync<ParagonUnreadableResponseException>(() => user.Wire.CountGetAsync());

        // The data that did arrive is read as usual.
        Paragon.Integrations.Wire.Thing thing = await user.Wire.ThingsGetAsync("1");
        Assert.Equal("kept", thing.Note);
    }

    [Fact]
    public async Task The_response_form_gives_the_typed_body_with_the_status_and_the_providers_headers()
    {
        ParagonResponse<List<Issue>> page = await Raw.GitHub.IssuesListForRepoWithResponseAsync("octo", "hello", perPage: 2);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal([7L, 8L], page.Value.Select(i => (long)i.Number));
        Assert.Equal("octocat", page.Value[0].User!.Login);
        Assert.Null(page.Value[1].User);
        Assert.Contains("rel=\"next\"", page.GetHeader("Link"), StringComparison.Ordinal);
        Assert.Equal("4999", page.GetHeader("x-ratelimit-remaining"));
        Assert.Equal("ABCD:1234", Assert.Single(page.Headers["X-GitHub-Request-Id"]));

        RecordedRequest sent = Last("github");
        Assert.Equal($"/projects/{fixture.Proxy.ProjectId}/sdk/proxy/github/repos/octo/hello/issues?per_page=2", sent.RawTarget);

        // The plain form reads the same body.
        List<Issue> issues = await Raw.GitHub.IssuesListForRepoAsync("octo", "hello", perPage: 2);
        Assert.Equal("Crash on start", issues[0].Title);
    }

    [Fact]
    public async Task A_partial_update_can_clear_a_field_with_an_explicit_null_while_unset_fields_stay_out()
    {
        ContactUpdate update = new ContactUpdate { Title = "CTO" }.SendNull(nameof(ContactUpdate.Phone)).SendNull(nameof(ContactUpdate.Description));
        await fixture.User.Salesforce.ContactUpdateAsync(update, "0035e00000AbCdE");

        RecordedRequest sent = Last("salesforce");
        Assert.Equal("PATCH", sent.Method);
        using JsonDocument body = JsonDocument.Parse(sent.BodyText);
        Assert.Equal(["Title", "Phone", "Description"], body.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n == "Title" ? 0 : n == "Phone" ? 1 : 2));
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("Phone").ValueKind);
        Assert.Equal("CTO", body.RootElement.GetProperty("Title").GetString());

        // Setting a value after SendNull sends the value; a name that is not an optional property is refused before sending.
        update.Phone = "+1 555 0100";
        await fixture.User.Salesforce.ContactUpdateAsync(update, "0035e00000AbCdE");
        using (JsonDocument again = JsonDocument.Parse(Last("salesforce").BodyText))
        {
            Assert.Equal("+1 555 0100", again.RootElement.GetProperty("Phone").GetString());
        }

        var wrong = Assert.Throws<ArgumentException>(() => new ContactUpdate().SendNull("Phnoe"));
        Assert.Contains("Phnoe", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("nameof", wrong.Message, StringComparison.Ordinal);

        // Without SendNull, a null optional field is still left out.
        await fixture.User.Salesforce.ContactUpdateAsync(new ContactUpdate { Title = "CEO", Phone = null }, "0035e00000AbCdE");
        Assert.Equal("""{"Title":"CEO"}""", Last("salesforce").BodyText);
    }
}
