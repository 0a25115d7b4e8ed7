using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Paragon.Generator.Reading.Json;

internal sealed partial class JsonSpecReader
{
    /// <summary>
    /// <see cref="TypelessNullables"/> over the document already parsed, rather than a second walk of the text: the same
    /// rule (an object with a <c>nullable</c> key that is <c>true</c> and no <c>type</c> key), keys compared as UTF-8, and a
    /// pointer built only for what is found.
    /// </summary>
    private static HashSet<string> FindTypelessNullables(string text, JsonElement root)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (text.IndexOf("nullable", StringComparison.Ordinal) >= 0)
        {
            WalkNullables(root, [], found);
        }

        return found;
    }

    /// <summary>Depth is bounded by the parse (<see cref="JsonDocumentOptions.MaxDepth"/>).</summary>
    private static void WalkNullables(JsonElement element, List<(JsonProperty Key, int Index)> path, HashSet<string> found)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            bool hasType = false;
            bool nullable = false;
            foreach (JsonProperty property in element.EnumerateObject())
            {
                JsonElement value = property.Value;
                switch (value.ValueKind)
                {
                    case JsonValueKind.Object:
                    case JsonValueKind.Array:
                        hasType |= property.NameEquals("type"u8);
                        path.Add((property, -1));
                        WalkNullables(value, path, found);
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonValueKind.True:
                        hasType |= property.NameEquals("type"u8);
                        nullable |= property.NameEquals("nullable"u8);
                        break;
                    default:
                        hasType |= property.NameEquals("type"u8);
                        break;
                }
            }

            if (nullable && !hasType)
            {
                found.Add(NullablePointer(path));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    path.Add((default, index));
                    WalkNullables(item, path, found);
                    path.RemoveAt(path.Count - 1);
                }

                index++;
            }
        }
    }

    private static string NullablePointer(List<(JsonProperty Key, int Index)> path)
    {
        var pointer = new StringBuilder("#");
        foreach ((JsonProperty key, int index) in path)
        {
            pointer.Append('/').Append(index >= 0 ? index.ToString(CultureInfo.InvariantCulture) : JsonPointer.Escape(key.Name));
        }

        return pointer.ToString();
    }
}
