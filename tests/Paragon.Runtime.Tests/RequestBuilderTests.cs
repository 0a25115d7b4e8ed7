using System;
using System.Linq;
using System.Net.Http;
using Paragon.Proxy;

namespace Paragon.Runtime.Tests;

/// <summary>The URL a call goes to: built once for a literal path, per call for anything that varies or may hold a secret.</summary>
public sealed class RequestBuilderTests
{
    private static RequestBuilder Builder() =>
        new(new Uri("https://proxy.example.test/"), new Uri("https://api.example.test/"), new Uri("https://actionkit.example.test/"), "project-1", rawResponse: true);

    private static Uri Check(RequestBuilder builder, string integration, string path) =>
        builder.Check(new ProxyRequest(integration, HttpMethod.Post, path), credentialId: null);

    [Fact]
    public void A_literal_paths_url_is_built_once_and_shared_by_its_calls()
    {
        RequestBuilder builder = Builder();
        Uri first = Check(builder, "slack", "/chat.postMessage");
        Uri second = Check(builder, "slack", string.Concat("/chat.", "postMessage")); // equal text, another string
        Assert.Same(first, second);
        Assert.Equal("https://proxy.example.test/projects/project-1/sdk/proxy/slack/chat.postMessage", first.AbsoluteUri);

        // Another integration, another path: another URL.
        Assert.Equal("https://proxy.example.test/projects/project-1/sdk/proxy/custom.app/chat.postMessage", Check(builder, "custom.app", "/chat.postMessage").AbsoluteUri);
        Assert.NotSame(first, Check(builder, "slack", "/chat.update"));
    }

    [Fact]
    public void Each_target_goes_to_its_own_host()
    {
        RequestBuilder builder = Builder();
        var actions = new ProxyRequest("actionkit", HttpMethod.Post, "/actions") { Target = ProxyTarget.ActionKit };
        var me = new ProxyRequest("paragon", HttpMethod.Get, "/sdk/me") { Target = ProxyTarget.Api };
        Assert.Equal("https://actionkit.example.test/projects/project-1/actions", builder.Check(actions, credentialId: null).AbsoluteUri);
        Assert.Equal("https://api.example.test/projects/project-1/sdk/me", builder.Check(me, credentialId: null).AbsoluteUri);
        Assert.False(builder.IsRaw(actions)); // ActionKit answers as it is: no raw-response header, nothing to unwrap
    }

    [Fact]
    public void A_query_a_template_or_an_escaped_path_is_built_for_each_call()
    {
        RequestBuilder builder = Builder();

        // A query may carry a key: never kept.
        Uri withQuery = Check(builder, "slack", "/conversations.list?token=secret");
        Assert.NotSame(withQuery, Check(builder, "slack", "/conversations.list?token=secret"));

        var added = new ProxyRequest("slack", HttpMethod.Get, "/conversations.list");
        added.Query.Add("limit", 100L);
        Uri withParts = builder.Check(added, null);
        Assert.Equal("/projects/project-1/sdk/proxy/slack/conversations.list?limit=100", withParts.PathAndQuery);
        Assert.NotSame(withParts, builder.Check(added, null));

        var template = new ProxyRequest("github", HttpMethod.Get, "/repos/{owner}").SetPathValue("owner", "octo");
        Assert.NotSame(builder.Check(template, null), builder.Check(template, null));

        Uri escaped = Check(builder, "slack", "/files/a b");
        Assert.Equal("/projects/project-1/sdk/proxy/slack/files/a%20b", escaped.AbsolutePath);
        Assert.NotSame(escaped, Check(builder, "slack", "/files/a b"));
    }

    [Fact]
    public void Past_its_bound_the_cache_keeps_nothing_more_and_every_url_stays_right()
    {
        RequestBuilder builder = Builder();
        for (int i = 0; i < RequestBuilder.MaxCachedUris + 50; i++)
        {
            // Interned, as a generated operation's constant path is: only those are kept.
            string path = string.Intern("/items/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("/projects/project-1/sdk/proxy/slack" + path, Check(builder, "slack", path).AbsolutePath);
        }

        string late = "/items/" + (RequestBuilder.MaxCachedUris + 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotSame(Check(builder, "slack", late), Check(builder, "slack", late));
        Assert.Same(Check(builder, "slack", "/items/0"), Check(builder, "slack", "/items/0"));
    }

    [Fact]
    public void A_path_made_at_run_time_or_a_long_one_is_never_kept()
    {
        RequestBuilder builder = Builder();

        // Data in a path (a user's email, say) is not held for the client's life, and does not take a slot.
        string made = "/users/" + Guid.NewGuid().ToString("N") + "@example.com";
        Uri first = Check(builder, "slack", made);
        Assert.Equal("/projects/project-1/sdk/proxy/slack" + made, first.AbsolutePath);
        Assert.NotSame(first, Check(builder, "slack", made));

        string longPath = string.Intern("/" + new string('a', RequestBuilder.MaxCachedPathLength));
        Assert.NotSame(Check(builder, "slack", longPath), Check(builder, "slack", longPath));
    }

    [Fact]
    public void A_query_is_built_into_the_string_it_makes_and_nothing_else()
    {
        // conversations.list?limit=100, as the generated client describes it: the path and query are one string, and the
        // builder that made it is this thread's, not a new one (with its buffer) per call.
        var request = new ProxyRequest("slack", HttpMethod.Get, "/conversations.list");
        request.Query.Add("cursor", (string?)null);
        request.Query.Add("limit", 100L);
        Assert.Equal("/conversations.list?limit=100", ProxyPath.BuildPathAndQuery(request));

        long each = BytesPerBuild(request);

        // The string itself is 80 bytes on 64 bits (29 characters); a builder and its buffer were 264 more.
        Assert.True(each <= 96, $"{each} bytes a build");
    }

    [Fact]
    public void Queries_of_every_length_are_built_whole_and_escaped()
    {
        var request = new ProxyRequest("slack", HttpMethod.Get, "/search?sort=score");
        request.Query.Add("q", "a b&c");
        request.Query.AddArray("ids", ["1", "2"], ProxyQueryStyle.Form, explode: false);
        Assert.Equal("/search?sort=score&q=a%20b%26c&ids=1,2", ProxyPath.BuildPathAndQuery(request));

        // Past the builder kept per thread, and again after it: each result is whole, and the short one is not left over.
        string longValue = new('x', Paragon.Internal.StringBuilderCache.MaxCapacity * 2);
        var large = new ProxyRequest("slack", HttpMethod.Get, "/search");
        large.Query.Add("q", longValue);
        Assert.Equal("/search?q=" + longValue, ProxyPath.BuildPathAndQuery(large));
        Assert.Equal("/search?sort=score&q=a%20b%26c&ids=1,2", ProxyPath.BuildPathAndQuery(request));
        Assert.Equal("/search?q=" + longValue, ProxyPath.BuildPathAndQuery(large));
    }

    [Fact]
    public void A_path_template_is_filled_into_the_string_it_makes_and_nothing_else()
    {
        // The checks (placeholders, '.' and '..' values, values without a placeholder) read the template and the values
        // where they are: no piece, name or segment of them is copied to be looked at, and the builder is this thread's.
        var request = new ProxyRequest("github", HttpMethod.Get, "/repos/{owner}/{repo}/issues")
            .SetPathValue("owner", "octo").SetPathValue("repo", "hello-world");
        Assert.Equal("/repos/octo/hello-world/issues", ProxyPath.BuildPathAndQuery(request));

        long each = BytesPerBuild(request);

        // The string itself is 88 bytes on 64 bits (30 characters).
        Assert.True(each <= 104, $"{each} bytes a build");
    }

    [Fact]
    public void A_template_with_more_values_than_a_bit_set_holds_checks_every_one()
    {
        // Which values the placeholders took is kept in 64 bits, and in an array past 64 values (this test; the others use the
        // bits): a value no placeholder took is refused wherever it stands, and a placeholder may be used twice.
        const int Count = 70;
        string template = string.Concat(Enumerable.Range(0, Count).Select(i => "/{p" + i + "}")) + "/{p0}";
        var request = new ProxyRequest("github", HttpMethod.Get, template);
        foreach (int i in Enumerable.Range(0, Count))
        {
            request.SetPathValue("p" + i, "v" + i);
        }

        Assert.Equal(string.Concat(Enumerable.Range(0, Count).Select(i => "/v" + i)) + "/v0", ProxyPath.BuildPathAndQuery(request));

        foreach (int extra in new[] { Count, 3 })
        {
            var more = new ProxyRequest("github", HttpMethod.Get, extra == Count ? template : template.Replace("/{p3}", string.Empty, StringComparison.Ordinal));
            foreach (int i in Enumerable.Range(0, Count + 1))
            {
                more.SetPathValue("p" + i, "v" + i);
            }

            var error = Assert.Throws<ArgumentException>(() => ProxyPath.BuildPathAndQuery(more));
            Assert.Contains("'p" + (extra == Count ? Count : 3) + "'", error.Message, StringComparison.Ordinal);
        }
    }

    private static long BytesPerBuild(ProxyRequest request)
    {
        const int Calls = 1000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            _ = ProxyPath.BuildPathAndQuery(request);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
    }
}

