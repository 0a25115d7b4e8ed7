namespace Paragon.Generator.Model;

/// <summary>
/// How a list operation pages, read from <c>x-paragon-pagination</c>, <c>x-ms-pageable</c> or <c>x-speakeasy-pagination</c>.
/// Paths are dotted JSON paths into the page body (<c>$</c> is the body itself); <see cref="BasePath"/> is the provider base path that
/// Paragon prepends itself, taken off a next link that repeats it. <see cref="ItemType"/> and
/// <see cref="ItemMembers"/> (the C# properties from the page to its items) are found once all schemas are read; until
/// then they are empty. <see cref="Pointer"/> is where the extension is, for a diagnostic about it.
/// </summary>
internal sealed record PagingModel(
    PagingKind Kind,
    string PagedName,
    string Pointer,
    string Source,
    string? Parameter,
    bool InBody,
    string? NextPath,
    string? StopPath,
    string ItemsPath,
    string? BasePath,
    TypeRef? ItemType = null,
    EquatableArray<string> ItemMembers = default);
