using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Paragon.Generator.Reading;
using Paragon.Generator.Reading.Json;
using Xunit;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// The fast JSON reader (Reading/Json) against Microsoft.OpenApi, its reference: for every real-world JSON spec, all the
/// generated files and all the diagnostics are the same whichever of the two read it. Where the fast reader gives up, the
/// spec is read by Microsoft.OpenApi, so the comparison is then trivially equal and the test says so in its output.
/// </summary>
public sealed class JsonReaderTests(ITestOutputHelper output)
{
    public static TheoryData<string> CorpusJson() => JsonFiles(SharedSpecs.CorpusFolder);

    public static TheoryData<string> WideJson() => JsonFiles(SharedSpecs.WideFolder);

    [SharedTheory("specs-corpus")]
    [MemberData(nameof(CorpusJson))]
    public void A_corpus_json_spec_generates_the_same_through_both_readers(string file) =>
        AssertSameOutput(GeneratorHarness.Corpus(file));

    [SharedTheory("specs-wide")]
    [MemberData(nameof(WideJson))]
    public void A_wide_json_spec_generates_the_same_through_both_readers(string file) =>
        AssertSameOutput(GeneratorHarness.Wide(file));

    /// <summary>The comparison above is not vacuous: the big 3.0 specs really are read by the fast reader.</summary>
    [CorpusFact]
    public void The_fast_reader_reads_the_big_openapi_3_0_specs()
    {
        foreach (string name in new[] { "github-full.json", "stripe.json", "github.json", "twilio-api-v2010.json" })
        {
            Assert.True(JsonSpecReader.TryRead(File.ReadAllText(GeneratorHarness.Corpus(name))) is not null, name + " fell back to Microsoft.OpenApi");
        }
    }

    [Fact]
    public void Swagger_2_json_falls_back_to_Microsoft_OpenApi_and_generates()
    {
        const string swagger = """
            {
              "swagger": "2.0",
              "info": { "title": "Pets", "version": "1" },
              "paths": { "/pets": { "get": { "operationId": "listPets", "responses": { "200": { "description": "ok", "schema": { "type": "array", "items": { "type": "string" } } } } } } }
            }
            """;
        Assert.Null(JsonSpecReader.TryRead(swagger));

        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/pets.json", swagger)]);
        Assert.Empty(result.Errors);
        Assert.Contains("ListPetsAsync", result.Source("Pets.Client.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_is_read_by_Microsoft_OpenApi_and_generates()
    {
        const string yaml = """
            openapi: 3.0.3
            info: { title: Pets, version: "1" }
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses:
                    "200": { description: ok, content: { application/json: { schema: { type: array, items: { type: string } } } } }
            """;
        Assert.Null(JsonSpecReader.TryRead(yaml)); // not JSON at all

        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/pets.yaml", yaml)]);
        Assert.Empty(result.Errors);
        Assert.Contains("ListPetsAsync", result.Source("Pets.Client.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_falls_back_and_is_PARAGON001_at_its_line()
    {
        string path = GeneratorHarness.TestSpec("broken.json");
        Assert.Null(JsonSpecReader.TryRead(File.ReadAllText(path)));

        GenerationResult result = GeneratorHarness.Run([SpecFile.FromDisk(path)]);
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PARAGON001", error.Id);
        Assert.Equal(4, error.Location.GetLineSpan().StartLinePosition.Line); // the ",," on the 5th line
    }

    /// <summary>What the fast reader cannot place exactly as Microsoft.OpenApi would is left to it, with the same result.</summary>
    [Theory]
    [InlineData("""{ "$ref": "#/components/schemas/Missing" }""")] // a dangling reference: Microsoft.OpenApi's to report
    [InlineData("""{ "type": "object", "const": "x" }""")] // not a 3.0 keyword: an error there
    [InlineData("""{ "type": "array", "items": [{ "type": "string" }] }""")] // a tuple: an error there, PARAGON warning here
    [InlineData("""{ "type": "number", "maximum": 5, "exclusiveMaximum": true }""")]
    public void A_construct_the_fast_reader_does_not_know_is_left_to_Microsoft_OpenApi(string schema)
    {
        string spec = """
            {
              "openapi": "3.0.3",
              "info": { "title": "Odd", "version": "1" },
              "paths": { "/a": { "get": { "operationId": "getA", "responses": { "200": { "description": "ok",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/A" } } } } } } } },
              "components": { "schemas": { "A": { "type": "object", "properties": { "odd": SCHEMA } } } }
            }
            """.Replace("SCHEMA", schema, StringComparison.Ordinal);
        Assert.Null(JsonSpecReader.TryRead(spec));
        Assert.NotNull(JsonSpecReader.TryRead(spec.Replace(schema, """{ "type": "string" }""", StringComparison.Ordinal)));
    }

    private void AssertSameOutput(string path)
    {
        string text = File.ReadAllText(path);
        output.WriteLine(JsonSpecReader.TryRead(text) is null ? "read by Microsoft.OpenApi (the fast reader gave up)" : "read by the fast reader");

        SpecFile spec = new("/specs/" + Path.GetFileName(path), text);
        (List<string> fastFiles, List<string> fastDiagnostics) = Generate(spec, forceReference: false);
        (List<string> referenceFiles, List<string> referenceDiagnostics) = Generate(spec, forceReference: true);

        Assert.Equal(referenceDiagnostics, fastDiagnostics);
        Assert.Equal(referenceFiles.Count, fastFiles.Count);
        for (int i = 0; i < referenceFiles.Count; i++)
        {
            // One file at a time, so that a difference shows which file and where, not 27 MB of text.
            Assert.Equal(referenceFiles[i], fastFiles[i]);
        }
    }

    private static (List<string> Files, List<string> Diagnostics) Generate(SpecFile spec, bool forceReference)
    {
        SpecReader.ForceReferenceReader.Value = forceReference;
        try
        {
            GeneratorRunResult run = GeneratorHarness.CreateDriver([spec], trackSteps: false)
                .RunGenerators(GeneratorHarness.NewCompilation()).GetRunResult().Results.Single();
            Assert.Null(run.Exception);
            List<string> files = run.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal)
                .Select(s => s.HintName + "\n" + s.SourceText).ToList();
            List<string> diagnostics = run.Diagnostics.Select(d => d.ToString()).ToList();
            return (files, diagnostics);
        }
        finally
        {
            SpecReader.ForceReferenceReader.Value = false;
        }
    }

    private static TheoryData<string> JsonFiles(string folder)
    {
        var data = new TheoryData<string>();
        foreach (string file in SharedSpecs.Files(folder).Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
        {
            data.Add(file);
        }

        return data;
    }
}
