using System;
using System.Text.Json;

namespace Paragon.Paging;

/// <summary>
/// A dotted path into a page body (<c>response_metadata.next_cursor</c>); <c>$</c> or <c>$.a.b</c> (JSONPath's root) is
/// read the same way, so a path copied from x-speakeasy-pagination works as written.
/// </summary>
internal sealed class JsonPath
{
    private readonly string[] _segments;

    private JsonPath(string[] segments) => _segments = segments;

    public static JsonPath Parse(string path, string parameterName)
    {
        if (path is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        string trimmed = path.Trim();
        if (trimmed == "$")
        {
            return new JsonPath([]);
        }

        if (trimmed.StartsWith("$.", StringComparison.Ordinal))
        {
            trimmed = trimmed.Substring(2);
        }

        string[] segments = trimmed.Split('.');
        if (Array.Exists(segments, string.IsNullOrEmpty))
        {
            throw new ArgumentException($"'{path}' is not a dotted path into the page body; write it as a.b.c (or $.a.b.c).", parameterName);
        }

        return new JsonPath(segments);
    }

    /// <summary>The value at the path, or <see langword="null"/> when a step is missing or not an object.</summary>
    public JsonElement? Find(JsonElement root)
    {
        JsonElement current = root;
        foreach (string segment in _segments)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Undefined ? null : current;
    }

    /// <summary>A token as text: a string as it is, a number as written; anything else (null, missing, "") is no token.</summary>
    public string? FindToken(JsonElement root)
    {
        JsonElement? value = Find(root);
        string? text = value?.ValueKind switch
        {
            JsonValueKind.String => value.Value.GetString(),
            JsonValueKind.Number => value.Value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public bool? FindBoolean(JsonElement root) => Find(root)?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
