using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Paragon.Generator.Reading;
using Paragon.Generator.Reading.SpecText;
using Xunit;

namespace Paragon.Generator.Tests;

/// <summary>
/// The one walk over spec text (<see cref="SpecTextWalker"/>) that the locator and the typeless nullables are built on:
/// the pointers and places it tells, for JSON (both walks) and YAML, YAML aliases followed, and hostile aliases bounded.
/// </summary>
public sealed class SpecTextWalkerTests
{
    [Fact]
    public void Json_pointers_escape_tilde_and_slash_and_count_array_items_in_both_walks()
    {
        string text = """
            {"a~b": {"c/d": [1, {"e": true}, [null]]},
             "x": "y\"z}]", "esc\u002fkey": false, "é": {}}
            """;
        string[] expected =
        [
            "#: Object", "#/a~0b: Object", "#/a~0b/c~1d: Array", "#/a~0b/c~1d/0: Scalar", "#/a~0b/c~1d/1: Object",
            "#/a~0b/c~1d/1/e: True", "#/a~0b/c~1d/2: Array", "#/a~0b/c~1d/2/0: Scalar", "#/x: Scalar", "#/esc~1key: Scalar", "#/é: Object",
        ];
        List<Told> reader = Walk(Source(text, valid: false));
        List<Told> quick = Walk(Source(text, valid: true));
        Assert.Equal(expected, reader.Select(t => t.Pointer + ": " + t.Kind));
        Assert.Equal(reader, quick);

        // A member is placed at its key (with its quotes), an item at its value.
        Told key = reader.Single(t => t.Pointer == "#/x");
        Assert.Equal(text.IndexOf("\"x\"", StringComparison.Ordinal), key.Place.Start);
        Assert.Equal(3, key.Place.Length);
        Told item = reader.Single(t => t.Pointer == "#/a~0b/c~1d/1");
        Assert.Equal(text.IndexOf("{\"e\"", StringComparison.Ordinal), item.Place.Start);
    }

    [Fact]
    public void Json_places_count_characters_not_bytes_whatever_order_they_are_asked_in()
    {
        string text = "{\n  \"é\": {\"ü\": 1},\n  \"日本\": [\n    \"😀\", {\"k\": 2}],\n  \"z\": 3\n}";
        foreach (bool valid in new[] { true, false })
        {
            var locator = new SpecLocator(Source(text, valid));
            foreach ((string pointer, string written) in new[] { ("#/z", "\"z\""), ("#/日本/1/k", "\"k\""), ("#/é/ü", "\"ü\""), ("#/日本/0", "\"😀\""), ("#/é", "\"é\"") })
            {
                SpecPosition place = locator.Find(pointer);
                int start = text.IndexOf(written, StringComparison.Ordinal);
                Assert.Equal(start, place.Start);
                Assert.Equal(start - text.LastIndexOf('\n', start) - 1, place.Column);
            }
        }
    }

    [Fact]
    public void Json_that_is_not_strict_is_walked_with_its_comments_and_trailing_commas()
    {
        string text = """
            {
              // a comment
              "a": [1, 2,],
              /* another */ "b": { "nullable": true, },
            }
            """;
        Assert.Equal(["#", "#/a", "#/a/0", "#/a/1", "#/b", "#/b/nullable"], Walk(Source(text, valid: false)).Select(t => t.Pointer));
        Assert.Equal(["#/b"], TypelessNullables.Find(Source(text, valid: false)));
    }

    [Fact]
    public void Yaml_pointers_through_block_and_flow_style_block_scalars_and_comments()
    {
        string text = """
            # a comment
            a~b:
              c/d:
                - 1
                - e: true   # a comment after a value
                - [null, {f: 'g'}]
            text: |
              line one
              e: not a key
            folded: >
              folded
              text
            flow: {h: 1, i: [2, 3]}
            """;
        List<Told> told = Walk(new SpecSource(text, isYaml: true));
        Assert.Equal(
            [
                "#: Object", "#/a~0b: Object", "#/a~0b/c~1d: Array", "#/a~0b/c~1d/0: Scalar", "#/a~0b/c~1d/1: Object", "#/a~0b/c~1d/1/e: True",
                "#/a~0b/c~1d/2: Array", "#/a~0b/c~1d/2/0: Scalar", "#/a~0b/c~1d/2/1: Object", "#/a~0b/c~1d/2/1/f: Scalar",
                "#/text: Scalar", "#/folded: Scalar", "#/flow: Object", "#/flow/h: Scalar", "#/flow/i: Array", "#/flow/i/0: Scalar", "#/flow/i/1: Scalar",
            ],
            told.Select(t => t.Pointer + ": " + t.Kind));
        Assert.Equal(text.IndexOf("text:", StringComparison.Ordinal), told.Single(t => t.Pointer == "#/text").Place.Start);
        Assert.Equal(text.IndexOf("[null", StringComparison.Ordinal), told.Single(t => t.Pointer == "#/a~0b/c~1d/2").Place.Start);
    }

    /// <summary>Fails before the walker followed aliases: the alias's pointer was not found, and the property was not nullable.</summary>
    [Fact]
    public void A_typeless_nullable_reached_through_a_yaml_alias_is_found_at_the_alias()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Alias, version: "1" }
            paths:
              /issue:
                get:
                  operationId: issue
                  responses:
                    "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Issue' } } } }
            components:
              schemas:
                User: { type: object, required: [login], properties: { login: { type: string } } }
                Issue:
                  type: object
                  required: [user, assignee]
                  properties:
                    user: &nullableUser
                      nullable: true
                      allOf: [ { $ref: '#/components/schemas/User' } ]
                    assignee: *nullableUser
            """;
        Assert.Equal(
            ["#/components/schemas/Issue/properties/assignee", "#/components/schemas/Issue/properties/user"],
            TypelessNullables.Find(new SpecSource(spec, isYaml: true)).OrderBy(p => p, StringComparer.Ordinal));

        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/alias.yaml", spec)]);
        Assert.Empty(result.Errors);
        string issue = result.Model("Issue", "Alias");
        Assert.Contains("global::Paragon.Integrations.Alias.User? User { get; set; }", issue, StringComparison.Ordinal);
        Assert.Contains("global::Paragon.Integrations.Alias.User? Assignee { get; set; }", issue, StringComparison.Ordinal);
    }

    /// <summary>Fails before the walker followed aliases: the pointer fell back to the alias's own key.</summary>
    [Fact]
    public void A_pointer_under_a_yaml_alias_is_placed_where_the_anchored_node_writes_it()
    {
        string text = """
            components:
              schemas:
                Base: &base
                  type: object
                  properties:
                    id: { type: string }
                Copy: *base
            """;
        var locator = new SpecLocator(new SpecSource(text, isYaml: true));
        SpecPosition id = locator.Find("#/components/schemas/Copy/properties/id");
        Assert.Equal(text.IndexOf("id:", StringComparison.Ordinal), id.Start);
        Assert.Equal(5, id.Line);

        // The alias itself is placed at its key, and prepared lookups find the same.
        Assert.Equal(text.IndexOf("Copy:", StringComparison.Ordinal), locator.Find("#/components/schemas/Copy").Start);
        locator.Prepare(["#/components/schemas/Copy/properties/id/type"]);
        Assert.Equal(text.IndexOf("type: string", StringComparison.Ordinal), locator.Find("#/components/schemas/Copy/properties/id/type").Start);
    }

    [Fact]
    public void A_later_anchor_of_the_same_name_is_followed_from_there_on()
    {
        string text = """
            a: &x { first: 1 }
            b: *x
            c: &x { second: 2 }
            d: *x
            """;
        List<string> pointers = Walk(new SpecSource(text, isYaml: true)).Select(t => t.Pointer).ToList();
        Assert.Contains("#/b/first", pointers);
        Assert.Contains("#/d/second", pointers);
        Assert.DoesNotContain("#/d/first", pointers);
    }

    [Fact]
    public void Hostile_aliases_are_bounded_billion_laughs_a_cycle_and_a_deep_chain()
    {
        // Nine levels of ten aliases each: a billion nodes if followed as written.
        var laughs = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++)
        {
            string previous = "*l" + (level - 1);
            laughs.Append('l').Append(level).Append(": &l").Append(level).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat(previous, 10))).Append("]\n");
        }

        laughs.Append("bomb: { nullable: true, x: *l9 }\n");
        var watch = Stopwatch.StartNew();
        List<Told> told = Walk(new SpecSource(laughs.ToString(), isYaml: true));
        Assert.InRange(told.Count, 1, SpecTextWalker.MaxAliasEvents + 1_000);
        Assert.Equal(["#/bomb"], TypelessNullables.Find(new SpecSource(laughs.ToString(), isYaml: true)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the walk took " + watch.Elapsed);

        // An alias inside its own anchor is not followed (it would repeat without end): it is told as a scalar.
        List<Told> cycle = Walk(new SpecSource("a: &a [1, *a]\n", isYaml: true));
        Assert.Equal(["#: Object", "#/a: Array", "#/a/0: Scalar", "#/a/1: Scalar"], cycle.Select(t => t.Pointer + ": " + t.Kind));

        // A chain of anchors each nesting the last: followed only so deep, and never on the stack.
        var chain = new StringBuilder("c0: &c0 [end]\n");
        for (int i = 1; i < 2_000; i++)
        {
            chain.Append('c').Append(i).Append(": &c").Append(i).Append(" [*c").Append(i - 1).Append("]\n");
        }

        List<Told> deep = Walk(new SpecSource(chain.ToString(), isYaml: true));
        Assert.InRange(deep.Max(t => t.Depth), SpecTextWalker.MaxAliasDepth, SpecTextWalker.MaxAliasDepth + 2);
    }

    /// <summary>JSON as the fast reader hands it on (known valid: the quick walk), or as any other JSON (<see cref="System.Text.Json.Utf8JsonReader"/>).</summary>
    private static SpecSource Source(string text, bool valid)
    {
        var source = new SpecSource(text, isYaml: false);
        if (valid)
        {
            source.UseValidUtf8(Encoding.UTF8.GetBytes(text));
        }

        return source;
    }

    private static List<Told> Walk(SpecSource source)
    {
        var recorder = new Recorder();
        Assert.True(SpecTextWalker.Walk(source, recorder));
        return recorder.Told;
    }

    private readonly record struct Told(string Pointer, SpecNodeKind Kind, SpecPosition Place, int Depth);

    private sealed class Recorder : ISpecTextVisitor
    {
        public List<Told> Told { get; } = [];

        public bool Enter(SpecTextWalker walker, SpecNodeKind kind, SpecPosition place)
        {
            Told.Add(new Told("#" + walker.Pointer, kind, place, walker.Depth));
            return true;
        }

        public void Leave(SpecTextWalker walker)
        {
        }
    }
}
