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
    public ParsedSpec(bool isYaml, DiagnosticBag diagnostics, SpecLocator locator, OpenApiDocument? document, bool isSwagger2,
        HashSet<string>? typelessNullables, string? failure)
    {
        IsYaml = isYaml;
        Diagnostics = diagnostics;
        Locator = locator;
        Document = document;
        IsSwagger2 = isSwagger2;
        TypelessNullables = typelessNullables;
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
    /// The pointers of typeless <c>nullable: true</c> schemas, when the fast reader found them while parsing; else
    /// <see langword="null"/>, and they are looked for in the text.
    /// </summary>
    public HashSet<string>? TypelessNullables { get; }

    /// <summary>Why the text is no OpenAPI document (a parser's message, which often names the line), or <see langword="null"/>.</summary>
    public string? Failure { get; }
}
