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

/// <summary>Schema reading: <c>$ref</c>s to components, each component read once and then found by id, and reading annotations through a reference.</summary>
internal sealed partial class SchemaReader
{
    private (TypeRef, bool) ResolveReference(OpenApiSchemaReference reference, string pointer)
    {
        // A component already read is not resolved again: Microsoft.OpenApi looks a reference up by URI on every access to
        // its target, and GitHub's 2,470 types are reached through tens of thousands of references.
        if (reference.Reference is { IsExternal: false, Id: { } knownId } && _components.TryGetValue(knownId, out TypeRef? known)
            && _componentNullable.TryGetValue(knownId, out bool knownNullable))
        {
            // The reference's own type is its target's, so the component's nullability already covers it.
            return (known, knownNullable);
        }

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

        // Every use of a component allows null when the component does, however its nullability was found.
        if (!_componentNullable.TryGetValue(id, out bool componentNullable))
        {
            componentNullable = IsNullable(target) || _typelessNullables.Contains("#/components/schemas/" + JsonPointer.Escape(id));
            _componentNullable[id] = componentNullable;
        }

        if (_components.TryGetValue(id, out TypeRef? existing))
        {
            return (existing, nullableHere || componentNullable);
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
            string name = ComponentName(id, componentPointer);
            bool registered = WillBeModel(target);
            string? fixedName = registered ? name : null;
            if (registered)
            {
                // Registered before reading the properties, so that a reference back to it (a tree, a thread) finds it.
                _components[id] = TypeRef.Model(name);
            }

            (TypeRef type, bool nullable) = ResolveShape(target, TypeNaming.Component(name, registered), componentPointer, excludeProperties: null);
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
}
