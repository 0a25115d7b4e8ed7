using System.Linq;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Paragon.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Paragon.Benchmarks -- --stages [github-full.json stripe.json …]
// dotnet run -c Release --project bench/Paragon.Benchmarks -- --dump DIR   (every corpus spec's generated files, to diff)
if (args.Length > 0 && args[0] == "--stages")
{
    Paragon.Benchmarks.GeneratorStages.Run(args.Skip(1).ToArray());
    return;
}

if (args.Length == 2 && args[0] == "--dump")
{
    Paragon.Benchmarks.GeneratorStages.Dump(args[1]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Paragon.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
