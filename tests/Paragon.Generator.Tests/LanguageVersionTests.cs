using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Paragon.Generator.Tests;

/// <summary><c>paragon.Slack</c> with C# 14; <c>paragon.Slack()</c> and a warning that says what to set before it.</summary>
public sealed class LanguageVersionTests
{
    private static readonly SpecFile Slack = SpecFile.FromDisk(GeneratorHarness.Shipped("slack.yaml"));

    [Fact]
    public void CSharp14_gets_extension_properties_on_both_clients()
    {
        const string consumer = """
            using System.Threading.Tasks;
            using Paragon; // for ParagonClient itself: the access members live beside it, so nothing more is needed
            public static class Use
            {
                public static Task<Paragon.Integrations.Slack.AuthTestResponse> A(ParagonClient paragon) => paragon.Slack.AuthTestAsync();
                public static Task<Paragon.Integrations.Slack.AuthTestResponse> B(ParagonUserClient user) => user.Slack.AuthTestAsync();
            }
            """;
        GenerationResult result = GeneratorHarness.Run([Slack], consumer, GeneratorHarness.CSharp14);
        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON006");
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.CSharp13)]
    public void Older_versions_get_extension_methods_and_a_warning_that_says_what_to_set(LanguageVersion version)
    {
        const string consumer = """
            using System.Threading.Tasks;
            using Paragon;
            public static class Use
            {
                public static Task<Paragon.Integrations.Slack.AuthTestResponse> A(ParagonClient paragon) => paragon.Slack().AuthTestAsync();
            }
            """;
        GenerationResult result = GeneratorHarness.Run([Slack], consumer, version);
        Assert.Empty(result.Errors);
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON006");
        Assert.Contains("<LangVersion>14</LangVersion>", warning.GetMessage());
        Assert.Contains("paragon.Slack()", warning.GetMessage());
    }

    [Fact]
    public void A_version_without_required_members_gets_an_error_that_says_what_to_set()
    {
        GenerationResult result = GeneratorHarness.Run([Slack], string.Empty, LanguageVersion.CSharp10);
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON010");
        Assert.Contains("LangVersion", error.GetMessage());
        Assert.Empty(result.Run.Results.SelectMany(r => r.GeneratedSources));
    }
}
