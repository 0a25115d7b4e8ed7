namespace Paragon.Generator.Model;

/// <summary>What a generated type is.</summary>
internal enum TypeModelKind
{
    /// <summary>A sealed class with properties (and extension data for fields the spec does not describe).</summary>
    Object,

    /// <summary>An extensible string enum: a struct whose unknown values round-trip.</summary>
    Enum,

    /// <summary>A oneOf/anyOf: the raw JSON with typed accessors, using the discriminator when there is one.</summary>
    Union,
}

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

/// <summary>
/// A property of an object model. <see cref="Tag"/> is set when the schema allows exactly one value (an enum of one, or
/// <c>const</c>): that value as a JSON literal (<c>"customer"</c>, <c>1</c>, <c>true</c>), which the shape checks of a union
/// compare, so that look-alikes told apart only by such a property (Stripe's <c>object</c>) are told apart.
/// </summary>
internal sealed record PropertyModel(
    string JsonName,
    string Identifier,
    TypeRef Type,
    bool Required,
    bool Nullable,
    string? Description,
    bool Deprecated,
    string? Tag = null);

/// <summary>A known value of an extensible enum; <see cref="Description"/> is the spec's word on it (<c>x-enum-descriptions</c>), if any.</summary>
internal sealed record EnumMemberModel(string Value, string Identifier, string? Description = null);

/// <summary>One alternative of a union; <see cref="DiscriminatorValue"/> is set when the union has a discriminator.</summary>
internal sealed record UnionVariantModel(string Identifier, TypeRef Type, string? DiscriminatorValue);
