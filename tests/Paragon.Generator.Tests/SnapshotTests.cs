using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Paragon.Generator.Tests;

/// <summary>
/// Generated files compared with committed baselines (Baselines/{spec}/{hint name}). After an intended change,
/// regenerate them with <c>PARAGON_UPDATE_BASELINES=1 dotnet test --filter SnapshotTests</c> and review the diff.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("PARAGON_UPDATE_BASELINES") == "1";

    [Fact]
    public void The_snapshot_specs_files_match_their_baselines() => Generated_files_match_their_baselines("snapshot.yaml", GeneratorHarness.TestSpec("snapshot.yaml"));

    /// <summary>Two public example specs from ../shared/specs-corpus, used by path (never copied into the repository).</summary>
    [SharedTheory("specs-corpus")]
    [InlineData("petstore-expanded.oas30.yaml")]
    [InlineData("petstore.swagger20.json")]
    public void A_corpus_specs_files_match_their_baselines(string spec) => Generated_files_match_their_baselines(spec, GeneratorHarness.Corpus(spec));

    private static void Generated_files_match_their_baselines(string spec, string path)
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/" + spec, File.ReadAllText(path))]);
        Assert.Empty(result.Errors);

        string directory = Path.Combine(GeneratorHarness.RepoRoot, "tests", "Paragon.Generator.Tests", "Baselines", Path.GetFileNameWithoutExtension(spec));
        GeneratedSourceResult[] sources = result.Run.Results.SelectMany(r => r.GeneratedSources).OrderBy(s => s.HintName, StringComparer.Ordinal).ToArray();
        if (Update)
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach (GeneratedSourceResult source in sources)
            {
                File.WriteAllText(Path.Combine(directory, source.HintName), source.SourceText.ToString());
            }

            return;
        }

        Assert.True(Directory.Exists(directory), $"No baselines in {directory}: run with PARAGON_UPDATE_BASELINES=1 once.");
        string[] expectedFiles = Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(expectedFiles, sources.Select(s => s.HintName).ToArray());
        foreach (GeneratedSourceResult source in sources)
        {
            string expected = File.ReadAllText(Path.Combine(directory, source.HintName)).Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.Equal(expected, source.SourceText.ToString());
        }
    }

    [CorpusFact]
    public void The_same_input_gives_the_same_bytes()
    {
        string text = File.ReadAllText(GeneratorHarness.Corpus("stripe.json"));
        string[] first = Generate(text);
        string[] second = Generate(text);
        Assert.Equal(first, second);

        static string[] Generate(string text) => GeneratorHarness.CreateDriver([new SpecFile("/specs/stripe.json", text)], trackSteps: false)
            .RunGenerators(GeneratorHarness.NewCompilation()).GetRunResult().Results.SelectMany(r => r.GeneratedSources)
            .Select(s => s.HintName + "\n" + s.SourceText).ToArray();
    }
}
