using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// Paging without a declaration: a provider's own public spec pages by its integration's convention (Slack's cursor,
/// GitHub's Link header) as the curated one does by declaring it; a spec's own x-paragon-pagination wins; and a spec that
/// says nothing about paging is told why it has no …PagedAsync (PARAGON022, once).
/// </summary>
public sealed class ConventionPagingTests(ITestOutputHelper output)
{
    private static string[] PagedLines(string client) =>
        [.. client.Split('\n').Where(l => l.TrimStart().StartsWith("public global::Paragon.Paging.ParagonPageable<", StringComparison.Ordinal))];

    /// <summary>The line after a paged method's signature: the strategy and how the items are picked.</summary>
    private static string Paged(string client, string method) =>
        client.Split('\n').SkipWhile(l => !l.Contains(" " + method + "(", StringComparison.Ordinal) || !l.Contains("ParagonPageable<", StringComparison.Ordinal)).Skip(1).FirstOrDefault() ?? string.Empty;

    [CorpusFact]
    public void Slacks_public_spec_pages_its_cursor_lists_as_the_curated_one_does()
    {
        GenerationResult result = GeneratorHarness.RunClean(output, new SpecFile(GeneratorHarness.Corpus("slack.json"), System.IO.File.ReadAllText(GeneratorHarness.Corpus("slack.json")), Integration: "slack"));
        string client = GeneratorHarness.ClientSource(result, "Slack");
        string[] paged = PagedLines(client);
        output.WriteLine($"{paged.Length} paged: " + string.Join(", ", paged.Select(l => l[(l.LastIndexOf("> ", StringComparison.Ordinal) + 2)..l.IndexOf('(', StringComparison.Ordinal)])));

        // None before the convention (the spec declares no paging). The curated spec's five: the same strategy, items and stop rule.
        Assert.Contains("ParagonPaging.Cursor(\"cursor\", \"response_metadata.next_cursor\")", Paged(client, "ConversationsListPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("static __page => __page.Channels,", Paged(client, "ConversationsListPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("static __page => __page.Members,", Paged(client, "ConversationsMembersPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("static __page => __page.Members,", Paged(client, "UsersListPagedAsync"), StringComparison.Ordinal);
        foreach (string history in new[] { "ConversationsHistoryPagedAsync", "ConversationsRepliesPagedAsync" })
        {
            Assert.Contains("ParagonPaging.Cursor(\"cursor\", \"response_metadata.next_cursor\", hasMorePath: \"has_more\")", Paged(client, history), StringComparison.Ordinal);
            Assert.Contains("static __page => __page.Messages,", Paged(client, history), StringComparison.Ordinal);
        }

        // Beyond the curated five, every other method of the convention: files.info pages the file's comments, as Slack's
        // cursor on it does; admin.conversations.search, whose answer's schema declares no response_metadata, is left as it is
        // (the schema must back the guess; only the two history methods the curated spec pages are named without it).
        Assert.Contains("static __page => __page.Comments,", Paged(client, "FilesInfoPagedAsync"), StringComparison.Ordinal);
        Assert.DoesNotContain("AdminConversationsSearchPagedAsync", client, StringComparison.Ordinal);
        Assert.Equal(11, paged.Length);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "PARAGON017" or "PARAGON022");
    }

    [CorpusFact]
    public void GitHubs_public_spec_pages_its_lists_by_the_Link_header()
    {
        // The clean run CorpusTests and ModelFactoryTests also take (one compile of GitHub's code for the three).
        EmittedRun run = GitHubEmit.Take();
        run.AssertClean(output);
        GenerationResult result = run.Result;
        string client = GeneratorHarness.ClientSource(result, "GitHub");
        string[] paged = PagedLines(client);
        output.WriteLine($"{paged.Length} paged");

        Assert.Contains("ParagonPaging.LinkHeader(), cancellationToken);", Paged(client, "IssuesListForRepoPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("static __page => __page,", Paged(client, "IssuesListForRepoPagedAsync"), StringComparison.Ordinal);
        // An answer around one list (the Actions runs) pages by the same header, its items inside.
        Assert.Contains("static __page => __page.WorkflowRuns,", Paged(client, "ActionsListWorkflowRunsForRepoPagedAsync"), StringComparison.Ordinal);
        Assert.DoesNotContain("IssuesCreatePagedAsync", client, StringComparison.Ordinal); // a POST is no list
        Assert.DoesNotContain("IssuesGetPagedAsync", client, StringComparison.Ordinal);    // one issue is no list
        // None before the convention (the spec declares no paging). Of its 181 GETs that answer an array or take
        // per_page/page, two are left: requested_reviewers answers two arrays (users and teams), and list-contributors
        // may answer 204 with no body, which a page cannot be.
        Assert.Equal(179, paged.Length);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "PARAGON017" or "PARAGON022");
    }

    private const string SlackLike = """
        openapi: 3.0.3
        info: { title: Slack-like, version: "1" }
        {0}
        paths:
          /conversations.list:
            get:
              operationId: conversations.list
              {1}
              parameters:
                - { name: cursor, in: query, schema: { type: string } }
              responses:
                "200":
                  description: A page.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          ok: { type: boolean }
                          channels: { type: array, items: { type: string } }
                          response_metadata: { type: object, properties: { next_cursor: { type: string } } }
          /chat.postMessage:
            post:
              operationId: chat.postMessage
              responses:
                "200": { description: Sent., content: { application/json: { schema: { type: object, properties: { ok: { type: boolean } } } } } }
        """;

    private GenerationResult RunSlackLike(string integration, string root = "", string operation = "") =>
        GeneratorHarness.RunClean(output, new SpecFile("/specs/slacky.yaml", SlackLike.Replace("{0}", root, StringComparison.Ordinal).Replace("{1}", operation, StringComparison.Ordinal), Integration: integration));

    [Fact]
    public void The_slack_convention_pages_a_cursor_list_of_any_spec_given_the_slack_integration()
    {
        string client = GeneratorHarness.ClientSource(RunSlackLike("slack"), "Slack");
        Assert.Contains("ParagonPaging.Cursor(\"cursor\", \"response_metadata.next_cursor\")", Paged(client, "ConversationsListPagedAsync"), StringComparison.Ordinal);
        Assert.Single(PagedLines(client));

        // Another integration has no such convention: the same spec gets no paged form, and is told why.
        GenerationResult other = RunSlackLike("chatty");
        Assert.Empty(PagedLines(GeneratorHarness.ClientSource(other, "Chatty")));
        Assert.Equal("PARAGON022", Assert.Single(other.GeneratorDiagnostics).Id);
    }

    [Theory]
    [InlineData("", "x-paragon-pagination: false")]
    [InlineData("x-paragon-pagination: false", "")]
    public void A_specs_x_paragon_pagination_false_wins_over_the_convention_and_is_not_told_PARAGON022(string root, string operation)
    {
        GenerationResult result = RunSlackLike("slack", root, operation);
        Assert.Empty(PagedLines(GeneratorHarness.ClientSource(result, "Slack")));
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void At_the_root_only_x_paragon_pagination_false_is_understood()
    {
        // Paging is declared per operation: anything else at the root is PARAGON017 at its line, and the convention still applies.
        GenerationResult result = RunSlackLike("slack", root: "x-paragon-pagination: {strategy: cursor}");
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PARAGON017", warning.Id);
        Assert.Equal(2, warning.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("only false is understood", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Single(PagedLines(GeneratorHarness.ClientSource(result, "Slack")));
    }

    [Fact]
    public void A_specs_own_declaration_wins_over_the_convention()
    {
        // The spec's own stop rule and items, not the convention's.
        GenerationResult result = RunSlackLike("slack", operation: "x-paragon-pagination: {strategy: cursor, param: cursor, next: response_metadata.next_cursor, hasMore: ok, items: channels}");
        Assert.Contains("hasMorePath: \"ok\"", Paged(GeneratorHarness.ClientSource(result, "Slack"), "ConversationsListPagedAsync"), StringComparison.Ordinal);
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void A_spec_that_declares_no_paging_is_told_so_once_at_its_info()
    {
        const string spec = """
            openapi: 3.0.3
            info: { title: Plain, version: "1" }
            paths:
              /things:
                get:
                  operationId: things.list
                  responses:
                    "200": { description: Things., content: { application/json: { schema: { type: array, items: { type: string } } } } }
              /others:
                get:
                  operationId: others.list
                  responses:
                    "200": { description: Others., content: { application/json: { schema: { type: array, items: { type: string } } } } }
            """;
        GenerationResult result = GeneratorHarness.RunClean(output, new SpecFile("/specs/plain.yaml", spec));
        Diagnostic info = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PARAGON022", info.Id);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Equal("/specs/plain.yaml", info.Location.GetLineSpan().Path);
        Assert.Equal(1, info.Location.GetLineSpan().StartLinePosition.Line); // info:
        Assert.Contains("'plain.yaml'", info.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("x-paragon-pagination", info.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_that_declares_paging_is_not_told_PARAGON022()
    {
        GenerationResult result = GeneratorHarness.RunClean(output, SpecFile.FromDisk(GeneratorHarness.TestSpec("pageable.yaml")), SpecFile.FromDisk(GeneratorHarness.Shipped("slack.yaml")));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON022");
    }
}
