using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>Bad specs get diagnostics that point at the file and line; the generator never throws.</summary>
public sealed class DiagnosticTests(ITestOutputHelper output)
{
    private GenerationResult Run(string name, string? text = null)
    {
        string path = GeneratorHarness.TestSpec(name);
        GenerationResult result = GeneratorHarness.Run([new SpecFile(path, text ?? File.ReadAllText(path))]);
        foreach (Diagnostic diagnostic in result.GeneratorDiagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(result.Run.Results.Where(r => r.Exception is not null));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON007");
        return result;
    }

    [Fact]
    public void A_json_syntax_error_is_PARAGON001_at_its_line_and_generates_nothing()
    {
        GenerationResult result = Run("broken.json");
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PARAGON001", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(GeneratorHarness.TestSpec("broken.json"), error.Location.GetLineSpan().Path);
        Assert.Equal(4, error.Location.GetLineSpan().StartLinePosition.Line); // the ",," on the 5th line
        Assert.Contains("broken.json", error.GetMessage());
        Assert.Empty(result.Run.Results.SelectMany(r => r.GeneratedSources));
    }

    [Fact]
    public void A_yaml_syntax_error_is_PARAGON001_at_its_line()
    {
        GenerationResult result = Run("broken.yaml");
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("PARAGON001", error.Id);
        Assert.InRange(error.Location.GetLineSpan().StartLinePosition.Line, 8, 10);
    }

    [Theory]
    [InlineData("not-openapi.json", """{"hello": "world"}""")]
    [InlineData("empty.json", "")]
    [InlineData("blank.yaml", "   \n\n")]
    [InlineData("array.json", "[1, 2, 3]")]
    [InlineData("scalar.yaml", "just a string")]
    [InlineData("version.json", """{"openapi": "9.9.9", "info": {"title": "x", "version": "1"}, "paths": {}}""")]
    [InlineData("swagger.json", """{"swagger": "1.2", "apis": []}""")]
    public void What_is_not_an_OpenAPI_document_is_PARAGON001(string name, string text)
    {
        GenerationResult result = Run(name, text);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON001" && d.Location.GetLineSpan().Path.EndsWith(name, StringComparison.Ordinal));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void An_unresolved_ref_is_PARAGON003_at_the_ref_and_the_value_stays_JsonElement()
    {
        GenerationResult result = Run("unresolved-ref.yaml");
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON003");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("#/components/schemas/Missing", warning.GetMessage());
        Assert.Equal(22, warning.Location.GetLineSpan().StartLinePosition.Line); // "owner:" (line 23)
        Assert.Contains("public global::System.Text.Json.JsonElement? Owner { get; set; }", result.Model("Thing"));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Collisions_unsupported_types_and_credential_parameters_are_reported_where_they_are_written()
    {
        GenerationResult result = Run("problems.yaml");
        string[] lines = File.ReadAllLines(GeneratorHarness.TestSpec("problems.yaml"));
        int LineOf(Diagnostic d) => d.Location.GetLineSpan().StartLinePosition.Line;

        Diagnostic schemaCollision = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON005" && d.GetMessage().Contains("schema", StringComparison.Ordinal));
        Assert.Equal("pet_owner:", lines[LineOf(schemaCollision)].Trim());
        Assert.Contains("'PetOwner2'", schemaCollision.GetMessage());

        Diagnostic methodCollision = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON005" && d.GetMessage().Contains("method", StringComparison.Ordinal));
        Assert.Contains("ListPetsAsync", methodCollision.GetMessage());
        Assert.Contains("ListPets2Async", methodCollision.GetMessage());
        Assert.Equal("get:", lines[LineOf(methodCollision)].Trim());

        Diagnostic mixed = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON004" && d.GetMessage().Contains("several types", StringComparison.Ordinal));
        Assert.Equal("value:", lines[LineOf(mixed)].Trim());

        // Slack-style tuples keep their data as JsonElement, with a warning at the items.
        Diagnostic tuple = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON004" && d.GetMessage().Contains("tuple", StringComparison.Ordinal));
        Assert.Equal("items:", lines[LineOf(tuple)].Trim());
        Assert.Contains("global::System.Collections.Generic.List<global::System.Text.Json.JsonElement>? Pair", result.Model("TuplesResponse"), StringComparison.Ordinal);

        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON008" && d.GetMessage().Contains("'api_key'", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Info);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON008" && d.GetMessage().Contains("'session'", StringComparison.Ordinal));
        Assert.DoesNotContain("apiKey", result.Source("Client.g.cs"), StringComparison.Ordinal);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Two_specs_for_the_same_client_are_PARAGON009_not_a_crash()
    {
        string text = File.ReadAllText(GeneratorHarness.TestSpec("snapshot.yaml"));
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/a/orders.yaml", text), new SpecFile("/specs/b/orders.yaml", text)]);
        Diagnostic duplicate = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON009");
        Assert.Equal("/specs/b/orders.yaml", duplicate.Location.GetLineSpan().Path);
        // Both files are orders.yaml: the message tells them apart by folder.
        string message = duplicate.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'/specs/a/orders.yaml'", message, StringComparison.Ordinal);
        Assert.Contains("'/specs/b/orders.yaml'", message, StringComparison.Ordinal);
        Assert.Empty(result.Run.Results.Where(r => r.Exception is not null));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Every_descriptor_has_a_PARAGON_id_a_title_and_a_help_text()
    {
        var descriptors = typeof(Paragon.Generator.Diagnostics.DiagnosticDescriptors).GetFields()
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!).ToList();
        Assert.True(descriptors.Count >= 10);
        Assert.All(descriptors, d =>
        {
            Assert.Matches("^PARAGON0[0-9]{2}$", d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString()));
        });
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        string releases = File.ReadAllText(Path.Combine(GeneratorHarness.RepoRoot, "src", "Paragon.Generator", "AnalyzerReleases.Unshipped.md"));
        Assert.All(descriptors, d => Assert.Contains(d.Id, releases, StringComparison.Ordinal));
    }

    [Fact]
    public void Mangled_specs_never_make_the_generator_throw()
    {
        // Deterministic fuzzing: truncations and byte flips of real specs must give diagnostics, never exceptions.
        var random = new Random(20261129);
        string[] seeds = [File.ReadAllText(GeneratorHarness.TestSpec("snapshot.yaml")), File.ReadAllText(GeneratorHarness.Shipped("googleCalendar.yaml")), File.ReadAllText(GeneratorHarness.TestSpec("problems.yaml"))];
        const string Noise = "{}[]:,\"'-#&*!|>%@` \n\t$ref~/\\0";
        for (int i = 0; i < 120; i++)
        {
            string seed = seeds[i % seeds.Length];
            char[] text = seed.ToCharArray(0, random.Next(seed.Length / 4, seed.Length));
            for (int flips = random.Next(0, 6); flips > 0; flips--)
            {
                text[random.Next(text.Length)] = Noise[random.Next(Noise.Length)];
            }

            string extension = seed.TrimStart().StartsWith('{') ? ".json" : ".yaml";
            GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/fuzz" + i + extension, new string(text))]);
            Assert.Empty(result.Run.Results.Where(r => r.Exception is not null));
            Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON007");
            Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("/specs/fuzz" + i + extension, d.Location.GetLineSpan().Path));
            Assert.Empty(result.Errors.Where(e => !e.Id.StartsWith("CS", StringComparison.Ordinal) || e.Location.SourceTree?.FilePath.Contains("Paragon.Generator", StringComparison.Ordinal) == true)
                .Select(e => e.ToString()).Take(3));
        }
    }
}
