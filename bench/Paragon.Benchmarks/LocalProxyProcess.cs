using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Testing;

namespace Paragon.Benchmarks;

/// <summary>
/// The local proxy in a process of its own. BenchmarkDotNet counts the bytes allocated by the whole process, so a proxy in
/// the benchmark's process would add its own allocations (token check, routing, the fake's JSON) to every column; out of
/// process, "allocated" is the client's alone.
/// </summary>
internal sealed class LocalProxyProcess : IDisposable
{
    public const string ServeArgument = "--serve-local-proxy";

    private readonly Process _process;
    private readonly string _keyFile;

    private LocalProxyProcess(Process process, string keyFile, Uri baseUrl, string projectId)
    {
        _process = process;
        _keyFile = keyFile;
        BaseUrl = baseUrl;
        ProjectId = projectId;
    }

    public Uri BaseUrl { get; }

    public string ProjectId { get; }

    /// <summary>Starts the proxy with a Slack fake of <paramref name="channels"/> channels and an echo provider.</summary>
    public static LocalProxyProcess Start(string publicKeyPem, int channels)
    {
        string keyFile = Path.GetTempFileName();
        File.WriteAllText(keyFile, publicKeyPem);

        // Whatever process BenchmarkDotNet runs us in, its runtime config and dependency list hold the proxy's too.
        string entry = (Assembly.GetEntryAssembly() ?? typeof(LocalProxyProcess).Assembly).Location;
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host))
        {
            host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        }

        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[]
        {
            "exec", "--runtimeconfig", Path.ChangeExtension(entry, ".runtimeconfig.json"), "--depsfile", Path.ChangeExtension(entry, ".deps.json"),
            typeof(LocalProxyProcess).Assembly.Location, ServeArgument, keyFile, channels.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("The local proxy process did not start.");
        string line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The local proxy process exited before it listened.");
        string[] parts = line.Split(' ');
        return new LocalProxyProcess(process, keyFile, new Uri(parts[0]), parts[1]);
    }

    /// <summary>The child's side: serve until the parent closes standard input (or dies).</summary>
    public static async Task ServeAsync(string[] args)
    {
        string publicKeyPem = await File.ReadAllTextAsync(args[1]);
        int channels = int.Parse(args[2], CultureInfo.InvariantCulture);
        await using LocalParagonProxy proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions().TrustKey(publicKeyPem)
            .AddProvider("slack", FakeProviders.Slack(channels)).AddProvider("echo", FakeProviders.Echo()));
        Console.WriteLine($"{proxy.BaseUrl.ToString().TrimEnd('/')} {proxy.ProjectId}");

        // The proxy records every request for tests; a benchmark sends hundreds of thousands.
        using var forget = new Timer(_ => proxy.ClearRequests(), null, 1000, 1000);
        await Console.In.ReadToEndAsync();
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        _process.Dispose();
        File.Delete(_keyFile);
    }
}
