using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// dotnet run -c Release --project bench/GeneratorAB -- ROUNDS SPEC DIR_A DIR_B [DIR…]
// Each DIR holds a build's Paragon.Generator.dll. Every round runs one whole generator driver (read, model, emit) per build,
// in alternating order, and measures this thread's CPU time and allocations. Two builds compared at different moments on a
// shared machine differ by more than most changes; interleaved in one process, they see the same machine.
if (args.Length < 4 || !int.TryParse(args[0], out int rounds) || rounds < 1)
{
    Console.Error.WriteLine("usage: GeneratorAB ROUNDS SPEC DIR_A DIR_B [DIR…]");
    return 2;
}

string spec = args[1];
string[] builds = args.Skip(2).ToArray();
var parseOptions = new CSharpParseOptions((LanguageVersion)1400);
CSharpCompilation compilation = CSharpCompilation.Create("AB", [CSharpSyntaxTree.ParseText("class A { }", parseOptions)], [],
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
var file = new SpecFile("/specs/" + Path.GetFileName(spec), File.ReadAllText(spec));
Func<int>[] runs = builds.Select(dir =>
{
    Assembly assembly = new BuildContext(dir).LoadFromAssemblyPath(Path.GetFullPath(Path.Combine(dir, "Paragon.Generator.dll")));
    var generator = (IIncrementalGenerator)Activator.CreateInstance(assembly.GetType("Paragon.Generator.ParagonGenerator", throwOnError: true)!)!;
    return (Func<int>)(() => CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], [file], parseOptions, new SpecOptions())
        .RunGenerators(compilation).GetRunResult().Results[0].GeneratedSources.Length);
}).ToArray();

for (int j = 0; j < runs.Length; j++)
{
    int files = 0;
    for (int warm = 0; warm < 3; warm++)
    {
        files = runs[j]();
    }

    Console.WriteLine($"{builds[j]}: {files} files");
}

var cpu = builds.Select(_ => new List<double>()).ToArray();
var bytes = builds.Select(_ => new List<long>()).ToArray();
for (int round = 0; round < rounds; round++)
{
    for (int k = 0; k < runs.Length; k++)
    {
        int j = round % 2 == 0 ? k : runs.Length - 1 - k;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        double started = ThreadCpu.Milliseconds();
        runs[j]();
        cpu[j].Add(ThreadCpu.Milliseconds() - started);
        bytes[j].Add(GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}

double baseline = Median(cpu[0]);
for (int j = 0; j < builds.Length; j++)
{
    List<double> sorted = cpu[j].OrderBy(c => c).ToList();
    Console.WriteLine($"{Path.GetFileName(spec)} {builds[j]}: CPU ms min {sorted[0]:F1}  p25 {sorted[sorted.Count / 4]:F1}  median {Median(sorted):F1}"
        + $"  ({Median(sorted) / baseline:F2}× the first)  allocated {bytes[j].Min() / 1048576.0:F2} MB");
}

return 0;

static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);

/// <summary>Loads one build's generator; everything else (Roslyn, Microsoft.OpenApi) comes from the default context.</summary>
internal sealed class BuildContext(string directory) : AssemblyLoadContext(isCollectible: false)
{
    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name == "Paragon.Generator" ? LoadFromAssemblyPath(Path.GetFullPath(Path.Combine(directory, "Paragon.Generator.dll"))) : null;
}

/// <summary>This thread's CPU time (Linux: CLOCK_THREAD_CPUTIME_ID).</summary>
internal static partial class ThreadCpu
{
    public static double Milliseconds() => ClockGetTime(3, out TimeSpec time) == 0 ? time.Seconds * 1000.0 + time.Nanoseconds / 1e6 : double.NaN;

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

internal sealed class SpecFile(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Marks the one additional file as a spec, as the package's props do.</summary>
internal sealed class SpecOptions : AnalyzerConfigOptionsProvider
{
    private static readonly Options Spec = new(isSpec: true);

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(isSpec: false);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Spec;

    private sealed class Options(bool isSpec) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            value = "true";
            return isSpec && key == "build_metadata.AdditionalFiles.ParagonSpec";
        }
    }
}
