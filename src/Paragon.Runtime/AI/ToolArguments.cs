using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paragon.AI;

/// <summary>
/// A model's arguments checked against the tool's schema before anything is sent, so a mistake comes back to the model
/// as a tool error it can correct rather than a provider's puzzling 400 (or an action run with half its input).
/// </summary>
/// <remarks>
/// A subset of JSON Schema, the part models get wrong: <c>type</c> (one or a list), <c>enum</c>, <c>required</c>,
/// <c>properties</c>, <c>additionalProperties: false</c> and <c>items</c>, nested to <see cref="MaxDepth"/>. Everything
/// else (formats, lengths, <c>oneOf</c>) is left to ActionKit, which validates the whole schema. A <see langword="null"/>
/// for an optional top-level parameter means "not given" and is dropped: models often send one.
/// </remarks>
internal static class ToolArguments
{
    public const int MaxDepth = 32;

    private const int MaxProblems = 10;

    /// <summary>Checks the arguments and turns them into the parameters object to send.</summary>
    /// <returns>The problems found (empty when none) and the parameters.</returns>
    public static (List<string> Problems, JsonObject Parameters) Check(JsonElement schema, IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        var problems = new List<string>();
        var parameters = new JsonObject();
        HashSet<string> required = RequiredOf(schema);
        foreach (KeyValuePair<string, object?> argument in arguments)
        {
            JsonNode? value;
            try
            {
                value = ToNode(argument.Value);
            }
            catch (Exception ex) when (ex is ArgumentException or JsonException)
            {
                // JsonException: a JsonElement parsed deeper than JsonNode reads (64) is the model's mistake, not a crash.
                Add(problems, $"'{argument.Key}': {ex.Message}");
                continue;
            }

            if (value is null && !required.Contains(argument.Key))
            {
                continue;
            }

            if (parameters.ContainsKey(argument.Key))
            {
                Add(problems, $"'{argument.Key}' is given twice.");
                continue;
            }

            parameters[argument.Key] = value;
        }

        CheckValue(schema, parameters, "", 0, problems);
        return (problems, parameters);
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.Undefined or JsonValueKind.Null } => null,
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        JsonNode node => node.DeepClone(),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        double number when !double.IsNaN(number) && !double.IsInfinity(number) => JsonValue.Create(number),
        float number when !float.IsNaN(number) && !float.IsInfinity(number) => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        // Nothing is serialized by reflection (the runtime is trim- and AOT-safe): a model's arguments are JSON anyway.
        _ => throw new ArgumentException($"a {value.GetType().Name} is not a JSON value; pass JSON (JsonElement or JsonNode), a string, a number or a boolean."),
    };

    private static HashSet<string> RequiredOf(JsonElement schema)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement name in list.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String)
                {
                    required.Add(name.GetString()!);
                }
            }
        }

        return required;
    }

    private static void CheckValue(JsonElement schema, JsonNode? value, string path, int depth, List<string> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth || problems.Count >= MaxProblems)
        {
            return;
        }

        string where = path.Length == 0 ? "The arguments" : $"'{path}'";
        if (schema.TryGetProperty("type", out JsonElement type) && !TypeMatches(type, value))
        {
            Add(problems, $"{where} must be {Describe(type)}, not {KindOf(value)}.");
            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement choices) && choices.ValueKind == JsonValueKind.Array && !InEnum(choices, value))
        {
            Add(problems, $"{where} must be one of {Truncate(choices.GetRawText(), 300)}.");
            return;
        }

        if (value is JsonObject obj)
        {
            CheckObject(schema, obj, path, depth, problems);
        }
        else if (value is JsonArray array && schema.TryGetProperty("items", out JsonElement items) && items.ValueKind == JsonValueKind.Object)
        {
            for (int i = 0; i < array.Count; i++)
            {
                CheckValue(items, array[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", depth + 1, problems);
            }
        }
    }

    private static void CheckObject(JsonElement schema, JsonObject obj, string path, int depth, List<string> problems)
    {
        foreach (string name in RequiredOf(schema))
        {
            if (!obj.ContainsKey(name))
            {
                Add(problems, $"'{Join(path, name)}' is required.");
            }
        }

        bool hasProperties = schema.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object;
        bool closed = schema.TryGetProperty("additionalProperties", out JsonElement additional) && additional.ValueKind == JsonValueKind.False;
        foreach (KeyValuePair<string, JsonNode?> property in obj)
        {
            if (hasProperties && properties.TryGetProperty(property.Key, out JsonElement propertySchema))
            {
                CheckValue(propertySchema, property.Value, Join(path, property.Key), depth + 1, problems);
            }
            else if (closed)
            {
                string known = hasProperties ? string.Join(", ", Names(properties)) : "none";
                Add(problems, $"'{Join(path, property.Key)}' is not a parameter of this tool (it takes: {Truncate(known, 500)}).");
            }
        }
    }

    private static IEnumerable<string> Names(JsonElement properties)
    {
        foreach (JsonProperty property in properties.EnumerateObject())
        {
            yield return property.Name;
        }
    }

    private static bool TypeMatches(JsonElement type, JsonNode? value)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            return Is(type.GetString()!, value);
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement one in type.EnumerateArray())
            {
                if (one.ValueKind == JsonValueKind.String && Is(one.GetString()!, value))
                {
                    return true;
                }
            }

            return false;
        }

        return true; // not a type this checker understands: ActionKit decides
    }

    private static bool Is(string type, JsonNode? value)
    {
        JsonValueKind kind = value?.GetValueKind() ?? JsonValueKind.Null;
        return type switch
        {
            "string" => kind == JsonValueKind.String,
            "number" => kind == JsonValueKind.Number,
            "integer" => kind == JsonValueKind.Number && IsIntegral(value!),
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "null" => kind == JsonValueKind.Null,
            _ => true,
        };
    }

    private static bool IsIntegral(JsonNode value) =>
        decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number) && decimal.Truncate(number) == number;

    private static bool InEnum(JsonElement choices, JsonNode? value)
    {
        foreach (JsonElement choice in choices.EnumerateArray())
        {
            if (JsonNode.DeepEquals(value, JsonNode.Parse(choice.GetRawText())))
            {
                return true;
            }
        }

        return false;
    }

    private static string KindOf(JsonNode? value) => (value?.GetValueKind() ?? JsonValueKind.Null) switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static string Describe(JsonElement type) => type.ValueKind == JsonValueKind.String
        ? Article(type.GetString()!)
        : "one of " + Truncate(type.GetRawText(), 100);

    private static string Article(string type) => type switch
    {
        "integer" or "object" or "array" => "an " + type,
        "null" => "null",
        _ => "a " + type,
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";

    private static void Add(List<string> problems, string problem)
    {
        if (problems.Count < MaxProblems)
        {
            problems.Add(problem);
        }
    }
}
