using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// The 150 real-world specs in ../shared/specs-wide (drawn at random from a public directory, see its SOURCES.md): a user
/// may drop any of them in, so each one generates a client that compiles, with a method for every operation.
/// </summary>
public sealed class WideCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> WideFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in SharedSpecs.Files(SharedSpecs.WideFolder))
        {
            data.Add(file);
        }

        return data;
    }

    [SharedTheory("specs-wide")]
    [MemberData(nameof(WideFiles))]
    public void A_wide_corpus_spec_generates_code_that_compiles(string file)
    {
        // Generated alone, compiled with the other wide specs' code (see CompiledTogether); the first case pays for all.
        (GenerationResult result, Diagnostic[] errors, long milliseconds) = CompiledTogether.Wide.Value.For(GeneratorHarness.Wide(file));
        CorpusTests.AssertGeneratesCodeThatCompiles(GeneratorHarness.Wide(file), result, errors, milliseconds, output);
    }
}
