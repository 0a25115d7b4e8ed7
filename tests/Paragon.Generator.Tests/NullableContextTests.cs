using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Paragon.Generator.Tests;

/// <summary>
/// The generated files say <c>#nullable enable annotations</c>: the compiler skips nullable flow analysis of their bodies
/// (a large share of a big spec's compile time), while the consumer still sees every <c>?</c> of the public surface. These
/// tests hold both halves: the annotations reach the consumer, and the bodies would still be clean under full analysis.
/// </summary>
public sealed class NullableContextTests
{
    [Fact]
    public void A_consumer_dereferencing_a_nullable_generated_property_is_warned()
    {
        const string consumer = """
            public static class Uses
            {
                public static int CurrencyLength(Paragon.Integrations.Snapshot.OrdersCreateRequest request) => request.Currency.Length;
                public static int IdLength(Paragon.Integrations.Snapshot.Order order) => order.Id.Length;
            }
            """;
        GenerationResult result = GeneratorHarness.Run([SpecFile.FromDisk(GeneratorHarness.TestSpec("snapshot.yaml"))], consumer);

        // Currency is optional (string?): CS8602 on it. Id is required (string): nothing.
        Diagnostic warning = Assert.Single(result.CompilerDiagnostics, d => d.Id == "CS8602");
        Assert.Contains("request.Currency", warning.Location.SourceTree!.GetText().ToString(warning.Location.SourceSpan), StringComparison.Ordinal);
        Assert.Empty(result.CompilerDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS8602"));
    }

    public static TheoryData<string> StrictSpecs() => [.. StrictNullableRuns.Specs];

    /// <summary>The generated bodies, compiled again with full nullable analysis, have no warning: skipping the analysis
    /// for the consumer hides nothing. (CorpusTests takes its compile errors from this same compile.)</summary>
    [SharedTheory("specs-corpus")]
    [MemberData(nameof(StrictSpecs))]
    public void Generated_code_is_warning_free_under_full_nullable_analysis(string spec)
    {
        StrictNullableRun run = StrictNullableRuns.Take(spec);
        foreach (GeneratedSourceResult source in run.Result.Run.Results.SelectMany(r => r.GeneratedSources))
        {
            Assert.Contains("\n#nullable enable annotations\n", source.SourceText.ToString(), StringComparison.Ordinal);
        }

        Assert.Empty(run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }
}
