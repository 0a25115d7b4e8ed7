using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.OpenApi;
using Paragon.Generator.Model;
using JsonPointer = Paragon.Generator.Reading.JsonPointer;

namespace Paragon.Generator.Modeling;

/// <summary>Operation reading: the response a method returns, and whether it may come without a body.</summary>
internal sealed partial class OperationReader
{
    private ResponseModel ReadResponse(OpenApiResponses? responses, string typeBase, string pointer)
    {
        if (responses is null || responses.Count == 0)
        {
            return new ResponseModel(ResponseKind.None, null, null);
        }

        string? key = SuccessKey(responses);
        if (key is null || !responses.TryGetValue(key, out IOpenApiResponse? response) || response?.Content is not { Count: > 0 } content)
        {
            return new ResponseModel(ResponseKind.None, null, key is null ? null : Clean(responses[key]?.Description));
        }

        KeyValuePair<string, IOpenApiMediaType> chosen = Choose(content);
        string description = Clean(response.Description) ?? string.Empty;
        string mediaPointer = Where(response, pointer + "/" + JsonPointer.Escape(key), "responses") + "/content/" + JsonPointer.Escape(chosen.Key);

        // In Swagger 2.0, "produces" gives every response a media type, so one without a schema promises no body: the method
        // completes when the call succeeds, instead of failing to read an empty body after the provider did the work. In
        // OpenAPI 3 a media type without a schema is any body of that type (a PDF, CSV, or any JSON), which is kept.
        if (chosen.Value?.Schema is null && _isSwagger2)
        {
            return new ResponseModel(ResponseKind.None, null, description);
        }

        if (IsJson(chosen.Key))
        {
            string where = Where(response, pointer + "/" + JsonPointer.Escape(key), "responses");
            string hint = SharedName(where, typeBase + "Response", ComponentName(where, "responses", typeBase + "Response"), "Response");
            (TypeRef type, bool nullable) = _schemas.Resolve(chosen.Value?.Schema, hint, mediaPointer + "/schema");

            // An operation that may also answer with no body (a 204, or another 2xx without content), or whose schema allows
            // null, returns null then (JsonElement says "nothing" itself, as Undefined).
            bool mayBeEmpty = (nullable && type.Kind != TypeKind.Json) || responses.Any(r => r.Key != key && IsBodyless2xx(r.Key, r.Value));
            return new ResponseModel(ResponseKind.Json, type, description, mayBeEmpty);
        }

        return chosen.Key.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            ? new ResponseModel(ResponseKind.Text, TypeRef.String, description)
            : new ResponseModel(ResponseKind.Binary, null, description);
    }

    /// <summary>The response a method returns: the first 2xx with a body by code, else a lone <c>default</c> (no 4xx or 5xx besides).</summary>
    private static string? SuccessKey(OpenApiResponses? responses) =>
        responses is null || responses.Count == 0 ? null
        : responses.Keys.Where(k => k.Length == 3 && k[0] == '2').OrderBy(k => k == "204" || k == "205" ? 1 : 0).ThenBy(k => k, StringComparer.Ordinal).FirstOrDefault()
            ?? (responses.ContainsKey("default") && !responses.Keys.Any(k => k.StartsWith("4", StringComparison.Ordinal) || k.StartsWith("5", StringComparison.Ordinal)) ? "default" : null);

    /// <summary>A success the spec gives no body: 204/205, or any 2xx without content (or, in Swagger 2.0, without a schema).</summary>
    private bool IsBodyless2xx(string key, IOpenApiResponse? response) =>
        key.Length == 3 && key[0] == '2'
        && (key is "204" or "205" || response?.Content is not { Count: > 0 } content || (_isSwagger2 && content.All(c => c.Value?.Schema is null)));
}
