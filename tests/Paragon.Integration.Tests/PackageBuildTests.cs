using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Integration.Tests;

/// <summary>
/// A brand-new project built with <c>dotnet build</c>, through the package's props and targets, as a customer builds it.
/// Item metadata reaches the generator only through the .editorconfig MSBuild writes, which the generator tests (metadata
/// in memory) never see: there <c>;</c> and <c>#</c> start a comment.
/// </summary>
public sealed class PackageBuildTests
{
    private static readonly string RepoRoot = Metadata("RepoRoot");
    private static readonly string Configuration = Metadata("Configuration");

    private const string Spec = """
        openapi: 3.0.3
        info: { title: Tagged, version: "1" }
        paths:
          /alpha:
            get: { operationId: getAlpha, tags: [a], responses: { "204": { description: none } } }
          /beta:
            get: { operationId: getBeta, tags: [b], responses: { "204": { description: none } } }
          /gamma:
            get: { operationId: getGamma, tags: [c], responses: { "204": { description: none } } }
        """;

    [Fact]
    public async Task A_filter_of_entries_separated_by_semicolons_keeps_every_entry_on_either_kind_of_item()
    {
        string dir = Path.Combine(Path.GetTempPath(), "paragon-filters-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "specs"));
        Directory.CreateDirectory(Path.Combine(dir, "other"));
        try
        {
            // Two ways to set the metadata: on a file under specs/ (already an item, so Update), and on a ParagonSpec item.
            await File.WriteAllTextAsync(Path.Combine(dir, "specs", "tagged.yaml"), Spec);
            await File.WriteAllTextAsync(Path.Combine(dir, "other", "tagged.yaml"), Spec);
            string buildTransitive = Path.Combine(RepoRoot, "src", "Paragon.Runtime", "buildTransitive");
            await File.WriteAllTextAsync(Path.Combine(dir, "Filters.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <Import Project="{Path.Combine(buildTransitive, "Paragon.Typed.props")}" />
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                    <CompilerGeneratedFilesOutputPath>generated</CompilerGeneratedFilesOutputPath>
                  </PropertyGroup>
                  <ItemGroup>
                    <AdditionalFiles Update="specs/tagged.yaml" IncludeTags="a;b" />
                    <ParagonSpec Include="other/tagged.yaml" ClassName="Listed" IncludeTags="a;b" />
                    <Reference Include="{Path.Combine(AppContext.BaseDirectory, "Paragon.Runtime.dll")}" />
                  </ItemGroup>
                  <!-- The generator and the DLLs it loads, as the package places them under analyzers/. -->
                  <Target Name="AddParagonGenerator" BeforeTargets="CoreCompile">
                    <MSBuild Projects="{Path.Combine(RepoRoot, "src", "Paragon.Generator", "Paragon.Generator.csproj")}" Targets="GetParagonAnalyzerFiles" Properties="Configuration={Configuration}">
                      <Output TaskParameter="TargetOutputs" ItemName="Analyzer" />
                    </MSBuild>
                  </Target>
                  <Import Project="{Path.Combine(buildTransitive, "Paragon.Typed.targets")}" />
                </Project>
                """);

            // Compiles only if both entries' operations were generated.
            await File.WriteAllTextAsync(Path.Combine(dir, "Use.cs"), """
                namespace FilterCheck;

                public static class Use
                {
                    public static System.Threading.Tasks.Task[] Both(Paragon.Integrations.Tagged.TaggedClient tagged, Paragon.Integrations.Listed.ListedClient listed) =>
                        [tagged.GetAlphaAsync(), tagged.GetBetaAsync(), listed.GetAlphaAsync(), listed.GetBetaAsync()];
                }
                """);

            (int exit, string log) = await BuildAsync(dir);

            Assert.True(exit == 0, "dotnet build failed:\n" + string.Join('\n', log.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct()));
            foreach (string client in new[] { "Tagged", "Listed" })
            {
                string source = await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(dir, "generated"), client + ".Client.g.cs", SearchOption.AllDirectories).Single());
                Assert.Contains("GetBetaAsync(", source, StringComparison.Ordinal);
                Assert.DoesNotContain("GetGammaAsync(", source, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_net8_test_project_takes_the_local_proxy_and_it_answers()
    {
        // Paragon.Typed targets net8.0, so a test project on the .NET 8 LTS must be able to take Paragon.Typed.Testing too.
        string dir = Path.Combine(Path.GetTempPath(), "paragon-net8-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "Net8.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net8.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <!-- The machine may have no .NET 8 runtime: the net8.0 build then runs on a newer one, as it may for a user. -->
                    <RollForward>Major</RollForward>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{Path.Combine(RepoRoot, "src", "Paragon.Testing", "Paragon.Testing.csproj")}" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(dir, "Program.cs"), """
                using System;
                using System.Net.Http;
                using System.Reflection;
                using System.Runtime.Versioning;
                using Paragon.Testing;

                using LocalSigningKey key = LocalSigningKey.Create();
                await using LocalParagonProxy proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions().TrustKey(key.PublicKeyPem).AddProvider("echo", FakeProviders.Echo()));
                using var http = new HttpClient();
                using HttpResponseMessage answer = await http.GetAsync(new Uri(proxy.BaseUrl, $"projects/{proxy.ProjectId}/sdk/proxy/echo/ping"));
                Console.WriteLine($"{typeof(LocalParagonProxy).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName} answered {(int)answer.StatusCode}");
                """);

            (int exit, string log) = await DotnetAsync(dir, "build", "--disable-build-servers", "-nologo", "-v:m");
            Assert.True(exit == 0, "dotnet build failed:\n" + string.Join('\n', log.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct()));

            (exit, log) = await DotnetAsync(dir, Path.Combine(dir, "bin", "Debug", "net8.0", "Net8.dll"));
            Assert.True(exit == 0, log);
            // The proxy's net8.0 build was taken, started Kestrel and refused a call without a token as Paragon does.
            Assert.Contains(".NETCoreApp,Version=v8.0 answered 401", log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Task<(int Exit, string Log)> BuildAsync(string dir) => DotnetAsync(dir, "build", "--disable-build-servers", "-nologo", "-v:m");

    private static async Task<(int Exit, string Log)> DotnetAsync(string dir, params string[] arguments)
    {
        // No build servers: nothing of this build outlives the test.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host may run under MSBuild's environment, which would steer the inner build.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Metadata(string key) =>
        typeof(PackageBuildTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
