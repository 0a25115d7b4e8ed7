using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Paragon.Generator.Tests;

/// <summary>The pipeline caches what did not change: an unrelated code edit re-reads nothing; a spec edit re-reads that spec only.</summary>
public sealed class IncrementalTests
{
    private static readonly SpecFile Orders = SpecFile.FromDisk(GeneratorHarness.TestSpec("snapshot.yaml")) with { Path = "/specs/orders.yaml" };
    private static readonly SpecFile Contacts = SpecFile.FromDisk(GeneratorHarness.Shipped("hubspot.yaml")) with { Path = "/specs/hubspot.yaml" };

    [Fact]
    public void An_unrelated_code_edit_reuses_every_step()
    {
        CSharpCompilation compilation = GeneratorHarness.NewCompilation("class A { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver([Orders, Contacts]).RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { int X => 1; }", new CSharpParseOptions(GeneratorHarness.CSharp14))));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        foreach (string step in new[] { ParagonGenerator.SpecInputStep, ParagonGenerator.SpecModelStep, ParagonGenerator.EmitInputStep })
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.Equal(2, reasons.Count);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }

    /// <summary>
    /// The compiler server's generator driver cache (<c>-p:Features=enable-generator-cache</c>) keeps the driver between
    /// command-line builds, but every build hands it inputs the compiler made anew: new AdditionalText instances (Roslyn
    /// compares them by reference), a new options provider (not compared at all) and new parse options. An app edit must
    /// still reuse the read specs and write no file again: only the steps that turn each file into a SpecInput and the
    /// options into settings rerun.
    /// </summary>
    [Fact]
    public void A_compiler_server_rebuild_with_new_instances_of_the_same_inputs_reuses_the_models_and_outputs()
    {
        SpecFile slack = SpecFile.FromDisk(GeneratorHarness.Shipped("slack.yaml")) with
        {
            Path = "/specs/slack.yaml",
            Metadata = new System.Collections.Generic.Dictionary<string, string> { ["IncludeTags"] = "chat,conversations" },
        };
        SpecFile[] specs = [slack, Contacts];
        var properties = new System.Collections.Generic.Dictionary<string, string> { ["build_property.ParagonRootNamespace"] = "Contoso.Integrations" };
        GeneratorDriver driver = GeneratorHarness.CreateDriver(specs, globalOptions: properties).RunGenerators(GeneratorHarness.NewCompilation("class A { }"));

        // What the server gives the cached driver on the next build: equal content in new objects, strings included.
        ImmutableArray<AdditionalText> texts = specs.Select(s => GeneratorHarness.Text(s.Path, new string(s.Text.AsSpan()))).ToImmutableArray();
        driver = driver.ReplaceAdditionalTexts(texts)
            .WithUpdatedAnalyzerConfigOptions(GeneratorHarness.OptionsFor(specs, new System.Collections.Generic.Dictionary<string, string>(properties)))
            .WithUpdatedParseOptions(new CSharpParseOptions(GeneratorHarness.CSharp14, DocumentationMode.Parse))
            .RunGenerators(GeneratorHarness.NewCompilation("class A { int Edited => 2; }"));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        foreach (string step in new[] { ParagonGenerator.SpecInputStep, ParagonGenerator.SpecModelStep, ParagonGenerator.EmitInputStep, ParagonGenerator.SettingsStep })
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        // The run did see new inputs: the settings were read again from the new options provider and compared equal. (Each
        // file's SpecInput is made again too, in the step before the tracked one, whose equal value leaves it Cached.)
        Assert.All(result.TrackedSteps[ParagonGenerator.SettingsStep].SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Unchanged, output.Reason));
        Assert.Equal(2, result.TrackedSteps[ParagonGenerator.SpecModelStep].Length);
        Assert.All(result.TrackedSteps[ParagonGenerator.SpecModelStep].SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.NotEmpty(result.TrackedOutputSteps);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Slack.Client.g.cs");
    }

    [Fact]
    public void Editing_one_spec_rereads_that_spec_only()
    {
        CSharpCompilation compilation = GeneratorHarness.NewCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([Orders, Contacts], out ImmutableArray<AdditionalText> texts).RunGenerators(compilation);

        string edited = Orders.Text.Replace("summary: Get an order", "summary: Fetch one order", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(texts[0], GeneratorHarness.Text(Orders.Path, edited)).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        var models = result.TrackedSteps[ParagonGenerator.SpecModelStep].SelectMany(s => s.Outputs).ToList();
        Assert.Single(models, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(models, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains("Fetch one order", result.GeneratedSources.Single(s => s.HintName == "Orders.Client.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_a_spec_without_changing_its_meaning_reemits_nothing()
    {
        CSharpCompilation compilation = GeneratorHarness.NewCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([Orders], out ImmutableArray<AdditionalText> texts).RunGenerators(compilation);

        // A trailing comment changes the text (so it is read again) but not the model, so no file is written again.
        driver = driver.ReplaceAdditionalText(texts[0], GeneratorHarness.Text(Orders.Path, Orders.Text + "\n# a comment\n")).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[ParagonGenerator.SpecInputStep].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, result.TrackedSteps[ParagonGenerator.SpecModelStep].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, result.TrackedSteps[ParagonGenerator.EmitInputStep].Single().Outputs.Single().Reason);
    }

    [Fact]
    public void Moving_lines_rereports_diagnostics_without_reemitting()
    {
        SpecFile problems = SpecFile.FromDisk(GeneratorHarness.TestSpec("problems.yaml"));
        CSharpCompilation compilation = GeneratorHarness.NewCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([problems], out ImmutableArray<AdditionalText> texts).RunGenerators(compilation);
        int before = driver.GetRunResult().Diagnostics.First(d => d.Id == "PARAGON004").Location.GetLineSpan().StartLinePosition.Line;

        driver = driver.ReplaceAdditionalText(texts[0], GeneratorHarness.Text(problems.Path, "# a comment that moves every line\n" + problems.Text)).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[ParagonGenerator.SpecModelStep].Single().Outputs.Single().Reason);
        Assert.True(result.TrackedSteps[ParagonGenerator.EmitInputStep].Single().Outputs.Single().Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Equal(before + 1, result.Diagnostics.First(d => d.Id == "PARAGON004").Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Nothing_from_the_compilation_enters_the_pipeline()
    {
        // The generator sees the compilation only through parse options: each step's inputs are additional texts,
        // analyzer options, parse options, or earlier steps, never the Compilation.
        GeneratorDriver driver = GeneratorHarness.CreateDriver([Orders]).RunGenerators(GeneratorHarness.NewCompilation());
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var names = result.TrackedSteps.Keys.ToImmutableHashSet();
        Assert.DoesNotContain("Compilation", names);
        foreach (var step in result.TrackedSteps.Values.SelectMany(s => s))
        {
            Assert.All(step.Inputs, input => Assert.NotEqual("Compilation", input.Source.Name));
        }

        string source = File.ReadAllText(Path.Combine(GeneratorHarness.RepoRoot, "src", "Paragon.Generator", "ParagonGenerator.cs"));
        Assert.DoesNotContain("CompilationProvider", source, StringComparison.Ordinal);
    }
}
