using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.OpenApi;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;
using JsonPointer = Paragon.Generator.Reading.JsonPointer;
using ParameterLocation = Paragon.Generator.Model.ParameterLocation;

namespace Paragon.Generator.Modeling;

/// <summary>Operation reading: parameters, the path item's and the operation's merged, each read once through its reference.</summary>
internal sealed partial class OperationReader
{
    private static List<(IOpenApiParameter, string)> MergedParameters(IOpenApiPathItem pathItem, OpenApiOperation operation, string pointer, string path)
    {
        var byKey = new Dictionary<string, (IOpenApiParameter, string)>(StringComparer.Ordinal);
        var order = new List<string>();
        void Add(IList<IOpenApiParameter>? list, string listPointer)
        {
            if (list is null)
            {
                return;
            }

            for (int i = 0; i < list.Count; i++)
            {
                IOpenApiParameter parameter = list[i];
                IOpenApiParameter? definition = Definition(parameter);
                if (definition?.Name is null)
                {
                    continue;
                }

                string key = definition.In + ":" + definition.Name;
                if (!byKey.ContainsKey(key))
                {
                    order.Add(key);
                }

                // An operation's parameter overrides the path item's one of the same name and location.
                byKey[key] = (parameter, Where(parameter, listPointer + "/" + Identifiers.Invariant(i), "parameters"));
            }
        }

        Add(pathItem.Parameters, "#/paths/" + JsonPointer.Escape(path) + "/parameters");
        Add(operation.Parameters, pointer + "/parameters");
        var merged = new List<(IOpenApiParameter, string)>(order.Count);
        foreach (string key in order)
        {
            merged.Add(byKey[key]);
        }

        return merged;
    }

    private ParameterModel? ReadParameter(IOpenApiParameter parameter, string pointer, string typeBase, UniqueNameBuilder identifiers, bool hasBody)
    {
        IOpenApiParameter definition = Definition(parameter)!;
        string name = definition.Name!;
        ParameterLocation location;
        switch (definition.In)
        {
            case Microsoft.OpenApi.ParameterLocation.Path:
                location = ParameterLocation.Path;
                break;
            case Microsoft.OpenApi.ParameterLocation.Query:
                location = ParameterLocation.Query;
                break;
            case Microsoft.OpenApi.ParameterLocation.Header:
                location = ParameterLocation.Header;
                if (Paragon.Contract.ProxyContract.IsOwnedByTypedCalls(name))
                {
                    _diagnostics.Add(DiagnosticDescriptors.ParameterSkipped, pointer, "header", name, "the client sets it");
                    return null;
                }

                if (!hasBody && Paragon.Contract.ProxyContract.DescribesABody(name))
                {
                    // The runtime refuses a Content-* header on a call without a body: as a parameter it could only fail.
                    _diagnostics.Add(DiagnosticDescriptors.ParameterSkipped, pointer, "header", name, "it describes a body, and the operation sends none");
                    return null;
                }

                break;
            default:
                _diagnostics.Add(DiagnosticDescriptors.ParameterSkipped, pointer, definition.In?.ToString().ToLowerInvariant() ?? "unknown", name, "only path, query and header parameters are supported");
                return null;
        }

        if (location != ParameterLocation.Path && _credentialNames.Contains(name))
        {
            _diagnostics.Add(DiagnosticDescriptors.ParameterSkipped, pointer, location.ToString().ToLowerInvariant(), name, "credentials are added by Paragon");
            return null;
        }

        IOpenApiSchema? schema = definition.Schema ?? definition.Content?.Values.FirstOrDefault()?.Schema;
        if (definition.Required && SingleValue(schema) is { } constant)
        {
            return new ParameterModel(name, string.Empty, location, TypeRef.String, true, Clean(parameter.Description), definition.Deprecated, QueryStyle.Form, false, constant);
        }

        string parameterName = Identifiers.Pascal(name, "Parameter");
        string hint = SharedName(pointer, typeBase + parameterName, ComponentName(pointer, "parameters", parameterName), "Parameter");
        (TypeRef type, _) = _schemas.Resolve(schema, hint, pointer + "/schema");
        if (type.Kind == TypeKind.Model && _schemas.KindOf(type.Name!) != TypeModelKind.Enum && location != ParameterLocation.Query)
        {
            // An object in a path or header has no agreed text form; the caller passes it already formatted.
            type = TypeRef.String;
        }

        QueryStyle style = definition.Style switch
        {
            ParameterStyle.SpaceDelimited => QueryStyle.SpaceDelimited,
            ParameterStyle.PipeDelimited => QueryStyle.PipeDelimited,
            ParameterStyle.DeepObject => QueryStyle.DeepObject,
            _ => QueryStyle.Form,
        };
        bool explode = definition.Style is null or ParameterStyle.Form ? definition.Explode || definition.Style is null : definition.Explode;
        string identifier = identifiers.Claim(Identifiers.Camel(name, "parameter"));
        return new ParameterModel(name, identifier, location, type, location == ParameterLocation.Path || definition.Required,
            Clean(parameter.Description), definition.Deprecated, style, explode);
    }

    /// <summary>
    /// The parameter a <c>$ref</c> points at, else the parameter itself. Microsoft.OpenApi resolves a reference again (a
    /// look-up by URI) on every property read through it, which was most of the time spent reading GitHub's operations, whose
    /// parameters are nearly all references: read the target once. Only the description may be the reference's own, so it is
    /// still read through the reference.
    /// </summary>
    private static IOpenApiParameter? Definition(IOpenApiParameter? parameter)
    {
        if (parameter is OpenApiParameterReference reference)
        {
            try
            {
                return reference.Target ?? parameter;
            }
            catch (InvalidOperationException)
            {
                return parameter;
            }
        }

        return parameter;
    }

    /// <summary>The one value a schema allows (an enum of one, or <c>const</c>), if it allows only one.</summary>
    private static string? SingleValue(IOpenApiSchema? schema)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            try
            {
                schema = reference.UnresolvedReference ? null : reference.Target;
                _ = schema?.Enum;
            }
            catch (InvalidOperationException)
            {
                schema = null; // a reference cycle (Loop: {$ref: Loop}): no single value; Resolve reports it
            }
        }

        if (schema is null)
        {
            return null;
        }

        if (schema.Enum is { Count: 1 } values && values[0] is System.Text.Json.Nodes.JsonValue value && !JsonNullSentinel.IsJsonNullSentinel(value))
        {
            return value.TryGetValue(out string? text) ? text : value.ToJsonString();
        }

        return schema.Const;
    }
}
