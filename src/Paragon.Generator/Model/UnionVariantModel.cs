namespace Paragon.Generator.Model;

/// <summary>One alternative of a union; <see cref="DiscriminatorValue"/> is set when the union has a discriminator.</summary>
internal sealed record UnionVariantModel(string Identifier, TypeRef Type, string? DiscriminatorValue);
