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
