using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Paragon.Integrations.Salesforce;
using Paragon.Testing;

namespace Paragon.Integration.Tests;

/// <summary>A local proxy whose Salesforce is <see cref="FakeProviders.Salesforce"/>: records kept between calls.</summary>
public sealed class SalesforceRecordFixture : IAsyncLifetime
{
    public LocalSigningKey Key { get; } = LocalSigningKey.Create();

    public LocalParagonProxy Proxy { get; private set; } = null!;

    public ParagonClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions().TrustKey(Key.PublicKeyPem).AddProvider("salesforce", FakeProviders.Salesforce()));
        Client = new ParagonClient(new ParagonClientOptions { ProjectId = Proxy.ProjectId, SigningKey = Key.PrivateKeyPem, ProxyBaseUrl = Proxy.BaseUrl });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Proxy.DisposeAsync();
        Key.Dispose();
    }
}

/// <summary>
/// The generated Salesforce client's create/get/update/delete against the local proxy's fake, which answers as Salesforce
/// does: 201 with <c>{id, success, errors}</c>, 204 without a body for PATCH and DELETE, and an array of
/// <c>{message, errorCode, fields}</c> for an error.
/// </summary>
public sealed class SalesforceRecordTests(SalesforceRecordFixture fixture) : IClassFixture<SalesforceRecordFixture>
{
    private readonly string _user = "sf-" + Guid.NewGuid().ToString("N");

    private SalesforceClient Salesforce => fixture.Client.ForUser(_user).Salesforce;

    private int[] Statuses() => [.. fixture.Proxy.Requests.Where(r => r.UserId == _user).Select(r => r.Status)];

    [Fact]
    public async Task An_account_is_created_read_updated_and_deleted_with_Salesforces_statuses_and_bodies()
    {
        SaveResult created = await Salesforce.AccountCreateAsync(new AccountCreate { Name = "Acme", BillingCity = "Paris", Phone = "+33 1 00 00 00 00" });
        Assert.True(created.Success);
        Assert.Empty(created.Errors);
        Assert.StartsWith("001", created.Id, StringComparison.Ordinal); // Account's key prefix
        Assert.Equal(18, created.Id.Length);

        Account account = await Salesforce.AccountGetAsync(created.Id);
        Assert.Equal(("Acme", "Paris", created.Id), (account.Name, account.BillingCity, account.Id));
        Assert.Equal("Account", account.Attributes.Type);
        Assert.Equal("/services/data/v62.0/sobjects/Account/" + created.Id, account.Attributes.Url);

        await Salesforce.AccountUpdateAsync(new AccountUpdate { BillingCity = "Lyon" }.SendNull(nameof(AccountUpdate.Phone)), created.Id);
        Account updated = await Salesforce.AccountGetAsync(created.Id);
        Assert.Equal(("Acme", "Lyon", null), (updated.Name, updated.BillingCity, updated.Phone)); // PATCH sets only what it sends; an explicit null clears

        Account named = await Salesforce.AccountGetAsync(created.Id, fields: ["Name"]);
        Assert.Equal(("Acme", null, created.Id), (named.Name, named.BillingCity, named.Id)); // the fields asked for, with attributes and Id

        await Salesforce.AccountDeleteAsync(created.Id);
        Assert.Equal([201, 200, 204, 200, 200, 204], Statuses());
    }

    [Fact]
    public async Task A_missing_or_deleted_record_is_404_with_Salesforces_error_array()
    {
        SaveResult created = await Salesforce.AccountCreateAsync(new AccountCreate { Name = "Gone" });
        await Salesforce.AccountDeleteAsync(created.Id);

        ParagonApiException read = await Assert.ThrowsAsync<ParagonApiException>(() => Salesforce.AccountGetAsync(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("NOT_FOUND", read.ErrorCode);
        Assert.Equal("The requested resource does not exist", read.ErrorMessage);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(read.ResponseBody).RootElement.ValueKind);

        // Deleting or updating it again says it is deleted, as Salesforce does (it is in the Recycle Bin).
        ParagonApiException again = await Assert.ThrowsAsync<ParagonApiException>(() => Salesforce.AccountDeleteAsync(created.Id));
        Assert.Equal((HttpStatusCode.NotFound, "ENTITY_IS_DELETED"), (again.StatusCode, again.ErrorCode));
        ParagonApiException patched = await Assert.ThrowsAsync<ParagonApiException>(() => Salesforce.AccountUpdateAsync(new AccountUpdate { Name = "Back" }, created.Id));
        Assert.Equal((HttpStatusCode.NotFound, "ENTITY_IS_DELETED"), (patched.StatusCode, patched.ErrorCode));

        ParagonApiException never = await Assert.ThrowsAsync<ParagonApiException>(() => Salesforce.AccountUpdateAsync(new AccountUpdate { Name = "x" }, "001000000000000AAA"));
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (never.StatusCode, never.ErrorCode));

        // An id of another object is not found under this one.
        string contact = (await Salesforce.ContactCreateAsync(new ContactCreate { LastName = "Lovelace" })).Id;
        ParagonApiException other = await Assert.ThrowsAsync<ParagonApiException>(() => Salesforce.LeadGetAsync(contact));
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (other.StatusCode, other.ErrorCode));
        Assert.Equal([201, 204, 404, 404, 404, 404, 201, 404], Statuses());
    }

    [Fact]
    public async Task A_record_without_its_required_fields_is_400_naming_them()
    {
        ParagonApiException thrown = await Assert.ThrowsAsync<ParagonApiException>(() => Salesforce.AccountCreateAsync(new AccountCreate { BillingCity = "Paris" }));

        Assert.Equal((HttpStatusCode.BadRequest, "REQUIRED_FIELD_MISSING"), (thrown.StatusCode, thrown.ErrorCode));
        Assert.Equal("Required fields are missing: [Name]", thrown.ErrorMessage);
        JsonElement error = Assert.Single(JsonDocument.Parse(thrown.ResponseBody).RootElement.EnumerateArray());
        Assert.Equal(["Name"], error.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Records_of_each_curated_object_get_their_key_prefix_and_are_kept_per_object()
    {
        string contact = (await Salesforce.ContactCreateAsync(new ContactCreate { LastName = "Lovelace", Email = "ada@example.com" })).Id;
        string lead = (await Salesforce.LeadCreateAsync(new LeadCreate { LastName = "Hopper", Company = "Navy" })).Id;
        string opportunity = (await Salesforce.OpportunityCreateAsync(new OpportunityCreate { Name = "Big deal", StageName = "Prospecting", CloseDate = "2025-01-31" })).Id;

        Assert.Equal(["003", "00Q", "006"], new[] { contact, lead, opportunity }.Select(id => id[..3]));
        Assert.Equal("ada@example.com", (await Salesforce.ContactGetAsync(contact)).Email);
        Assert.Equal("Navy", (await Salesforce.LeadGetAsync(lead)).Company);
        Assert.Equal("Prospecting", (await Salesforce.OpportunityGetAsync(opportunity)).StageName);
    }
}
