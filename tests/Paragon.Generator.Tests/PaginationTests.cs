using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// Paging declarations: x-paragon-pagination on the shipped specs, x-ms-pageable and x-speakeasy-pagination as other
/// generators' specs write them, and PARAGON017 (never an exception, never a broken build) for one that cannot be followed.
/// </summary>
public sealed class PaginationTests(ITestOutputHelper output)
{
    private GenerationResult Run(params SpecFile[] specs) => GeneratorHarness.RunClean(output, specs);

    private static string Client(GenerationResult result, string className) => GeneratorHarness.ClientSource(result, className);

    [Theory]
    [InlineData("slack.yaml", "Slack", "ConversationsListPagedAsync", "ParagonPaging.Cursor(\"cursor\", \"response_metadata.next_cursor\")", "__page.Channels")]
    [InlineData("slack.yaml", "Slack", "ConversationsHistoryPagedAsync", "hasMorePath: \"has_more\"", "__page.Messages")]
    [InlineData("notion.yaml", "Notion", "DatabasesQueryPagedAsync", "ParagonPaging.Cursor(\"start_cursor\", \"next_cursor\", global::Paragon.Paging.PagingTokenLocation.Body, hasMorePath: \"has_more\")", "__page.Results")]
    [InlineData("notion.yaml", "Notion", "UsersListPagedAsync", "ParagonPaging.Cursor(\"start_cursor\", \"next_cursor\", hasMorePath: \"has_more\")", "__page.Results")]
    [InlineData("hubspot.yaml", "HubSpot", "ContactsGetPagePagedAsync", "ParagonPaging.Cursor(\"after\", \"paging.next.after\")", "__page.Results")]
    [InlineData("googleCalendar.yaml", "GoogleCalendar", "EventsListPagedAsync", "ParagonPaging.Cursor(\"pageToken\", \"nextPageToken\")", "__page.Items")]
    [InlineData("salesforce.yaml", "Salesforce", "QueryPagedAsync", "ParagonPaging.NextUrl(\"nextRecordsUrl\", \"done\", basePath: \"/services/data/*\")", "__page.Records")]
    public void A_shipped_list_operation_gets_a_paged_form(string spec, string className, string method, string strategy, string items)
    {
        GenerationResult result = Run(SpecFile.FromDisk(GeneratorHarness.Shipped(spec)));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON017");
        string line = Client(result, className).Split('\n').SkipWhile(l => !l.Contains(" " + method + "(", StringComparison.Ordinal)).Skip(1).First();
        Assert.Contains(strategy, line, StringComparison.Ordinal);
        Assert.Contains("static __page => " + items, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paged_form_never_takes_a_real_operations_name()
    {
        // Salesforce has a real queryAll (deleted records too); "QueryAllAsync" for the paged query would have renamed it.
        GenerationResult result = Run(SpecFile.FromDisk(GeneratorHarness.Shipped("salesforce.yaml")));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON005");
        string client = Client(result, "Salesforce");
        Assert.Contains("> QueryAllAsync(", client, StringComparison.Ordinal);
        Assert.Contains(" QueryPagedAsync(", client, StringComparison.Ordinal);
        Assert.Contains(" QueryAllPagedAsync(", client, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_and_Speakeasy_paging_extensions_are_followed()
    {
        GenerationResult result = Run(SpecFile.FromDisk(GeneratorHarness.TestSpec("pageable.yaml")));
        Assert.Empty(result.GeneratorDiagnostics);
        string client = Client(result, "Pageable");
        string Paged(string method) => client.Split('\n').SkipWhile(l => !l.Contains(" " + method + "(", StringComparison.Ordinal)).Skip(1).FirstOrDefault() ?? string.Empty;

        Assert.Contains("ParagonPaging.NextUrl(\"nextLink\"), ", Paged("VaultsListPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("static __page => __page.Value,", Paged("VaultsListPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("ParagonPaging.NextUrl(\"more\")", Paged("VaultsListNamedPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("static __page => __page.Vaults,", Paged("VaultsListNamedPagedAsync"), StringComparison.Ordinal);
        Assert.DoesNotContain("VaultsListSinglePagedAsync", client, StringComparison.Ordinal); // x-ms-pageable: {} is one page
        Assert.Contains("ParagonPaging.Cursor(\"after\", \"meta.next\")", Paged("ListUsersPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("static __page => __page.Data,", Paged("ListUsersPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("ParagonPaging.Cursor(\"cursor\", \"next\", global::Paragon.Paging.PagingTokenLocation.Body)", Paged("SearchUsersPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("ParagonPaging.Offset(\"page\", pageNumbers: true)", Paged("ListEventsPagedAsync"), StringComparison.Ordinal);
        Assert.Contains("static __page => __page,", Paged("ListEventsPagedAsync"), StringComparison.Ordinal);
    }

    [Fact]
    public void X_ms_pageable_is_read_by_the_fast_JSON_reader_too()
    {
        const string spec = """
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {"/things": {"get": {"operationId": "Things_List",
              "x-ms-pageable": {"nextLinkName": "nextLink"},
              "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {
                "value": {"type": "array", "items": {"type": "string"}}, "nextLink": {"type": "string"}}}}}}}}}}}
            """;
        GenerationResult result = Run(new SpecFile("/specs/things.json", spec));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("ParagonPageable<global::Paragon.Integrations.Things.ThingsListResponse, string> ThingsListPagedAsync(", Client(result, "Things"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cursor", "must be a map")]
    [InlineData("{strategy: scroll, items: data}", "the strategy 'scroll'")]
    [InlineData("{strategy: cursor, param: cursor, next: next}", "it needs items")]
    [InlineData("{strategy: cursor, next: next, items: data}", "needs param")]
    [InlineData("{strategy: cursor, param: cursor, items: data}", "needs next")]
    [InlineData("{strategy: nextUrl, next: next, items: data, hasMore: more}", "hasMore goes with the cursor strategy only")]
    [InlineData("{strategy: cursor, param: cursor, in: header, next: next, items: data}", "in is 'header'")]
    [InlineData("{strategy: cursor, param: cursor, in: body, next: next, items: data}", "needs a JSON request body")]
    [InlineData("{strategy: cursor, param: cursor, next: next, items: data, hasmore: more}", "'hasmore' is not one of its keys")]
    [InlineData("{strategy: cursor, param: cursor, next: 'data[0].id', items: data}", "not a dotted path")]
    [InlineData("{strategy: cursor, param: cursor, next: next, items: next}", "are not an array")]
    [InlineData("{strategy: cursor, param: cursor, next: next, items: page.data}", "no property 'page'")]
    [InlineData("{strategy: linkHeader, items: [data]}", "items must be a non-empty string")]
    public void An_unusable_x_paragon_pagination_is_PARAGON017_at_its_line_and_the_operation_stays(string extension, string problem)
    {
        string spec = $$"""
            openapi: 3.0.3
            info: { title: Broken, version: "1" }
            paths:
              /things:
                get:
                  operationId: things.list
                  x-paragon-pagination: {{extension}}
                  responses:
                    "200":
                      description: A page.
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              data: { type: array, items: { type: string } }
                              next: { type: string }
            """;
        GenerationResult result = Run(new SpecFile("/specs/broken.yaml", spec));
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PARAGON017", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("/specs/broken.yaml", warning.Location.GetLineSpan().Path);
        Assert.Equal(6, warning.Location.GetLineSpan().StartLinePosition.Line); // the x-paragon-pagination line
        Assert.Contains(problem, warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("things.list", warning.GetMessage(), StringComparison.Ordinal);
        string client = Client(result, "Broken");
        Assert.Contains(" ThingsListAsync(", client, StringComparison.Ordinal);
        Assert.DoesNotContain("PagedAsync", client, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{type: cursor, inputs: [{name: after, in: parameters, type: cursor}], outputs: {nextCursor: '$.items[0].id', results: $.data}}", "not a JSONPath of member names")]
    [InlineData("{type: cursor, inputs: [], outputs: {nextCursor: $.next, results: $.data}}", "input of type cursor")]
    [InlineData("{type: cursor, inputs: [{name: after, in: parameters, type: cursor}], outputs: {nextCursor: $.next}}", "outputs.results")]
    [InlineData("{type: scroll, outputs: {results: $.data}}", "the type 'scroll'")]
    [InlineData("{nextLinkName: next.link}", "without dots")]
    public void An_unusable_Speakeasy_or_Azure_extension_is_PARAGON017(string extension, string problem)
    {
        string name = extension.Contains("nextLinkName", StringComparison.Ordinal) ? "x-ms-pageable" : "x-speakeasy-pagination";
        string spec = $$"""
            openapi: 3.0.3
            info: { title: Broken, version: "1" }
            paths:
              /things:
                get:
                  operationId: things.list
                  {{name}}: {{extension}}
                  responses:
                    "200":
                      description: A page.
                      content:
                        application/json:
                          schema: { type: object, properties: { data: { type: array, items: { type: string } }, next: { type: string } } }
            """;
        GenerationResult result = Run(new SpecFile("/specs/broken.yaml", spec));
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PARAGON017", warning.Id);
        Assert.Equal(6, warning.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(name, warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(problem, warning.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("PagedAsync", Client(result, "Broken"), StringComparison.Ordinal);
    }
}
