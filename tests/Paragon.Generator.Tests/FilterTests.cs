using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>Operation filters from spec item metadata, and what a filtered spec emits: only what its operations reach.</summary>
public sealed class FilterTests(ITestOutputHelper output)
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Shop, version: "1" }
        paths:
          /orders:
            get: { operationId: orders.list, tags: [Orders], responses: { "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Order' } } } } } } }
          /orders/{id}:
            delete: { operationId: orders.delete, tags: [Orders], parameters: [ { name: id, in: path, required: true, schema: { type: string } } ], responses: { "204": { description: none } } }
          /repos/{owner}/hooks:
            get: { operationId: hooks.list, tags: [Admin], parameters: [ { name: owner, in: path, required: true, schema: { type: string } } ], responses: { "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Hook' } } } } } }
          /billing:
            get: { operationId: billing.get, responses: { "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Invoice' } } } } } }
        components:
          schemas:
            Order: { type: object, properties: { id: { type: string }, customer: { $ref: '#/components/schemas/Customer' } } }
            Customer: { type: object, properties: { name: { type: string } } }
            Hook: { type: object, properties: { url: { type: string } } }
            Invoice: { type: object, properties: { total: { type: number } } }
        """;

    private static GenerationResult Run(Dictionary<string, string> metadata) =>
        GeneratorHarness.Run([new SpecFile("/specs/shop.yaml", Spec, Metadata: metadata)]);

    private static string[] Methods(GenerationResult result) =>
        result.Source("Shop.Client.g.cs").Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("private global::Paragon.Proxy.ProxyRequest ", StringComparison.Ordinal))
            .Select(l => l["private global::Paragon.Proxy.ProxyRequest ".Length..l.IndexOf('(', StringComparison.Ordinal)]).Order(StringComparer.Ordinal).ToArray();

    private static string[] Models(GenerationResult result) =>
        result.ModelNames("Shop");

    [Fact]
    public void Tags_keep_their_operations_and_only_the_schemas_those_reach_are_emitted()
    {
        GenerationResult result = Run(new() { ["IncludeTags"] = "orders" });
        Assert.Empty(result.Errors);
        Assert.Equal(["OrdersDeleteRequest", "OrdersListRequest"], Methods(result));
        Assert.Equal(["Customer", "Order"], Models(result));
    }

    [Fact]
    public void Include_lists_add_up_and_excludes_win()
    {
        GenerationResult result = Run(new() { ["IncludeTags"] = "Orders", ["IncludePaths"] = "/repos/**; /billing", ["ExcludeOperations"] = "orders.delete" });
        Assert.Empty(result.Errors);
        Assert.Equal(["BillingGetRequest", "HooksListRequest", "OrdersListRequest"], Methods(result));
        Assert.Equal(["Customer", "Hook", "Invoice", "Order"], Models(result));

        GenerationResult excluded = Run(new() { ["ExcludeTags"] = "admin", ["ExcludePaths"] = "/orders/*" });
        Assert.Equal(["BillingGetRequest", "OrdersListRequest"], Methods(excluded));
    }

    [Fact]
    public void A_double_star_after_a_slash_also_matches_no_segment_at_all()
    {
        Assert.Equal(["OrdersDeleteRequest", "OrdersListRequest"], Methods(Run(new() { ["IncludePaths"] = "/orders/**" })));
        Assert.Equal(["HooksListRequest"], Methods(Run(new() { ["IncludePaths"] = "/repos/**/hooks" })));
    }

    [Fact]
    public void A_single_star_stays_within_one_path_segment()
    {
        GenerationResult result = Run(new() { ["IncludePaths"] = "/repos/*" });
        Assert.Empty(Methods(result));
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON015" && d.GetMessage().Contains("'/repos/*'", StringComparison.Ordinal));
        Assert.Equal(["HooksListRequest"], Methods(Run(new() { ["IncludePaths"] = "/repos/*/hooks" })));
    }

    [Fact]
    public void An_entry_that_matches_nothing_is_PARAGON015_naming_it()
    {
        GenerationResult result = Run(new() { ["IncludeTags"] = "orders;ordrs", ["ExcludeOperations"] = "nope.*" });
        Diagnostic[] warnings = result.GeneratorDiagnostics.Where(d => d.Id == "PARAGON015").ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.Contains(warnings, d => d.GetMessage().Contains("IncludeTags entry 'ordrs'", StringComparison.Ordinal));
        Assert.Contains(warnings, d => d.GetMessage().Contains("ExcludeOperations entry 'nope.*'", StringComparison.Ordinal));
        Assert.All(warnings, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(["OrdersDeleteRequest", "OrdersListRequest"], Methods(result));
    }

    [Fact]
    public void A_filtered_spec_reports_PARAGON020_with_the_entries_as_read_what_it_kept_and_what_matched_nothing()
    {
        GenerationResult result = Run(new() { ["IncludeTags"] = "orders, ordrs", ["ExcludeOperations"] = "orders.delete;nope.*" });
        Diagnostic summary = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON020");
        Assert.Equal(DiagnosticSeverity.Info, summary.Severity);
        Assert.Equal(
            "The filters on 'shop.yaml' (IncludeTags: orders, ordrs; ExcludeOperations: orders.delete, nope.*) keep 1 of 4 operations; matching nothing: IncludeTags 'ordrs', ExcludeOperations 'nope.*'",
            summary.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("shop.yaml", Path.GetFileName(summary.Location.GetLineSpan().Path));

        Diagnostic clean = Assert.Single(Run(new() { ["IncludeTags"] = "orders" }).GeneratorDiagnostics, d => d.Id == "PARAGON020");
        Assert.EndsWith("keep 2 of 4 operations; every entry matches an operation", clean.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(GeneratorHarness.Run([new SpecFile("/specs/shop.yaml", Spec)]).GeneratorDiagnostics, d => d.Id == "PARAGON020");
    }

    [CorpusFact]
    public void GitHub_filtered_to_issues_emits_only_what_the_issues_operations_reach_and_compiles()
    {
        string path = GeneratorHarness.Corpus("github.json");
        string text = File.ReadAllText(path);
        GenerationResult full = GeneratorHarness.Run([new SpecFile("/specs/github.json", text)]);
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/github.json", text, Metadata: new Dictionary<string, string> { ["IncludeTags"] = "issues" })]);
        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);

        // Read independently of the generator: the operations tagged "issues", and every component their $refs reach.
        using JsonDocument document = JsonDocument.Parse(text);
        JsonElement schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var operations = 0;
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonElement>();
        string[] verbs = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
        foreach (JsonProperty item in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty operation in item.Value.EnumerateObject().Where(o => verbs.Contains(o.Name)))
            {
                if (operation.Value.TryGetProperty("tags", out JsonElement tags) && tags.EnumerateArray().Any(t => t.GetString() == "issues"))
                {
                    operations++;
                    pending.Push(operation.Value);
                    pending.Push(item.Value);
                }
            }
        }

        // Everything these operations refer to, through any component (parameters and responses too), transitively.
        while (pending.Count > 0)
        {
            JsonElement node = pending.Pop();
            if (node.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty property in node.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.GetString() is { } reference)
                    {
                        string[] parts = reference.Split('/');
                        if (parts.Length == 4 && parts[1] == "components" && parts[2] == "schemas" && reachable.Add(parts[3]))
                        {
                            pending.Push(schemas.GetProperty(parts[3]));
                        }
                        else if (parts.Length == 4 && parts[1] == "components" && parts[2] != "schemas")
                        {
                            pending.Push(document.RootElement.GetProperty("components").GetProperty(parts[2]).GetProperty(parts[3]));
                        }
                    }
                    else if (property.Name != "examples" && property.Name != "example")
                    {
                        pending.Push(property.Value);
                    }
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement element in node.EnumerateArray())
                {
                    pending.Push(element);
                }
            }
        }

        string client = result.Source("GitHub.Client.g.cs");
        int methods = client.Split('\n').Count(l => l.TrimStart().StartsWith("private global::Paragon.Proxy.ProxyRequest ", StringComparison.Ordinal));
        Assert.Equal(operations, methods);

        // No generated model is named after a component that the kept operations cannot reach.
        var unreachable = new HashSet<string>(schemas.EnumerateObject().Select(s => s.Name).Where(n => !reachable.Contains(n)).Select(n => Naming.Identifiers.Pascal(n, "Model")), StringComparer.Ordinal);
        var reachableNames = new HashSet<string>(reachable.Select(n => Naming.Identifiers.Pascal(n, "Model")), StringComparer.Ordinal);
        string[] models = result.ModelNames("GitHub");
        Assert.DoesNotContain(models, m => unreachable.Contains(m) && !reachableNames.Contains(m));

        int fullLines = full.Run.Results.SelectMany(r => r.GeneratedSources).Sum(s => s.SourceText.Lines.Count);
        int lines = result.Run.Results.SelectMany(r => r.GeneratedSources).Sum(s => s.SourceText.Lines.Count);
        output.WriteLine($"github.json: {operations} issues operations of {CorpusTests.CountOperations(text)}; {models.Length} models of {full.ModelNames("GitHub").Length}; {lines:N0} generated lines of {fullLines:N0}");
    }
}
