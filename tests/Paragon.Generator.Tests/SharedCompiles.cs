using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Paragon.Generator.Tests;

/// <summary>
/// The corpus specs whose generated code NullableContextTests compiles with full nullable analysis. Compiling is most of
/// a run's cost (stripe.json: 25-37 s of CPU, against about 1 s for the generator), and CorpusTests compiled the same
/// code again; now both tests take one run and one strict compile, whichever test comes first making it.
/// </summary>
/// <remarks>
/// The errors of the strict compile are the errors of the compile a user gets: <c>#nullable enable</c> and
/// <c>#nullable enable annotations</c> differ only in the nullable warning context, which decides which nullable warnings
/// are reported and never how anything binds, so it adds warnings and no error.
/// </remarks>
public static class StrictNullableRuns
{
    /// <summary>Small and mid-sized specs, and Stripe: 782 unions, 1,602 enums, form bodies, every shape the emitters write.</summary>
    public static readonly string[] Specs = ["slack.json", "petstore-expanded.oas30.yaml", "stripe.json"];

    // Each run has two readers (CorpusTests and NullableContextTests); the second one drops it, so that Stripe's compilation
    // is not held for the rest of the test run.
    private const int Readers = 2;

    private static readonly ConcurrentDictionary<string, Lazy<StrictNullableRun>> Runs = new(StringComparer.Ordinal);

    public static bool Covers(string file) => Specs.Contains(file, StringComparer.Ordinal);

    /// <summary>The run of <paramref name="file"/> (a name in <see cref="Specs"/>), made on the first call.</summary>
    public static StrictNullableRun Take(string file)
    {
        if (!Covers(file))
        {
            throw new ArgumentException(file + " is not one of the strictly compiled specs.", nameof(file));
        }

        Lazy<StrictNullableRun> lazy = Runs.GetOrAdd(file, f => new Lazy<StrictNullableRun>(() => StrictNullableRun.Create(GeneratorHarness.Corpus(f))));
        StrictNullableRun run = lazy.Value;
        if (run.Read() >= Readers)
        {
            Runs.TryRemove(file, out _);
        }

        return run;
    }
}

/// <summary>One spec generated as a user's build does, and its output compiled with <c>#nullable enable</c> in every file.</summary>
public sealed class StrictNullableRun
{
    private int _reads;

    private StrictNullableRun(GenerationResult result, ImmutableArray<Diagnostic> diagnostics, long milliseconds)
    {
        Result = result;
        Diagnostics = diagnostics;
        Milliseconds = milliseconds;
    }

    /// <summary>The generator's run; its own (annotations-only) compile is never asked for.</summary>
    public GenerationResult Result { get; }

    /// <summary>The strict compile's diagnostics.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public Diagnostic[] Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();

    /// <summary>Generation and the strict compile.</summary>
    public long Milliseconds { get; }

    internal int Read() => Interlocked.Increment(ref _reads);

    internal static StrictNullableRun Create(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        GenerationResult result = GeneratorHarness.Run([SpecFile.FromDisk(path)]);
        SyntaxTree[] generated = result.Run.Results.SelectMany(r => r.GeneratedSources).Select(s =>
            CSharpSyntaxTree.ParseText(s.SourceText.ToString().Replace("\n#nullable enable annotations\n", "\n#nullable enable\n", StringComparison.Ordinal),
                new CSharpParseOptions(GeneratorHarness.CSharp14), s.HintName)).ToArray();
        ImmutableArray<Diagnostic> diagnostics = GeneratorHarness.NewCompilation().AddSyntaxTrees(generated).GetDiagnostics();
        return new StrictNullableRun(result, diagnostics, stopwatch.ElapsedMilliseconds);
    }
}

/// <summary>
/// The 150 wide specs, each generated alone as before, and their outputs compiled together in one compilation: one
/// compilation of everything costs under half the CPU of 150 small ones (measured: 30 s against 73 s), as a compilation's
/// fixed work (binding the references, the runtime's and System.Text.Json's types the generated code uses) is done once.
/// </summary>
/// <remarks>
/// Together, one spec's code can neither break nor repair another's: every spec declares its types in its own namespace
/// (<c>Paragon.Integrations.{ClassName}</c>) and its access class as <c>Paragon.{ClassName}ParagonExtensions</c>, and the
/// generated code names every type with <c>global::</c>. Specs that come out with the same class name go in different
/// compilations. A spec whose trees, or the compilation as a whole, show any error is compiled again alone, and its
/// test reports that compile's errors: compiling together can make a spec's test slower, never pass or fail differently.
/// </remarks>
public sealed class CompiledTogether
{
    private readonly Dictionary<string, (GenerationResult Result, long Milliseconds)> _runs;
    private readonly Dictionary<string, Diagnostic[]> _errors;

    private CompiledTogether(Dictionary<string, (GenerationResult, long)> runs, Dictionary<string, Diagnostic[]> errors)
    {
        _runs = runs;
        _errors = errors;
    }

    public static Lazy<CompiledTogether> Wide { get; } = new(() => Create(SharedSpecs.Files(SharedSpecs.WideFolder).Select(GeneratorHarness.Wide)));

    /// <summary>The spec's run, and the errors of its code compiled with the others' (or alone when they showed any).</summary>
    public (GenerationResult Result, Diagnostic[] Errors, long Milliseconds) For(string path)
    {
        (GenerationResult result, long milliseconds) = _runs[path];
        Diagnostic[] errors = _errors[path];
        if (errors.Length == 0)
        {
            return (result, errors, milliseconds);
        }

        // Something was wrong together: the spec's own compile decides, as it did when every spec was compiled alone.
        var stopwatch = Stopwatch.StartNew();
        GenerationResult alone = GeneratorHarness.Run([SpecFile.FromDisk(path)]);
        Diagnostic[] aloneErrors = alone.Errors.ToArray();
        return (alone, aloneErrors, stopwatch.ElapsedMilliseconds);
    }

    private static CompiledTogether Create(IEnumerable<string> paths)
    {
        var runs = new Dictionary<string, (GenerationResult, long)>(StringComparer.Ordinal);
        // Each compilation takes at most one spec of a class name; a spec goes in the first one free of its name.
        var groups = new List<(HashSet<string> ClassNames, List<string> Paths)>();
        foreach (string path in paths)
        {
            var stopwatch = Stopwatch.StartNew();
            GenerationResult result = GeneratorHarness.Run([SpecFile.FromDisk(path)]);
            runs[path] = (result, stopwatch.ElapsedMilliseconds);
            string[] classNames = result.Run.Results.SelectMany(r => r.GeneratedSources)
                .Select(s => s.HintName[..s.HintName.IndexOf('.', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).ToArray();
            (HashSet<string> ClassNames, List<string> Paths) group = groups.FirstOrDefault(g => !classNames.Any(g.ClassNames.Contains));
            if (group.Paths is null)
            {
                group = (new HashSet<string>(StringComparer.Ordinal), []);
                groups.Add(group);
            }

            group.ClassNames.UnionWith(classNames);
            group.Paths.Add(path);
        }

        var errors = new Dictionary<string, Diagnostic[]>(StringComparer.Ordinal);
        foreach ((_, List<string> group) in groups)
        {
            // The generated trees as the generator's run parsed them, without each run's empty consumer file.
            var owner = new Dictionary<SyntaxTree, string>();
            foreach (string path in group)
            {
                foreach (SyntaxTree tree in runs[path].Item1.Output.SyntaxTrees.Where(t => t.FilePath != "Consumer.cs"))
                {
                    owner.Add(tree, path);
                }
            }

            Compilation together = GeneratorHarness.NewCompilation().AddSyntaxTrees(owner.Keys);
            Diagnostic[] all = together.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            foreach (string path in group)
            {
                // An error outside the generated trees (in no file, or in the consumer file) may be anyone's.
                errors[path] = all.Where(d => d.Location.SourceTree is not { } tree || !owner.TryGetValue(tree, out string? of) || of == path).ToArray();
            }
        }

        return new CompiledTogether(runs, errors);
    }
}

/// <summary>
/// GitHub's public spec (<c>specs-corpus/github.json</c>, 3 MB), generated once and its output compiled once, by an emit,
/// for the three tests that compiled it each on its own: CorpusTests (no compile error), ConventionPagingTests (a clean run
/// whose client it reads) and ModelFactoryTests (loads the assembly). Each compile was the same spec, the same metadata
/// and the same references, so each saw the same errors; an emit reports every error the compiler's diagnostics list (it
/// fails on any), so the emit's errors stand for the two compiles that were only checked.
/// </summary>
public static class GitHubEmit
{
    public const string File = "github.json";

    // The three readers above; the last one drops the run, so that GitHub's compilation is not held for the rest of the run.
    private const int Readers = 3;

    private static readonly object Gate = new();
    private static Lazy<EmittedRun>? _run;
    private static int _reads;

    /// <summary>The run, made on the first call.</summary>
    public static EmittedRun Take()
    {
        Lazy<EmittedRun> run;
        lock (Gate)
        {
            run = _run ??= new Lazy<EmittedRun>(() => EmittedRun.Create(GeneratorHarness.Corpus(File)));
            if (++_reads >= Readers)
            {
                _run = null;
                _reads = 0;
            }
        }

        return run.Value;
    }
}

/// <summary>One spec generated as a user's build does, and its output (with the empty consumer file) emitted.</summary>
public sealed class EmittedRun
{
    private EmittedRun(GenerationResult result, Diagnostic[] errors, byte[]? image, long milliseconds)
    {
        Result = result;
        Errors = errors;
        Image = image;
        Milliseconds = milliseconds;
    }

    /// <summary>The generator's run; its own compile (<see cref="GenerationResult.CompilerDiagnostics"/>) is never asked for.</summary>
    public GenerationResult Result { get; }

    /// <summary>The emit's errors: every compile error, and anything that stopped the emit.</summary>
    public Diagnostic[] Errors { get; }

    /// <summary>The assembly, or null when the emit failed (then <see cref="Errors"/> says why).</summary>
    public byte[]? Image { get; }

    /// <summary>Generation and the emit.</summary>
    public long Milliseconds { get; }

    internal static EmittedRun Create(string path) => Create(SpecFile.FromDisk(path));

    internal static EmittedRun Create(params SpecFile[] specs)
    {
        var stopwatch = Stopwatch.StartNew();
        GenerationResult result = GeneratorHarness.Run(specs);
        using var image = new System.IO.MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = result.Output.Emit(image);
        Diagnostic[] errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        return new EmittedRun(result, errors, emitted.Success ? image.ToArray() : null, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>
    /// <see cref="GeneratorHarness.RunClean(Xunit.Abstractions.ITestOutputHelper, SpecFile[])"/>'s checks on this run, with the
    /// emit as the compile: its errors include every error the compiler's diagnostics would list.
    /// </summary>
    public void AssertClean(Xunit.Abstractions.ITestOutputHelper output)
    {
        foreach (Diagnostic diagnostic in Result.GeneratorDiagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(Result.Run.Results.Where(r => r.Exception is not null));
        Assert.DoesNotContain(Result.GeneratorDiagnostics, d => d.Id == "PARAGON007");
        Assert.Empty(Errors);
        Assert.NotNull(Image);
    }
}
