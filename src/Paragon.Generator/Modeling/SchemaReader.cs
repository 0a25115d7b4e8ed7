using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;
using Paragon.Generator.Reading;
using JsonPointer = Paragon.Generator.Reading.JsonPointer;

namespace Paragon.Generator.Modeling;

/// <summary>
/// Turns schemas into type references and generated models. Component schemas become models named after the component
/// (recursion-safe: a model's name is registered before its properties are read); inline schemas are named from where
/// they appear (<c>ChatPostMessageRequest</c>, <c>MessageAttachmentsItem</c>). What C# cannot express stays JsonElement.
/// </summary>
internal sealed partial class SchemaReader
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
    private readonly Dictionary<string, bool> _componentNullable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _componentsInProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<IOpenApiSchema, (TypeRef, bool)> _inline = new(ReferenceComparer.Instance);
    private readonly Dictionary<string, TypeModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _inlineEnums = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inlineEnumNames = new(StringComparer.Ordinal);

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

    /// <summary>Whether a type (a component's, or an inline schema's already read) has this name.</summary>
    public bool IsTypeNameTaken(string name) => _typeNames.Contains(name);

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

        (TypeRef, bool) result = ResolveShape(schema, TypeNaming.Inline(nameHint), pointer, excludeProperties);
        if (excludeProperties is null)
        {
            _inline[schema] = result;
        }

        return result;
    }

    private (TypeRef, bool) ResolveShape(IOpenApiSchema schema, TypeNaming naming, string pointer, ISet<string>? excludeProperties)
    {
        string nameHint = naming.Hint;
        string NameFor() => NameOf(naming, pointer);

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
            return ResolveAlternatives(schema, alternatives, keyword, naming, pointer, nullable);
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            var strings = new List<string>();
            bool allStrings = true;
            foreach (JsonNode? value in values)
            {
                // Microsoft.OpenApi keeps a JSON null as a placeholder node, not as a C# null.
                if (value is null || JsonNullSentinel.IsJsonNullSentinel(value))
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
                return (naming.IsClaimed || naming.IsRegistered ? BuildEnum(NameFor(), schema, strings) : SharedEnum(naming, pointer, schema, strings), nullable);
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

    /// <summary>
    /// An inline enum whose values (in order, with their descriptions) an inline enum read before already has is that type:
    /// Stripe writes the same enum inline at every use (<c>tax_behavior</c> 29 times, <c>object: list</c> 114 times), and
    /// 1,286 of its 1,602 enums were copies, a struct each. Only an enum inside a component schema is shared, named after
    /// its first use (<c>InvoiceTaxBehavior</c>) in reading order, so the same spec and filter always give the same name; one
    /// inside an operation may use such a type, but is never the one others use: a parameter or body must not take a type
    /// named after another operation (GuessableNameTests). A component enum keeps its own type and name.
    /// </summary>
    private TypeRef SharedEnum(TypeNaming naming, string pointer, IOpenApiSchema schema, List<string> values)
    {
        Dictionary<string, string> descriptions = EnumDescriptions(schema);
        string key = (schema.Deprecated ? "!" : string.Empty) + string.Join("\u0001",
            values.Distinct(StringComparer.Ordinal).Select(v => descriptions.TryGetValue(v, out string? text) ? v + "\u0002" + text : v));
        if (_inlineEnums.TryGetValue(key, out string? shared))
        {
            // The type's description was its first use's; where uses say different things, it says nothing (each property
            // keeps its own).
            TypeModel model = _models[shared];
            if (model.Description is not null && !string.Equals(model.Description, Description(schema), StringComparison.Ordinal))
            {
                _models[shared] = model with { Description = null };
            }

            return TypeRef.Model(shared);
        }

        TypeRef type = BuildEnum(NameOf(naming, pointer), schema, values);
        if (pointer.StartsWith("#/components/schemas/", StringComparison.Ordinal))
        {
            _inlineEnums[key] = type.Name!;
            _inlineEnumNames.Add(type.Name!);
        }

        return type;
    }

    private TypeRef BuildEnum(string name, IOpenApiSchema schema, List<string> values)
    {
        var identifiers = new UniqueNameBuilder([name, "Value", "Converter", "PrintMembers", .. Identifiers.ObjectMembers]);
        Dictionary<string, string> descriptions = EnumDescriptions(schema);
        var members = new List<EnumMemberModel>();
        foreach (string value in values.Distinct(StringComparer.Ordinal))
        {
            members.Add(new EnumMemberModel(value, identifiers.Claim(Identifiers.Pascal(value, "Empty")), descriptions.TryGetValue(value, out string? description) ? description : null));
        }

        AddModel(new TypeModel(TypeModelKind.Enum, name, Description(schema), schema.Deprecated, EquatableArray<PropertyModel>.Empty,
            members.ToEquatableArray(), EquatableArray<UnionVariantModel>.Empty, null));
        return TypeRef.Model(name);
    }

    /// <summary>
    /// What the spec says of each value: <c>x-enum-descriptions</c> (openapi-generator's, also spelled <c>x-enumDescriptions</c>),
    /// either a list in the order of <c>enum</c> or an object by value. Anything else is ignored: it is documentation only.
    /// </summary>
    private static Dictionary<string, string> EnumDescriptions(IOpenApiSchema schema)
    {
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (schema.Extensions is not { } extensions
            || !(extensions.TryGetValue("x-enum-descriptions", out IOpenApiExtension? extension) || extensions.TryGetValue("x-enumDescriptions", out extension))
            || extension is not JsonNodeExtension { Node: { } node })
        {
            return descriptions;
        }

        if (node is JsonArray list && schema.Enum is { } values)
        {
            for (int i = 0; i < Math.Min(list.Count, values.Count); i++)
            {
                if (values[i] is JsonValue value && value.TryGetValue(out string? key) && list[i] is JsonValue text && !JsonNullSentinel.IsJsonNullSentinel(text) && text.TryGetValue(out string? description))
                {
                    descriptions[key!] = description!;
                }
            }
        }
        else if (node is JsonObject byValue)
        {
            foreach (KeyValuePair<string, JsonNode?> pair in byValue)
            {
                if (pair.Value is JsonValue text && !JsonNullSentinel.IsJsonNullSentinel(text) && text.TryGetValue(out string? description))
                {
                    descriptions[pair.Key] = description!;
                }
            }
        }

        return descriptions;
    }

    private void AddModel(TypeModel model) => _models[model.Name] = model;

    /// <summary>Inline schemas are cached by identity: the same object reached twice is one type.</summary>
    /// <summary>Schemas by identity (Microsoft.OpenApi's own equality compares content); the fast JSON reader uses it too.</summary>
    internal sealed class ReferenceComparer : IEqualityComparer<IOpenApiSchema>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(IOpenApiSchema? x, IOpenApiSchema? y) => ReferenceEquals(x, y);

        public int GetHashCode(IOpenApiSchema obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
