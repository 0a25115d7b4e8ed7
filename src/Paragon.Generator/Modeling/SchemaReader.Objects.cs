using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;
using JsonPointer = Paragon.Generator.Reading.JsonPointer;

namespace Paragon.Generator.Modeling;

/// <summary>Schema reading: objects, their properties merged through allOf, and the single value (tag) a property may allow.</summary>
internal sealed partial class SchemaReader
{
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

        var identifiers = new UniqueNameBuilder([name, "AdditionalProperties", "SendNull", .. Identifiers.ObjectMembers]);
        var properties = new List<PropertyModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string jsonName, IOpenApiSchema propertySchema, string propertyPointer) in collected)
        {
            if ((exclude is not null && exclude.Contains(jsonName)) || !seen.Add(jsonName))
            {
                continue;
            }

            string pascal = Identifiers.Pascal(jsonName, "Property");
            string identifier = identifiers.Claim(pascal);
            (TypeRef type, bool nullable) = Resolve(propertySchema, name + pascal, propertyPointer);
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
            return values.Count == 1 && values[0] is JsonValue only && !JsonNullSentinel.IsJsonNullSentinel(only) ? Literal(only) : null;
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
}
