using System.Linq;
using BenchmarkDotNet.Running;
using Paragon.Benchmarks;

// dotnet run -c Release --project bench/Paragon.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Paragon.Benchmarks -- --stages [github-full.json stripe.json …] [--only=SpecReader]
// dotnet run -c Release --project bench/Paragon.Benchmarks -- --read-loop github-full.json 10   (the reader alone, for a profiler)
// dotnet run -c Release --project bench/Paragon.Benchmarks -- --compile [stripe.json …] [--runs=N] [--variants=as,docs,…,split]
// dotnet run -c Release --project bench/Paragon.Benchmarks -- --alloc [calls] [filter]   (bytes and types per call)
// dotnet run -c Release --project bench/Paragon.Benchmarks -- --dump DIR [SPECDIR]   (every spec's generated files, to diff;
//                                                                  SPECDIR defaults to ../shared/specs-corpus)
// dotnet run -c Release --project bench/Paragon.Benchmarks -- --fallbacks [SPECDIR]   (JSON specs the fast reader leaves to
//                                                                  Microsoft.OpenApi, and the reader's line that gave up)
// dotnet run -c Release --project bench/Paragon.Benchmarks -- --dump-specs DIR [spec-path…]   (default: the curated specs/)
// dotnet run -c Release --project bench/Paragon.Benchmarks -- --compile-dirs [--runs=N] [--docs=none|parse|diagnose] DIR…
if (args.Length > 0 && args[0] == LocalProxyProcess.ServeArgument)
{
    await LocalProxyProcess.ServeAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "--stages")
{
    GeneratorStages.Run(args.Skip(1).ToArray());
    return;
}

if (args.Length == 3 && args[0] == "--read-loop")
{
    GeneratorStages.ReadLoop(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "--compile")
{
    GeneratedCompile.Run(args.Skip(1).ToArray());
    return;
}

if (args.Length > 1 && args[0] == "--dump-specs")
{
    CompileCompare.DumpSpecs(args[1], args.Skip(2).ToArray());
    return;
}

if (args.Length > 1 && args[0] == "--compile-dirs")
{
    CompileCompare.CompileDirectories(args.Skip(1).ToArray());
    return;
}

if (args.Length > 0 && args[0] == "--alloc")
{
    await CallAllocations.RunAsync(args.Skip(1).ToArray());
    return;
}

if (args.Length is 1 or 2 && args[0] == "--fallbacks")
{
    GeneratorStages.Fallbacks(args.Length == 2 ? args[1] : Paths.Corpus);
    return;
}

if (args.Length is 2 or 3 && args[0] == "--dump")
{
    GeneratorStages.Dump(args[1], args.Length == 3 ? args[2] : Paths.Corpus);
    return;
}

// BenchmarkDotNet builds its own copy of this project, which runs the generator on specs/: on a busy two-core machine that
// takes longer than the default two minutes.
BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly)
    .Run(args, BenchmarkDotNet.Configs.ManualConfig.Create(BenchmarkDotNet.Configs.DefaultConfig.Instance).WithBuildTimeout(System.TimeSpan.FromMinutes(15)));
