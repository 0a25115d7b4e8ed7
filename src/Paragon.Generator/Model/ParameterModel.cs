namespace Paragon.Generator.Model;

/// <summary>
/// A path, query or header parameter. A required parameter that allows exactly one value (Notion's <c>Notion-Version</c>)
/// has <see cref="Constant"/> set: the client sends it, and it is not a method parameter.
/// </summary>
internal sealed record ParameterModel(
    string WireName,
    string Identifier,
    ParameterLocation Location,
    TypeRef Type,
    bool Required,
    string? Description,
    bool Deprecated,
    QueryStyle Style,
    bool Explode,
    string? Constant = null);
