using System;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Paragon.Generator.Model;

namespace Paragon.Generator.Reading;

/// <summary>
/// Which additional files are specs (JSON or YAML, marked <c>ParagonSpec</c> by the package's props), and each one's
/// text with its metadata and the project's settings: the <see cref="SpecInput"/>, the only thing read from the project.
/// </summary>
internal static class SpecFiles
{
    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";

    public static SpecInput? ToInput(AdditionalText file, AnalyzerConfigOptions options, GenerationSettings settings, CancellationToken cancellationToken)
    {
        string extension = Path.GetExtension(file.Path).ToLowerInvariant();
        if (extension is not (".json" or ".yaml" or ".yml"))
        {
            return null;
        }

        if (!options.TryGetValue(MetadataPrefix + "ParagonSpec", out string? flag) || !string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return new SpecInput(file.Path, text, Metadata(options, "Integration"), Metadata(options, "ClassName"), Metadata(options, "PathPrefix"),
            Metadata(options, "Namespace"), OperationFilter.From(name => Metadata(options, name)), Metadata(options, "ModelFactory"), Metadata(options, "RequiredFields"))
        {
            Settings = settings,
        };
    }

    private static string? Metadata(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue(MetadataPrefix + name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
