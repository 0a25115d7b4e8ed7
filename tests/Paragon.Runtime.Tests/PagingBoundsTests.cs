using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Paging;
using Paragon.Proxy;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>
/// A local proxy whose fake providers page: <c>endless</c> for ever with no items and a new cursor, <c>forever</c> with one
/// item and a new cursor (the cursor is the page number); <c>pages</c> six items two a page by cursor, and <c>links</c>
/// the same by next link (<c>/items?from=n</c>), next to a <c>/secret</c> path that no link names.
/// </summary>
public sealed class PagingProxyFixture : IAsyncLifetime, IDisposable
{
    public LocalSigningKey Key { get; } = LocalSigningKey.Create();

    public LocalParagonProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions().TrustKey(Key.PublicKeyPem)
            .AddProvider("endless", request => Page(request, items: 0))
            .AddProvider("forever", request => Page(request, items: 1))
            .AddProvider("pages", request => Window(request, request.QueryValue("cursor"), from => ("next", JsonValue.Create("cur-" + from))))
            .AddProvider("links", request => request.Path == "/secret"
                ? ValueTask.FromResult(FakeResponse.Json("""{"items":["the secret"]}"""))
                : Window(request, request.QueryValue("from"), from => ("nextLink", JsonValue.Create("/items?from=" + from)))));

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Dispose();
    }

    public void Dispose() => Key.Dispose();

    public ParagonClient Client(Action<ParagonClientOptions>? configure = null)
    {
        var options = new ParagonClientOptions { ProjectId = Proxy.ProjectId, SigningKey = Key.PrivateKeyPem, ProxyBaseUrl = Proxy.BaseUrl };
        configure?.Invoke(options);
        return new ParagonClient(options);
    }

    private static ValueTask<FakeResponse> Window(FakeRequest request, string? position, Func<string, (string Name, JsonNode Value)> next)
    {
        int from = position is null ? 0 : int.Parse(position.Replace("cur-", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var body = new JsonObject { ["items"] = new JsonArray([.. Enumerable.Range(from + 1, Math.Min(2, 6 - from)).Select(n => (JsonNode?)("item-" + n.ToString(CultureInfo.InvariantCulture)))]) };
        if (from + 2 < 6)
        {
            (string name, JsonNode value) = next((from + 2).ToString(CultureInfo.InvariantCulture));
            body[name] = value;
        }

        return ValueTask.FromResult(FakeResponse.Json(body.ToJsonString()));
    }

    private static ValueTask<FakeResponse> Page(FakeRequest request, int items)
    {
        int page = int.TryParse(request.QueryValue("cursor"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 1;
        var body = new JsonObject
        {
            ["items"] = new JsonArray([.. Enumerable.Range(0, items).Select(i => (JsonNode?)("item-" + page.ToString(CultureInfo.InvariantCulture)))]),
            ["next"] = (page + 1).ToString(CultureInfo.InvariantCulture),
        };
        return ValueTask.FromResult(FakeResponse.Json(body.ToJsonString()));
    }
}

/// <summary>Paging against providers that never stop: every enumeration ends, loudly, within its bounds.</summary>
public sealed class PagingBoundsTests(PagingProxyFixture fixture) : IClassFixture<PagingProxyFixture>
{
    private readonly string _user = "bounded-" + Guid.NewGuid().ToString("N");

    private static readonly JsonTypeInfo<JsonElement> PageType = (JsonTypeInfo<JsonElement>)JsonSerializerOptions.Default.GetTypeInfo(typeof(JsonElement));

    internal static ParagonPageable<JsonElement, string> Pageable(IProxyClient proxy, string integration, string operationId = "items.list", ParagonPaging? paging = null) =>
        new(proxy, () => new ProxyRequest(integration, ProxyMethods.Get, "/items") { OperationId = operationId }, PageType,
            static page => page.GetProperty("items").EnumerateArray().Select(i => i.GetString()!), paging ?? ParagonPaging.Cursor("cursor", "next"));

    internal static async Task<List<T>> All<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)); // only so that a regression ends
        await foreach (T item in items.WithCancellation(stop.Token))
        {
            list.Add(item);
        }

        return list;
    }

    private int Calls(string integration) => fixture.Proxy.Requests.Count(r => r.UserId == _user && r.Integration == integration);

    [Fact]
    public async Task Empty_pages_with_a_new_cursor_for_ever_end_with_an_exception_after_the_allowed_run()
    {
        using ParagonClient client = fixture.Client();

        var thrown = await Assert.ThrowsAsync<ParagonPagingException>(() => All(Pageable(client.ForUser(_user), "endless")));

        Assert.Equal(10, Calls("endless"));
        Assert.Equal(ParagonPagingLimit.MaxEmptyPages, thrown.Limit);
        Assert.Equal(10, thrown.Pages);
        Assert.Equal("endless", thrown.Integration);
        Assert.Contains("endless items.list", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("10 pages in a row", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("ParagonClientOptions.Paging.MaxEmptyPages", thrown.Message, StringComparison.Ordinal);
        Assert.NotNull(thrown.ContinuationToken);
    }

    [Fact]
    public async Task The_run_of_empty_pages_is_a_setting_and_holds_for_pages_too()
    {
        using ParagonClient client = fixture.Client(o => o.Paging.MaxEmptyPages = 3);
        var pages = new List<ParagonPage<JsonElement, string>>();

        var thrown = await Assert.ThrowsAsync<ParagonPagingException>(async () =>
        {
            await foreach (ParagonPage<JsonElement, string> page in Pageable(client.ForUser(_user), "endless").AsPages(maxPages: 50))
            {
                pages.Add(page);
            }
        });

        Assert.Equal(3, Calls("endless"));
        Assert.Equal(3, pages.Count);
        Assert.Contains("= 3", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Items_end_with_an_exception_at_the_page_bound_never_a_silent_end()
    {
        using ParagonClient client = fixture.Client(o => o.Paging.MaxPages = 7);

        var fromOptions = await Assert.ThrowsAsync<ParagonPagingException>(() => All(Pageable(client.ForUser(_user), "forever")));
        Assert.Equal(ParagonPagingLimit.MaxPages, fromOptions.Limit);
        Assert.Equal(7, fromOptions.Pages);
        Assert.Contains("ParagonClientOptions.Paging.MaxPages = 7", fromOptions.Message, StringComparison.Ordinal);
        Assert.Equal(7, Calls("forever"));

        var perCall = await Assert.ThrowsAsync<ParagonPagingException>(() => All(Pageable(client.ForUser(_user), "forever").WithMaxPages(3)));
        Assert.Contains("WithMaxPages = 3", perCall.Message, StringComparison.Ordinal);
        Assert.Equal(7 + 3, Calls("forever"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pageable(client.ForUser(_user), "forever").WithMaxPages(0));
    }

    [Fact]
    public async Task The_default_bound_is_a_thousand_pages()
    {
        using ParagonClient client = fixture.Client();

        var thrown = await Assert.ThrowsAsync<ParagonPagingException>(() => All(Pageable(client.ForUser(_user), "forever")));

        Assert.Equal(1000, thrown.Pages);
        Assert.Equal(1000, Calls("forever"));
    }

    [Fact]
    public async Task MaxPages_of_AsPages_is_a_quiet_stop_with_the_token_to_resume()
    {
        using ParagonClient client = fixture.Client(o => o.Paging.MaxPages = 2);

        List<ParagonPage<JsonElement, string>> pages = await All(Pageable(client.ForUser(_user), "forever").AsPages(maxPages: 5));

        Assert.Equal(5, pages.Count);
        Assert.NotNull(pages[^1].ContinuationToken);
        Assert.Equal(5, Calls("forever"));
    }

    [Fact]
    public void Bad_bounds_are_refused_when_the_client_is_made()
    {
        Assert.Equal("Paging", Assert.Throws<ArgumentException>(() => fixture.Client(o => o.Paging.MaxPages = 0)).ParamName);
        Assert.Equal("Paging", Assert.Throws<ArgumentException>(() => fixture.Client(o => o.Paging.MaxEmptyPages = 0)).ParamName);
    }

    [Fact]
    public void Recent_tokens_stay_bounded_and_still_catch_a_repeat()
    {
        var recent = new RecentTokens();
        for (int i = 0; i < 10_000; i++)
        {
            Assert.True(recent.Add("t" + i.ToString(CultureInfo.InvariantCulture)));
        }

        Assert.False(recent.Add("t9999"));
        Assert.False(recent.Add("t" + (10_000 - RecentTokens.Capacity).ToString(CultureInfo.InvariantCulture)));
        Assert.True(recent.Add("t0")); // long forgotten: the page bound ends such a cycle
    }
}
