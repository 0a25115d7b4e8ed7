using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Paragon.Benchmarks;

/// <summary>
/// What the C# compiler spends on the generated code, in-process: <c>-- --compile [spec…]</c>. Generates each spec once, then
/// compiles the output as a net10.0 consumer does (reference assemblies + Paragon.Runtime, nullable on) and emits it, median
/// of a few runs, with text variants of the output to learn what costs, and a per-file-kind split of the binding time.
/// </summary>
internal static class GeneratedCompile
{
    public static void Run(string[] args)
    {
        int runs = 3;
        var specs = new List<string>();
        var only = new HashSet<string>(StringComparer.Ordinal);
        foreach (string arg in args)
        {
            if (arg.StartsWith("--runs=", StringComparison.Ordinal)) runs = int.Parse(arg[7..]);
            else if (arg.StartsWith("--variants=", StringComparison.Ordinal)) only.UnionWith(arg[11..].Split(','));
            else specs.Add(arg);
        }

        if (specs.Count == 0) specs = ["stripe.json", "github-full.json", "slack.json"];
        MetadataReference[] references = References();
        var variants = new (string Name, DocumentationMode Docs, Func<List<(string Name, string Text)>, List<(string, string)>> Transform)[]
        {
            ("as generated (docs Parse)", DocumentationMode.Parse, f => f),
            ("docs None", DocumentationMode.None, f => f),
            ("docs Diagnose", DocumentationMode.Diagnose, f => f),
            ("#nullable disable", DocumentationMode.Parse, f => f.Select(x => (x.Name, x.Text.Replace("#nullable enable annotations\n", "#nullable disable\n", StringComparison.Ordinal))).ToList()),
            ("inferred generics (m.Required(...))", DocumentationMode.Parse, f => f.Select(x => (x.Name, Inferred(x.Text))).ToList()),
            ("full #nullable enable", DocumentationMode.Parse, f => f.Select(x => (x.Name, FullNullable(x.Text))).ToList()),
            ("before: both of the above", DocumentationMode.Parse, f => f.Select(x => (x.Name, FullNullable(Inferred(x.Text)))).ToList()),
            ("one file", DocumentationMode.Parse, f => [("All.g.cs", string.Concat(f.Select(x => x.Text + "\n")))]),
        };

        bool warm = false;
        foreach (string spec in specs)
        {
            var result = GeneratorBenchmarks.CreateDriver([GeneratorBenchmarks.SpecText("/specs/" + spec, File.ReadAllText(Path.Combine(Paths.Corpus, spec)))])
                .RunGenerators(CSharpCompilation.Create("Bench")).GetRunResult();
            var files = result.Results[0].GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToList();
            Console.WriteLine($"{spec}: {files.Count} files, {files.Sum(f => f.Item2.Length) / 1e6:F1} M chars");
            var chosen = variants.Where(v => only.Count == 0 || only.Contains(v.Name.Split(' ')[0]) || only.Contains(v.Name))
                .Select(v => (v.Name, v.Docs, Files: v.Transform(files), Times: new List<double>(), Outcome: new string[1])).ToList();
            if (!warm)
            {
                Compile(files, references, DocumentationMode.Parse, split: false); // warm-up: the compiler's own JIT
                warm = true;
            }

            // Rounds over all variants, so that a noisy neighbour on the machine weighs on each alike.
            for (int i = 0; i < runs; i++)
            {
                foreach (var variant in chosen)
                {
                    GC.Collect();
                    var watch = Stopwatch.StartNew();
                    (variant.Outcome[0], _) = Compile(variant.Files, references, variant.Docs, split: false);
                    variant.Times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            foreach (var variant in chosen)
            {
                variant.Times.Sort();
                Console.WriteLine($"  {variant.Name,-34} {variant.Times[variant.Times.Count / 2],9:F0} ms  (min {variant.Times[0]:F0})  {variant.Outcome[0]}");
            }

            if (only.Count == 0 || only.Contains("split"))
            {
                (_, var split) = Compile(files, references, DocumentationMode.Parse, split: true);
                foreach (var kind in split.OrderByDescending(k => k.Value))
                {
                    Console.WriteLine($"    binding {kind.Key,-20} {kind.Value,9:F0} ms");
                }
            }
        }
    }

    private static (string Outcome, Dictionary<string, double> Split) Compile(List<(string Name, string Text)> files, MetadataReference[] references, DocumentationMode docs, bool split)
    {
        var parse = new CSharpParseOptions((LanguageVersion)1400, docs);
        var stage = Stopwatch.StartNew();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Name)).ToList();
        foreach (var tree in trees) tree.GetRoot();
        double parsing = stage.Elapsed.TotalMilliseconds;
        var compilation = CSharpCompilation.Create("Consumer", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)])); // as the SDK does
        var kinds = new Dictionary<string, double>(StringComparer.Ordinal);
        if (split)
        {
            // Declarations first, so that each tree's time is its own method bodies.
            kinds["(parse)"] = parsing;
            stage.Restart();
            compilation.GetDeclarationDiagnostics();
            kinds["(declarations)"] = stage.Elapsed.TotalMilliseconds;
            foreach (var tree in trees)
            {
                string kind = Kind(tree.FilePath);
                var watch = Stopwatch.StartNew();
                compilation.GetSemanticModel(tree).GetMethodBodyDiagnostics();
                kinds[kind] = kinds.GetValueOrDefault(kind) + watch.Elapsed.TotalMilliseconds;
            }

            stage.Restart();
            using var bodies = new MemoryStream();
            compilation.Emit(bodies);
            kinds["(emit, bound already)"] = stage.Elapsed.TotalMilliseconds;
            return ("", kinds);
        }

        using var pe = new MemoryStream();
        var emit = compilation.Emit(pe);
        int errors = emit.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        int warnings = emit.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        string first = emit.Diagnostics.FirstOrDefault(d => d.Severity >= DiagnosticSeverity.Warning)?.ToString() ?? "";
        return ($"{errors} errors, {warnings} warnings, {pe.Length / 1e6:F1} MB {first}", kinds);
    }

    private static string Inferred(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"m\.(Required|Optional|Property)<[^(]*>\(", "m.$1(");

    private static string FullNullable(string text) => text.Replace("#nullable enable annotations\n", "#nullable enable\n", StringComparison.Ordinal);

    private static string Kind(string hint)
    {
        string name = Path.GetFileName(hint);
        string[] parts = name.Split('.');
        return parts.Length > 2 ? parts[1] : name;
    }

    internal static MetadataReference[] References()
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> <dotnet>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net10.0
        string dotnet = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location))))!;
        string pack = Directory.GetDirectories(Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref")).OrderBy(d => d, StringComparer.Ordinal).Last();
        return Directory.GetFiles(Path.Combine(pack, "ref", "net10.0"), "*.dll")
            .Append(typeof(global::Paragon.Serialization.JsonUnion).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }
}
