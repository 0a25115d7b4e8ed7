using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Paragon.Generator.Reading;
using Paragon.Generator.Reading.SpecText;
using Xunit;

namespace Paragon.Generator.Tests;

/// <summary>
/// The locator's two JSON walks place every pointer alike: the quick one (text System.Text.Json already parsed, unwanted
/// values stepped over by brackets and quotes) and the <see cref="Utf8JsonReader"/> one, which it replaced on the fast
/// path and which still walks any other text. A diagnostic's line comes from this, so they must never differ.
/// </summary>
public sealed class SpecLocatorWalkTests
{
    /// <summary>Escaped and non-ASCII names, brackets and quotes inside strings, nested arrays, every kind of literal.</summary>
    private const string Tricky = """
        {
          "openapi": "3.0.3",
          "a\"b": { "x~y/z": [1, -2.5e3, true, false, null, "]}\"[{", { "k": "\\" } ] },
          "\u00e9t\u00e9": { "été": "\u0041", "braces": "{[}]", "empty": {}, "none": [] },
          "paths": {
            "/pets/{id}": { "get": { "responses": { "200": { "description": "ok \\\" still a string" } } } },
            "/deep": [[[{"a": [[1], [2, [3]]]}]], "tail"]
          },
          "dup": 1,
          "dup": { "second": true },
          "last":"no spaces","n":0}
        """;

    [Fact]
    public void Both_walks_place_every_node_of_a_tricky_document_alike()
    {
        string text = Tricky.Replace("\n", "\r\n", StringComparison.Ordinal); // CRLF too: columns count from the line start
        List<string> pointers = Pointers(text);
        Assert.True(pointers.Count >= 40, "the document walk found only " + pointers.Count + " nodes");
        AssertSamePlaces(text, pointers, prepare: false);
        AssertSamePlaces(text, pointers, prepare: true);
        AssertSamePlaces(Tricky, pointers, prepare: true);
    }

    [CorpusFact]
    public void Both_walks_place_a_sample_of_every_corpus_json_spec_alike()
    {
        foreach (string file in SharedSpecs.Files(SharedSpecs.CorpusFolder).Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(Path.Combine(SharedSpecs.CorpusFolder, file));
            List<string> all = Pointers(text);

            // Every 61st node (deep and shallow ones, keys and array items), as a spec's diagnostics would name them.
            List<string> sample = all.Where((_, i) => i % 61 == 0).ToList();
            AssertSamePlaces(text, sample, prepare: true, file);
        }
    }

    private static void AssertSamePlaces(string text, List<string> pointers, bool prepare, string name = "tricky")
    {
        // Pointers that are not written in the file fall back to their nearest written ancestor, in both walks.
        List<string> asked = [.. pointers, "#/paths/~1nowhere/get", "#/components/schemas/Nope/properties/x", "#/a\"b/x~0y~1z/99"];
        SpecLocator quick = Locator(text, readerWalk: false);
        SpecLocator reader = Locator(text, readerWalk: true);
        if (prepare)
        {
            quick.Prepare(asked);
            reader.Prepare(asked);
        }

        foreach (string pointer in asked)
        {
            Assert.True(reader.Find(pointer) == quick.Find(pointer), $"{name}: {pointer}: reader walk {reader.Find(pointer)}, quick walk {quick.Find(pointer)}");
        }
    }

    private static SpecLocator Locator(string text, bool readerWalk)
    {
        var source = new SpecSource(text, isYaml: false) { ForceReaderWalk = readerWalk };
        source.UseValidUtf8(Encoding.UTF8.GetBytes(text));
        return new SpecLocator(source);
    }

    /// <summary>The pointer of every node of the document, in document order (the first of a repeated key's nodes only).</summary>
    private static List<string> Pointers(string text)
    {
        var pointers = new List<string>();
        using JsonDocument document = JsonDocument.Parse(text);
        Add(document.RootElement, "#");
        return pointers;

        void Add(JsonElement element, string pointer)
        {
            pointers.Add(pointer);
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Add(property.Value, pointer + "/" + property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Add(item, pointer + "/" + index++);
                }
            }
        }
    }
}
