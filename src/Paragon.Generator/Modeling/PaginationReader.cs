using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Paragon.Contract;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;
using ParameterLocation = Paragon.Generator.Model.ParameterLocation;

namespace Paragon.Generator.Modeling;

/// <summary>
/// Reads how an operation pages from its extensions: our <c>x-paragon-pagination</c> first, else Azure's
/// <c>x-ms-pageable</c>, else Speakeasy's <c>x-speakeasy-pagination</c>. One it cannot follow is a PARAGON017 warning at
/// the extension, and the operation is generated unpaged; nothing here throws.
/// </summary>
internal static partial class PaginationReader
{
    public const string ParagonExtension = "x-paragon-pagination";
    public const string AzureExtension = "x-ms-pageable";
    public const string SpeakeasyExtension = "x-speakeasy-pagination";

    /// <summary>The <see cref="PagingModel.Source"/> of paging that comes from the integration's convention, not the spec.</summary>
    public const string ConventionSource = "the integration's paging convention";

    private static readonly string[] ParagonKeys = ["strategy", "param", "in", "next", "hasMore", "done", "items", "basePath"];

    /// <summary>
    /// The paging of one operation, its items not yet found in the page's type (see <see cref="Resolve"/>) and its method
    /// not yet named (the caller claims the name). An operation that declares nothing follows the integration's
    /// <paramref name="convention"/>, if it is one of its lists; <paramref name="declared"/> says whether it declared
    /// anything (<c>x-paragon-pagination: false</c> included), which always wins over a convention.
    /// </summary>
    public static PagingModel? Read(OpenApiOperation operation, string pointer, string operationName, string httpMethod, string path, IEnumerable<ParameterModel> parameters,
        BodyModel? body, ResponseModel response, PagingConvention? convention, DiagnosticBag diagnostics, out bool declared)
    {
        declared = false;
        IDictionary<string, IOpenApiExtension>? extensions = operation.Extensions;
        foreach (string name in new[] { ParagonExtension, AzureExtension, SpeakeasyExtension })
        {
            if (extensions is null || !extensions.TryGetValue(name, out IOpenApiExtension? extension))
            {
                continue;
            }

            declared = true;
            string at = pointer + "/" + name;
            JsonNode? node = (extension as JsonNodeExtension)?.Node;
            if (name == ParagonExtension && IsFalse(node))
            {
                // The spec says this operation does not page: not even the integration's convention applies.
                return null;
            }

            string? problem;
            PagingModel? model = name switch
            {
                ParagonExtension => ReadParagon(node, at, body, out problem),
                AzureExtension => ReadAzure(node, at, out problem),
                _ => ReadSpeakeasy(node, at, body, out problem),
            };

            if (model is not null && (response.Kind != ResponseKind.Json || response.MayBeEmpty))
            {
                (model, problem) = (null, "the operation's success response is not a JSON body that is always there");
            }

            if (problem is not null)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidPagination, at, name, operationName, problem);
            }

            return model;
        }

        return convention is null ? null : FromConvention(convention, pointer, httpMethod, path, parameters, response);
    }

    /// <summary>Whether an extension's value is the boolean <see langword="false"/> (paging turned off).</summary>
    public static bool IsFalse(JsonNode? node) => node is JsonValue flag && flag.TryGetValue(out bool on) && !on;

    /// <summary>
    /// The convention's paging for an operation that is one of its lists by method and parameters; whether its answer has
    /// the property the convention looks for, and where its items are, is found with the schemas (<see cref="Resolve"/>),
    /// where an operation that does not fit is left unpaged without a word: a convention is a guess, not the spec's word.
    /// </summary>
    private static PagingModel? FromConvention(PagingConvention convention, string pointer, string httpMethod, string path, IEnumerable<ParameterModel> parameters, ResponseModel response)
    {
        if ((convention.HttpMethod is not null && !string.Equals(convention.HttpMethod, httpMethod, StringComparison.Ordinal))
            || response.Kind != ResponseKind.Json || response.MayBeEmpty || response.Type is null)
        {
            return null;
        }

        bool hasParameter = parameters.Any(p => p.Location == ParameterLocation.Query && p.Constant is null && convention.WhenParameters.Contains(p.WireName, StringComparer.Ordinal));
        bool isArray = response.Type.Kind == TypeKind.List;
        PagingConventionMethod? method = hasParameter ? convention.Method(path) : null;
        if (!hasParameter && !(convention.WhenArrayResponse && isArray))
        {
            return null;
        }

        // A cursor goes into the query parameter the convention names: an operation without it cannot take the next token.
        if (convention.Kind == PagingConventionKind.Cursor && !parameters.Any(p => p.Location == ParameterLocation.Query && p.Constant is null && p.WireName == convention.Parameter))
        {
            return null;
        }

        string items = isArray && convention.WhenArrayResponse ? "$" : method?.Items ?? string.Empty;
        return convention.Kind == PagingConventionKind.Cursor
            ? new PagingModel(PagingKind.Cursor, string.Empty, pointer, ConventionSource, convention.Parameter, false, convention.NextPath, method?.HasMore, items, null)
            : new PagingModel(PagingKind.LinkHeader, string.Empty, pointer, ConventionSource, null, false, null, null, items, null);
    }

    private static PagingModel? ReadParagon(JsonNode? node, string at, BodyModel? body, out string? problem)
    {
        problem = null;
        if (node is not JsonObject map)
        {
            problem = "it must be a map such as {strategy: cursor, param: cursor, next: next_cursor, items: results}";
            return null;
        }

        string? unknown = map.Select(p => p.Key).FirstOrDefault(k => !ParagonKeys.Contains(k, StringComparer.Ordinal));
        if (unknown is not null)
        {
            problem = $"'{unknown}' is not one of its keys ({string.Join(", ", ParagonKeys)})";
            return null;
        }

        if (!Text(map, "strategy", out string? strategy, ref problem) || !Text(map, "param", out string? parameter, ref problem)
            || !Text(map, "in", out string? location, ref problem) || !Path(map, "next", out string? next, ref problem)
            || !Path(map, "hasMore", out string? hasMore, ref problem) || !Path(map, "done", out string? done, ref problem)
            || !Path(map, "items", out string? items, ref problem) || !Text(map, "basePath", out string? basePath, ref problem))
        {
            return null;
        }

        PagingKind? kind = strategy switch
        {
            "cursor" => PagingKind.Cursor,
            "nextUrl" => PagingKind.NextUrl,
            "linkHeader" => PagingKind.LinkHeader,
            "offset" => PagingKind.Offset,
            "page" => PagingKind.Page,
            _ => null,
        };
        problem = kind switch
        {
            null => strategy is null ? "it needs a strategy" : $"the strategy '{strategy}' is not cursor, nextUrl, linkHeader, offset or page",
            _ when items is null => "it needs items: the dotted path to the page's array of items ($ when the page is the array)",
            PagingKind.Cursor or PagingKind.Offset or PagingKind.Page when parameter is null => $"a {strategy} strategy needs param: the parameter that takes the next page's token",
            PagingKind.Cursor or PagingKind.NextUrl when next is null => $"a {strategy} strategy needs next: the dotted path to the next page's {(kind == PagingKind.Cursor ? "token" : "URL")} in the page body",
            not PagingKind.Cursor when hasMore is not null => "hasMore goes with the cursor strategy only",
            not PagingKind.NextUrl when done is not null => "done goes with the nextUrl strategy only",
            not PagingKind.Cursor when location is not null => "in goes with the cursor strategy only",
            not PagingKind.NextUrl and not PagingKind.LinkHeader when basePath is not null => "basePath goes with the nextUrl and linkHeader strategies only",
            _ when basePath is not null && !basePath.StartsWith("/", StringComparison.Ordinal) => $"basePath '{basePath}' must start with '/'",
            PagingKind.Cursor when location is not null and not "query" and not "body" => $"in is '{location}'; it is query or body",
            PagingKind.Cursor when location == "body" && body?.Kind != BodyKind.Json => "in: body needs a JSON request body to put the cursor in",
            _ => null,
        };

        return problem is null
            ? new PagingModel(kind!.Value, string.Empty, at, ParagonExtension, parameter, location == "body", next, kind == PagingKind.Cursor ? hasMore : done, items!, basePath)
            : null;
    }

    /// <summary>Azure's <c>{nextLinkName, itemName}</c>: a next URL, items in <c>value</c> unless named; no nextLinkName means one page.</summary>
    private static PagingModel? ReadAzure(JsonNode? node, string at, out string? problem)
    {
        problem = null;
        if (node is not JsonObject map)
        {
            problem = "it must be a map such as {nextLinkName: nextLink, itemName: value}";
            return null;
        }

        if (!Text(map, "nextLinkName", out string? nextLink, ref problem) || !Text(map, "itemName", out string? itemName, ref problem))
        {
            return null;
        }

        // Azure names properties, not paths: a dotted name is one property, which the dotted paths here cannot say.
        if (nextLink?.Contains('.') == true || itemName?.Contains('.') == true)
        {
            problem = "nextLinkName and itemName must be property names without dots";
            return null;
        }

        return nextLink is null ? null : new PagingModel(PagingKind.NextUrl, string.Empty, at, AzureExtension, null, false, nextLink, null, itemName ?? "value", null);
    }

    /// <summary>
    /// Speakeasy's <c>{type: cursor|offsetLimit|url, inputs: [{name, in: parameters|requestBody, type}], outputs: {nextCursor,
    /// nextUrl, results}}</c>, whose outputs are JSONPath (<c>$.a.b</c>); only plain member paths are followed.
    /// </summary>
    private static PagingModel? ReadSpeakeasy(JsonNode? node, string at, BodyModel? body, out string? problem)
    {
        problem = null;
        if (node is not JsonObject map || map["outputs"] is not JsonObject outputs)
        {
            problem = "it must be a map with type, inputs and outputs";
            return null;
        }

        if (!Text(map, "type", out string? type, ref problem) || !JsonPathText(outputs, "results", out string? results, ref problem)
            || !JsonPathText(outputs, "nextCursor", out string? nextCursor, ref problem) || !JsonPathText(outputs, "nextUrl", out string? nextUrl, ref problem))
        {
            return null;
        }

        if (results is null)
        {
            problem = "outputs.results (where the items are) is needed to enumerate items";
            return null;
        }

        JsonObject? Input(params string[] types) => (map["inputs"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(i => i["type"] is JsonValue v && v.TryGetValue(out string? t) && types.Contains(t, StringComparer.Ordinal));
        static string? Name(JsonObject? input) => input?["name"] is JsonValue v && v.TryGetValue(out string? n) && !string.IsNullOrWhiteSpace(n) ? n : null;
        static bool InBody(JsonObject? input) => input?["in"] is JsonValue v && v.TryGetValue(out string? n) && n == "requestBody";

        switch (type)
        {
            case "cursor":
                JsonObject? cursor = Input("cursor");
                problem = Name(cursor) is null ? "a cursor type needs an input of type cursor with a name"
                    : nextCursor is null ? "a cursor type needs outputs.nextCursor"
                    : InBody(cursor) && body?.Kind != BodyKind.Json ? "a requestBody cursor needs a JSON request body"
                    : null;
                return problem is null ? new PagingModel(PagingKind.Cursor, string.Empty, at, SpeakeasyExtension, Name(cursor), InBody(cursor), nextCursor, null, results, null) : null;
            case "offsetLimit":
                JsonObject? offset = Input("offset", "page");
                bool pages = offset?["type"] is JsonValue p && p.TryGetValue(out string? pt) && pt == "page";
                problem = Name(offset) is null ? "an offsetLimit type needs an input of type offset or page with a name"
                    : InBody(offset) ? "an offset in the request body is not supported; only a query parameter"
                    : null;
                return problem is null ? new PagingModel(pages ? PagingKind.Page : PagingKind.Offset, string.Empty, at, SpeakeasyExtension, Name(offset), false, null, null, results, null) : null;
            case "url":
                problem = nextUrl is null ? "a url type needs outputs.nextUrl" : null;
                return problem is null ? new PagingModel(PagingKind.NextUrl, string.Empty, at, SpeakeasyExtension, null, false, nextUrl, null, results, null) : null;
            default:
                problem = $"the type '{type}' is not cursor, offsetLimit or url";
                return null;
        }
    }

    private static bool Text(JsonObject map, string key, out string? value, ref string? problem)
    {
        value = null;
        if (!map.TryGetPropertyValue(key, out JsonNode? node) || node is null)
        {
            return true;
        }

        if (node is JsonValue text && text.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s))
        {
            value = s.Trim();
            return true;
        }

        problem = $"{key} must be a non-empty string";
        return false;
    }

    /// <summary>A dotted path: names joined by dots, or <c>$</c> for the page body itself.</summary>
    private static bool Path(JsonObject map, string key, out string? value, ref string? problem)
    {
        if (!Text(map, key, out value, ref problem))
        {
            return false;
        }

        if (value is null || IsDottedPath(value))
        {
            return true;
        }

        problem = $"{key} '{value}' is not a dotted path (a.b.c, or $ for the page itself)";
        value = null;
        return false;
    }

    /// <summary>A JSONPath of members only (<c>$.a.b</c>), made a dotted path; filters, wildcards and indexes are not followed.</summary>
    private static bool JsonPathText(JsonObject map, string key, out string? value, ref string? problem)
    {
        if (!Text(map, key, out value, ref problem) || value is null)
        {
            return problem is null;
        }

        string raw = value;
        value = raw == "$" ? "$" : raw.StartsWith("$.", StringComparison.Ordinal) ? raw.Substring(2) : null;
        if (value is not null && IsDottedPath(value))
        {
            return true;
        }

        problem = $"outputs.{key} '{raw}' is not a JSONPath of member names ($.a.b)";
        value = null;
        return false;
    }

    /// <summary><c>$</c>, or member names joined by dots: no filters, wildcards or indexes.</summary>
    private static bool IsDottedPath(string value) =>
        value == "$" || value.Split('.').All(s => s.Length > 0 && s.IndexOfAny(['[', ']', '*', '$', '?', '@']) < 0);
}
