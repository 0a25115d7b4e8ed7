using System;
using Paragon.Paging;
using Paragon.Proxy;

namespace Paragon.Runtime.Tests;

/// <summary>The parts of the paging strategies that read what providers send: Link headers, next links, paths.</summary>
public sealed class PagingStrategyTests
{
    [Theory]
    [InlineData("<https://api.github.com/repositories/1/issues?page=2>; rel=\"next\", <https://api.github.com/repositories/1/issues?page=5>; rel=\"last\"", "https://api.github.com/repositories/1/issues?page=2")]
    [InlineData("<https://x.test/a?page=1>; rel=\"prev\", <https://x.test/a?ids=1,2&page=3>; rel=\"next\"", "https://x.test/a?ids=1,2&page=3")]
    [InlineData("<https://x.test/a?page=3>; REL=\"last next\"", "https://x.test/a?page=3")]
    [InlineData("<https://x.test/a?page=3>; rel=next", "https://x.test/a?page=3")]
    [InlineData("<https://x.test/a?page=1>; rel=\"prev\", <https://x.test/a?page=5>; rel=\"last\"", null)]
    [InlineData("<https://x.test/a?page=2>; title=\"next\"", null)]
    [InlineData("garbage", null)]
    public void The_next_link_is_found_among_the_others(string header, string? next) =>
        Assert.Equal(next, LinkHeaderPaging.FindNext([header]));

    [Fact]
    public void A_link_stays_on_the_same_integration_with_the_same_headers_and_credential_whatever_host_it_names()
    {
        var first = new ProxyRequest("github", ProxyMethods.Get, "/repos/{owner}/{repo}/issues") { CredentialId = "cred-1", OperationId = "issues/list" };
        first.SetPathValue("owner", "o").SetPathValue("repo", "r");
        first.Headers.Add("Accept", "application/vnd.github+json");

        ProxyRequest next = NextUrlPaging.FollowLink(first, "https://elsewhere.example/repositories/1/issues?page=2", linkBase: null);

        Assert.Equal("github", next.Integration);
        Assert.Equal("/repositories/1/issues?page=2", next.ToPathAndQuery());
        Assert.Equal("cred-1", next.CredentialId);
        Assert.Equal("application/vnd.github+json", next.Headers.Get("Accept"));
        Assert.Throws<ArgumentException>(() => NextUrlPaging.FollowLink(first, "ftp://x/y", linkBase: null));
        Assert.Throws<ArgumentException>(() => NextUrlPaging.FollowLink(first, "relative/path", linkBase: null));
    }

    [Theory]
    [InlineData("/services/data/*", "/services/data/v62.0/query/01g-2000", "/query/01g-2000")]
    [InlineData("/services/data/*", "/services/data/v62.0/query/01g-2000?x=/a/b", "/query/01g-2000?x=/a/b")]
    [InlineData("/services/data/*", "/query/01g-2000", "/query/01g-2000")]
    [InlineData("/services/data/*", "/services/other/v62.0/query", "/services/other/v62.0/query")]
    [InlineData("/api/v3", "/api/v3/repos/o/r/issues?page=2", "/repos/o/r/issues?page=2")]
    public void A_base_path_the_proxy_prepends_is_taken_off_a_link_that_repeats_it(string basePath, string link, string sent)
    {
        var first = new ProxyRequest("salesforce", ProxyMethods.Get, "/query");
        Assert.Equal(sent, NextUrlPaging.FollowLink(first, link, LinkBase.Parse(basePath)).Path);
    }

    [Fact]
    public void Bad_strategy_arguments_say_what_to_fix()
    {
        Assert.Contains("cursor", Assert.Throws<ArgumentException>(() => ParagonPaging.Cursor("", "next")).Message, StringComparison.Ordinal);
        Assert.Contains("a.b.c", Assert.Throws<ArgumentException>(() => ParagonPaging.Cursor("cursor", "a..b")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ParagonPaging.NextUrl(null!));
    }
}
