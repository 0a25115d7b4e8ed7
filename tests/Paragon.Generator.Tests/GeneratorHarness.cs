using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Paragon.Generator.Tests;

/// <summary>A spec file given to the generator, with its MSBuild metadata.</summary>
public sealed record SpecFile(string Path, string Text, string? Integration = null, string? ClassName = null, string? PathPrefix = null, string? Namespace = null,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    public static SpecFile FromDisk(string path) => new(path, File.ReadAllText(path));
}

/// <summary>Runs the real generator on spec files in memory and compiles what it produced.</summary>
public static class GeneratorHarness
{
    /// <summary>C# 14 (Roslyn 4.14's enum has no member for it).</summary>
    public const LanguageVersion CSharp14 = (LanguageVersion)1400;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(Paragon.ParagonClient).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static string RepoRoot { get; } = FindRoot();

    public static string Corpus(string name) => Path.Combine(SharedSpecs.CorpusFolder, name);

    public static string Wide(string name) => Path.Combine(SharedSpecs.WideFolder, name);

    public static string Shipped(string name) => Path.Combine(RepoRoot, "specs", name);

    public static string TestSpec(string name) => Path.Combine(RepoRoot, "tests", "Paragon.Generator.Tests", "Specs", name);

    public static CSharpCompilation NewCompilation(string source = "", LanguageVersion language = CSharp14, DocumentationMode documentation = DocumentationMode.Parse) =>
        CSharpCompilation.Create("Consumer",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(language, documentation), path: "Consumer.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // As the SDK does: Paragon.Runtime's net8.0 build unifies with this process's newer framework.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    public static GeneratorDriver CreateDriver(IEnumerable<SpecFile> specs, LanguageVersion language = CSharp14, bool trackSteps = true,
        IReadOnlyDictionary<string, string>? globalOptions = null) =>
        CreateDriver(specs, out _, language, trackSteps, globalOptions: globalOptions);

    /// <summary>Also returns the additional texts given to the driver, for <c>ReplaceAdditionalText</c>.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<SpecFile> specs, out ImmutableArray<AdditionalText> texts, LanguageVersion language = CSharp14, bool trackSteps = true,
        DocumentationMode documentation = DocumentationMode.Parse, IReadOnlyDictionary<string, string>? globalOptions = null)
    {
        texts = specs.Select(s => (AdditionalText)new InMemoryText(s.Path, s.Text)).ToImmutableArray();
        var options = new Options(specs.ToDictionary(s => s.Path, s => s), globalOptions);
        return CSharpGeneratorDriver.Create(
            [new ParagonGenerator().AsSourceGenerator()],
            texts,
            new CSharpParseOptions(language, documentation),
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
    }

    /// <summary>The options the driver sees for these specs and project properties, for <c>WithUpdatedAnalyzerConfigOptions</c>.</summary>
    public static AnalyzerConfigOptionsProvider OptionsFor(IEnumerable<SpecFile> specs, IReadOnlyDictionary<string, string>? globalOptions = null) =>
        new Options(specs.ToDictionary(s => s.Path, s => s), globalOptions);

    /// <summary>
    /// Runs the generator and checks that it neither threw, nor failed on a spec (PARAGON007), nor made code that does not
    /// compile; the generator's diagnostics go to the test output.
    /// </summary>
    public static GenerationResult RunClean(Xunit.Abstractions.ITestOutputHelper output, params SpecFile[] specs) => RunClean(output, specs, consumer: string.Empty);

    /// <summary>The same, with the consumer's code compiled against the generated code (a call that must type-check).</summary>
    public static GenerationResult RunClean(Xunit.Abstractions.ITestOutputHelper output, SpecFile[] specs, string consumer)
    {
        GenerationResult result = Run(specs, consumer);
        foreach (Diagnostic diagnostic in result.GeneratorDiagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(result.Run.Results.Where(r => r.Exception is not null));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON007");
        Assert.Empty(result.Errors);
        return result;
    }

    /// <summary>
    /// <see cref="RunClean(Xunit.Abstractions.ITestOutputHelper, SpecFile[])"/>'s checks for a test that loads the generated
    /// code: the compile is the emit, whose errors include every error the compiler's diagnostics would list, so the code is
    /// compiled once rather than checked and then compiled again.
    /// </summary>
    public static (GenerationResult Result, byte[] Image) RunCleanAndEmit(Xunit.Abstractions.ITestOutputHelper output, params SpecFile[] specs)
    {
        EmittedRun run = EmittedRun.Create(specs);
        run.AssertClean(output);
        return (run.Result, run.Image!);
    }

    /// <summary>The generated client file of <paramref name="className"/>.</summary>
    public static string ClientSource(GenerationResult result, string className) =>
        result.Run.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName == className + ".Client.g.cs").SourceText.ToString();

    /// <summary>
    /// Generates; returns the run and the compilation with the generated code, whose diagnostics (the compile) are computed
    /// when a test first asks for them.
    /// </summary>
    /// <remarks>With <see cref="DocumentationMode.Diagnose"/> the compiler also checks the XML doc comments (CS15xx).</remarks>
    /// <param name="globalOptions">Project properties as the compiler passes them, for example <c>build_property.ParagonRootNamespace</c>.</param>
    public static GenerationResult Run(IEnumerable<SpecFile> specs, string consumer = "", LanguageVersion language = CSharp14, DocumentationMode documentation = DocumentationMode.Parse,
        IReadOnlyDictionary<string, string>? globalOptions = null)
    {
        CSharpCompilation compilation = NewCompilation(consumer, language, documentation);
        GeneratorDriver driver = CreateDriver(specs, out _, language, trackSteps: false, documentation, globalOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return new GenerationResult(driver.GetRunResult(), output, generatorDiagnostics);
    }

    /// <summary>From the test binaries up to the repository (not from source paths, which CI builds map to /_/).</summary>
    private static string FindRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Paragon.Typed.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("Paragon.Typed.sln not found above " + AppContext.BaseDirectory);
    }

    public static AdditionalText Text(string path, string text) => new InMemoryText(path, text);

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options(Dictionary<string, SpecFile> specs, IReadOnlyDictionary<string, string>? globalOptions) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new ProjectOptions(globalOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new FileOptions(null);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new FileOptions(specs.GetValueOrDefault(textFile.Path));
    }

    private sealed class FileOptions(SpecFile? spec) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            string? found = key switch
            {
                "build_metadata.AdditionalFiles.ParagonSpec" when spec is not null => "true",
                "build_metadata.AdditionalFiles.Integration" => spec?.Integration,
                "build_metadata.AdditionalFiles.ClassName" => spec?.ClassName,
                "build_metadata.AdditionalFiles.PathPrefix" => spec?.PathPrefix,
                "build_metadata.AdditionalFiles.Namespace" => spec?.Namespace,
                _ when key.StartsWith("build_metadata.AdditionalFiles.", StringComparison.Ordinal) && spec?.Metadata is { } more
                    => more.GetValueOrDefault(key["build_metadata.AdditionalFiles.".Length..]),
                _ => null,
            };
            value = found ?? string.Empty;
            return found is not null;
        }
    }

    private sealed class ProjectOptions(IReadOnlyDictionary<string, string>? values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            string? found = values?.GetValueOrDefault(key);
            value = found ?? string.Empty;
            return found is not null;
        }
    }
}

public sealed record GenerationResult(GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    // Compiling the output is most of a run's cost (stripe.json: about 60 s of CPU against under 3 s for the generator), and
    // a test that reads only the generated text never looked at it: the compile happens once, for the first test that asks.
    private readonly Lazy<ImmutableArray<Diagnostic>> _compilerDiagnostics = new(() => Output.GetDiagnostics());

    /// <summary>The compiler's diagnostics over the consumer's code and the generated code (compiled on first use).</summary>
    public ImmutableArray<Diagnostic> CompilerDiagnostics => _compilerDiagnostics.Value;

    public IEnumerable<Diagnostic> Errors => CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    public IEnumerable<Diagnostic> Warnings => CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);

    /// <summary>The names of the models generated for a spec (by its class name), from their declarations.</summary>
    public string[] ModelNames(string className) =>
        Run.Results.SelectMany(r => r.GeneratedSources)
            .Where(s => s.HintName.StartsWith(className + ".Models.", StringComparison.Ordinal))
            .SelectMany(s => s.SourceText.ToString().Split('\n'))
            .Where(l => l.StartsWith("    ", StringComparison.Ordinal) && !l.StartsWith("     ", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @" partial (?:class|struct) ([A-Za-z0-9_]+)"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// One generated model's declaration, from the files its spec's models share (<c>Slack.Models.1.g.cs</c>, …): from its
    /// <c>class</c> or <c>struct</c> line to its closing brace.
    /// </summary>
    public string Model(string typeName, string? className = null)
    {
        string[] lines = Run.Results.SelectMany(r => r.GeneratedSources)
            .Where(s => s.HintName.Contains(".Models.", StringComparison.Ordinal) && (className is null || s.HintName.StartsWith(className + ".Models.", StringComparison.Ordinal)))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .SelectMany(s => s.SourceText.ToString().Split('\n'))
            .ToArray();
        int start = Array.FindIndex(lines, l => l.StartsWith("    ", StringComparison.Ordinal) && !l.StartsWith("     ", StringComparison.Ordinal)
            && (l.Contains(" partial class " + typeName + " ", StringComparison.Ordinal) || l.EndsWith(" partial class " + typeName, StringComparison.Ordinal)
                || l.Contains(" partial record struct " + typeName + " ", StringComparison.Ordinal) || l.EndsWith(" partial record struct " + typeName, StringComparison.Ordinal)));
        if (start < 0)
        {
            throw new InvalidOperationException($"No generated model {typeName}.");
        }

        int end = Array.FindIndex(lines, start, l => l == "    }");
        return string.Join("\n", lines[start..(end + 1)]);
    }

    public string Source(string hintNameSuffix) =>
        Run.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName.EndsWith(hintNameSuffix, StringComparison.Ordinal)).SourceText.ToString();
}
