using System;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Paragon.Generator.Model;

/// <summary>
/// The project-wide MSBuild properties the generator reads (<c>build_property.*</c>, made visible by the package's props),
/// reduced to a small equatable value so that an unrelated edit keeps every step cached.
/// </summary>
internal sealed record GenerationSettings(string RootNamespace, bool Internal, string? InvalidRootNamespace, string? InvalidVisibility)
{
    public const string DefaultRootNamespace = "Paragon.Integrations";

    public static GenerationSettings Default { get; } = new(DefaultRootNamespace, false, null, null);

    /// <summary><c>public</c> or <c>internal</c>: the modifier of every generated type and of the access extension class.</summary>
    public string Visibility => Internal ? "internal" : "public";

    /// <summary>
    /// Where <c>paragon.X</c> is declared. By default the runtime's namespace, so that it needs no <c>using</c>. With a root
    /// namespace of its own a project's <c>paragon.X</c> lives there instead: another assembly that also generates X (and
    /// imports <c>Paragon</c>) then does not see two <c>paragon.X</c> members.
    /// </summary>
    public string AccessNamespace => RootNamespace == DefaultRootNamespace ? "Paragon" : RootNamespace;

    public static GenerationSettings From(AnalyzerConfigOptions options)
    {
        string? root = Read(options, "ParagonRootNamespace");
        string? visibility = Read(options, "ParagonGeneratedVisibility");
        bool rootValid = root is null || IsNamespace(root);
        bool visibilityValid = visibility is null || visibility.Equals("public", StringComparison.OrdinalIgnoreCase) || visibility.Equals("internal", StringComparison.OrdinalIgnoreCase);
        return new GenerationSettings(
            rootValid && root is not null ? root : DefaultRootNamespace,
            visibilityValid && visibility is not null && visibility.Equals("internal", StringComparison.OrdinalIgnoreCase),
            rootValid ? null : root,
            visibilityValid ? null : visibility);
    }

    /// <summary>A dotted C# name: identifiers that are not keywords, such as <c>Contoso.Billing.Integrations</c>.</summary>
    public static bool IsNamespace(string text) =>
        text.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None)
        && !text.StartsWith("global.", StringComparison.Ordinal) && text != "global";

    private static string? Read(AnalyzerConfigOptions options, string property) =>
        options.TryGetValue("build_property." + property, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
