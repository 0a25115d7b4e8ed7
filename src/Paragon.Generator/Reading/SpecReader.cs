using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;

namespace Paragon.Generator.Reading;

/// <summary>
/// Reads one spec file's text (Swagger 2.0, OpenAPI 3.0 and 3.1; JSON or YAML) into an OpenAPI document, with the reader's
/// errors as diagnostics. Building our model from it is Modeling's job (<c>SpecModeler</c>).
/// </summary>
internal static class SpecReader
{
    /// <summary>Set by tests to read every spec with Microsoft.OpenApi, the reference the fast JSON reader is compared with.</summary>
    internal static readonly AsyncLocal<bool> ForceReferenceReader = new();

    /// <summary>
    /// The text as an OpenAPI document, read by the fast JSON reader or by Microsoft.OpenApi, with the reader's errors as
    /// diagnostics; or, when it cannot be read at all, why (<see cref="ParsedSpec.Failure"/>).
    /// </summary>
    public static ParsedSpec Parse(SpecInput input, CancellationToken cancellationToken)
    {
        bool isYaml = input.Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || input.Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        var diagnostics = new DiagnosticBag();
        var source = new SpecText.SpecSource(input.Text, isYaml);
        var locator = new SpecLocator(source);

        bool isSwagger2 = false;
        OpenApiDocument? document = null;
        string? failure = null;
        try
        {
            // OpenAPI 3.0 JSON, the common case, is read straight from System.Text.Json; anything else (and anything that
            // reader is unsure of) by Microsoft.OpenApi, which stays the reference.
            if (!isYaml && !ForceReferenceReader.Value)
            {
                document = Json.JsonSpecReader.TryRead(input.Text, out byte[]? utf8);
                if (utf8 is not null)
                {
                    source.UseValidUtf8(utf8);
                }
            }

            ReadResult? result = null;
            if (document is null)
            {
                var settings = new OpenApiReaderSettings();
                settings.AddYamlReader();
                settings.RuleSet = new Microsoft.OpenApi.ValidationRuleSet(); // reading, not validating: validation doubles the cost
                result = OpenApiDocument.Parse(input.Text, isYaml ? "yaml" : "json", settings);
                isSwagger2 = result.Diagnostic?.SpecificationVersion == OpenApiSpecVersion.OpenApi2_0;
                document = result.Document;
            }

            foreach (OpenApiError error in result?.Diagnostic?.Errors ?? [])
            {
                string pointer = error.Pointer ?? "#";
                if (pointer.EndsWith("/items", StringComparison.Ordinal) && error.Message.IndexOf("map/object", StringComparison.Ordinal) >= 0)
                {
                    // JSON Schema tuples (items: [A, B]), as Slack's spec writes them: the reader drops them, the values stay JsonElement.
                    diagnostics.Add(DiagnosticDescriptors.UnsupportedConstruct, pointer, "A tuple (items given as a list of schemas)", pointer);
                    continue;
                }

                diagnostics.Add(DiagnosticDescriptors.SpecProblem, pointer, error.Message, pointer);
            }

            if (document is null || (document.Paths is null && document.Components is null && document.Webhooks is null))
            {
                failure = result?.Diagnostic?.Errors.FirstOrDefault()?.Message ?? "it is not an OpenAPI document";
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = ex.Message;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ParsedSpec(source, diagnostics, locator, document, isSwagger2, failure);
    }

    /// <summary>Parsers name the place of a syntax error in their message; find it so that the error points at the line.</summary>
    internal static SpecPosition LineFromMessage(string text, string message, bool isYaml)
    {
        Match match = Regex.Match(message, @"LineNumber:\s*(\d+)(?:\s*\|\s*BytePositionInLine:\s*(\d+))?", RegexOptions.CultureInvariant);
        int line = -1;
        int column = 0;
        if (match.Success)
        {
            line = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture); // 0-based in System.Text.Json
            column = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        else
        {
            match = Regex.Match(message, @"\(Lin(?:e)?:\s*(\d+),\s*Col:\s*(\d+)", RegexOptions.CultureInvariant);
            if (match.Success)
            {
                line = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
                column = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
            }
        }

        if (line < 0)
        {
            return default;
        }

        int offset = 0;
        for (int i = 0; i < line && offset >= 0; i++)
        {
            offset = text.IndexOf('\n', offset) + 1;
            if (offset == 0)
            {
                return default;
            }
        }

        return new SpecPosition(line, Math.Max(0, column), offset + Math.Max(0, column), 1);
    }
}
