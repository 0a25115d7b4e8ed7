using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>Every real spec in ../shared/specs-corpus generates code that compiles, without a generator exception.</summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in SharedSpecs.Files(SharedSpecs.CorpusFolder))
        {
            data.Add(file);
        }

        return data;
    }

    [SharedTheory("specs-corpus")]
    [MemberData(nameof(CorpusFiles))]
    public void A_corpus_spec_generates_code_that_compiles(string file)
    {
        if (StrictNullableRuns.Covers(file))
        {
            // NullableContextTests compiles this spec's code with full nullable analysis anyway: its errors are this
            // compile's errors (see StrictNullableRuns), so the code is compiled once for both tests, not twice.
            StrictNullableRun run = StrictNullableRuns.Take(file);
            AssertGeneratesCodeThatCompiles(GeneratorHarness.Corpus(file), run.Result, run.Errors, run.Milliseconds, output);
        }
        else if (file == GitHubEmit.File)
        {
            // ConventionPagingTests and ModelFactoryTests compile GitHub's code too: one emit for the three (see GitHubEmit).
            EmittedRun run = GitHubEmit.Take();
            AssertGeneratesCodeThatCompiles(GeneratorHarness.Corpus(file), run.Result, run.Errors, run.Milliseconds, output);
        }
        else
        {
            AssertGeneratesCodeThatCompiles(GeneratorHarness.Corpus(file), output);
        }
    }

    /// <summary>
    /// The spec goes through the generator and the compiler: no generator exception or error, no compile error, and one
    /// method per operation. Prints what it saw, so that a failure in CI says which spec and why.
    /// </summary>
    internal static void AssertGeneratesCodeThatCompiles(string path, ITestOutputHelper output)
    {
        var stopwatch = Stopwatch.StartNew();
        GenerationResult result = GeneratorHarness.Run([SpecFile.FromDisk(path)]);
        Diagnostic[] errors = result.Errors.ToArray();
        stopwatch.Stop();
        AssertGeneratesCodeThatCompiles(path, result, errors, stopwatch.ElapsedMilliseconds, output);
    }

    /// <summary>The same checks on a run already made, with the errors of its compile (alone or with other specs').</summary>
    internal static void AssertGeneratesCodeThatCompiles(string path, GenerationResult result, IReadOnlyCollection<Diagnostic> errors, long milliseconds, ITestOutputHelper output)
    {
        string file = Path.GetFileName(path);
        var generatorWarnings = result.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        int specOperations = CountOperations(File.ReadAllText(path));
        string client = result.Run.Results.SelectMany(r => r.GeneratedSources).FirstOrDefault(s => s.HintName.EndsWith(".Client.g.cs", StringComparison.Ordinal)).SourceText?.ToString() ?? string.Empty;
        // Each operation is one request description and two public methods (the body, and the body with status and headers).
        int methods = client.Split('\n').Count(l => l.TrimStart().StartsWith("private global::Paragon.Proxy.ProxyRequest ", StringComparison.Ordinal));
        int publicMethods = client.Split('\n').Count(l => l.TrimStart().StartsWith("public ", StringComparison.Ordinal) && l.Contains("Async(", StringComparison.Ordinal));
        // A paged operation (x-ms-pageable, x-speakeasy-pagination…) has a third: the one that enumerates every item.
        int pagedMethods = client.Split('\n').Count(l => l.TrimStart().StartsWith("public global::Paragon.Paging.ParagonPageable<", StringComparison.Ordinal));
        output.WriteLine($"{file}: {specOperations} operations in the spec, {methods} methods generated ({pagedMethods} paged), {generatorWarnings.Count} generator warnings, {errors.Count} compile errors, {milliseconds} ms");
        foreach (IGrouping<string, Diagnostic> group in generatorWarnings.GroupBy(d => d.Id))
        {
            output.WriteLine($"  {group.Key} x{group.Count()}: {group.First().GetMessage()} ({group.First().Location.GetLineSpan()})");
        }

        foreach (Diagnostic error in errors.Take(15))
        {
            output.WriteLine("  " + error);
        }

        Assert.Empty(result.Run.Results.Where(r => r.Exception is not null));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "PARAGON007" or "CS8785" or "AD0001");
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(errors);
        Assert.Equal(specOperations, methods);
        Assert.InRange(pagedMethods, 0, specOperations);
        Assert.Equal(2 * specOperations + pagedMethods, publicMethods);
    }

    /// <summary>Counts operations the way SOURCES.md does: HTTP-method keys under paths, read independently of the generator.</summary>
    internal static int CountOperations(string text)
    {
        string[] verbs = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
        if (text.TrimStart().StartsWith('{'))
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            if (!document.RootElement.TryGetProperty("paths", out var paths))
            {
                return 0;
            }

            return paths.EnumerateObject().Sum(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Object ? p.Value.EnumerateObject().Count(m => verbs.Contains(m.Name)) : 0);
        }

        // YAML: count method keys two levels under "paths:" by indentation.
        int count = 0;
        bool inPaths = false;
        int pathIndent = -1;
        foreach (string line in text.Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0 || trimmed.TrimStart().StartsWith('#'))
            {
                continue;
            }

            int indent = trimmed.Length - trimmed.TrimStart().Length;
            if (indent == 0)
            {
                inPaths = trimmed.StartsWith("paths:", StringComparison.Ordinal);
                pathIndent = -1;
                continue;
            }

            if (!inPaths)
            {
                continue;
            }

            if (pathIndent < 0 && trimmed.TrimStart().StartsWith('/'))
            {
                pathIndent = indent;
            }

            string key = trimmed.TrimStart().Split(':')[0].Trim('"', '\'');
            if (pathIndent >= 0 && indent > pathIndent && verbs.Contains(key) && IsDirectChild(indent, pathIndent))
            {
                count++;
            }
        }

        return count;

        static bool IsDirectChild(int indent, int parent) => indent == parent + 2 || indent == parent + 4;
    }
}
