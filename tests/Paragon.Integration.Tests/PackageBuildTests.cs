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
          /delta:
            get: { operationId: getDelta, tags: ["c#"], responses: { "204": { description: none } } }
        """;

    [Fact]
    public async Task A_filter_of_entries_separated_by_semicolons_keeps_every_entry_on_either_kind_of_item_even_one_with_a_hash()
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
                    <AdditionalFiles Update="specs/tagged.yaml" IncludeTags="a;b;c#" />
                    <ParagonSpec Include="other/tagged.yaml" ClassName="Listed" IncludeTags="a;b;c#" />
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

            // Compiles only if all three entries' operations were generated ("c#" holds the other character that starts an editorconfig comment).
            await File.WriteAllTextAsync(Path.Combine(dir, "Use.cs"), """
                namespace FilterCheck;

                public static class Use
                {
                    public static System.Threading.Tasks.Task[] Both(Paragon.Integrations.Tagged.TaggedClient tagged, Paragon.Integrations.Listed.ListedClient listed) =>
                        [tagged.GetAlphaAsync(), tagged.GetBetaAsync(), tagged.GetDeltaAsync(), listed.GetAlphaAsync(), listed.GetBetaAsync(), listed.GetDeltaAsync()];
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

    private static async Task<(int Exit, string Log)> BuildAsync(string dir)
    {
        // No build servers: nothing of this build outlives the test.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "build", "--disable-build-servers", "-nologo", "-v:m" })
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
