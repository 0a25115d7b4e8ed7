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
        string dir = NewProjectDirectory("filters");
        Directory.CreateDirectory(Path.Combine(dir, "specs"));
        Directory.CreateDirectory(Path.Combine(dir, "other"));
        try
        {
            // Two ways to set the metadata: on a file under specs/ (already an item, so Update), and on a ParagonSpec item.
            await File.WriteAllTextAsync(Path.Combine(dir, "specs", "tagged.yaml"), Spec);
            await File.WriteAllTextAsync(Path.Combine(dir, "other", "tagged.yaml"), Spec);
            await WriteProjectAsync(dir, """
                <AdditionalFiles Update="specs/tagged.yaml" IncludeTags="a;b;c#" />
                <ParagonSpec Include="other/tagged.yaml" ClassName="Listed" IncludeTags="a;b;c#" />
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

            Assert.True(exit == 0, "dotnet build failed:\n" + Errors(log));
            foreach (string client in new[] { "Tagged", "Listed" })
            {
                string source = await GeneratedClientAsync(dir, client);
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
    public async Task A_curated_integration_named_in_the_project_is_generated_from_the_package_with_its_filters()
    {
        // No specs/ folder: the Slack client comes from the spec the package carries, cut down by ';'-separated tags, and a
        // name in another case with metadata of its own gives a second curated client.
        string dir = NewProjectDirectory("curated");
        try
        {
            await WriteProjectAsync(dir, """
                <ParagonIntegration Include="slack" IncludeTags="chat;conversations" ExcludeOperations="chat.delete" />
                <ParagonIntegration Include="GOOGLECALENDAR" ClassName="Calendar" IncludePaths="/calendars/{calendarId}/events" ModelFactory="false" />
                """);
            await File.WriteAllTextAsync(Path.Combine(dir, "Use.cs"), """
                using Paragon;

                namespace CuratedCheck;

                public static class Use
                {
                    public static System.Threading.Tasks.Task[] Kept(Paragon.ParagonUserClient user) =>
                        [user.Slack.ChatPostMessageAsync(new Paragon.Integrations.Slack.ChatPostMessageRequest { Channel = "C1" }),
                         user.Slack.ConversationsListAsync(), user.Calendar.EventsListAsync("primary")];
                }
                """);

            (int exit, string log) = await BuildAsync(dir);

            Assert.True(exit == 0, "dotnet build failed:\n" + Errors(log));
            string slack = await GeneratedClientAsync(dir, "Slack");
            Assert.Contains("ConversationsHistoryAsync(", slack, StringComparison.Ordinal);
            Assert.DoesNotContain("ChatDeleteAsync(", slack, StringComparison.Ordinal);
            Assert.DoesNotContain("UsersListAsync(", slack, StringComparison.Ordinal);
            Assert.DoesNotContain("AuthTestAsync(", slack, StringComparison.Ordinal);
            string calendar = await GeneratedClientAsync(dir, "Calendar");
            Assert.Contains("\"googleCalendar\"", calendar, StringComparison.Ordinal);
            Assert.DoesNotContain("CalendarListListAsync(", calendar, StringComparison.Ordinal);
            // ModelFactory="false" reaches the generator through the editorconfig too: Slack has its factory, Calendar none.
            string[] factories = Directory.GetFiles(Path.Combine(dir, "generated"), "*.ModelFactory.g.cs", SearchOption.AllDirectories);
            Assert.Equal(["Slack.ModelFactory.g.cs"], factories.Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_curated_integration_stops_the_build_with_PARAGON025_naming_the_known_ones()
    {
        string dir = NewProjectDirectory("unknown");
        try
        {
            // A quote in a name would end the string of the MSBuild expression that looks it up: still PARAGON025.
            // The build stops at the first unknown name.
            await WriteProjectAsync(dir, """
                <ParagonIntegration Include="o'slack" IncludeTags="chat" />
                <ParagonIntegration Include="slakc" />
                """);

            (int exit, string log) = await BuildAsync(dir);

            Assert.NotEqual(0, exit);
            Assert.DoesNotContain("MSB4184", log, StringComparison.Ordinal);
            string error = Assert.Single(log.Split('\n').Where(l => l.Contains("error PARAGON025", StringComparison.Ordinal)).Distinct());
            Assert.Contains("'o'slack'", error, StringComparison.Ordinal);
            foreach (string known in new[] { "googleCalendar", "hubspot", "notion", "salesforce", "slack" })
            {
                Assert.Contains(known, error, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_curated_integration_named_twice_or_also_under_specs_is_one_clear_error_not_duplicate_types()
    {
        // The same curated spec twice would be one file given to the compiler twice with one set of metadata: PARAGON025.
        string twice = NewProjectDirectory("twice");
        // The project's own specs/slack.yaml and the curated one both make SlackClient: the generator's PARAGON009.
        string both = NewProjectDirectory("both");
        Directory.CreateDirectory(Path.Combine(both, "specs"));
        try
        {
            await WriteProjectAsync(twice, """
                <ParagonIntegration Include="slack" />
                <ParagonIntegration Include="Slack" ClassName="Chat" IncludeTags="chat" />
                """);
            File.Copy(Path.Combine(RepoRoot, "specs", "slack.yaml"), Path.Combine(both, "specs", "slack.yaml"));
            await WriteProjectAsync(both, """<ParagonIntegration Include="slack" />""");

            // Two independent projects: built side by side, as each build spends much of its time in restore and a cold
            // compiler start rather than on both cores.
            Task<(int Exit, string Log)> twiceBuild = BuildAsync(twice);
            Task<(int Exit, string Log)> bothBuild = BuildAsync(both);
            (int twiceExit, string twiceLog) = await twiceBuild;
            (int bothExit, string bothLog) = await bothBuild;

            Assert.NotEqual(0, twiceExit);
            string error = Assert.Single(twiceLog.Split('\n').Where(l => l.Contains("error PARAGON025", StringComparison.Ordinal)).Distinct());
            Assert.Contains("'slack'", error, StringComparison.Ordinal);
            Assert.Contains("more than once", error, StringComparison.Ordinal);

            Assert.NotEqual(0, bothExit);
            string[] errors = bothLog.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToArray();
            string duplicate = Assert.Single(errors);
            Assert.Contains("error PARAGON009", duplicate, StringComparison.Ordinal);
            // Both files are named slack.yaml: the message tells them apart by their folders.
            Assert.Contains(Path.Combine(both, "specs", "slack.yaml"), duplicate, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(RepoRoot, "specs", "slack.yaml"), duplicate, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(twice, recursive: true);
            Directory.Delete(both, recursive: true);
        }
    }

    [Fact]
    public async Task The_READMEs_first_call_builds_as_written_in_a_new_console_project()
    {
        // The two blocks after the marker: the project file's items and Program.cs, with their using lines.
        string readme = await File.ReadAllTextAsync(Path.Combine(RepoRoot, "README.md"));
        int marker = readme.IndexOf("<!-- PackageBuildTests builds a new project from the next two blocks", StringComparison.Ordinal);
        Assert.True(marker >= 0, "README.md lost the first-call marker");
        string xml = Block(readme, "```xml", marker, out int end);
        string program = Block(readme, "```csharp", end, out _);
        Assert.StartsWith("using Paragon;", program, StringComparison.Ordinal);

        string dir = NewProjectDirectory("readme");
        try
        {
            // What `dotnet new console` sets, with the README's ItemGroup as the project's own.
            await WriteProjectAsync(dir, items: "", properties: "<OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings>", elements: xml);
            await File.WriteAllTextAsync(Path.Combine(dir, "Program.cs"), program);

            (int exit, string log) = await BuildAsync(dir);

            Assert.True(exit == 0, "the README's first call does not build:\n" + Errors(log));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Block(string markdown, string fence, int from, out int end)
    {
        int start = markdown.IndexOf(fence + "\n", from, StringComparison.Ordinal);
        Assert.True(start >= 0, "no " + fence + " block after position " + from);
        start += fence.Length + 1;
        end = markdown.IndexOf("```", start, StringComparison.Ordinal);
        return markdown[start..end];
    }

    private static string NewProjectDirectory(string purpose)
    {
        string dir = Path.Combine(Path.GetTempPath(), "paragon-" + purpose + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A project that takes the props and targets from src/ as the package's build files, and this build of the generator.</summary>
    private static Task WriteProjectAsync(string dir, string items, string properties = "", string elements = "")
    {
        string buildTransitive = Path.Combine(RepoRoot, "src", "Paragon.Runtime", "buildTransitive");
        return File.WriteAllTextAsync(Path.Combine(dir, "Check.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Path.Combine(buildTransitive, "Paragon.Typed.props")}" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                <CompilerGeneratedFilesOutputPath>generated</CompilerGeneratedFilesOutputPath>
            {properties}
              </PropertyGroup>
            {elements}
              <ItemGroup>
            {items}
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
    }

    private static async Task<string> GeneratedClientAsync(string dir, string className) =>
        await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(dir, "generated"), className + ".Client.g.cs", SearchOption.AllDirectories).Single());

    private static string Errors(string log) =>
        string.Join('\n', log.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct());


    [Fact]
    public async Task A_net8_test_project_takes_the_local_proxy_and_it_answers()
    {
        // Paragon.Typed targets net8.0, so a test project on the .NET 8 LTS must be able to take Paragon.Typed.Testing too.
        string dir = NewProjectDirectory("net8");
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

            (int exit, string log) = await BuildAsync(dir);
            Assert.True(exit == 0, "dotnet build failed:\n" + Errors(log));

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
