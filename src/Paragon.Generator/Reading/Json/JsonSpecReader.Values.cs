using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Paragon.Generator.Reading.Json;

internal sealed partial class JsonSpecReader
{
    /// <summary>The component a <c>$ref</c> object names, or null for an object that is not a reference.</summary>
    private string? Reference(JsonElement element, string kind)
    {
        // Asked of every schema, parameter and response: the key as UTF-8, where a string would be encoded on each call.
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("$ref"u8, out JsonElement reference))
        {
            return null;
        }

        // In 3.0 the keys beside $ref are ignored (Microsoft.OpenApi does too); any other form of pointer is left to it.
        // Written as "#/components/" KIND "/" ID, checked in place rather than against a prefix made for each call.
        const string Components = "#/components/";
        string pointer = String(reference) ?? throw new NotUnderstoodException();
        int start = Components.Length + kind.Length + 1;
        if (!pointer.StartsWith(Components, StringComparison.Ordinal) || pointer.Length <= start || pointer[start - 1] != '/'
            || string.CompareOrdinal(pointer, Components.Length, kind, 0, kind.Length) != 0 || pointer.IndexOf('/', start) >= 0
            || pointer.IndexOf('~', start) >= 0 || pointer.IndexOf('%', start) >= 0)
        {
            throw new NotUnderstoodException();
        }

        string id = pointer.Substring(start);
        _references.Add((kind, id));
        return id;
    }

    private static ParameterStyle Style(JsonElement value) => String(value) switch
    {
        "matrix" => ParameterStyle.Matrix,
        "label" => ParameterStyle.Label,
        "form" => ParameterStyle.Form,
        "simple" => ParameterStyle.Simple,
        "spaceDelimited" => ParameterStyle.SpaceDelimited,
        "pipeDelimited" => ParameterStyle.PipeDelimited,
        "deepObject" => ParameterStyle.DeepObject,
        _ => throw new NotUnderstoodException(),
    };

    private static bool IsExtension(string name) => name.StartsWith("x-", StringComparison.OrdinalIgnoreCase);

    /// <summary>An <c>x-</c> key becomes an extension as Microsoft.OpenApi makes it; any other unknown key is an error there, so it is left to it.</summary>
    private static void AddExtension(IDictionary<string, IOpenApiExtension> extensions, JsonProperty property)
    {
        if (!IsExtension(property.Name) || property.Value.ValueKind == JsonValueKind.Null)
        {
            throw new NotUnderstoodException();
        }

        extensions[property.Name] = new JsonNodeExtension(Any(property.Value)!);
    }

    /// <summary>A JSON value kept as a node, as Microsoft.OpenApi keeps examples, defaults and enum members (null as its sentinel).</summary>
    private static JsonNode Any(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element)!,
        JsonValueKind.Array => JsonArray.Create(element)!,
        JsonValueKind.Null => JsonNullSentinel.JsonNull,
        _ => JsonValue.Create(element)!,
    };

    private static JsonElement.ObjectEnumerator Object(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : throw new NotUnderstoodException();

    private static JsonElement.ArrayEnumerator Array(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new NotUnderstoodException();

    private static string? String(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString() : throw new NotUnderstoodException();

    private static bool Bool(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new NotUnderstoodException(),
    };

    private static Uri Uri(JsonElement element) =>
        System.Uri.TryCreate(String(element), UriKind.RelativeOrAbsolute, out Uri? uri) ? uri : throw new NotUnderstoodException();

    private static int Int(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value) ? value : throw new NotUnderstoodException();

    /// <summary>A number as Microsoft.OpenApi keeps it: its text.</summary>
    private static string Number(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetRawText() : throw new NotUnderstoodException();

    private static List<T> List<T>(JsonElement element, Func<JsonElement, T> read)
    {
        var list = new List<T>(element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : 0);
        foreach (JsonElement item in Array(element))
        {
            list.Add(read(item));
        }

        return list;
    }

    private static Dictionary<string, T> Map<T>(JsonElement element, Func<JsonElement, T> read)
    {
        // Sized first (counting steps over each value whole, without reading it): GitHub's maps of properties, schemas and
        // responses grew by rehashing into ever larger arrays, a tenth of the reader's time.
        int count = 0;
        foreach (JsonProperty _ in Object(element))
        {
            count++;
        }

        var map = new Dictionary<string, T>(count, StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            // A repeated key is one JsonNode refuses: leave it to Microsoft.OpenApi to report. The name is read once: each
            // read decodes it into a new string (a schema's properties, responses: hundreds of thousands on GitHub's spec).
            string key = property.Name;
            if (map.ContainsKey(key))
            {
                throw new NotUnderstoodException();
            }

            map.Add(key, read(property.Value));
        }

        return map;
    }
}
