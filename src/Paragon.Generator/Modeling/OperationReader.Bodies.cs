using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.OpenApi;
using Paragon.Generator.Model;
using JsonPointer = Paragon.Generator.Reading.JsonPointer;

namespace Paragon.Generator.Modeling;

/// <summary>Operation reading: the request body, and the media type chosen among those a body or response offers.</summary>
internal sealed partial class OperationReader
{
    private BodyModel? ReadBody(IOpenApiRequestBody? requestBody, string typeBase, string pointer)
    {
        if (requestBody?.Content is not { Count: > 0 } content)
        {
            return null;
        }

        KeyValuePair<string, IOpenApiMediaType> chosen = Choose(content);
        string contentType = chosen.Key;
        string mediaPointer = Where(requestBody, pointer, "requestBodies") + "/content/" + JsonPointer.Escape(contentType);
        IOpenApiSchema? schema = chosen.Value?.Schema;
        string description = Clean(requestBody.Description) ?? string.Empty;

        if (IsJson(contentType))
        {
            string where = Where(requestBody, pointer, "requestBodies");
            string hint = SharedName(where, typeBase + "Request", ComponentName(where, "requestBodies", typeBase + "Request"), "Request");
            (TypeRef type, _) = _schemas.Resolve(schema, hint, mediaPointer + "/schema");
            return new BodyModel(BodyKind.Json, type, "application/json", description, EquatableArray<string>.Empty);
        }

        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // Swagger 2.0 formData parameters arrive here as one schema; its credential fields belong to Paragon.
            (TypeRef type, _) = _schemas.Resolve(schema, typeBase + "Request", mediaPointer + "/schema", _credentialNames);
            if (type.Kind != TypeKind.Model)
            {
                return new BodyModel(BodyKind.Text, TypeRef.String, contentType, description, EquatableArray<string>.Empty);
            }

            IEnumerable<string> deepObjects = chosen.Value?.Encoding?.Where(e => e.Value?.Style == ParameterStyle.DeepObject).Select(e => e.Key) ?? [];
            return new BodyModel(BodyKind.Form, type, contentType, description, deepObjects.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray());
        }

        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return new BodyModel(BodyKind.Multipart, null, contentType, description, EquatableArray<string>.Empty);
        }

        if (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return new BodyModel(BodyKind.Text, TypeRef.String, contentType, description, EquatableArray<string>.Empty);
        }

        return new BodyModel(BodyKind.Binary, null, contentType == "*/*" ? "application/octet-stream" : contentType, description, EquatableArray<string>.Empty);
    }

    /// <summary>JSON first, then forms, then anything else, as the spec lists them.</summary>
    private static KeyValuePair<string, IOpenApiMediaType> Choose(IDictionary<string, IOpenApiMediaType> content) =>
        content.FirstOrDefault(c => IsJson(c.Key)) is { Key: not null } json ? json
        : content.FirstOrDefault(c => c.Key.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)) is { Key: not null } form ? form
        : content.FirstOrDefault(c => c.Key.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)) is { Key: not null } multipart ? multipart
        : content.First();

    private static bool IsJson(string mediaType)
    {
        string type = mediaType.Split(';')[0].Trim().ToLowerInvariant();
        return type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal) || type.EndsWith("/json", StringComparison.Ordinal) || type == "*/*";
    }
}
