namespace Paragon.Generator.Model;

/// <summary>
/// A spec file's text and its per-file settings (MSBuild metadata), as read from the project, with the project's root
/// namespace (which names the types, so it is part of what is read). <see cref="ModelFactory"/> and
/// <see cref="RequiredFields"/> are the <c>ModelFactory</c> and <c>RequiredFields</c> metadata as written (checked by the reader).
/// </summary>
internal sealed record SpecInput(string Path, string Text, string? Integration, string? ClassName, string? PathPrefix, string? Namespace = null,
    string RootNamespace = GenerationSettings.DefaultRootNamespace, OperationFilter? Filter = null, string? ModelFactory = null, string? RequiredFields = null);
