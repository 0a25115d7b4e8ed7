using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Paragon.Paging;
using Paragon.Tokens;
using static Paragon.Runtime.Tests.PagingBoundsTests;

namespace Paragon.Runtime.Tests;

/// <summary>
/// Continuation tokens leave the process (a browser, a queue) and come back: they resume only for the user and the
/// operation they were made for, and name no page the provider did not name.
/// </summary>
public sealed class PagingTokenTests(PagingProxyFixture fixture) : IClassFixture<PagingProxyFixture>
{
    private readonly string _alice = "alice-" + Guid.NewGuid().ToString("N");
    private readonly string _bob = "bob-" + Guid.NewGuid().ToString("N");

    private int Calls(string user, string integration) => fixture.Proxy.Requests.Count(r => r.UserId == user && r.Integration == integration);

    private static async Task<string> FirstToken(ParagonPageable<JsonElement, string> pageable) =>
        (await All(pageable.AsPages(maxPages: 1)))[0].ContinuationToken!;

    private static void RefusedSaying(string what, Action resume, params string[] secrets)
    {
        var refused = Assert.ThrowsAny<ArgumentException>(resume);
        Assert.Equal("continuationToken", refused.ParamName);
        Assert.Contains(what, refused.Message, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, refused.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_users_token_is_refused_before_anything_is_sent()
    {
        using ParagonClient client = fixture.Client();
        string token = await FirstToken(Pageable(client.ForUser(_alice), "pages"));

        RefusedSaying("another user", () => Pageable(client.ForUser(_bob), "pages").AsPages(token), token, _alice, _bob);
        Assert.Equal(0, Calls(_bob, "pages"));
    }

    [Fact]
    public async Task A_token_of_another_operation_or_strategy_is_refused()
    {
        using ParagonClient client = fixture.Client();
        string token = await FirstToken(Pageable(client.ForUser(_alice), "pages"));

        RefusedSaying("another operation", () => Pageable(client.ForUser(_alice), "pages", operationId: "other.list").AsPages(token), token);
        RefusedSaying("another operation", () => Pageable(client.ForUser(_alice), "links").AsPages(token), token);
        RefusedSaying("another operation", () => Pageable(client.ForUser(_alice), "pages", paging: ParagonPaging.Offset("cursor")).AsPages(token), token);
        Assert.Equal(1, Calls(_alice, "pages"));
        Assert.Equal(0, Calls(_alice, "links"));
    }

    [Fact]
    public async Task A_tampered_token_or_the_providers_own_cursor_is_refused()
    {
        using ParagonClient client = fixture.Client();
        string token = await FirstToken(Pageable(client.ForUser(_alice), "pages"));
        char[] changed = token.ToCharArray();
        changed[token.Length / 2] = changed[token.Length / 2] == 'A' ? 'B' : 'A';

        RefusedSaying("altered", () => Pageable(client.ForUser(_alice), "pages").AsPages(new string(changed)), token);
        RefusedSaying("not a continuation token", () => Pageable(client.ForUser(_alice), "pages").AsPages("cur-2"));
        RefusedSaying("altered", () => Pageable(client.ForUser(_alice), "pages").AsPages("p1." + new string('A', 200)));
        RefusedSaying("characters long", () => Pageable(client.ForUser(_alice), "pages").AsPages("p1." + new string('A', 10 << 20))); // not decoded
        Assert.Equal(1, Calls(_alice, "pages"));
    }

    [Fact]
    public async Task A_next_link_token_cannot_be_made_into_another_path()
    {
        using ParagonClient client = fixture.Client();
        ParagonPageable<JsonElement, string> links = Pageable(client.ForUser(_alice), "links", paging: ParagonPaging.NextUrl("nextLink"));
        string token = await FirstToken(links);

        RefusedSaying("not a continuation token", () => links.AsPages("/secret"));
        string forged = Forge(token, "/items?from=2", "/secret");
        RefusedSaying("altered", () => links.AsPages(forged), forged);

        List<string> rest = [.. (await All(links.AsPages(token))).SelectMany(p => p.Items)];
        Assert.Equal(["item-3", "item-4", "item-5", "item-6"], rest);
        Assert.DoesNotContain(fixture.Proxy.Requests, r => r.ProviderPathAndQuery == "/secret");
    }

    [Fact]
    public async Task A_user_resumes_their_own_token_in_a_new_client_with_the_same_signing_key()
    {
        string token;
        using (ParagonClient first = fixture.Client())
        {
            token = await FirstToken(Pageable(first.ForUser(_alice), "pages"));
        }

        using ParagonClient second = fixture.Client();
        List<ParagonPage<JsonElement, string>> pages = await All(Pageable(second.ForUser(_alice), "pages").AsPages(token));

        Assert.Equal(["item-3", "item-4", "item-5", "item-6"], pages.SelectMany(p => p.Items));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.Equal(["cur-2", "cur-4"], fixture.Proxy.Requests.Where(r => r.UserId == _alice).Skip(1).Select(r => r.ProviderPathAndQuery![(r.ProviderPathAndQuery!.IndexOf('=') + 1)..]));
    }

    [Fact]
    public async Task A_token_holds_no_user_id_in_clear()
    {
        using ParagonClient client = fixture.Client();
        string token = await FirstToken(Pageable(client.ForUser(_alice), "pages"));

        Assert.DoesNotContain(_alice, token, StringComparison.Ordinal);
        Assert.DoesNotContain(_alice, Encoding.UTF8.GetString(Base64Url.Decode(token[(token.IndexOf('.') + 1)..])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_signing_key_tokens_resume_within_the_client_unless_a_key_is_set()
    {
        string userToken = StaticToken(_alice);
        using ParagonClient first = fixture.Client(o => (o.SigningKey, o.UserToken) = (null, userToken));
        using ParagonClient second = fixture.Client(o => (o.SigningKey, o.UserToken) = (null, userToken));
        string token = await FirstToken(Pageable(first, "pages"));

        Assert.Equal(4, (await All(Pageable(first, "pages").AsPages(token))).Sum(p => p.Items.Count));
        RefusedSaying("altered", () => Pageable(second, "pages").AsPages(token), token);

        const string Key = "a shared secret of at least 32 characters, from configuration";
        using ParagonClient keyed1 = fixture.Client(o => (o.SigningKey, o.UserToken, o.Paging.ContinuationTokenKey) = (null, userToken, Key));
        using ParagonClient keyed2 = fixture.Client(o => (o.SigningKey, o.UserToken, o.Paging.ContinuationTokenKey) = (null, userToken, Key));
        string shared = await FirstToken(Pageable(keyed1, "pages"));
        Assert.Equal(4, (await All(Pageable(keyed2, "pages").AsPages(shared))).Sum(p => p.Items.Count));

        using ParagonClient bobs = fixture.Client(o => (o.SigningKey, o.UserToken, o.Paging.ContinuationTokenKey) = (null, StaticToken(_bob), Key));
        RefusedSaying("another user", () => Pageable(bobs, "pages").AsPages(shared), shared, _alice, _bob);
        Assert.Equal("Paging", Assert.Throws<ArgumentException>(() => fixture.Client(o => o.Paging.ContinuationTokenKey = "short")).ParamName);
    }

    /// <summary>Rewrites the provider's link inside a token, leaving its MAC as it was.</summary>
    private static string Forge(string token, string from, string to)
    {
        int dot = token.IndexOf('.');
        string payload = Encoding.Latin1.GetString(Base64Url.Decode(token[(dot + 1)..]));
        Assert.Contains(from, payload, StringComparison.Ordinal);
        return token[..(dot + 1)] + Base64Url.Encode(Encoding.Latin1.GetBytes(payload.Replace(from, to, StringComparison.Ordinal)));
    }

    private string StaticToken(string user)
    {
        var signer = new UserTokenSigner(RsaKeyReader.Import(fixture.Key.PrivateKeyPem), fixture.Proxy.ProjectId);
        return signer.Mint(user, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));
    }
}
