using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>The specs we ship generate code with no compiler errors and no warnings, and no generator warnings.</summary>
public sealed class ShippedSpecTests(ITestOutputHelper output)
{
    [Fact]
    public void The_shipped_specs_generate_together_without_errors_or_warnings()
    {
        SpecFile[] specs = Directory.GetFiles(Path.Combine(GeneratorHarness.RepoRoot, "specs")).Order(StringComparer.Ordinal).Select(SpecFile.FromDisk).ToArray();
        Assert.True(specs.Length >= 5, "specs/ should hold at least five integrations");

        GenerationResult result = GeneratorHarness.Run(specs);
        string? dump = Environment.GetEnvironmentVariable("PARAGON_DUMP_GENERATED");
        if (!string.IsNullOrEmpty(dump))
        {
            Directory.CreateDirectory(dump);
            foreach (GeneratedSourceResult source in result.Run.Results.SelectMany(r => r.GeneratedSources))
            {
                File.WriteAllText(Path.Combine(dump, source.HintName), source.SourceText.ToString());
            }
        }

        foreach (Diagnostic diagnostic in result.GeneratorDiagnostics.Concat(result.CompilerDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(result.CompilerDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        foreach (SpecFile spec in specs)
        {
            int operations = CorpusTests.CountOperations(spec.Text);
            output.WriteLine($"{Path.GetFileName(spec.Path)}: {operations} operations");
            Assert.True(operations >= 12, $"{spec.Path} has {operations} operations; ship at least a dozen");
        }
    }
}
