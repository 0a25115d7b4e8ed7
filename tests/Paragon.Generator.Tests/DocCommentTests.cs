using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// Generated XML docs are markup where the generator wrote it and escaped text where the spec wrote it, and they are written
/// where they say something the declaration does not: the spec's descriptions, never "The Card model.".
/// </summary>
public sealed class DocCommentTests(ITestOutputHelper output)
{
    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string> { GeneratorHarness.TestSpec("snapshot.yaml") };
        foreach (string file in Directory.GetFiles(Path.Combine(GeneratorHarness.RepoRoot, "specs")).Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Generated_docs_are_wellformed_and_not_escaped_twice(string path)
    {
        GenerationResult result = GeneratorHarness.Run([SpecFile.FromDisk(path)], documentation: DocumentationMode.Diagnose);
        Assert.Empty(result.Errors);

        foreach (GeneratedSourceResult source in result.Run.Results.SelectMany(r => r.GeneratedSources))
        {
            string text = source.SourceText.ToString();
            Assert.DoesNotContain("&lt;see", text, StringComparison.Ordinal);
            Assert.DoesNotContain("&lt;c&gt;", text, StringComparison.Ordinal);
        }

        // Every doc-comment diagnostic (badly formed XML, unresolved cref, misplaced comment, missing docs on public API…).
        var docProblems = result.CompilerDiagnostics.Where(d => d.Id.StartsWith("CS15", StringComparison.Ordinal) || d.Id is "CS1711" or "CS1712" or "CS1723" or "CS1734" or "CS1735").ToList();
        foreach (Diagnostic diagnostic in docProblems)
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(docProblems);
    }

    /// <summary>What a consumer with GenerateDocumentationFile and TreatWarningsAsErrors builds: no warning at all, so no CS1591 either.</summary>
    [Theory]
    [MemberData(nameof(Specs))]
    public void Generated_code_builds_with_docs_on_and_warnings_as_errors(string path)
    {
        GenerationResult result = GeneratorHarness.Run([SpecFile.FromDisk(path)], documentation: DocumentationMode.Diagnose);
        Compilation strict = result.Output.WithOptions(result.Output.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
        var errors = strict.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (Diagnostic error in errors.Take(20))
        {
            output.WriteLine(error.ToString());
        }

        Assert.Empty(errors);
    }

    private const string Described = """
        openapi: 3.0.3
        info: { title: Described, version: "1" }
        paths:
          /pets:
            get:
              operationId: pets.list
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Pet' }
        components:
          schemas:
            Pet:
              type: object
              description: A pet in the <shop> & its owner.
              properties:
                name: { type: string, description: "The pet's name, as its owner spells it." }
                age: { type: integer }
                object: { type: string, enum: [pet] }
                species: { $ref: '#/components/schemas/Species' }
                collar: { $ref: '#/components/schemas/Collar' }
            Species:
              type: string
              description: What kind of animal it is.
              enum: [dog, past_due]
            Collar:
              description: Leather or a chip.
              oneOf:
                - { type: object, required: [leather], properties: { leather: { type: string } } }
                - { type: object, required: [chip], properties: { chip: { type: integer } } }
        """;

    [Fact]
    public void A_spec_description_is_the_summary_and_nothing_is_said_twice()
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/described.yaml", Described)], documentation: DocumentationMode.Diagnose);
        Assert.Empty(result.Errors);

        string models = result.Source(".Models.1.g.cs");
        string pet = result.Model("Pet");
        Assert.Contains("/// <summary>A pet in the &lt;shop&gt; &amp; its owner.</summary>\n    [global::System.CodeDom.Compiler.GeneratedCode", models, StringComparison.Ordinal);
        Assert.Contains("/// <summary>The pet's name, as its owner spells it.</summary>", pet, StringComparison.Ordinal);

        // A property the spec does not describe has no summary: "The <c>age</c> field." said what the declaration says.
        Assert.DoesNotContain("<c>age</c>", pet, StringComparison.Ordinal);
        Assert.DoesNotContain(" model.", pet, StringComparison.Ordinal);
        string age = pet.Split('\n').Single(l => l.Contains("public long? Age ", StringComparison.Ordinal));
        string[] lines = pet.Split('\n');
        int ageLine = Array.IndexOf(lines, age);
        Assert.DoesNotContain("///", lines[ageLine - 2], StringComparison.Ordinal);

        // A tag says its one value, which the declaration (a string) does not.
        Assert.Contains("/// <summary>Always <c>\"pet\"</c>.</summary>", pet, StringComparison.Ordinal);

        string kind = result.Model("Species");
        Assert.Contains("/// <summary>What kind of animal it is.</summary>", models, StringComparison.Ordinal);

        // Every member says its wire spelling, which the C# name only approximates (Dog is sent as "dog").
        Assert.Contains("/// <summary>The wire value <c>past_due</c>.</summary>", kind, StringComparison.Ordinal);
        Assert.Contains("/// <summary>The wire value <c>dog</c>.</summary>\n        public static Species Dog ", kind, StringComparison.Ordinal);

        string collar = result.Model("Collar");
        Assert.Contains("/// <summary>Leather or a chip.</summary>", models, StringComparison.Ordinal);
        Assert.Contains("/// <summary>Whether the value has the shape of a <c>", collar, StringComparison.Ordinal);
    }

    private const string Helpers = """
        openapi: 3.0.3
        info: { title: Helpers, version: "1" }
        paths:
          /events:
            get:
              operationId: events.get
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Holder' }
        components:
          schemas:
            Holder:
              type: object
              properties:
                status: { $ref: '#/components/schemas/Status' }
                shape: { $ref: '#/components/schemas/Shape' }
                event: { $ref: '#/components/schemas/Event' }
            Status:
              type: string
              enum: [open, "a<b", "x&y", 'say "hi"', closed]
              x-enum-descriptions: ["Still <open> & \"waiting\".", null, "", "Quoted.", "Line one.\nLine two."]
            Shape:
              oneOf:
                - { type: string }
                - { type: array, items: { type: string } }
            Event:
              oneOf:
                - $ref: '#/components/schemas/Opened'
                - $ref: '#/components/schemas/Closed'
              discriminator: { propertyName: type, mapping: { "o<&\"": '#/components/schemas/Opened', closed: '#/components/schemas/Closed' } }
            Opened: { type: object, properties: { type: { type: string } } }
            Closed: { type: object, properties: { type: { type: string } } }
        """;

    [Fact]
    public void Enum_members_and_union_helpers_say_their_wire_value_and_alternative_escaped()
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/helpers.yaml", Helpers)], documentation: DocumentationMode.Diagnose);
        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.CompilerDiagnostics, d => d.Id.StartsWith("CS15", StringComparison.Ordinal));

        // The spec's description of a value is its summary (escaped, one paragraph a line); the wire value is always said.
        string status = result.Model("Status");
        Assert.Contains("/// <summary>Still &lt;open&gt; &amp; \"waiting\".</summary>\n        /// <remarks>The wire value <c>open</c>.</remarks>\n        public static", status, StringComparison.Ordinal);
        Assert.Contains("/// <summary>The wire value <c>a&lt;b</c>.</summary>", status, StringComparison.Ordinal);
        Assert.Contains("/// <summary>The wire value <c>x&amp;y</c>.</summary>", status, StringComparison.Ordinal);
        Assert.Contains("/// <summary>Quoted.</summary>\n        /// <remarks>The wire value <c>say \"hi\"</c>.</remarks>", status, StringComparison.Ordinal);
        Assert.Contains("/// <summary>\n        /// Line one.\n        /// Line two.\n        /// </summary>\n        /// <remarks>The wire value <c>closed</c>.</remarks>", status, StringComparison.Ordinal);

        // Each helper says which alternative it tests or reads (FromX needs no word: its name and parameter say it).
        string shape = result.Model("Shape");
        Assert.Contains("/// <summary>Reads the value as the <c>ListOfString</c> alternative: <see langword=\"true\"/> when it is one (<see cref=\"IsListOfString\"/>), <see langword=\"false\"/> otherwise.</summary>", shape, StringComparison.Ordinal);
        Assert.Contains("/// <summary>The value as the <c>ListOfString</c> alternative.</summary>", shape, StringComparison.Ordinal);
        Assert.Contains("/// <exception cref=\"global::System.Text.Json.JsonException\">It is not one (<see cref=\"IsListOfString\"/> is <see langword=\"false\"/>).</exception>", shape, StringComparison.Ordinal);

        string @event = result.Model("Event");
        Assert.Contains("/// <summary>Whether <see cref=\"Kind\"/> is <c>o&lt;&amp;\"</c>.</summary>", @event, StringComparison.Ordinal);
        Assert.Contains("/// <summary>The value as the <c>Opened</c> alternative.</summary>", @event, StringComparison.Ordinal);
    }
}
