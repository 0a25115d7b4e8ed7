namespace Paragon.Generator.Model;

/// <summary>A generated model type.</summary>
internal sealed record TypeModel(
    TypeModelKind Kind,
    string Name,
    string? Description,
    bool Deprecated,
    EquatableArray<PropertyModel> Properties,
    EquatableArray<EnumMemberModel> EnumMembers,
    EquatableArray<UnionVariantModel> Variants,
    string? DiscriminatorProperty);
