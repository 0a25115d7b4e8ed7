using System;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>An array parameter takes any sequence: an array, a list or a LINQ query, not only a <c>List&lt;T&gt;</c>.</summary>
public sealed class CollectionParameterTests(ITestOutputHelper output)
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Tags, version: "1" }
        paths:
          /tags/{ids}:
            get:
              operationId: tags.get
              parameters:
                - { name: ids, in: path, required: true, schema: { type: array, items: { type: integer } } }
                - { name: names, in: query, explode: false, schema: { type: array, items: { type: string } } }
                - { name: X-Labels, in: header, schema: { type: array, items: { type: string } } }
              responses: { "204": { description: none } }
        """;

    private const string Consumer = """
        using System.Linq;
        using Paragon.Integrations.Tags;

        public static class Caller
        {
            public static System.Threading.Tasks.Task Call(TagsClient client) =>
                client.TagsGetAsync(new[] { 1L, 2L }, new[] { "a", "b" }.Select(n => n.ToUpperInvariant()), xLabels: new[] { "a", "b" });

            public static System.Threading.Tasks.Task CallWithLists(TagsClient client) =>
                client.TagsGetAsync(new System.Collections.Generic.List<long> { 1 }, new System.Collections.Generic.List<string> { "a" });
        }
        """;

    [Fact]
    public void An_array_parameter_takes_an_array_a_list_or_a_query()
    {
        GenerationResult result = GeneratorHarness.RunClean(output, [new SpecFile("/specs/tags.yaml", Spec)], Consumer);
        string client = GeneratorHarness.ClientSource(result, "Tags");
        Assert.Contains("TagsGetAsync(global::System.Collections.Generic.IEnumerable<long> ids, global::System.Collections.Generic.IEnumerable<string>? names = null, "
            + "global::System.Collections.Generic.IEnumerable<string>? xLabels = null,", client, StringComparison.Ordinal);
    }
}
