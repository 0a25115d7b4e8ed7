using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Paragon.Benchmarks;

/// <summary>
/// What an IDE pays on every keystroke in a project with a big spec: the generator run after an unrelated C# edit, every
/// step cached. Each invocation alternates between two compilations that differ by one unrelated file, so the driver
/// always sees a changed compilation. The baseline is the same driver with no spec at all, measured in the same run.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class IncrementalBenchmarks
{
    private GeneratorDriver _withSpec = null!;
    private GeneratorDriver _withoutSpec = null!;
    private Compilation _a = null!;
    private Compilation _b = null!;
    private bool _flip;

    [Params("github-full.json", "stripe.json", "slack.json")]
    public string Spec { get; set; } = "github-full.json";

    [GlobalSetup]
    public void Setup()
    {
        var parse = new CSharpParseOptions((LanguageVersion)1400);
        _a = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("class A { }", parse)], [], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _b = _a.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }", parse));
        string text = System.IO.File.ReadAllText(System.IO.Path.Combine(Paths.Corpus, Spec));
        _withSpec = GeneratorBenchmarks.CreateDriver([GeneratorBenchmarks.SpecText("/specs/" + Spec, text)]).RunGenerators(_a);
        _withoutSpec = GeneratorBenchmarks.CreateDriver([]).RunGenerators(_a);
    }

    [Benchmark(Baseline = true, Description = "Unrelated edit, no spec")]
    public GeneratorDriver NoSpec() => _withoutSpec = _withoutSpec.RunGenerators(Next());

    [Benchmark(Description = "Unrelated edit, with the spec")]
    public GeneratorDriver WithSpec() => _withSpec = _withSpec.RunGenerators(Next());

    private Compilation Next() => (_flip = !_flip) ? _b : _a;
}
