using BenchmarkDotNet.Running;
using Paragon.Benchmarks;

// dotnet run -c Release --project bench/Paragon.Benchmarks -- --filter '*'
if (args.Length > 0 && args[0] == LocalProxyProcess.ServeArgument)
{
    await LocalProxyProcess.ServeAsync(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);
