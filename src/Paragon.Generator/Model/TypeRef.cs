namespace Paragon.Generator.Model;

/// <summary>A reference to a type: a primitive, a generated model by name, or a list or dictionary of another.</summary>
internal sealed record TypeRef(TypeKind Kind, string? Name = null, TypeRef? Element = null)
{
    public static readonly TypeRef String = new(TypeKind.String);
    public static readonly TypeRef Boolean = new(TypeKind.Boolean);
    public static readonly TypeRef Int32 = new(TypeKind.Int32);
    public static readonly TypeRef Int64 = new(TypeKind.Int64);
    public static readonly TypeRef Double = new(TypeKind.Double);
    public static readonly TypeRef Single = new(TypeKind.Single);
    public static readonly TypeRef Decimal = new(TypeKind.Decimal);
    public static readonly TypeRef DateTimeOffset = new(TypeKind.DateTimeOffset);
    public static readonly TypeRef Bytes = new(TypeKind.Bytes);
    public static readonly TypeRef Json = new(TypeKind.Json);

    public static TypeRef Model(string name) => new(TypeKind.Model, name);

    public static TypeRef ListOf(TypeRef element) => new(TypeKind.List, Element: element);

    public static TypeRef DictionaryOf(TypeRef element) => new(TypeKind.Dictionary, Element: element);

    public static TypeRef ExpandableOf(TypeRef model) => new(TypeKind.Expandable, Element: model);

    public static TypeRef OrEmptyOf(TypeRef value) => new(TypeKind.OrEmpty, Element: value);

    /// <summary>Whether the C# type is a value type (so that "optional" means <c>T?</c> = <c>Nullable&lt;T&gt;</c>).</summary>
    public bool IsValueType(System.Func<string, TypeModelKind?> kindOf) => Kind switch
    {
        TypeKind.Boolean or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Single or TypeKind.Decimal or TypeKind.DateTimeOffset or TypeKind.Json => true,
        TypeKind.Model => kindOf(Name!) == TypeModelKind.Enum,
        _ => false,
    };
}
