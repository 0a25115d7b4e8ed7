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

/// <summary>Schema reading: what a schema says about a value (nullable, deprecated, described, shaped or only annotated), without reading it into a type.</summary>
internal sealed partial class SchemaReader
{
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
}
