using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Paragon.Generator.Emitting;
using Paragon.Generator.Model;

namespace Paragon.Generator.Diagnostics;

/// <summary>
/// Turns the pipeline's plain diagnostics back into Roslyn's: a spec's (each at its line), the clash of two specs that
/// would make the same client, and a bad project property.
/// </summary>
internal static class DiagnosticReporter
{
    public static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo info in diagnostics)
        {
            // Every descriptor is in the table (DiagnosticDescriptors.Create); an id that is not is a bug of ours, said as one.
            if (!DiagnosticDescriptors.TryFind(info.Id, out DiagnosticDescriptor descriptor))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, FileLocation(info.FilePath), Path.GetFileName(info.FilePath), "no diagnostic has the id " + info.Id));
                continue;
            }

            var span = new TextSpan(Math.Max(0, info.Start), Math.Max(0, info.Length));
            var lines = new LinePositionSpan(new LinePosition(Math.Max(0, info.StartLine), Math.Max(0, info.StartColumn)), new LinePosition(Math.Max(0, info.EndLine), Math.Max(0, info.EndColumn)));
            context.ReportDiagnostic(Diagnostic.Create(descriptor, Location.Create(info.FilePath, span, lines), info.Arguments.Cast<object>().ToArray()));
        }
    }

    public static void ReportDuplicates(SourceProductionContext context, ImmutableArray<(string ClassName, string FilePath)> all)
    {
        foreach ((string className, string filePath, string firstPath) in DuplicateClients.Find(all))
        {
            // Two files of the same name (a project's specs/slack.yaml and the package's curated one) are told apart by folder.
            bool sameName = string.Equals(Path.GetFileName(filePath), Path.GetFileName(firstPath), StringComparison.Ordinal);
            string shown = sameName ? filePath : Path.GetFileName(filePath);
            string first = sameName ? firstPath : Path.GetFileName(firstPath);
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateIntegration, FileLocation(filePath), shown, className + "Client", first));
        }
    }

    /// <summary>A bad project property belongs to no spec file: it is reported once, without a location.</summary>
    public static void ReportSettings(SourceProductionContext context, GenerationSettings settings)
    {
        if (settings.InvalidRootNamespace is { } root)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidSetting, Location.None, "ParagonRootNamespace", root,
                "use a dotted C# name such as Contoso.Integrations; " + GenerationSettings.DefaultRootNamespace + " is used until then"));
        }

        if (settings.InvalidVisibility is { } visibility)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidSetting, Location.None, "ParagonGeneratedVisibility", visibility,
                "use public or internal; public is used until then"));
        }
    }

    /// <summary>The start of a spec file: where a diagnostic about the file as a whole is shown.</summary>
    public static Location FileLocation(string path) => Location.Create(path, new TextSpan(0, 0), new LinePositionSpan(LinePosition.Zero, LinePosition.Zero));
}
