using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>Generated XML docs are markup where the generator wrote it and escaped text where the spec wrote it.</summary>
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
}
