using System.Collections.Generic;
using Microsoft.OpenApi;
using Paragon.Generator.Diagnostics;

namespace Paragon.Generator.Reading;

/// <summary>
/// One spec's text as read: the OpenAPI document, or why there is none, and what reading found on the way (the reader's
/// errors, by pointer). Lives for one read and is never cached: the model built from it holds no OpenAPI objects.
/// </summary>
internal sealed class ParsedSpec
{
    private readonly SpecText.SpecSource _source;
    private HashSet<string>? _typelessNullables;

    public ParsedSpec(SpecText.SpecSource source, DiagnosticBag diagnostics, SpecLocator locator, OpenApiDocument? document, bool isSwagger2, string? failure)
    {
        _source = source;
        IsYaml = source.IsYaml;
        Diagnostics = diagnostics;
        Locator = locator;
        Document = document;
        IsSwagger2 = isSwagger2;
        Failure = failure;
    }

    public bool IsYaml { get; }

    /// <summary>The reader's errors; the model adds its own, and all are placed on lines at the end (<see cref="Locator"/>).</summary>
    public DiagnosticBag Diagnostics { get; }

    public SpecLocator Locator { get; }

    /// <summary>The document, or <see langword="null"/> when the text could not be read (<see cref="Failure"/> says why).</summary>
    public OpenApiDocument? Document { get; }

    /// <summary>Whether Microsoft.OpenApi read it as Swagger 2.0, whose responses differ (see <c>OperationReader</c>).</summary>
    public bool IsSwagger2 { get; }

    /// <summary>
    /// The pointers of typeless <c>nullable: true</c> schemas, which the OpenAPI document loses: found in the text when first
    /// asked (a spec that is not modelled is never walked for them).
    /// </summary>
    public HashSet<string> TypelessNullables => _typelessNullables ??= Reading.TypelessNullables.Find(_source);

    /// <summary>Why the text is no OpenAPI document (a parser's message, which often names the line), or <see langword="null"/>.</summary>
    public string? Failure { get; }
}
