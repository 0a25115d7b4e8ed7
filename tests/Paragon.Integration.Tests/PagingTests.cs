using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Integrations.GitHub;
using Paragon.Integrations.HubSpot;
using Paragon.Integrations.Notion;
using Paragon.Integrations.Salesforce;
using Paragon.Integrations.Slack;
using Paragon.Paging;
using Paragon.Testing;

namespace Paragon.Integration.Tests;

/// <summary>A local proxy whose fake providers serve several pages each (see <see cref="FakePagedProviders"/>).</summary>
public sealed class PagingFixture : IAsyncLifetime
{
    public LocalSigningKey Key { get; } = LocalSigningKey.Create();

    public LocalParagonProxy Proxy { get; private set; } = null!;

    public ParagonClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions()
            .TrustKey(Key.PublicKeyPem)
            .AddProvider("slack", FakePagedProviders.Slack())
            .AddProvider("notion", FakePagedProviders.Notion())
            .AddProvider("hubspot", FakePagedProviders.HubSpot())
            .AddProvider("googleCalendar", FakePagedProviders.GoogleCalendar())
            .AddProvider("salesforce", FakePagedProviders.Salesforce())
            .AddProvider("github", FakePagedProviders.GitHub()));
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
/// Generated <c>…PagedAsync</c> methods against the local proxy: every strategy, its stop rules, resuming, a maximum of
/// pages and cancellation, counting the calls that reached the provider. Each test is its own user, so that the calls it
/// counts are its own.
/// </summary>
public sealed class PagingTests(PagingFixture fixture) : IClassFixture<PagingFixture>
{
    private readonly string _user = "pager-" + Guid.NewGuid().ToString("N");

    private ParagonUserClient User => fixture.Client.ForUser(_user);

    private RecordedRequest[] Calls(string integration) =>
        [.. fixture.Proxy.Requests.Where(r => r.UserId == _user && r.Integration == integration)];

    private static async Task<List<T>> All<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (T item in items.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task Slack_channels_come_in_order_one_call_a_page_each_with_the_credential_and_the_callers_query()
    {
        List<Conversation> channels = await All(User.WithCredential("cred-7").Slack.ConversationsListPagedAsync(excludeArchived: true));

        Assert.Equal(["channel-1", "channel-2", "channel-3", "channel-4", "channel-5"], channels.Select(c => c.Name));
        RecordedRequest[] calls = Calls("slack");
        Assert.Equal(3, calls.Length);
        Assert.Equal([null, "cur-2", "cur-4"], calls.Select(c => Query(c, "cursor")));
        Assert.All(calls, c => Assert.Equal("cred-7", c.Header("X-Paragon-Credential")));
        Assert.All(calls, c => Assert.Equal("true", Query(c, "exclude_archived")));
        Assert.All(calls, c => Assert.StartsWith("Bearer ", c.Header("Authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slack_spec_that_declares_no_paging_pages_by_Slacks_convention_and_its_error_rule()
    {
        // slack-bare.yaml is written as Slack's own spec is: a cursor and response_metadata, no x-paragon-pagination.
        var channels = await All(User.SlackBare.ConversationsListPagedAsync());
        Assert.Equal(["channel-1", "channel-2", "channel-3", "channel-4", "channel-5"], channels.Select(c => c.Name));
        Assert.Equal([null, "cur-2", "cur-4"], Calls("slack").Select(c => Query(c, "cursor")));

        // The convention's pager meets the convention's error rule: ok: false at the second page throws there.
        var items = new List<string?>();
        var thrown = await Assert.ThrowsAsync<ParagonApiException>(async () =>
        {
            await foreach (var channel in User.SlackBare.ConversationsListPagedAsync(teamId: "no_scope"))
            {
                items.Add(channel.Name);
            }
        });
        Assert.Equal(["channel-1", "channel-2"], items);
        Assert.Equal("missing_scope", thrown.ErrorCode);
    }

    [Fact]
    public async Task Pages_carry_their_items_body_and_the_token_to_resume_from_and_resuming_starts_there()
    {
        ParagonPageable<ConversationsListResponse, Conversation> pageable = User.Slack.ConversationsListPagedAsync();
        List<ParagonPage<ConversationsListResponse, Conversation>> pages = await All(pageable.AsPages());
        Assert.Equal([true, true, false], pages.Select(p => p.ContinuationToken is not null));
        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.True(pages[0].Value.Ok);
        Assert.Equal("cur-2", pages[0].Value.ResponseMetadata!.NextCursor);

        List<ParagonPage<ConversationsListResponse, Conversation>> resumed = await All(pageable.AsPages(pages[0].ContinuationToken));
        Assert.Equal(["channel-3", "channel-4", "channel-5"], resumed.SelectMany(p => p.Items).Select(c => c.Name));
        Assert.Equal([null, "cur-2", "cur-4", "cur-2", "cur-4"], Calls("slack").Select(c => Query(c, "cursor")));
    }

    [Fact]
    public async Task A_token_resumes_only_for_its_user_and_operation_and_the_providers_own_cursor_is_not_one()
    {
        string token = (await All(User.Slack.ConversationsListPagedAsync().AsPages(maxPages: 1)))[0].ContinuationToken!;
        string other = "other-" + Guid.NewGuid().ToString("N");

        Assert.Contains("another user", Assert.Throws<ArgumentException>(() => fixture.Client.ForUser(other).Slack.ConversationsListPagedAsync().AsPages(token)).Message, StringComparison.Ordinal);
        Assert.Contains("another operation", Assert.Throws<ArgumentException>(() => User.HubSpot.ContactsGetPagePagedAsync().AsPages(token)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => User.Slack.ConversationsListPagedAsync().AsPages("cur-2"));
        Assert.Throws<ArgumentException>(() => User.Salesforce.QueryPagedAsync("SELECT Id FROM Account").AsPages("/services/data/v62.0/sobjects/User"));

        Assert.Single(Calls("slack"));
        Assert.Empty(Calls("hubspot"));
        Assert.Empty(Calls("salesforce"));
        Assert.DoesNotContain(fixture.Proxy.Requests, r => r.UserId == other);
    }

    [Fact]
    public async Task A_provider_answering_empty_pages_for_ever_is_refused_after_ten()
    {
        var thrown = await Assert.ThrowsAsync<ParagonPagingException>(() => All(User.Slack.ConversationsListPagedAsync(teamId: "endless")));

        Assert.Equal(10, Calls("slack").Length);
        Assert.Equal(ParagonPagingLimit.MaxEmptyPages, thrown.Limit);
        Assert.Contains("slack conversations.list", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("10 pages in a row", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxPages_stops_after_that_many_calls_and_leaves_the_token_of_the_next()
    {
        List<ParagonPage<ConversationsListResponse, Conversation>> pages = await All(User.Slack.ConversationsListPagedAsync(limit: 1).AsPages(maxPages: 2));

        Assert.Equal(2, pages.Count);
        Assert.NotNull(pages[^1].ContinuationToken);
        Assert.Equal(2, Calls("slack").Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => User.Slack.ConversationsListPagedAsync().AsPages(maxPages: 0));
    }

    [Fact]
    public async Task A_repeated_token_stops_the_loop()
    {
        // maxPages only so that a regression fails here instead of looping for ever.
        var pages = await All(User.Slack.ConversationsListPagedAsync(teamId: "repeat").AsPages(maxPages: 10));

        Assert.Equal(["channel-1", "channel-2", "channel-3", "channel-4"], pages.SelectMany(p => p.Items).Select(c => c.Name));
        Assert.Equal(2, Calls("slack").Length);
    }

    [Fact]
    public async Task An_empty_page_with_a_next_cursor_does_not_end_the_items()
    {
        // Slack may answer a page with no channels and a next cursor; the channels after it must still come.
        List<ParagonPage<ConversationsListResponse, Conversation>> pages = await All(User.Slack.ConversationsListPagedAsync(teamId: "empty").AsPages(maxPages: 10));

        Assert.Equal([2, 0, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(["channel-1", "channel-2", "channel-3", "channel-4", "channel-5"], pages.SelectMany(p => p.Items).Select(c => c.Name));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(4, Calls("slack").Length);
    }

    [Fact]
    public async Task Cancellation_between_pages_sends_no_further_call()
    {
        using var cancel = new CancellationTokenSource();
        var seen = new List<string?>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (Conversation channel in User.Slack.ConversationsListPagedAsync().WithCancellation(cancel.Token))
            {
                seen.Add(channel.Name);
                await cancel.CancelAsync();
            }
        });

        Assert.Equal(["channel-1", "channel-2"], seen); // the page in hand is finished; the next is never asked for
        Assert.Single(Calls("slack"));
    }

    [Fact]
    public async Task A_bad_argument_fails_at_the_call_before_anything_is_sent()
    {
        Assert.Throws<ArgumentNullException>(() => User.Notion.DatabasesQueryPagedAsync(null!, "db-1"));
        await Task.Yield();
        Assert.Empty(Calls("notion"));
    }

    [Fact]
    public async Task Notion_pages_by_start_cursor_in_the_query_and_in_the_body_keeping_the_rest_of_the_body()
    {
        List<Paragon.Integrations.Notion.User> users = await All(User.Notion.UsersListPagedAsync());
        Assert.Equal(5, users.Count);
        Assert.Equal([null, "cur-2", "cur-4"], Calls("notion").Select(c => Query(c, "start_cursor")));

        var query = new QueryDatabaseRequest { PageSize = 2 };
        List<ParagonPage<PageOrDatabaseList, PageOrDatabase>> pages = await All(User.Notion.DatabasesQueryPagedAsync(query, "db-1").AsPages());
        Assert.Equal(3, pages.Count);
        string[] bodies = [.. Calls("notion").Where(c => c.Method == "POST").Select(c => c.BodyText)];
        Assert.Equal(["""{"page_size":2}""", """{"page_size":2,"start_cursor":"cur-2"}""", """{"page_size":2,"start_cursor":"cur-4"}"""], bodies);
    }

    [Fact]
    public async Task HubSpot_pages_by_paging_next_after()
    {
        var contacts = await All(User.HubSpot.ContactsGetPagePagedAsync());

        Assert.Equal(["1", "2", "3", "4", "5"], contacts.Select(c => c.Id));
        Assert.Equal([null, "cur-2", "cur-4"], Calls("hubspot").Select(c => Query(c, "after")));
    }

    [Fact]
    public async Task Google_Calendar_pages_by_nextPageToken()
    {
        var events = await All(User.GoogleCalendar.EventsListPagedAsync("primary"));

        Assert.Equal(["event-1", "event-2", "event-3", "event-4", "event-5"], events.Select(e => e.Id));
        Assert.Equal([null, "cur-2", "cur-4"], Calls("googleCalendar").Select(c => Query(c, "pageToken")));
    }

    [Fact]
    public async Task Salesforce_follows_nextRecordsUrl_through_the_proxy_on_the_same_integration_until_done()
    {
        var records = await All(User.WithCredential("sf-1").Salesforce.QueryPagedAsync("SELECT Id, Name FROM Account"));

        Assert.Equal(["0011", "0012", "0013", "0014", "0015"], records.Select(r => r.Id));
        RecordedRequest[] calls = Calls("salesforce");
        // Paragon prepends /services/data/vNN.0 itself: the link's own copy of it is taken off.
        Assert.Equal(["/query?q=SELECT%20Id%2C%20Name%20FROM%20Account", "/query/01gPAGE-2", "/query/01gPAGE-4"], calls.Select(c => c.ProviderPathAndQuery));
        Assert.All(calls, c => Assert.Equal("sf-1", c.Header("X-Paragon-Credential")));
    }

    [Fact]
    public async Task The_Link_header_is_followed_even_by_a_client_that_asks_for_wrapped_responses()
    {
        // Wrapped (non-raw) answers carry Paragon's headers, not GitHub's Link: the paged call asks for the raw answer itself.
        using var wrapped = new ParagonClient(new ParagonClientOptions
        {
            ProjectId = fixture.Proxy.ProjectId,
            SigningKey = fixture.Key.PrivateKeyPem,
            ProxyBaseUrl = fixture.Proxy.BaseUrl,
            UseRawResponse = false,
        });

        var issues = await All(wrapped.ForUser(_user).GitHub.IssuesListForRepoPagedAsync("octo", "hello").AsPages(maxPages: 10));
        Assert.Equal([1, 2, 3, 4, 5], issues.SelectMany(p => p.Items).Select(i => (int)i.Number));
    }

    [Fact]
    public async Task Page_numbers_stop_when_the_provider_answers_the_same_page_again()
    {
        // Past the end this API clamps to the last page: page 4 is page 3 again. maxPages only keeps a regression finite.
        var pulls = await All(User.GitHub.PullsListPagedAsync("octo", "clamped", perPage: 2).AsPages(maxPages: 20));

        Assert.Equal([1, 2, 3, 4, 5], pulls.SelectMany(p => p.Items).Select(i => (int)i.Number));
        Assert.Equal(4, Calls("github").Length);
    }

    [Fact]
    public async Task GitHub_follows_the_Link_header_and_page_numbers_until_an_empty_page()
    {
        var issues = await All(User.GitHub.IssuesListForRepoPagedAsync("octo", "hello"));
        Assert.Equal([1, 2, 3, 4, 5], issues.Select(i => (int)i.Number));
        Assert.Equal(["/repos/octo/hello/issues", "/repositories/1/issues?per_page=2&page=2", "/repositories/1/issues?per_page=2&page=3"],
            Calls("github").Select(c => c.ProviderPathAndQuery));

        // maxPages only so that a regression fails here instead of looping for ever.
        var pulls = await All(User.GitHub.PullsListPagedAsync("octo", "hello", perPage: 2).AsPages(maxPages: 10));
        Assert.Equal([1, 2, 3, 4, 5], pulls.SelectMany(p => p.Items).Select(i => (int)i.Number));
        Assert.Equal(["1", "2", "3", "4"], Calls("github").Skip(3).Select(c => Query(c, "page") ?? "1")); // the fourth page is empty
    }

    [Fact]
    public async Task The_GitHub_fake_links_each_page_as_GitHub_does()
    {
        // GitHub names prev, next, last and first, in that order, and leaves out what does not apply: a client that took
        // the first link, or any link on the last page, would go wrong against GitHub and must go wrong here too.
        string[] links = new string[3];
        for (int page = 1; page <= 3; page++)
        {
            ParagonResponse answer = await User.RequestAsync("github", "/repos/octo/hello/issues", new ParagonRequestOptions { Query = [new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))] });
            links[page - 1] = answer.GetHeader("Link") ?? "(none)";
        }

        const string Base = "<https://api.github.com/repositories/1/issues?per_page=2&page=";
        Assert.Equal(
            [
                $"{Base}2>; rel=\"next\", {Base}3>; rel=\"last\"",
                $"{Base}1>; rel=\"prev\", {Base}3>; rel=\"next\", {Base}3>; rel=\"last\", {Base}1>; rel=\"first\"",
                $"{Base}2>; rel=\"prev\", {Base}1>; rel=\"first\"",
            ],
            links);

        // Paging through them from the middle still goes forward only.
        var rest = await All(User.GitHub.IssuesListForRepoPagedAsync("octo", "hello", page: 2));
        Assert.Equal([3, 4, 5], rest.Select(i => (int)i.Number));
    }

    [Fact]
    public async Task The_GitHub_fake_answers_a_page_size_of_zero_or_a_page_far_out_as_GitHub_does_not_with_a_crash()
    {
        // per_page=0 (or a negative page) divided by zero in the clamped case, and the local proxy answered 500.
        ParagonResponse answer = await User.RequestAsync("github", "/repos/octo/clamped/issues", new ParagonRequestOptions { Query = [new("per_page", "0"), new("page", "-3")] });
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(2, answer.ReadAsJson().GetArrayLength());

        // A page so far out that page x size overflows an int is past the end: empty, not a window of negative ids.
        ParagonResponse far = await User.RequestAsync("github", "/repos/octo/hello/issues", new ParagonRequestOptions { Query = [new("page", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture))] });
        Assert.Equal(0, far.ReadAsJson().GetArrayLength());
    }

    private static string? Query(RecordedRequest request, string name)
    {
        string target = request.ProviderPathAndQuery ?? string.Empty;
        int question = target.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return null;
        }

        foreach (string pair in target[(question + 1)..].Split('&'))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && Uri.UnescapeDataString(pair[..equals]) == name)
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
