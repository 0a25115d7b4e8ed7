using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Paragon.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Paragon.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
