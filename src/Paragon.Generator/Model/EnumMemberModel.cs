namespace Paragon.Generator.Model;

/// <summary>A known value of an extensible enum; <see cref="Description"/> is the spec's word on it (<c>x-enum-descriptions</c>), if any.</summary>
internal sealed record EnumMemberModel(string Value, string Identifier, string? Description = null);
