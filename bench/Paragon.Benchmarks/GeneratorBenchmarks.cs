extern alias generator;

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using generator::Paragon.Generator;

namespace Paragon.Benchmarks;

/// <summary>
/// The generator on the largest real spec (GitHub, 13 MB, 1,223 operations), in-process and warm, as an IDE runs it.
/// The baseline is Microsoft.OpenApi's parse alone, measured in the same run: the ratio is what reading into the model
/// and emitting every file add on top of parsing.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class GeneratorBenchmarks
{
    private string _text = string.Empty;
    private CSharpCompilation _compilation = null!;

    [Params("github-full.json", "stripe.json", "slack.json")]
    public string Spec { get; set; } = "github-full.json";

    [GlobalSetup]
    public void Setup()
    {
        _text = File.ReadAllText(Path.Combine(Paths.Corpus, Spec));
        _compilation = CSharpCompilation.Create("Bench", [], [], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }

    [Benchmark(Baseline = true, Description = "Microsoft.OpenApi parse only")]
    public OpenApiDocument? ParseOnly() => GeneratorStages.Parse(_text, yaml: false);

    /// <summary>
    /// What the generator now uses for OpenAPI 3.0 JSON: Microsoft.OpenApi's model built from a <c>JsonDocument</c>, with the
    /// typeless nullables found in the same bytes, as the generator calls it. For a spec it does not read (slack.json is
    /// Swagger 2.0) this is only the time to give up; the generator then parses as above.
    /// </summary>
    [Benchmark(Description = "Fast JSON reader (3.0 JSON)")]
    public OpenApiDocument? FastJsonParse() => FastReaderWithNullables(_text);

    /// <summary>
    /// The reader as the generator calls it, with the typeless nullables found by the walk over the bytes it parsed
    /// (the same work as when they were found in its parsed document, so the stage compares with earlier runs).
    /// </summary>
    internal static OpenApiDocument? FastReaderWithNullables(string text)
    {
        OpenApiDocument? document = generator::Paragon.Generator.Reading.Json.JsonSpecReader.TryRead(text, out byte[]? utf8);
        if (document is not null && utf8 is not null)
        {
            var source = new generator::Paragon.Generator.Reading.SpecText.SpecSource(text, isYaml: false);
            source.UseValidUtf8(utf8);
            _ = generator::Paragon.Generator.Reading.TypelessNullables.Find(source);
        }

        return document;
    }

    [Benchmark(Description = "Generate (parse + model + emit)")]
    public int Generate() =>
        CreateDriver([SpecText("/specs/" + Spec, _text)]).RunGenerators(_compilation).GetRunResult().Results[0].GeneratedSources.Length;

    /// <summary>A driver for the generator over the given spec files, as the compiler creates one.</summary>
    internal static GeneratorDriver CreateDriver(AdditionalText[] specs) =>
        CSharpGeneratorDriver.Create([new ParagonGenerator().AsSourceGenerator()], specs, new CSharpParseOptions((LanguageVersion)1400), new Options());

    /// <summary>A spec file in memory.</summary>
    internal static AdditionalText SpecText(string path, string text) => new Text(path, text);

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly SpecOptions Spec = new();

        public override AnalyzerConfigOptions GlobalOptions => Spec;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Spec;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Spec;

        private sealed class SpecOptions : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = "true";
                return key == "build_metadata.AdditionalFiles.ParagonSpec";
            }
        }
    }
}

internal static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "..", "shared", "specs-corpus");

    private static string FindRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Paragon.Typed.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? Directory.GetCurrentDirectory();
    }
}
