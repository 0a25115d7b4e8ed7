using System.Linq;

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
    /// <summary>The project's Paragon properties, from the spec's input.</summary>
    public GenerationSettings Settings { get; init; } = GenerationSettings.Default;

    /// <summary><c>public</c> or <c>internal</c>: the modifier of every generated type (the project's <c>ParagonGeneratedVisibility</c>).</summary>
    public string Visibility => Settings.Visibility;

    /// <summary>The namespace of the <c>paragon.X</c> extension class (see <see cref="GenerationSettings.AccessNamespace"/>).</summary>
    public string AccessNamespace => Settings.AccessNamespace;

    /// <summary>Whether <c>{ClassName}ModelFactory</c> is emitted (the <c>ModelFactory</c> metadata; on unless <c>false</c>).</summary>
    public bool ModelFactory { get; init; } = true;

    /// <summary>
    /// Whether the spec's models are read leniently by default (the <c>RequiredFields="Lenient"</c> metadata or the spec's
    /// <c>x-paragon-required-fields: lenient</c>): a required field that is missing reads as its default, and is reported.
    /// </summary>
    public bool LenientRequiredFields { get; init; }

    /// <summary>The model factory's name, for example <c>SlackModelFactory</c>.</summary>
    public string ModelFactoryName => ClassName + "ModelFactory";

    /// <summary>
    /// Whether reading failed, so there is nothing to emit: no operations, no types, and a diagnostic that stops
    /// generation (<see cref="global::Paragon.Generator.Diagnostics.DiagnosticDescriptors.IsFatal"/>), which the emit step then keeps.
    /// </summary>
    public bool IsFailed => Operations.Count == 0 && Types.Count == 0 && Diagnostics.Any(d => global::Paragon.Generator.Diagnostics.DiagnosticDescriptors.IsFatal(d.Id));

    /// <summary>
    /// A spec that yields no code, with the one diagnostic that says why (unreadable, a bad name or setting, a failure):
    /// named as far as it could be, so that a duplicate-client check and the diagnostic still have a name to use.
    /// </summary>
    public static SpecModel Failed(SpecInput input, string integration, string className, string ns, DiagnosticInfo diagnostic) =>
        new(input.Path, integration, className, ns, null, null, 0, EquatableArray<OperationModel>.Empty, EquatableArray<TypeModel>.Empty,
            new[] { diagnostic }.ToEquatableArray())
        {
            Settings = input.Settings,
        };

    /// <summary>The client type's name, for example <c>SlackClient</c>.</summary>
    public string ClientName => ClassName + "Client";

    /// <summary>The serialization context's name, for example <c>SlackJsonContext</c>.</summary>
    public string ContextName => ClassName + "JsonContext";
}
