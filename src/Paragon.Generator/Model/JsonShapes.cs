using System;
using System.Collections.Generic;
using System.Linq;
using Paragon.Serialization;

namespace Paragon.Generator.Model;

/// <summary>
/// What the shape checks of a union accept, computed from the model: shared by the reader (which warns about alternatives
/// that the checks cannot tell apart) and the emitter (which writes the checks).
/// </summary>
internal static class JsonShapes
{
    /// <summary>The kinds of JSON a type reads from (never <see cref="JsonKinds.Null"/> by itself: nullability is the property's).</summary>
    public static JsonKinds Of(TypeRef type, Func<string, TypeModel?> find) => Of(type, find, new HashSet<string>(StringComparer.Ordinal));

    private static JsonKinds Of(TypeRef type, Func<string, TypeModel?> find, HashSet<string> unions) => type.Kind switch
    {
        TypeKind.String or TypeKind.DateTimeOffset or TypeKind.Bytes => JsonKinds.String,
        TypeKind.Boolean => JsonKinds.Boolean,
        TypeKind.Int32 => JsonKinds.Int32,
        TypeKind.Int64 => JsonKinds.Integer,
        TypeKind.Double or TypeKind.Single or TypeKind.Decimal => JsonKinds.Number,
        TypeKind.List => JsonKinds.Array,
        TypeKind.Dictionary => JsonKinds.Object,
        TypeKind.Expandable or TypeKind.OrEmpty => JsonKinds.String | Of(type.Element!, find, unions),
        TypeKind.Model => find(type.Name!) switch
        {
            { Kind: TypeModelKind.Object } => JsonKinds.Object,
            { Kind: TypeModelKind.Enum } => JsonKinds.String,

            // A union reads what its alternatives read; one that contains itself adds nothing the second time.
            { Kind: TypeModelKind.Union } union => unions.Add(union.Name)
                ? union.Variants.Aggregate(JsonKinds.None, (kinds, variant) => kinds | Of(variant.Type, find, unions))
                : JsonKinds.None,
            _ => JsonKinds.Any,
        },
        _ => JsonKinds.Any,
    };

    /// <summary>The kinds a property of an object may have: its type's, and null where the property is nullable.</summary>
    public static JsonKinds Of(PropertyModel property, Func<string, TypeModel?> find) =>
        Of(property.Type, find) | (property.Nullable ? JsonKinds.Null : JsonKinds.None);

    /// <summary>
    /// Whether the shape checks of two alternatives cannot tell them apart: the same kinds of JSON, and for two objects the same
    /// required properties with no property both declare in kinds that cannot meet or as tags of different values. Alternatives that only overlap (one requires
    /// more than the other) are told apart by the value, so they are not reported.
    /// </summary>
    public static bool Indistinguishable(TypeRef a, TypeRef b, Func<string, TypeModel?> find)
    {
        JsonKinds kindsA = Normalize(Of(a, find));
        JsonKinds kindsB = Normalize(Of(b, find));
        if (kindsA != kindsB)
        {
            return false;
        }

        if (ObjectShape(a, find) is { } objectA && ObjectShape(b, find) is { } objectB)
        {
            var requiredA = new HashSet<string>(objectA.Where(p => p.Required).Select(p => p.JsonName), StringComparer.Ordinal);
            if (!requiredA.SetEquals(objectB.Where(p => p.Required).Select(p => p.JsonName)))
            {
                return false;
            }

            foreach (PropertyModel property in objectA)
            {
                PropertyModel? other = objectB.FirstOrDefault(p => p.JsonName == property.JsonName);
                if (other is not null && (Widen(Of(property.Type, find)) & Widen(Of(other.Type, find))) == 0)
                {
                    return false;
                }

                // Tags that allow different single values (Stripe's object: customer / bank_account): a value present in
                // the JSON fits one at most. Two optional tags both absent fit both, but a spec that makes the tag optional
                // still means it to tell the alternatives apart, so that is not reported.
                if (other is not null && property.Tag is not null && other.Tag is not null && !string.Equals(property.Tag, other.Tag, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        // Checks on anything but objects are checks of kind alone; an object inside a union or JsonElement is not compared here.
        return (kindsA & JsonKinds.Object) == 0;
    }

    /// <summary>The properties an object check looks at: a model's, or none for a dictionary; null for what is not an object.</summary>
    private static PropertyModel[]? ObjectShape(TypeRef type, Func<string, TypeModel?> find) => type.Kind switch
    {
        TypeKind.Dictionary => [],
        TypeKind.Model when find(type.Name!) is { Kind: TypeModelKind.Object } model => model.Properties.ToArray(),
        _ => null,
    };

    // A number that may be any number also covers the integral ones: compare sets, not flags.
    private static JsonKinds Normalize(JsonKinds kinds) =>
        (kinds & JsonKinds.Number) != 0 ? kinds & ~(JsonKinds.Integer | JsonKinds.Int32)
        : (kinds & JsonKinds.Integer) != 0 ? kinds & ~JsonKinds.Int32
        : kinds;

    private static JsonKinds Widen(JsonKinds kinds) =>
        (kinds & JsonKinds.Number) != 0 ? kinds | JsonKinds.Integer | JsonKinds.Int32
        : (kinds & JsonKinds.Integer) != 0 ? kinds | JsonKinds.Int32
        : kinds;

    /// <summary>The C# expression for a set of kinds in generated code.</summary>
    public static string Expression(JsonKinds kinds)
    {
        const string Prefix = "global::Paragon.Serialization.JsonKinds.";
        if (kinds == JsonKinds.Any || kinds == JsonKinds.None)
        {
            return Prefix + kinds;
        }

        return string.Join(" | ", Enum.GetValues(typeof(JsonKinds)).Cast<JsonKinds>()
            .Where(k => k is not JsonKinds.None and not JsonKinds.Any && (kinds & k) == k)
            .Select(k => Prefix + k));
    }
}
