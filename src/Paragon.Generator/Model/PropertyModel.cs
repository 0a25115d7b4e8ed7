namespace Paragon.Generator.Model;

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
