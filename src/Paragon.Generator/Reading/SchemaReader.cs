using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Reading;

/// <summary>
/// Turns schemas into type references and generated models. Component schemas become models named after the component
/// (recursion-safe: a model's name is registered before its properties are read); inline schemas are named from where
/// they appear (<c>ChatPostMessageRequest</c>, <c>MessageAttachmentsItem</c>). What C# cannot express stays JsonElement.
/// </summary>
internal sealed class SchemaReader
{
    /// <summary>
    /// How deep schemas may nest (each inline level or reference followed is one). Real specs stay far below (Stripe, the
    /// deepest of the corpus and the 150 specs of specs-wide, reaches 40); the bound keeps a pathological one from
    /// overflowing the stack, which would take the compiler (and an IDE's compiler server) down with it.
    /// </summary>
    internal const int MaxDepth = 128;

    private readonly DiagnosticBag _diagnostics;

    /// <summary>Pointers of schemas with <c>nullable: true</c> but no type, which the OpenAPI reader forgets (see <see cref="TypelessNullables"/>).</summary>
    private readonly HashSet<string> _typelessNullables;
    private readonly UniqueNameBuilder _typeNames;
    private readonly Dictionary<string, TypeRef> _components = new(StringComparer.Ordinal);
    private readonly HashSet<string> _componentsInProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<IOpenApiSchema, (TypeRef, bool)> _inline = new(ReferenceComparer.Instance);
    private readonly Dictionary<string, TypeModel> _models = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _componentNames = new(StringComparer.Ordinal);
    private int _depth;
    private readonly List<(string Name, string Pointer)> _undiscriminated = [];

    public SchemaReader(DiagnosticBag diagnostics, UniqueNameBuilder typeNames, IEnumerable<string> componentIds, HashSet<string>? typelessNullables = null)
    {
        _typelessNullables = typelessNullables ?? new HashSet<string>(StringComparer.Ordinal);
        _diagnostics = diagnostics;
        _typeNames = typeNames;

        // Component names are claimed before any inline schema is named, so that "Pet" is the component and an inline
        // schema that would also be "Pet" becomes "Pet2", not the other way round.
        foreach (string id in componentIds)
        {
            string name = _typeNames.Claim(Identifiers.Pascal(id, "Model"), out bool renamed);
            _componentNames[id] = name;
            if (renamed)
            {
                _diagnostics.Add(DiagnosticDescriptors.NameCollision, "#/components/schemas/" + JsonPointer.Escape(id), "The schema name", Identifiers.Pascal(id, "Model"), name);
            }
        }
    }

    public IEnumerable<TypeModel> Models => _models.Values;

    public TypeModelKind? KindOf(string name) => _models.TryGetValue(name, out TypeModel? model) ? model.Kind : null;

    /// <summary>Resolves a schema to a type; <c>Nullable</c> says whether the schema allows null.</summary>
    public (TypeRef Type, bool Nullable) Resolve(IOpenApiSchema? schema, string nameHint, string pointer, ISet<string>? excludeProperties = null)
    {
        if (schema is null)
        {
            return (TypeRef.Json, true);
        }

        if (_depth >= MaxDepth)
        {
            _diagnostics.Add(DiagnosticDescriptors.NestingTooDeep, pointer, Identifiers.Invariant(MaxDepth));
            return (TypeRef.Json, true);
        }

        _depth++;
        try
        {
            return ResolveCounted(schema, nameHint, pointer, excludeProperties);
        }
        finally
        {
            _depth--;
        }
    }

    private (TypeRef Type, bool Nullable) ResolveCounted(IOpenApiSchema schema, string nameHint, string pointer, ISet<string>? excludeProperties)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            try
            {
                return ResolveReference(reference, pointer);
            }
            catch (InvalidOperationException ex)
            {
                // Microsoft.OpenApi throws on reference cycles (A: $ref B, B: $ref A) when a property is read through them.
                _diagnostics.Add(DiagnosticDescriptors.UnresolvedReference, pointer, (reference.Reference?.ReferenceV3 ?? "$ref") + " (" + ex.Message + ")");
                return (TypeRef.Json, true);
            }
        }

        if (excludeProperties is null && _inline.TryGetValue(schema, out (TypeRef, bool) known))
        {
            return known;
        }

        (TypeRef, bool) result = ResolveShape(schema, nameHint, pointer, componentName: null, excludeProperties);
        if (excludeProperties is null)
        {
            _inline[schema] = result;
        }

        return result;
    }

    private (TypeRef, bool) ResolveReference(OpenApiSchemaReference reference, string pointer)
    {
        IOpenApiSchema? target;
        try
        {
            target = reference.UnresolvedReference ? null : reference.Target;
        }
        catch (InvalidOperationException)
        {
            target = null;
        }

        string id = reference.Reference?.Id ?? string.Empty;
        if (target is null || reference.Reference is null || reference.Reference.IsExternal)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnresolvedReference, pointer, reference.Reference?.ReferenceV3 ?? id);
            return (TypeRef.Json, true);
        }

        bool nullableHere = reference.Type is { } own && (own & JsonSchemaType.Null) != 0;
        if (_components.TryGetValue(id, out TypeRef? existing))
        {
            // Every use of a component allows null when the component does, however its nullability was found.
            return (existing, nullableHere || IsNullable(target) || _typelessNullables.Contains("#/components/schemas/" + JsonPointer.Escape(id)));
        }

        if (_componentsInProgress.Contains(id))
        {
            // A component that refers to itself without being an object (an array of itself, say).
            return (TypeRef.Json, true);
        }

        _componentsInProgress.Add(id);
        try
        {
            string componentPointer = "#/components/schemas/" + JsonPointer.Escape(id);
            string? fixedName = null;
            if (WillBeModel(target))
            {
                // Registered before reading the properties, so that a reference back to it (a tree, a thread) finds it.
                fixedName = ComponentName(id, componentPointer);
                _components[id] = TypeRef.Model(fixedName);
            }

            (TypeRef type, bool nullable) = ResolveShape(target, ComponentName(id, componentPointer), componentPointer, componentName: id, excludeProperties: null, fixedName, ComponentName(id, componentPointer));
            if (fixedName is not null && !_models.ContainsKey(fixedName))
            {
                // References made while reading it already use the name; give the name a type: the shape as its only variant.
                AddModel(new TypeModel(TypeModelKind.Union, fixedName, Description(target), target.Deprecated, EquatableArray<PropertyModel>.Empty,
                    EquatableArray<EnumMemberModel>.Empty, new[] { new UnionVariantModel(VariantName(type), type, null) }.ToEquatableArray(), null));
                type = TypeRef.Model(fixedName);
            }

            _components[id] = type;
            return (type, nullable || nullableHere);
        }
        finally
        {
            _componentsInProgress.Remove(id);
        }
    }

    /// <summary>Whether a schema becomes a generated type (and so can be referred to before it is complete).</summary>
    private static bool WillBeModel(IOpenApiSchema schema) =>
        (schema.AllOf is { Count: > 0 } allOf && (schema.Properties is { Count: > 0 } || (ShapingPart(allOf) is null && !allOf.All(IsAnnotationOnly))))
        || schema.OneOf is { Count: > 1 } || schema.AnyOf is { Count: > 1 }
        || (schema.AllOf is not { Count: > 0 } && schema.OneOf is not { Count: > 0 } && schema.AnyOf is not { Count: > 0 } && schema.Properties is { Count: > 0 });

    private (TypeRef, bool) ResolveShape(IOpenApiSchema schema, string nameHint, string pointer, string? componentName, ISet<string>? excludeProperties, string? fixedName = null, string? ownName = null)
    {
        // A component's own (already claimed) name, else a new one from the hint.
        string NameFor() => fixedName ?? ownName ?? Name(nameHint, componentName, pointer);

        bool nullable = IsNullable(schema) || _typelessNullables.Contains(pointer);

        if (schema.AllOf is { Count: > 0 } allOf && (schema.Properties is null || schema.Properties.Count == 0) && ShapingPart(allOf) is { } only)
        {
            // One part that gives the shape, the rest only annotate it (Smithy conversions write every property as
            // allOf: [{$ref: X}, {description: ...}]): the value is that part's type, not a copy of it per property.
            (TypeRef single, bool singleNullable) = Resolve(allOf[only], nameHint, pointer + "/allOf/" + Identifiers.Invariant(only));
            return (single, nullable || singleNullable || allOf.Any(p => p is not OpenApiSchemaReference && IsNullable(p)));
        }

        if (schema.AllOf is { Count: > 0 } && !schema.AllOf.All(IsAnnotationOnly))
        {
            return (BuildObject(NameFor(), schema, pointer, excludeProperties), nullable);
        }

        IList<IOpenApiSchema>? alternatives = schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf is { Count: > 0 } ? schema.AnyOf : null;
        if (alternatives is not null)
        {
            string keyword = ReferenceEquals(alternatives, schema.OneOf) ? "oneOf" : "anyOf";
            return ResolveAlternatives(schema, alternatives, keyword, ownName ?? nameHint, pointer, componentName, nullable, fixedName, ownName is not null);
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            var strings = new List<string>();
            bool allStrings = true;
            foreach (JsonNode? value in values)
            {
                if (value is null)
                {
                    nullable = true;
                }
                else if (value is JsonValue jsonValue && jsonValue.TryGetValue(out string? text))
                {
                    strings.Add(text!);
                }
                else
                {
                    allStrings = false;
                }
            }

            JsonSchemaType? enumType = WithoutNull(schema.Type);
            if (allStrings && strings.Count > 0 && (enumType is null || enumType == JsonSchemaType.String))
            {
                return (BuildEnum(NameFor(), schema, strings), nullable);
            }
        }

        JsonSchemaType? type = WithoutNull(schema.Type);
        if (type is null)
        {
            if (schema.Properties is { Count: > 0 } || schema.AdditionalProperties is not null)
            {
                type = JsonSchemaType.Object;
            }
            else if (schema.Items is not null)
            {
                type = JsonSchemaType.Array;
            }
            else if (schema.Const is { } constant)
            {
                type = ConstKind(constant, null) switch
                {
                    ConstantKind.Integer => JsonSchemaType.Integer,
                    ConstantKind.Boolean => JsonSchemaType.Boolean,
                    _ => JsonSchemaType.String,
                };
            }
            else
            {
                // No type at all: any JSON value.
                return (TypeRef.Json, true);
            }
        }

        switch (type.Value)
        {
            case JsonSchemaType.String:
                return (schema.Format switch
                {
                    "date-time" => TypeRef.DateTimeOffset,
                    "byte" => TypeRef.Bytes,
                    _ => TypeRef.String,
                }, nullable);
            case JsonSchemaType.Integer:
                return (schema.Format == "int32" ? TypeRef.Int32 : TypeRef.Int64, nullable);
            case JsonSchemaType.Number:
                return (schema.Format switch { "decimal" => TypeRef.Decimal, "int32" => TypeRef.Int32, "int64" => TypeRef.Int64, _ => TypeRef.Double }, nullable);
            case JsonSchemaType.Boolean:
                return (TypeRef.Boolean, nullable);
            case JsonSchemaType.Array:
                if (schema.Items is null)
                {
                    return (TypeRef.ListOf(TypeRef.Json), nullable);
                }

                (TypeRef item, _) = Resolve(schema.Items, Singular(nameHint) + "Item", pointer + "/items");
                return (TypeRef.ListOf(item), nullable);
            case JsonSchemaType.Object:
                if (schema.Properties is { Count: > 0 })
                {
                    return (BuildObject(NameFor(), schema, pointer, excludeProperties), nullable);
                }

                if (schema.AdditionalProperties is not null)
                {
                    (TypeRef value, _) = Resolve(schema.AdditionalProperties, nameHint + "Value", pointer + "/additionalProperties");
                    return (TypeRef.DictionaryOf(value), nullable);
                }

                // A free-form object: every field the provider sends is kept.
                return (TypeRef.Json, nullable);
            default:
                _diagnostics.Add(DiagnosticDescriptors.UnsupportedConstruct, pointer, "A value of several types (" + type.Value.ToString().Replace(", ", " or ").ToLowerInvariant() + ")", pointer);
                return (TypeRef.Json, true);
        }
    }

    private (TypeRef, bool) ResolveAlternatives(IOpenApiSchema schema, IList<IOpenApiSchema> alternatives, string keyword, string nameHint, string pointer, string? componentName, bool nullable, string? fixedName, bool nameIsClaimed)
    {
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

        if (variants.Count == 1 && fixedName is null)
        {
            (TypeRef only, bool onlyNullable) = Resolve(variants[0].Schema, nameHint, pointer + "/" + keyword + "/" + Identifiers.Invariant(variants[0].Index));
            return (only, nullable || onlyNullable);
        }

        string name = fixedName ?? (nameIsClaimed ? nameHint : Name(nameHint, componentName, pointer));
        var resolved = new List<(TypeRef Type, IOpenApiSchema Schema)>();
        foreach ((IOpenApiSchema variant, int index) in variants)
        {
            (TypeRef type, bool variantNullable) = Resolve(variant, name + "Variant" + Identifiers.Invariant(index + 1), pointer + "/" + keyword + "/" + Identifiers.Invariant(index));
            nullable |= variantNullable && type.Kind == TypeKind.Json && variant is not OpenApiSchemaReference && variant.Type is null;
            resolved.Add((type, variant));
        }

        // A component's name may already be in use by references to it, so it is always generated as a union.
        List<TypeRef> distinct = resolved.Select(r => r.Type).Distinct().ToList();
        if (distinct.Count == 1 && fixedName is null)
        {
            return (distinct[0], nullable);
        }

        // A string that is either free text or one of a few known values is just a string.
        if (fixedName is null && distinct.All(t => t.Kind == TypeKind.String || (t.Kind == TypeKind.Model && KindOf(t.Name!) == TypeModelKind.Enum)))
        {
            return (TypeRef.String, nullable);
        }

        if (fixedName is null && distinct.All(t => t.Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double))
        {
            return (distinct.Any(t => t.Kind == TypeKind.Double) ? TypeRef.Double : TypeRef.Int64, nullable);
        }

        string? discriminator = schema.Discriminator?.PropertyName;
        var members = new List<UnionVariantModel>();
        var identifiers = new UniqueNameBuilder("Raw", "Kind", name);
        foreach ((TypeRef type, IOpenApiSchema variant) in resolved)
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

            members.Add(new UnionVariantModel(identifiers.Claim(VariantName(type)), type, value));
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

    private TypeModel? Find(string name) => _models.TryGetValue(name, out TypeModel? model) ? model : null;

    private TypeRef BuildObject(string name, IOpenApiSchema schema, string pointer, ISet<string>? exclude)
    {
        TypeRef self = TypeRef.Model(name);
        if (_models.ContainsKey(name))
        {
            return self;
        }

        // Register first: a property that refers back to this model (directly or through a component) finds it. An inline
        // schema is registered too: Collect can walk through a component back to this very schema object (X.child:
        // allOf [X, {...}]), which must then be this model, not a new one that contains it again.
        _models[name] = new TypeModel(TypeModelKind.Object, name, null, false, EquatableArray<PropertyModel>.Empty, EquatableArray<EnumMemberModel>.Empty, EquatableArray<UnionVariantModel>.Empty, null);
        if (exclude is null && schema is not OpenApiSchemaReference && !_inline.ContainsKey(schema))
        {
            _inline[schema] = (self, IsNullable(schema));
        }

        var collected = new List<(string JsonName, IOpenApiSchema Schema, string Pointer)>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        Collect(schema, pointer, collected, required, new HashSet<string>(StringComparer.Ordinal), depth: 0);

        var identifiers = new UniqueNameBuilder(name, "AdditionalProperties", "SendNull");
        var properties = new List<PropertyModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string jsonName, IOpenApiSchema propertySchema, string propertyPointer) in collected)
        {
            if ((exclude is not null && exclude.Contains(jsonName)) || !seen.Add(jsonName))
            {
                continue;
            }

            string identifier = identifiers.Claim(Identifiers.Pascal(jsonName, "Property"));
            (TypeRef type, bool nullable) = Resolve(propertySchema, name + Identifiers.Pascal(jsonName, "Property"), propertyPointer);
            bool isRequired = required.Contains(jsonName) && !Annotation(propertySchema, p => p.ReadOnly || p.WriteOnly, false);
            properties.Add(new PropertyModel(jsonName, identifier, type, isRequired, nullable || !isRequired, Annotation(propertySchema, Description, null), Annotation(propertySchema, IsDeprecated, false),
                Annotation(propertySchema, p => Tag(p, depth: 0), null)));
        }

        _models[name] = new TypeModel(TypeModelKind.Object, name, Description(schema), schema.Deprecated, properties.ToEquatableArray(),
            EquatableArray<EnumMemberModel>.Empty, EquatableArray<UnionVariantModel>.Empty, null);
        return self;
    }

    /// <summary>Gathers properties and required names through allOf (merging every part, referenced or inline).</summary>
    private void Collect(IOpenApiSchema schema, string pointer, List<(string, IOpenApiSchema, string)> properties, HashSet<string> required, HashSet<string> components, int depth)
    {
        if (depth >= MaxDepth)
        {
            _diagnostics.Add(DiagnosticDescriptors.NestingTooDeep, pointer, Identifiers.Invariant(MaxDepth));
            return;
        }

        if (schema is OpenApiSchemaReference reference)
        {
            IOpenApiSchema? target;
            try
            {
                target = reference.UnresolvedReference ? null : reference.Target;
                _ = target?.AllOf;
            }
            catch (InvalidOperationException)
            {
                target = null; // a reference cycle: nothing to merge from it
            }

            // A component already merged on this path (allOf cycles back to it) adds nothing new.
            if (target is null || !components.Add(reference.Reference?.Id ?? string.Empty))
            {
                return;
            }

            schema = target;
            pointer = "#/components/schemas/" + JsonPointer.Escape(reference.Reference?.Id ?? string.Empty);
        }

        if (schema.AllOf is { Count: > 0 } parts)
        {
            for (int i = 0; i < parts.Count; i++)
            {
                Collect(parts[i], pointer + "/allOf/" + Identifiers.Invariant(i), properties, required, components, depth + 1);
            }
        }

        if (schema.Properties is not null)
        {
            foreach (KeyValuePair<string, IOpenApiSchema> property in schema.Properties)
            {
                properties.Add((property.Key, property.Value, pointer + "/properties/" + JsonPointer.Escape(property.Key)));
            }
        }

        if (schema.Required is not null)
        {
            required.UnionWith(schema.Required);
        }
    }

    /// <summary>
    /// The one value a schema allows, as a canonical JSON literal (<c>"customer"</c>, <c>2</c>, <c>true</c>): an enum of one
    /// string, integer or boolean, or <c>const</c>; also through a reference and an annotated allOf part (Discord writes
    /// <c>{type: integer, enum: [2], allOf: [{$ref: MessageComponentTypes}]}</c>). Null when it allows more, null among them.
    /// </summary>
    private static string? Tag(IOpenApiSchema schema, int depth)
    {
        if (depth > 8 || IsNullable(schema))
        {
            return null;
        }

        if (schema.Const is { } constant)
        {
            return ConstKind(constant, WithoutNull(schema.Type)) switch
            {
                ConstantKind.Integer => long.Parse(constant, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ConstantKind.Boolean => bool.Parse(constant) ? "true" : "false",
                ConstantKind.String => JsonValue.Create(constant).ToJsonString(),
                _ => null,
            };
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            return values.Count == 1 && values[0] is JsonValue only ? Literal(only) : null;
        }

        return schema is not OpenApiSchemaReference && schema.AllOf is { Count: > 0 } parts && schema.Properties is not { Count: > 0 } && ShapingPart(parts) is { } shaping
            ? Tag(parts[shaping], depth + 1)
            : null;
    }

    /// <summary>A JSON value as a canonical literal, for the kinds a tag may be (string, integer, boolean); else null.</summary>
    private static string? Literal(JsonValue value)
    {
        if (value.TryGetValue(out string? text))
        {
            return JsonValue.Create(text).ToJsonString();
        }

        if (value.TryGetValue(out bool flag))
        {
            return flag ? "true" : "false";
        }

        string json = value.ToJsonString();
        return long.TryParse(json, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long number)
            ? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private enum ConstantKind
    {
        None,
        String,
        Integer,
        Boolean,
    }

    /// <summary>
    /// What a <c>const</c> is. Microsoft.OpenApi keeps it only as text (<c>1</c>, <c>"1"</c> and <c>true</c> come out as
    /// <c>1</c>, <c>1</c> and <c>True</c>), so the schema's type decides; without one (Discord writes <c>{const: 1}</c>),
    /// integral text is read as an integer and <c>True</c>/<c>False</c> (either case) as a boolean: a string const that looks
    /// like a number or a boolean is the one case read wrong, and far rarer than the numbers.
    /// </summary>
    private static ConstantKind ConstKind(string constant, JsonSchemaType? type)
    {
        bool integral = long.TryParse(constant, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);
        bool boolean = bool.TryParse(constant, out _);
        return type switch
        {
            null => integral ? ConstantKind.Integer : constant is "True" or "False" or "true" or "false" ? ConstantKind.Boolean : ConstantKind.String,
            JsonSchemaType.String => ConstantKind.String,
            JsonSchemaType.Integer or JsonSchemaType.Number => integral ? ConstantKind.Integer : ConstantKind.None,
            JsonSchemaType.Boolean => boolean ? ConstantKind.Boolean : ConstantKind.None,
            _ => ConstantKind.None,
        };
    }

    private TypeRef BuildEnum(string name, IOpenApiSchema schema, List<string> values)
    {
        var identifiers = new UniqueNameBuilder(name, "Value", "Equals", "GetHashCode", "ToString", "Converter", "GetType");
        var members = new List<EnumMemberModel>();
        foreach (string value in values.Distinct(StringComparer.Ordinal))
        {
            members.Add(new EnumMemberModel(value, identifiers.Claim(Identifiers.Pascal(value, "Empty"))));
        }

        AddModel(new TypeModel(TypeModelKind.Enum, name, Description(schema), schema.Deprecated, EquatableArray<PropertyModel>.Empty,
            members.ToEquatableArray(), EquatableArray<UnionVariantModel>.Empty, null));
        return TypeRef.Model(name);
    }

    private void AddModel(TypeModel model) => _models[model.Name] = model;

    private string ComponentName(string id, string pointer) =>
        _componentNames.TryGetValue(id, out string? name) ? name : Name(Identifiers.Pascal(id, "Model"), id, pointer);

    private string Name(string nameHint, string? componentName, string pointer)
    {
        string name = _typeNames.Claim(nameHint, out bool renamed);
        if (renamed && componentName is not null)
        {
            _diagnostics.Add(DiagnosticDescriptors.NameCollision, pointer, "The schema name", nameHint, name);
        }

        return name;
    }

    private static string VariantName(TypeRef type) => type.Kind switch
    {
        TypeKind.Model => type.Name!,
        TypeKind.List => "ListOf" + VariantName(type.Element!),
        TypeKind.Dictionary => "DictionaryOf" + VariantName(type.Element!),
        TypeKind.Json => "Json",
        _ => type.Kind.ToString(),
    };

    private static string Singular(string name) => name.EndsWith("ies", StringComparison.Ordinal) ? name.Substring(0, name.Length - 3) + "y"
        : name.EndsWith("ses", StringComparison.Ordinal) || name.EndsWith("xes", StringComparison.Ordinal) ? name.Substring(0, name.Length - 2)
        : name.EndsWith("s", StringComparison.Ordinal) && !name.EndsWith("ss", StringComparison.Ordinal) && name.Length > 1 ? name.Substring(0, name.Length - 1)
        : name;

    /// <summary>
    /// Whether a schema allows null: a type that includes null (3.1's <c>type: [x, "null"]</c>, 3.0's <c>nullable: true</c>
    /// next to a type), or the reader's <c>x-nullable</c>, which is how it keeps 3.0's <c>nullable: true</c> without a type
    /// (GitHub's <c>nullable: true, allOf: [$ref]</c>) and how Swagger 2.0 specs say it.
    /// </summary>
    internal static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && (type & JsonSchemaType.Null) != 0)
        || (schema.Extensions is { } extensions && extensions.TryGetValue("x-nullable", out IOpenApiExtension? extension)
            && extension is JsonNodeExtension { Node: JsonValue value } && value.TryGetValue(out bool flag) && flag);

    private static JsonSchemaType? WithoutNull(JsonSchemaType? type)
    {
        if (type is null)
        {
            return null;
        }

        JsonSchemaType rest = type.Value & ~JsonSchemaType.Null;
        return rest == 0 ? null : rest;
    }

    internal static string? Description(IOpenApiSchema schema)
    {
        string? own = string.IsNullOrWhiteSpace(schema.Description) ? (string.IsNullOrWhiteSpace(schema.Title) ? null : schema.Title) : schema.Description;
        if (own is null && schema is not OpenApiSchemaReference && schema.AllOf is { Count: > 0 } parts)
        {
            // allOf: [{$ref: X}, {description: ...}] says what this value is; the description lives in the annotation part.
            own = parts.Where(p => p is not OpenApiSchemaReference && IsAnnotationOnly(p)).Select(Description).FirstOrDefault(d => d is not null);
        }

        return own;
    }

    /// <summary>
    /// Reads an annotation of a schema that may be a $ref: through a reference it is the target's, and Microsoft.OpenApi
    /// throws for a reference cycle (Loop: {$ref: Loop}), which has no annotations (Resolve reports the cycle).
    /// </summary>
    private static T Annotation<T>(IOpenApiSchema schema, Func<IOpenApiSchema, T> read, T fallback)
    {
        try
        {
            return read(schema);
        }
        catch (InvalidOperationException)
        {
            return fallback;
        }
    }

    /// <summary>Whether a schema or one of its annotation-only allOf parts marks the value deprecated.</summary>
    internal static bool IsDeprecated(IOpenApiSchema schema) =>
        schema.Deprecated || (schema is not OpenApiSchemaReference && schema.AllOf is { Count: > 0 } parts && parts.Any(p => p is not OpenApiSchemaReference && IsAnnotationOnly(p) && p.Deprecated));

    /// <summary>The index of the only allOf part that gives a shape when every other part only annotates; else null.</summary>
    private static int? ShapingPart(IList<IOpenApiSchema> parts)
    {
        int? shaping = null;
        for (int i = 0; i < parts.Count; i++)
        {
            if (IsAnnotationOnly(parts[i]))
            {
                continue;
            }

            if (shaping is not null)
            {
                return null;
            }

            shaping = i;
        }

        return shaping;
    }

    /// <summary>
    /// A schema that says nothing about the value's shape: description, title, examples, default, deprecated, readOnly,
    /// nullable and validation limits the generated types do not enforce. A reference is never annotation-only.
    /// </summary>
    private static bool IsAnnotationOnly(IOpenApiSchema schema) =>
        schema is not OpenApiSchemaReference
        && WithoutNull(schema.Type) is null
        && schema.Properties is not { Count: > 0 }
        && schema.PatternProperties is not { Count: > 0 }
        && schema.AdditionalProperties is null
        && schema.Items is null
        && schema.AllOf is not { Count: > 0 }
        && schema.OneOf is not { Count: > 0 }
        && schema.AnyOf is not { Count: > 0 }
        && schema.Not is null
        && schema.Enum is not { Count: > 0 }
        && schema.Const is null
        && schema.Required is not { Count: > 0 }
        && schema.Discriminator is null
        && string.IsNullOrEmpty(schema.Format);

    /// <summary>Inline schemas are cached by identity: the same object reached twice is one type.</summary>
    private sealed class ReferenceComparer : IEqualityComparer<IOpenApiSchema>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(IOpenApiSchema? x, IOpenApiSchema? y) => ReferenceEquals(x, y);

        public int GetHashCode(IOpenApiSchema obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
