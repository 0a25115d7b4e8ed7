namespace Paragon.Generator.Model;

/// <summary>
/// A spec file's text and its per-file settings (MSBuild metadata), as read from the project, with the project's settings
/// (<see cref="Settings"/>: the root namespace names the types and the visibility is every type's modifier, so both are
/// part of what is read, applied once where the model is made). <see cref="ModelFactory"/> and
/// <see cref="RequiredFields"/> are the <c>ModelFactory</c> and <c>RequiredFields</c> metadata as written (checked by SpecModeler).
/// </summary>
internal sealed record SpecInput(string Path, string Text, string? Integration, string? ClassName, string? PathPrefix, string? Namespace = null,
    OperationFilter? Filter = null, string? ModelFactory = null, string? RequiredFields = null)
{
    /// <summary>The project's Paragon properties (root namespace, visibility).</summary>
    public GenerationSettings Settings { get; init; } = GenerationSettings.Default;

    /// <summary>The project's root namespace, under which each spec's namespace is made.</summary>
    public string RootNamespace => Settings.RootNamespace;
}
