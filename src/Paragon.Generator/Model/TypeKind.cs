namespace Paragon.Generator.Model;

/// <summary>The kinds of type a property, parameter or body can have.</summary>
internal enum TypeKind
{
    String,
    Boolean,
    Int32,
    Int64,
    Double,
    Single,
    Decimal,
    DateTimeOffset,
    Bytes,
    Json,
    Model,
    List,
    Dictionary,

    /// <summary>An id or the object itself (<c>Expandable&lt;T&gt;</c>, <see cref="TypeRef.Element"/> the object's model): a union of a string and one object.</summary>
    Expandable,

    /// <summary>A value or the empty string (<c>OrEmpty&lt;T&gt;</c>, <see cref="TypeRef.Element"/> the value's type): Stripe's <c>anyOf: [X, enum: [""]]</c>.</summary>
    OrEmpty,
}
