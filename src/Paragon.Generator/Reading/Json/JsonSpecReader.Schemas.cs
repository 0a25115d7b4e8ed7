using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.OpenApi;

namespace Paragon.Generator.Reading.Json;

internal sealed partial class JsonSpecReader
{
    private static readonly Fields<OpenApiDiscriminator> DiscriminatorFields = new()
    {
        ["propertyName"] = static (_, discriminator, value) => discriminator.PropertyName = String(value),
        ["mapping"] = static (reader, discriminator, value) => discriminator.Mapping = reader.ReadMapping(value),
    };

    private static readonly Fields<OpenApiSchema> SchemaFields = new()
    {
        ["title"] = static (_, schema, value) => schema.Title = String(value),
        ["description"] = static (_, schema, value) => schema.Description = String(value),
        ["format"] = static (_, schema, value) => schema.Format = String(value),
        ["pattern"] = static (_, schema, value) => schema.Pattern = String(value),
        ["type"] = static (_, schema, value) => schema.Type = String(value) switch
        {
            "string" => JsonSchemaType.String,
            "integer" => JsonSchemaType.Integer,
            "number" => JsonSchemaType.Number,
            "boolean" => JsonSchemaType.Boolean,
            "object" => JsonSchemaType.Object,
            "array" => JsonSchemaType.Array,
            _ => throw new NotUnderstoodException(),
        },
        ["nullable"] = static (reader, _, value) => reader._schemaFlags.Nullable = Bool(value),
        ["maximum"] = static (_, schema, value) => schema.Maximum = Number(value),
        ["minimum"] = static (_, schema, value) => schema.Minimum = Number(value),
        ["exclusiveMaximum"] = FalseOnly,
        ["exclusiveMinimum"] = FalseOnly,
        ["multipleOf"] = static (_, schema, value) => schema.MultipleOf =
            value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal multiple) ? multiple : throw new NotUnderstoodException(),
        ["maxLength"] = static (_, schema, value) => schema.MaxLength = Int(value),
        ["minLength"] = static (_, schema, value) => schema.MinLength = Int(value),
        ["maxItems"] = static (_, schema, value) => schema.MaxItems = Int(value),
        ["minItems"] = static (_, schema, value) => schema.MinItems = Int(value),
        ["maxProperties"] = static (_, schema, value) => schema.MaxProperties = Int(value),
        ["minProperties"] = static (_, schema, value) => schema.MinProperties = Int(value),
        ["uniqueItems"] = static (_, schema, value) => schema.UniqueItems = Bool(value),
        ["required"] = static (_, schema, value) => schema.Required = RequiredNames(value),
        ["enum"] = static (_, schema, value) => schema.Enum = List(value, Any),
        ["default"] = static (_, schema, value) => schema.Default = Any(value),

        // Obsolete in the model (Examples replaces it) and not read by the generator.
        ["example"] = static (_, _, _) => { },
        ["allOf"] = static (reader, schema, value) => schema.AllOf = List(value, reader.ReadSchema),
        ["oneOf"] = static (reader, schema, value) =>
        {
            schema.OneOf = reader.ReadAlternatives(value, out bool allTypeOnly);
            reader._schemaFlags.OneOfTypeOnly = allTypeOnly;
        },
        ["anyOf"] = static (reader, schema, value) =>
        {
            schema.AnyOf = reader.ReadAlternatives(value, out bool allTypeOnly);
            reader._schemaFlags.AnyOfTypeOnly = allTypeOnly;
        },
        ["not"] = static (reader, schema, value) => schema.Not = reader.ReadSchema(value),

        // A list of schemas (a tuple) is an error Microsoft.OpenApi reports and the generator words: Object() leaves it to them.
        ["items"] = static (reader, schema, value) => schema.Items = reader.ReadSchema(value),
        ["properties"] = static (reader, schema, value) => schema.Properties = Map(value, reader.ReadSchema),
        ["additionalProperties"] = static (reader, schema, value) =>
        {
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                schema.AdditionalPropertiesAllowed = Bool(value);
            }
            else
            {
                schema.AdditionalProperties = reader.ReadSchema(value);
            }
        },
        ["discriminator"] = static (reader, schema, value) => schema.Discriminator = reader.ReadObject(value, new OpenApiDiscriminator(), DiscriminatorFields),
        ["readOnly"] = static (_, schema, value) => schema.ReadOnly = Bool(value),
        ["writeOnly"] = static (_, schema, value) => schema.WriteOnly = Bool(value),
        ["deprecated"] = static (_, schema, value) => schema.Deprecated = Bool(value),
        ["externalDocs"] = static (reader, schema, value) => schema.ExternalDocs = reader.ReadExternalDocs(value),
        ["xml"] = static (_, _, value) => Object(value),
    };

    /// <summary>
    /// What the keys read so far tell of the schema <see cref="ReadSchema"/> is reading, beyond its fields: set by its
    /// readers in <see cref="SchemaFields"/> and used once all its keys are read. A schema read inside it (items,
    /// properties, alternatives) has flags of its own, so <see cref="ReadSchema"/> puts the outer ones back after it.
    /// </summary>
    private SchemaFlags _schemaFlags;

    /// <summary>An OpenAPI 3.0 schema, with Microsoft.OpenApi's reading of it: <c>nullable</c> folded into the type, numbers kept as text.</summary>
    private IOpenApiSchema ReadSchema(JsonElement element)
    {
        if (Reference(element, "schemas") is { } id)
        {
            _lastTypeOnly = false;
            return new SchemaReference(id, _document, _schemaTargets);
        }

        var schema = new OpenApiSchema();
        SchemaFlags outer = _schemaFlags; // the flags of the schema this one is read inside, put back below
        _schemaFlags = default;

        // Only "type" (with an example, or keys at their defaults): Microsoft.OpenApi folds a oneOf/anyOf of only such schemas into the type.
        bool typeOnly = true;
        foreach (JsonProperty property in Object(element))
        {
            JsonElement value = property.Value;
            string name = property.Name; // each read of Name makes a new string
            typeOnly &= name switch
            {
                "type" or "example" => true,
                "additionalProperties" => value.ValueKind == JsonValueKind.True,
                "nullable" or "readOnly" or "writeOnly" or "deprecated" => value.ValueKind == JsonValueKind.False,
                _ => false,
            };
            if (SchemaFields.TryGetValue(name, out Action<JsonSpecReader, OpenApiSchema, JsonElement>? read))
            {
                read(this, schema, value);
            }
            else if (name.StartsWith("x-jsonschema", StringComparison.OrdinalIgnoreCase))
            {
                // Microsoft.OpenApi reads some x- keys as JSON Schema keywords (x-jsonschema-…): those are left to it.
                throw new NotUnderstoodException();
            }
            else
            {
                AddExtension(schema.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
            }
        }

        SchemaFlags flags = _schemaFlags;
        _schemaFlags = outer;

        // Microsoft.OpenApi turns "nullable: true" into null in the type when there is a type; without one it keeps nothing
        // (TypelessNullables finds those in the text).
        if (flags.Nullable && schema.Type is { } type)
        {
            schema.Type = type | JsonSchemaType.Null;
        }

        // Then, without a type of its own, an anyOf (first) or else a oneOf of type-only schemas becomes the union of their
        // types and is dropped: {anyOf: [{type: string}, {type: number}]} reads as type string|number.
        if (schema.Type is null)
        {
            if (!FoldAlternatives(schema, schema.AnyOf, flags.AnyOfTypeOnly, s => s.AnyOf = null))
            {
                FoldAlternatives(schema, schema.OneOf, flags.OneOfTypeOnly, s => s.OneOf = null);
            }
        }

        _lastTypeOnly = typeOnly && schema.Type is not null;
        return schema;
    }

    /// <summary>3.0's boolean form moves the bound in Microsoft.OpenApi's model; only the plain "false" is taken here.</summary>
    private static void FalseOnly(JsonSpecReader reader, OpenApiSchema schema, JsonElement value)
    {
        if (Bool(value))
        {
            throw new NotUnderstoodException();
        }
    }

    private static HashSet<string> RequiredNames(JsonElement value)
    {
        // Gathered first and the set made at its size: grown one name at a time, GitHub's 4,000 sets were
        // rehashed into ever larger arrays. The set keeps the first of a repeated name, as Add did.
        string[] names = new string[value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0];
        int at = 0;
        foreach (JsonElement requiredName in Array(value))
        {
            names[at++] = String(requiredName)!;
        }

        return new HashSet<string>(names);
    }

    /// <summary>
    /// The alternatives of a oneOf or anyOf, and whether every one is a type-only schema (as <see cref="ReadSchema"/> leaves
    /// <see cref="_lastTypeOnly"/>): what <see cref="FoldAlternatives"/> needs, known as they are read, instead of a set of
    /// every type-only schema of the document (tens of thousands on GitHub's) looked up afterwards.
    /// </summary>
    private List<IOpenApiSchema> ReadAlternatives(JsonElement element, out bool allTypeOnly)
    {
        var list = new List<IOpenApiSchema>(element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : 0);
        allTypeOnly = true;
        foreach (JsonElement item in Array(element))
        {
            list.Add(ReadSchema(item));
            allTypeOnly &= _lastTypeOnly;
        }

        return list;
    }

    private static bool FoldAlternatives(OpenApiSchema schema, IList<IOpenApiSchema>? alternatives, bool allTypeOnly, Action<OpenApiSchema> drop)
    {
        if (alternatives is null)
        {
            return false;
        }

        if (alternatives.Count == 0)
        {
            throw new NotUnderstoodException(); // Microsoft.OpenApi makes that a type with no flags
        }

        if (!allTypeOnly)
        {
            return false;
        }

        JsonSchemaType folded = 0;
        foreach (IOpenApiSchema alternative in alternatives)
        {
            folded |= ((OpenApiSchema)alternative).Type!.Value;
        }

        schema.Type = folded;
        drop(schema);
        return true;
    }

    private Dictionary<string, OpenApiSchemaReference> ReadMapping(JsonElement element)
    {
        var mapping = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
        foreach (JsonProperty entry in Object(element))
        {
            // Only the plain form "#/components/schemas/Name"; a bare name resolves in ways best left to Microsoft.OpenApi.
            string target = String(entry.Value) ?? throw new NotUnderstoodException();
            const string Prefix = "#/components/schemas/";
            if (!target.StartsWith(Prefix, StringComparison.Ordinal) || target.IndexOf('/', Prefix.Length) >= 0 || target.IndexOf('~') >= 0
                || target.IndexOf('%') >= 0 || mapping.ContainsKey(entry.Name))
            {
                throw new NotUnderstoodException();
            }

            string id = target.Substring(Prefix.Length);
            _references.Add(("schemas", id));
            mapping.Add(entry.Name, new SchemaReference(id, _document, _schemaTargets));
        }

        return mapping;
    }

    /// <summary>See <see cref="_schemaFlags"/>.</summary>
    private struct SchemaFlags
    {
        public bool Nullable;
        public bool AnyOfTypeOnly;
        public bool OneOfTypeOnly;
    }
}
