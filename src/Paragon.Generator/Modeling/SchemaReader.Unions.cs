using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Modeling;

/// <summary>Schema reading: oneOf/anyOf as unions (or, where the alternatives allow, one plain type), and the check that their alternatives can be told apart.</summary>
internal sealed partial class SchemaReader
{
    private (TypeRef, bool) ResolveAlternatives(IOpenApiSchema schema, IList<IOpenApiSchema> alternatives, string keyword, TypeNaming naming, string pointer, bool nullable)
    {
        // A component's name may already be in use by references to it, so it is always generated as a union.
        bool mustBeUnion = naming.IsRegistered;
        string nameHint = naming.Hint;
        var variants = new List<(IOpenApiSchema Schema, int Index)>();
        for (int i = 0; i < alternatives.Count; i++)
        {
            IOpenApiSchema alternative = alternatives[i];
            if (alternative is not OpenApiSchemaReference && WithoutNull(alternative.Type) is null && alternative.Type is not null)
            {
                nullable = true; // {type: "null"}
                continue;
            }

            variants.Add((alternative, i));
        }

        if (variants.Count == 0)
        {
            return (TypeRef.Json, true);
        }

        if (variants.Count == 1 && !mustBeUnion)
        {
            (TypeRef only, bool onlyNullable) = Resolve(variants[0].Schema, nameHint, pointer + "/" + keyword + "/" + Identifiers.Invariant(variants[0].Index));
            return (only, nullable || onlyNullable);
        }

        // A value or the empty string (Stripe's "clear this field", 346 unions there) is the runtime's OrEmpty<T>: no union
        // class, and no one-value enum for the "" (463 of those). The value is named as the union would have been.
        if (variants.Count == 2 && !mustBeUnion && (IsEmptyString(variants[0].Schema) || IsEmptyString(variants[1].Schema)))
        {
            (IOpenApiSchema other, int otherIndex) = IsEmptyString(variants[0].Schema) ? variants[1] : variants[0];
            (TypeRef value, bool valueNullable) = Resolve(other, nameHint, pointer + "/" + keyword + "/" + Identifiers.Invariant(otherIndex));
            nullable |= valueNullable;

            // "" is a string already (and JSON already any value); a string with known values stays a string, as before.
            return value.Kind is TypeKind.String or TypeKind.Json || (value.Kind == TypeKind.Model && KindOf(value.Name!) == TypeModelKind.Enum)
                ? (value.Kind == TypeKind.Json ? value : TypeRef.String, nullable)
                : (TypeRef.OrEmptyOf(value), nullable);
        }

        string name = NameOf(naming, pointer);

        // An inline alternative is named by what the spec says of it (its title, the one value of its tag, its shape), and
        // only by its position when another alternative of the union would get the same word.
        string?[] words = variants.Select(v => AlternativeWord(v.Schema)).ToArray();
        var resolved = new List<(TypeRef Type, IOpenApiSchema Schema, string? Word)>();
        for (int i = 0; i < variants.Count; i++)
        {
            (IOpenApiSchema variant, int index) = variants[i];
            string? word = words[i];
            if (word is null || words.Count(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase)) > 1)
            {
                word = "Variant" + Identifiers.Invariant(index + 1);
            }

            (TypeRef type, bool variantNullable) = Resolve(variant, name + word, pointer + "/" + keyword + "/" + Identifiers.Invariant(index));
            nullable |= variantNullable && type.Kind == TypeKind.Json && variant is not OpenApiSchemaReference && variant.Type is null;
            resolved.Add((type, variant, variant is OpenApiSchemaReference ? null : word));
        }

        List<TypeRef> distinct = resolved.Select(r => r.Type).Distinct().ToList();
        if (distinct.Count == 1 && !mustBeUnion)
        {
            return (distinct[0], nullable);
        }

        // A string that is either free text or one of a few known values is just a string.
        if (!mustBeUnion && distinct.All(t => t.Kind == TypeKind.String || (t.Kind == TypeKind.Model && KindOf(t.Name!) == TypeModelKind.Enum)))
        {
            return (TypeRef.String, nullable);
        }

        if (!mustBeUnion && distinct.All(t => t.Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double))
        {
            return (distinct.Any(t => t.Kind == TypeKind.Double) ? TypeRef.Double : TypeRef.Int64, nullable);
        }

        string? discriminator = schema.Discriminator?.PropertyName;

        // An id or the object (Stripe's expandable fields, 189 there) is the runtime's Expandable<T>, not a class each.
        if (!mustBeUnion && discriminator is null && distinct.Count == 2 && distinct.Contains(TypeRef.String)
            && distinct.FirstOrDefault(t => t.Kind == TypeKind.Model) is { } expanded && KindOf(expanded.Name!) == TypeModelKind.Object)
        {
            return (TypeRef.ExpandableOf(expanded), nullable);
        }

        var members = new List<UnionVariantModel>();
        var identifiers = new UniqueNameBuilder("Raw", "Kind", name);
        foreach ((TypeRef type, IOpenApiSchema variant, string? word) in resolved)
        {
            if (members.Any(m => m.Type == type))
            {
                continue;
            }

            string? value = null;
            if (discriminator is not null && variant is OpenApiSchemaReference variantRef && variantRef.Reference?.Id is { } id)
            {
                value = schema.Discriminator!.Mapping?.FirstOrDefault(m => m.Value?.Reference?.Id == id).Key ?? id;
            }

            // The accessors From{id}, Is{id}, TryGet{id}, As{id} and Fits_{id} may not be named like the union itself (CS0542).
            // An alternative made here (the union's name and its word) is read as TryGet{word}; any other by its type's name.
            // An inline enum may be one read before under another name (SharedEnum): it is still this union's own alternative.
            bool madeHere = word is not null && type.Kind == TypeKind.Model
                && (type.Name!.StartsWith(name + word, StringComparison.Ordinal) || _inlineEnumNames.Contains(type.Name!));
            string identifier = identifiers.Claim(madeHere ? word! : VariantName(type));
            while (name == "From" + identifier || name == "Is" + identifier || name == "TryGet" + identifier || name == "As" + identifier)
            {
                identifier = identifiers.Claim(identifier);
            }

            members.Add(new UnionVariantModel(identifier, type, value));
        }

        AddModel(new TypeModel(TypeModelKind.Union, name, Description(schema), schema.Deprecated, EquatableArray<PropertyModel>.Empty,
            EquatableArray<EnumMemberModel>.Empty, members.ToEquatableArray(), discriminator));
        if (discriminator is null)
        {
            _undiscriminated.Add((name, pointer));
        }

        return (TypeRef.Model(name), nullable);
    }

    /// <summary>
    /// Warns (PARAGON013) about unions whose alternatives the generated shape checks cannot tell apart. Run once every model is
    /// read: an alternative's properties may be completed after the union that lists it.
    /// </summary>
    public void CheckUnions()
    {
        foreach ((string name, string pointer) in _undiscriminated)
        {
            if (!_models.TryGetValue(name, out TypeModel? union) || union.Kind != TypeModelKind.Union || union.DiscriminatorProperty is not null)
            {
                continue;
            }

            // One warning per union, for the first pair: a union of ten look-alikes would otherwise give forty-five.
            (int First, int Second)? pair = null;
            for (int i = 0; i < union.Variants.Count && pair is null; i++)
            {
                for (int j = i + 1; j < union.Variants.Count && pair is null; j++)
                {
                    if (JsonShapes.Indistinguishable(union.Variants[i].Type, union.Variants[j].Type, Find))
                    {
                        pair = (i, j);
                    }
                }
            }

            if (pair is { } found)
            {
                _diagnostics.Add(DiagnosticDescriptors.IndistinguishableVariants, pointer, name, union.Variants[found.First].Identifier, union.Variants[found.Second].Identifier);
            }
        }
    }

    /// <summary>
    /// The word an inline alternative is named by: its <c>title</c>; else the one value of an enum (<c>enum: [""]</c>, Stripe's
    /// "clear this field", is <c>Empty</c>) or of a tag property (<c>type: {enum: [card]}</c> is <c>Card</c>); else its shape
    /// (<c>Object</c>, <c>Enum</c>, <c>List</c>, <c>Union</c>). Null for a reference (its component names it) and for a
    /// primitive (its C# type does).
    /// </summary>
    private static string? AlternativeWord(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(schema.Title) && Identifiers.Pascal(schema.Title!, string.Empty) is { Length: > 0 } title && char.IsLetter(title[0]))
        {
            return title;
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            return OneString(values) is { } text && Identifiers.Pascal(text, "Empty") is { } value && char.IsLetter(value[0]) ? value : "Enum";
        }

        if (schema.OneOf is { Count: > 0 } || schema.AnyOf is { Count: > 0 })
        {
            return "Union";
        }

        if (schema.Items is not null || WithoutNull(schema.Type) == JsonSchemaType.Array)
        {
            return "List";
        }

        if (schema.Properties is { Count: > 0 } || schema.AllOf is { Count: > 0 } || schema.AdditionalProperties is not null || WithoutNull(schema.Type) == JsonSchemaType.Object)
        {
            return Tag(schema) ?? "Object";
        }

        return null;
    }

    /// <summary>The one value a property allows (an enum of one, or <c>const</c>), as a name: what tells this object apart.</summary>
    private static string? Tag(IOpenApiSchema schema)
    {
        foreach (KeyValuePair<string, IOpenApiSchema> property in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property.Value is OpenApiSchemaReference || property.Value is null)
            {
                continue;
            }

            string? value = property.Value.Enum is { } values ? OneString(values) : property.Value.Const;
            if (value is not null && Identifiers.Pascal(value, string.Empty) is { Length: > 0 } name && char.IsLetter(name[0]))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>An inline <c>enum: [""]</c>: the empty string and nothing else.</summary>
    private static bool IsEmptyString(IOpenApiSchema schema) =>
        schema is not OpenApiSchemaReference && schema.Enum is { } values && OneString(values) is { Length: 0 };

    private static string? OneString(IList<JsonNode> values) =>
        values.Count == 1 && values[0] is JsonValue one && !JsonNullSentinel.IsJsonNullSentinel(one) && one.TryGetValue(out string? text) ? text : null;

    private TypeModel? Find(string name) => _models.TryGetValue(name, out TypeModel? model) ? model : null;

    private static string VariantName(TypeRef type) => type.Kind switch
    {
        TypeKind.Model => type.Name!,
        TypeKind.List => "ListOf" + VariantName(type.Element!),
        TypeKind.Dictionary => "DictionaryOf" + VariantName(type.Element!),
        TypeKind.Expandable => "ExpandableOf" + VariantName(type.Element!),
        TypeKind.OrEmpty => "OrEmptyOf" + VariantName(type.Element!),
        TypeKind.Json => "Json",
        _ => type.Kind.ToString(),
    };
}
