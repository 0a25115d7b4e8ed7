namespace Paragon.Generator.Model;

// Every type in Model/ is plain data: strings, numbers, enums, records and EquatableArray. They must stay immutable
// with structural equality, or the incremental pipeline cannot see that nothing changed and re-emits everything.
// Nothing here may hold a Roslyn symbol, syntax, SourceText, AdditionalText or an OpenAPI DOM object (a test checks).

/// <summary>One spec file, read and normalised: what the emitters need, nothing more.</summary>
internal sealed record SpecModel(
    string FilePath,
    string Integration,
    string ClassName,
    string Namespace,
    string? Title,
    string? Description,
    int SpecOperationCount,
    EquatableArray<OperationModel> Operations,
    EquatableArray<TypeModel> Types,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary><c>public</c> or <c>internal</c>: set by the emit step from the project's settings, not by the reader.</summary>
    public string Visibility { get; init; } = "public";

    /// <summary>The namespace of the <c>paragon.X</c> extension class: set by the emit step from the project's settings.</summary>
    public string AccessNamespace { get; init; } = "Paragon";

    /// <summary>Whether <c>{ClassName}ModelFactory</c> is emitted (the <c>ModelFactory</c> metadata; on unless <c>false</c>).</summary>
    public bool ModelFactory { get; init; } = true;

    /// <summary>
    /// Whether the spec's models are read leniently by default (the <c>RequiredFields="Lenient"</c> metadata or the spec's
    /// <c>x-paragon-required-fields: lenient</c>): a required field that is missing reads as its default, and is reported.
    /// </summary>
    public bool LenientRequiredFields { get; init; }

    /// <summary>The model factory's name, for example <c>SlackModelFactory</c>.</summary>
    public string ModelFactoryName => ClassName + "ModelFactory";

    /// <summary>The client type's name, for example <c>SlackClient</c>.</summary>
    public string ClientName => ClassName + "Client";

    /// <summary>The serialization context's name, for example <c>SlackJsonContext</c>.</summary>
    public string ContextName => ClassName + "JsonContext";
}
