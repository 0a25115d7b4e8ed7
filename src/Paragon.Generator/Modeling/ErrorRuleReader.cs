using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;

namespace Paragon.Generator.Modeling;

/// <summary>
/// Reads <c>x-paragon-error</c>, at the root of a spec or on an operation (which then wins):
/// <c>{field: ok, mustBe: true, code: error, message: detail, details: [needed, provided]}</c>, or <c>false</c> for no
/// check. One it cannot use is a PARAGON021 warning at the extension and counts as not declared; nothing here throws.
/// </summary>
internal static class ErrorRuleReader
{
    public const string Extension = "x-paragon-error";

    private static readonly string[] Keys = ["field", "mustBe", "code", "message", "details"];

    /// <summary>The declared rule, <see cref="ErrorRuleModel.None"/> for <c>false</c>, or <see langword="null"/> when there is none to use.</summary>
    public static ErrorRuleModel? Read(IDictionary<string, IOpenApiExtension>? extensions, string pointer, string owner, DiagnosticBag diagnostics)
    {
        if (extensions is null || !extensions.TryGetValue(Extension, out IOpenApiExtension? extension))
        {
            return null;
        }

        ErrorRuleModel? rule = Parse((extension as JsonNodeExtension)?.Node, out string? problem);
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidErrorRule, pointer + "/" + Extension, owner, problem);
        }

        return rule;
    }

    private static ErrorRuleModel? Parse(JsonNode? node, out string? problem)
    {
        problem = null;
        if (node is JsonValue flag && flag.TryGetValue(out bool on) && !on)
        {
            return ErrorRuleModel.None;
        }

        if (node is not JsonObject map)
        {
            problem = "it must be a map such as {field: ok, mustBe: true, code: error}, or false";
            return null;
        }

        string? unknown = map.Select(p => p.Key).FirstOrDefault(k => !Keys.Contains(k, StringComparer.Ordinal));
        string? field = Text(map, "field");
        string? code = Text(map, "code");
        string? message = Text(map, "message");
        bool mustBe = true;
        if (map.TryGetPropertyValue("mustBe", out JsonNode? must) && !(must is JsonValue value && value.TryGetValue(out mustBe)))
        {
            problem = "mustBe must be true or false";
        }

        string[]? details = [];
        if (map.TryGetPropertyValue("details", out JsonNode? list))
        {
            details = list is JsonArray array && array.All(d => d is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s))
                ? [.. array.Select(d => d!.GetValue<string>().Trim())]
                : null;
        }

        problem ??= unknown is not null ? $"'{unknown}' is not one of its keys ({string.Join(", ", Keys)})"
            : field is null ? "it needs field: the top-level boolean that says whether the call worked (ok)"
            : code is null ? "it needs code: the top-level field that carries the error code (error)"
            : map.ContainsKey("message") && message is null ? "message must be a field name"
            : details is null ? "details must be a list of field names"
            : null;
        return problem is null ? new ErrorRuleModel(field!, mustBe, code!, message, details!.ToEquatableArray()) : null;
    }

    private static string? Text(JsonObject map, string key) =>
        map[key] is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
