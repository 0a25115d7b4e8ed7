using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Paragon.Testing;

namespace Paragon.Integration.Tests;

/// <summary>
/// The README's first command in real mode, run as a user runs it: a bad setting is one line on stderr that says what to
/// fix and a non-zero exit, never an unhandled exception with a stack trace.
/// </summary>
public sealed class QuickstartTests
{
    private static readonly string QuickstartDll = typeof(QuickstartTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "QuickstartDll").Value!;

    [Fact]
    public async Task A_malformed_signing_key_is_one_line_that_names_the_setting()
    {
        // A real key made now, cut short: PEM text whose DER ends early. None of its lines may be echoed.
        using LocalSigningKey key = LocalSigningKey.Create();
        string[] lines = key.PrivateKeyPem.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] body = lines[1..^4];
        (int exit, string stderr) = await RunRealModeAsync(new()
        {
            ["PARAGON_SIGNING_KEY"] = string.Join('\n', [lines[0], .. body, lines[^1]]),
            ["PARAGON_USER_ID"] = "u1",
        });

        AssertOneLine(exit, stderr, "PARAGON_SIGNING_KEY");
        Assert.All(body, line => Assert.DoesNotContain(line, stderr, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_user_id_is_one_line_that_names_the_setting()
    {
        using LocalSigningKey key = LocalSigningKey.Create();
        (int exit, string stderr) = await RunRealModeAsync(new() { ["PARAGON_SIGNING_KEY"] = key.PrivateKeyPem });

        AssertOneLine(exit, stderr, "PARAGON_USER_ID");
    }

    [Fact]
    public async Task An_unreachable_host_is_one_line_that_names_the_host()
    {
        using LocalSigningKey key = LocalSigningKey.Create();
        (int exit, string stderr) = await RunRealModeAsync(new()
        {
            ["PARAGON_SIGNING_KEY"] = key.PrivateKeyPem,
            ["PARAGON_USER_ID"] = "u1",
            ["PARAGON_PROXY_URL"] = "http://127.0.0.1:1", // nothing listens on port 1: the connection is refused
            ["PARAGON_API_URL"] = "http://127.0.0.1:1",
        });

        AssertOneLine(exit, stderr, "127.0.0.1:1");
    }

    [Fact]
    public async Task A_proxy_url_that_is_not_a_url_is_one_line_that_names_the_setting()
    {
        using LocalSigningKey key = LocalSigningKey.Create();
        (int exit, string stderr) = await RunRealModeAsync(new()
        {
            ["PARAGON_SIGNING_KEY"] = key.PrivateKeyPem,
            ["PARAGON_USER_ID"] = "u1",
            ["PARAGON_PROXY_URL"] = "proxy.example.com/paragon",
        });

        AssertOneLine(exit, stderr, "PARAGON_PROXY_URL");
    }

    private static void AssertOneLine(int exit, string stderr, string mentions)
    {
        Assert.NotEqual(0, exit);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"Expected one line on stderr, got {lines.Length}:\n{stderr}");
        Assert.Contains(mentions, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stderr)> RunRealModeAsync(Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(QuickstartDll);
        foreach (string name in new[] { "PARAGON_PROJECT_ID", "PARAGON_SIGNING_KEY", "PARAGON_USER_TOKEN", "PARAGON_USER_ID", "PARAGON_PROXY_URL", "PARAGON_API_URL" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["PARAGON_PROJECT_ID"] = "11111111-2222-4333-8444-555555555555";
        foreach ((string name, string value) in settings)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }
}
