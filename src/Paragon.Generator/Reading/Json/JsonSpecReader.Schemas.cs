using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Paragon.Generator.Reading.Json;

internal sealed partial class JsonSpecReader
{
    /// <summary>An OpenAPI 3.0 schema, with Microsoft.OpenApi's reading of it: <c>nullable</c> folded into the type, numbers kept as text.</summary>
    private IOpenApiSchema ReadSchema(JsonElement element)
    {
        if (Reference(element, "schemas") is { } id)
        {
            _lastTypeOnly = false;
            return new SchemaReference(id, _document, _schemaTargets);
        }

        var schema = new OpenApiSchema();
        bool nullable = false;
        bool anyOfTypeOnly = false;
        bool oneOfTypeOnly = false;

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
            switch (name)
            {
                case "title":
                    schema.Title = String(value);
                    break;
                case "description":
                    schema.Description = String(value);
                    break;
                case "format":
                    schema.Format = String(value);
                    break;
                case "pattern":
                    schema.Pattern = String(value);
                    break;
                case "type":
                    schema.Type = String(value) switch
                    {
                        "string" => JsonSchemaType.String,
                        "integer" => JsonSchemaType.Integer,
                        "number" => JsonSchemaType.Number,
                        "boolean" => JsonSchemaType.Boolean,
                        "object" => JsonSchemaType.Object,
                        "array" => JsonSchemaType.Array,
                        _ => throw new NotUnderstoodException(),
                    };
                    break;
                case "nullable":
                    nullable = Bool(value);
                    break;
                case "maximum":
                    schema.Maximum = Number(value);
                    break;
                case "minimum":
                    schema.Minimum = Number(value);
                    break;
                case "exclusiveMaximum":
                case "exclusiveMinimum":
                    // 3.0's boolean form moves the bound in Microsoft.OpenApi's model; only the plain "false" is taken here.
                    if (Bool(value))
                    {
                        throw new NotUnderstoodException();
                    }

                    break;
                case "multipleOf":
                    schema.MultipleOf = value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal multiple) ? multiple : throw new NotUnderstoodException();
                    break;
                case "maxLength":
                    schema.MaxLength = Int(value);
                    break;
                case "minLength":
                    schema.MinLength = Int(value);
                    break;
                case "maxItems":
                    schema.MaxItems = Int(value);
                    break;
                case "minItems":
                    schema.MinItems = Int(value);
                    break;
                case "maxProperties":
                    schema.MaxProperties = Int(value);
                    break;
                case "minProperties":
                    schema.MinProperties = Int(value);
                    break;
                case "uniqueItems":
                    schema.UniqueItems = Bool(value);
                    break;
                case "required":
                    // Gathered first and the set made at its size: grown one name at a time, GitHub's 4,000 sets were
                    // rehashed into ever larger arrays. The set keeps the first of a repeated name, as Add did.
                    string[] names = new string[value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0];
                    int at = 0;
                    foreach (JsonElement requiredName in Array(value))
                    {
                        names[at++] = String(requiredName)!;
                    }

                    schema.Required = new HashSet<string>(names);
                    break;
                case "enum":
                    schema.Enum = List(value, Any);
                    break;
                case "default":
                    schema.Default = Any(value);
                    break;
                case "example":
                    // Obsolete in the model (Examples replaces it) and not read by the generator.
                    break;
                case "allOf":
                    schema.AllOf = List(value, ReadSchema);
                    break;
                case "oneOf":
                    schema.OneOf = ReadAlternatives(value, out oneOfTypeOnly);
                    break;
                case "anyOf":
                    schema.AnyOf = ReadAlternatives(value, out anyOfTypeOnly);
                    break;
                case "not":
                    schema.Not = ReadSchema(value);
                    break;
                case "items":
                    // A list of schemas (a tuple) is an error Microsoft.OpenApi reports and the generator words: Object() leaves it to them.
                    schema.Items = ReadSchema(value);
                    break;
                case "properties":
                    schema.Properties = Map(value, ReadSchema);
                    break;
                case "additionalProperties":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        schema.AdditionalPropertiesAllowed = Bool(value);
                    }
                    else
                    {
                        schema.AdditionalProperties = ReadSchema(value);
                    }

                    break;
                case "discriminator":
                    schema.Discriminator = ReadDiscriminator(value);
                    break;
                case "readOnly":
                    schema.ReadOnly = Bool(value);
                    break;
                case "writeOnly":
                    schema.WriteOnly = Bool(value);
                    break;
                case "deprecated":
                    schema.Deprecated = Bool(value);
                    break;
                case "externalDocs":
                    schema.ExternalDocs = ReadExternalDocs(value);
                    break;
                case "xml":
                    Object(value);
                    break;
                default:
                    // Microsoft.OpenApi reads some x- keys as JSON Schema keywords (x-jsonschema-…): those are left to it.
                    if (name.StartsWith("x-jsonschema", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new NotUnderstoodException();
                    }

                    AddExtension(schema.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        // Microsoft.OpenApi turns "nullable: true" into null in the type when there is a type; without one it keeps nothing
        // (TypelessNullables finds those in the text).
        if (nullable && schema.Type is { } type)
        {
            schema.Type = type | JsonSchemaType.Null;
        }

        // Then, without a type of its own, an anyOf (first) or else a oneOf of type-only schemas becomes the union of their
        // types and is dropped: {anyOf: [{type: string}, {type: number}]} reads as type string|number.
        if (schema.Type is null)
        {
            if (!FoldAlternatives(schema, schema.AnyOf, anyOfTypeOnly, s => s.AnyOf = null))
            {
                FoldAlternatives(schema, schema.OneOf, oneOfTypeOnly, s => s.OneOf = null);
            }
        }

        _lastTypeOnly = typeOnly && schema.Type is not null;
        return schema;
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

    private OpenApiDiscriminator ReadDiscriminator(JsonElement element)
    {
        var discriminator = new OpenApiDiscriminator();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "propertyName":
                    discriminator.PropertyName = String(property.Value);
                    break;
                case "mapping":
                    var mapping = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
                    foreach (JsonProperty entry in Object(property.Value))
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

                    discriminator.Mapping = mapping;
                    break;
                default:
                    AddExtension(discriminator.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return discriminator;
    }
}
