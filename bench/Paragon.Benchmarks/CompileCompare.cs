using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Paragon.Benchmarks;

/// <summary>
/// Compares what the C# compiler spends on two (or more) shapes of generated code, in one run: <c>-- --dump-specs DIR spec…</c>
/// writes the generated files of any specs (the curated ones by default), and <c>-- --compile-dirs [--runs=N]
/// [--docs=none|parse|diagnose] DIR…</c> compiles each directory's <c>*.g.cs</c> as one consumer library (against the
/// <c>Paragon.Runtime.dll</c> in the directory, if there is one), in rounds that
/// interleave the directories so that a noisy neighbour weighs on each alike. How a change to the emitters is judged: dump
/// before, change, dump after, compare.
/// </summary>
internal static class CompileCompare
{
    /// <summary>The generated files of each spec (default: the curated <c>specs/*.yaml</c>), one folder per spec under <paramref name="directory"/>.</summary>
    public static void DumpSpecs(string directory, IReadOnlyList<string> specs)
    {
        if (specs.Count == 0)
        {
            specs = Directory.GetFiles(Path.Combine(Paths.Root, "specs"), "*.yaml").OrderBy(p => p, StringComparer.Ordinal).ToList();
        }

        foreach (string path in specs)
        {
            GeneratorStages.DumpSpec(path, directory);
        }
    }

    public static void CompileDirectories(string[] args)
    {
        int runs = 5;
        var docs = DocumentationMode.None; // what a consumer without GenerateDocumentationFile gets
        var directories = new List<string>();
        foreach (string arg in args)
        {
            if (arg.StartsWith("--runs=", StringComparison.Ordinal)) runs = int.Parse(arg[7..]);
            else if (arg.StartsWith("--docs=", StringComparison.Ordinal)) docs = Enum.Parse<DocumentationMode>(arg[7..], ignoreCase: true);
            else directories.Add(arg);
        }

        // A directory may bring its own Paragon.Runtime.dll: code generated before a change to the runtime compiles against the
        // runtime of its time.
        MetadataReference[] references = GeneratedCompile.References();
        MetadataReference[] ReferencesFor(string directory) => File.Exists(Path.Combine(directory, "Paragon.Runtime.dll"))
            ? references.Where(r => !string.Equals(Path.GetFileName(r.Display), "Paragon.Runtime.dll", StringComparison.Ordinal))
                .Append(MetadataReference.CreateFromFile(Path.Combine(directory, "Paragon.Runtime.dll"))).ToArray()
            : references;
        var sets = directories.Select(d => (Directory: d, References: ReferencesFor(d), Files: Directory.GetFiles(d, "*.g.cs", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal).Select(f => (Name: Path.GetRelativePath(d, f), Text: File.ReadAllText(f))).ToList(), Times: new List<double>(), Cpu: new List<double>())).ToList();
        foreach (var set in sets)
        {
            (string outcome, long size) = Compile(set.Files, set.References, docs); // warm-up, and the outcome to show
            Console.WriteLine($"{set.Directory}: {set.Files.Count} files, {set.Files.Sum(f => f.Text.Count(c => c == '\n')):N0} lines, "
                + $"{set.Files.Sum(f => f.Text.Length) / 1e6:F2} M chars, DLL {size / 1e6:F2} MB; {outcome}");
        }

        for (int i = 0; i < runs; i++)
        {
            foreach (var set in sets)
            {
                GC.Collect();
                TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                Compile(set.Files, set.References, docs);
                set.Times.Add(watch.Elapsed.TotalMilliseconds);
                set.Cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            }
        }

        // CPU time (all of the compiler's threads) as well as wall time: on a machine shared with other builds, wall time
        // swings with the neighbours while the CPU the compiler itself spent moves much less.
        double first = 0, firstCpu = 0;
        foreach (var set in sets)
        {
            set.Times.Sort();
            set.Cpu.Sort();
            double median = set.Times[set.Times.Count / 2], cpu = set.Cpu[set.Cpu.Count / 2];
            first = first == 0 ? median : first;
            firstCpu = firstCpu == 0 ? cpu : firstCpu;
            Console.WriteLine($"  {set.Directory,-40} wall {median,7:F0} ms ({median / first:F2}x, min {set.Times[0]:F0})   cpu {cpu,7:F0} ms ({cpu / firstCpu:F2}x, min {set.Cpu[0]:F0})");
        }
    }

    private static (string Outcome, long Size) Compile(List<(string Name, string Text)> files, MetadataReference[] references, DocumentationMode docs)
    {
        var parse = new CSharpParseOptions((LanguageVersion)1400, docs);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Name)).ToList();
        var compilation = CSharpCompilation.Create("Consumer", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Debug)
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));
        using var pe = new MemoryStream();
        var emit = compilation.Emit(pe);
        int errors = emit.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        int warnings = emit.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        string first = emit.Diagnostics.FirstOrDefault(d => d.Severity >= DiagnosticSeverity.Warning)?.ToString() ?? "";
        return ($"{errors} errors, {warnings} warnings {first}", pe.Length);
    }
}
