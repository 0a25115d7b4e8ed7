extern alias generator;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using generator::Paragon.Generator.Emitting;
using generator::Paragon.Generator.Model;
using generator::Paragon.Generator.Modeling;
using generator::Paragon.Generator.Reading;

namespace Paragon.Benchmarks;

/// <summary>
/// Where a full run's time and memory go, stage by stage, warm and in-process: <c>-- --stages [spec…]</c>. BenchmarkDotNet
/// measures the whole run against the parse (<see cref="GeneratorBenchmarks"/>); this splits it, with medians over a few
/// runs and the bytes each stage allocates, so that a change can be aimed at the stage that costs.
/// </summary>
internal static class GeneratorStages
{
    public static void Run(string[] arguments)
    {
        // --only=TEXT keeps the stages whose name contains TEXT (--only=SpecReader): a quicker before/after of one stage.
        string? only = arguments.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?.Substring("--only=".Length);
        string[] specs = arguments.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (specs.Length == 0)
        {
            specs = ["github-full.json", "stripe.json", "slack.json"];
        }

        foreach (string spec in specs)
        {
            string text = File.ReadAllText(Path.Combine(Paths.Corpus, spec));
            var input = new SpecInput("/specs/" + spec, text, null, null, null);
            bool yaml = spec.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
            SpecModel model = SpecModeler.Read(input, default);
            var language = new LanguageSupport(1400);
            var stages = new (string Name, Action Action)[]
            {
                ("Microsoft.OpenApi parse", () => Parse(text, yaml)),
                ("Fast JSON reader (+ typeless nullables)", () => GeneratorBenchmarks.FastReaderWithNullables(text)),
                ("TypelessNullables.Find (text walk)", () => TypelessNullables.Find(new generator::Paragon.Generator.Reading.SpecText.SpecSource(text, yaml))),
                ("SpecModeler.Read (parse + walk + model)", () => SpecModeler.Read(input, default)),
                ("TypeNames + ContextPlan", () => _ = new ContextPlan(model, new TypeNames(model)).Entries),
                ("ClientEmitter", () => ClientEmitter.Emit(model, new TypeNames(model), new ContextPlan(model, new TypeNames(model)))),
                ("ModelEmitter (all files)", () => EmitModels(model, language)),
                ("SerializationEmitter", () => { var names = new TypeNames(model); SerializationEmitter.Emit(model, names, new ContextPlan(model, names), language); }),
                ("AccessEmitter", () => AccessEmitter.Emit(model, language)),
                ("Full driver run", () => GeneratorBenchmarks.CreateDriver([GeneratorBenchmarks.SpecText(input.Path, text)]).RunGenerators(
                    Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Bench")).GetRunResult()),
            };

            Console.WriteLine($"{spec}: {model.Operations.Count} operations, {model.Types.Count} types, {model.Diagnostics.Count} diagnostics");
            foreach ((string name, Action action) in stages)
            {
                if (only is not null && name.IndexOf(only, StringComparison.OrdinalIgnoreCase) < 0)
                {
                    continue;
                }

                (double ms, double cpu, long bytes) = Measure(action);
                Console.WriteLine($"  {name,-42} {ms,9:F1} ms {cpu,9:F1} ms CPU {bytes / 1048576.0,9:F1} MB");
            }
        }
    }

    /// <summary>
    /// <see cref="SpecModeler.Read"/> on one spec, <paramref name="count"/> times and nothing else (<c>-- --read-loop SPEC N</c>):
    /// a steady process for a profiler (<c>dotnet-trace collect -- dotnet Paragon.Benchmarks.dll --read-loop …</c>).
    /// </summary>
    public static void ReadLoop(string spec, int count)
    {
        var input = new SpecInput("/specs/" + spec, File.ReadAllText(Path.Combine(Paths.Corpus, spec)), null, null, null);
        for (int i = 0; i < count; i++)
        {
            _ = SpecModeler.Read(input, default);
        }
    }

    /// <summary>
    /// Writes every file generated for each spec of <paramref name="specDirectory"/> (the corpus unless given, or
    /// ../shared/specs-wide) under <paramref name="directory"/> (<c>-- --dump DIR [SPECDIR]</c>): two dumps compared with
    /// <c>diff -r</c> show that a change to the reader or the emitters left the output byte for byte the same.
    /// </summary>
    public static void Dump(string directory, string specDirectory)
    {
        foreach (string path in Directory.GetFiles(specDirectory).Where(p => p.EndsWith(".json", StringComparison.Ordinal) || p.EndsWith(".yaml", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal))
        {
            DumpSpec(path, directory);
        }
    }

    /// <summary>One spec's generated files and diagnostics, in a folder named after the spec under <paramref name="directory"/>.</summary>
    internal static void DumpSpec(string path, string directory)
    {
        var result = GeneratorBenchmarks.CreateDriver([GeneratorBenchmarks.SpecText("/specs/" + Path.GetFileName(path), File.ReadAllText(path))])
            .RunGenerators(Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Bench")).GetRunResult();
        string target = Path.Combine(directory, Path.GetFileName(path));
        Directory.CreateDirectory(target);
        foreach (var source in result.Results[0].GeneratedSources)
        {
            File.WriteAllText(Path.Combine(target, source.HintName), source.SourceText.ToString());
        }

        File.WriteAllLines(Path.Combine(target, "diagnostics.txt"), result.Diagnostics.Select(d => d.ToString()));
    }

    /// <summary>
    /// The JSON specs of <paramref name="specDirectory"/> that the fast reader leaves to Microsoft.OpenApi (<c>-- --fallbacks
    /// [SPECDIR]</c>), each with its version and the first exception the reader met (it gives up by throwing, and catches):
    /// where to look when a spec that could be read fast is not.
    /// </summary>
    public static void Fallbacks(string specDirectory)
    {
        Exception? first = null;
        AppDomain.CurrentDomain.FirstChanceException += (_, e) => first ??= e.Exception;
        foreach (string path in Directory.GetFiles(specDirectory, "*.json").OrderBy(p => p, StringComparer.Ordinal))
        {
            string text = File.ReadAllText(path);
            first = null;
            if (generator::Paragon.Generator.Reading.Json.JsonSpecReader.TryRead(text) is not null)
            {
                continue;
            }

            string version = System.Text.RegularExpressions.Regex.Match(text, "\"(openapi|swagger)\"\\s*:\\s*\"([^\"]*)\"").Groups[2].Value;
            string? where = first?.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("JsonSpecReader", StringComparison.Ordinal));
            Console.WriteLine($"{Path.GetFileName(path)}: {version}: {first?.GetType().Name ?? "no exception (not 3.0)"} {where}");
        }
    }

    /// <summary>Microsoft.OpenApi's parse as the generator configures it (reading, not validating): the baseline of the benchmarks.</summary>
    internal static OpenApiDocument? Parse(string text, bool yaml)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        settings.RuleSet = new ValidationRuleSet();
        return OpenApiDocument.Parse(text, yaml ? "yaml" : "json", settings).Document;
    }

    private static void EmitModels(SpecModel model, LanguageSupport language)
    {
        var names = new TypeNames(model);
        var plan = new ContextPlan(model, names);
        for (int start = 0; start < model.Types.Count; start += ModelEmitter.ModelsPerFile)
        {
            ModelEmitter.Emit(model, model.Types.Skip(start).Take(ModelEmitter.ModelsPerFile), names, plan, language);
        }
    }

    /// <summary>
    /// The median of seven runs after two warm-ups: wall time, this thread's CPU time, and the median run's allocations on
    /// this thread. On a machine shared with other builds the wall time follows the load; the CPU time (which leaves out the
    /// time the thread waited for a core) moves much less, so compare that between two runs taken at different moments.
    /// </summary>
    private static (double Milliseconds, double CpuMilliseconds, long Bytes) Measure(Action action)
    {
        action();
        action();
        var runs = new List<(double, double, long)>();
        for (int i = 0; i < 7; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = GC.GetAllocatedBytesForCurrentThread();
            double cpuBefore = ThreadCpuMilliseconds();
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            runs.Add((watch.Elapsed.TotalMilliseconds, ThreadCpuMilliseconds() - cpuBefore, GC.GetAllocatedBytesForCurrentThread() - before));
        }

        var median = runs.OrderBy(r => r.Item1).ElementAt(runs.Count / 2);
        return (median.Item1, runs.Select(r => r.Item2).OrderBy(c => c).ElementAt(runs.Count / 2), median.Item3);
    }

    /// <summary>This thread's CPU time (Linux: CLOCK_THREAD_CPUTIME_ID); NaN elsewhere.</summary>
    private static double ThreadCpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        return ClockGetTime(3, out TimeSpec time) == 0 ? (time.Seconds * 1000.0) + (time.Nanoseconds / 1_000_000.0) : double.NaN;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
