using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Paragon.Generator.Tests;

/// <summary>ParagonRootNamespace, ParagonGeneratedVisibility and Namespace metadata: two projects can both generate Slack.</summary>
public sealed class ProjectSettingsTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Slack, version: "1" }
        paths:
          /chat.postMessage:
            post:
              operationId: chat.postMessage
              requestBody:
                content:
                  application/json:
                    schema: { $ref: "#/components/schemas/Message" }
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Tone" }
        components:
          schemas:
            Message:
              type: object
              properties:
                text: { type: string }
                tone: { $ref: "#/components/schemas/Tone" }
                target: { oneOf: [{ $ref: "#/components/schemas/Message" }, { type: string }] }
            Tone: { type: string, enum: [a, b] }
        """;

    private static readonly SpecFile Slack = new("/specs/slack.yaml", Spec);

    /// <summary>Uses paragon.Slack, as project B's own code would.</summary>
    private const string UsesSlack = """
        using Paragon;
        public static class UseB
        {
            public static object Get(ParagonClient paragon) => paragon.Slack;
        }
        """;

    private static Dictionary<string, string> Properties(string? root = null, string? visibility = null)
    {
        var properties = new Dictionary<string, string>();
        if (root is not null)
        {
            properties["build_property.ParagonRootNamespace"] = root;
        }

        if (visibility is not null)
        {
            properties["build_property.ParagonGeneratedVisibility"] = visibility;
        }

        return properties;
    }

    /// <summary>Generates and compiles one assembly; returns its compiler and generator diagnostics and its image.</summary>
    private static (ImmutableArray<Diagnostic> Diagnostics, MetadataReference? Image) Build(string name, string source, Dictionary<string, string> properties, params MetadataReference[] references)
    {
        CSharpCompilation compilation = GeneratorHarness.NewCompilation(source).WithAssemblyName(name).AddReferences(references);
        GeneratorHarness.CreateDriver([Slack], trackSteps: false, globalOptions: properties)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        using var stream = new MemoryStream();
        bool emitted = output.Emit(stream).Success;
        return (generatorDiagnostics.AddRange(output.GetDiagnostics()), emitted ? MetadataReference.CreateFromImage(stream.ToArray()) : null);
    }

    [Fact]
    public void Two_assemblies_that_both_generate_Slack_collide_by_default()
    {
        (ImmutableArray<Diagnostic> a, MetadataReference? image) = Build("A", UsesSlack.Replace("UseB", "UseA", StringComparison.Ordinal), Properties());
        Assert.Empty(a.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        (ImmutableArray<Diagnostic> b, _) = Build("B", UsesSlack, Properties(), image!);
        // paragon.Slack is ambiguous (CS9339), and every generated type conflicts with A's (CS0436, an error under
        // TreatWarningsAsErrors).
        Assert.Contains(b, d => d.Id == "CS9339" && d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(b, d => d.Id == "CS0436");
    }

    [Theory]
    [InlineData(null, "internal", "using Paragon;")]
    [InlineData("Contoso.Chat.Integrations", null, "using Paragon; using Contoso.Chat.Integrations;")]
    [InlineData("Contoso.Chat.Integrations", "Internal", "using Paragon; using Contoso.Chat.Integrations;")]
    public void A_project_with_its_own_root_namespace_or_internal_types_does_not_collide(string? root, string? visibility, string usingsInA)
    {
        // A uses its own paragon.Slack too (with a using for its root namespace, where paragon.Slack then lives).
        string sourceA = usingsInA + "\npublic static class UseA { public static object Get(ParagonClient paragon) => paragon.Slack; }";
        (ImmutableArray<Diagnostic> a, MetadataReference? image) = Build("A", sourceA, Properties(root, visibility));
        Assert.Empty(a.Where(d => d.Severity >= DiagnosticSeverity.Warning));

        (ImmutableArray<Diagnostic> b, _) = Build("B", UsesSlack, Properties(), image!);
        Assert.Empty(b.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Internal_visibility_makes_every_generated_type_internal()
    {
        GenerationResult result = GeneratorHarness.Run([Slack], globalOptions: Properties(visibility: "internal"));
        Assert.Empty(result.Errors);
        var types = result.Output.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>()
            .Where(t => t.ContainingType is null && t.Locations.Any(l => l.SourceTree?.FilePath.Contains("Paragon.Generator", StringComparison.Ordinal) == true))
            .ToList();
        Assert.True(types.Count >= 5, string.Join(", ", types)); // client, context, access class, Message, Tone, the union
        Assert.All(types, t => Assert.True(t.DeclaredAccessibility == Accessibility.Internal, $"{t} is {t.DeclaredAccessibility}"));
    }

    [Fact]
    public void The_root_namespace_and_Namespace_metadata_place_the_types()
    {
        GenerationResult rooted = GeneratorHarness.Run([Slack], globalOptions: Properties(root: "Contoso.Integrations"));
        Assert.Empty(rooted.Errors);
        Assert.Contains("namespace Contoso.Integrations.Slack", rooted.Source("Slack.Client.g.cs"), StringComparison.Ordinal);
        Assert.Contains("namespace Contoso.Integrations\n", rooted.Source("Slack.Access.g.cs"), StringComparison.Ordinal);

        GenerationResult placed = GeneratorHarness.Run([Slack with { Namespace = "Contoso.Chat" }]);
        Assert.Empty(placed.Errors);
        Assert.Contains("namespace Contoso.Chat\n", placed.Source("Slack.Client.g.cs"), StringComparison.Ordinal);
        Assert.Contains("global::Contoso.Chat.Message", placed.Source("Slack.Client.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build_property.ParagonRootNamespace", "Contoso..Api")]
    [InlineData("build_property.ParagonRootNamespace", "Contoso.class")]
    [InlineData("build_property.ParagonRootNamespace", "Contoso Api")]
    [InlineData("build_property.ParagonGeneratedVisibility", "private")]
    public void A_bad_property_is_PARAGON014(string property, string value)
    {
        GenerationResult result = GeneratorHarness.Run([Slack], globalOptions: new Dictionary<string, string> { [property] = value });
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON014");
        Assert.Contains(value, error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_Namespace_metadata_is_PARAGON014_at_the_spec()
    {
        GenerationResult result = GeneratorHarness.Run([Slack with { Namespace = "Contoso.Chat-Api" }]);
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON014");
        Assert.Equal("/specs/slack.yaml", error.Location.GetLineSpan().Path);
        Assert.Empty(result.Run.Results.SelectMany(r => r.GeneratedSources));
    }

    [Fact]
    public void With_properties_set_an_unrelated_edit_reuses_every_step_and_a_visibility_change_is_applied_where_the_input_is_made()
    {
        CSharpCompilation compilation = GeneratorHarness.NewCompilation("class A { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver([Slack], globalOptions: Properties("Contoso.Integrations", "internal")).RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }", new CSharpParseOptions(GeneratorHarness.CSharp14))));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { ParagonGenerator.SettingsStep, ParagonGenerator.SpecInputStep, ParagonGenerator.SpecModelStep, ParagonGenerator.EmitInputStep })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs),
                output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {output.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));

        // Only the visibility changes. The project's settings are part of each spec's input and applied once, by the
        // reader (the root namespace names types, so it must be there; the visibility goes with it rather than being
        // patched onto the model later): the spec is read again, which a project-property edit, rare, can afford.
        driver = driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.OptionsFor([Slack], Properties("Contoso.Integrations", "public"))).RunGenerators(compilation);
        result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[ParagonGenerator.SpecInputStep].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[ParagonGenerator.SpecModelStep].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[ParagonGenerator.EmitInputStep].Single().Outputs.Single().Reason);
        Assert.Contains("public sealed partial class SlackClient", result.GeneratedSources.Single(s => s.HintName == "Slack.Client.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }
}
