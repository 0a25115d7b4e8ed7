using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using SharpYaml;
using SharpYaml.Events;

namespace Paragon.Generator.Reading;

/// <summary>
/// Finds the schemas that say <c>nullable: true</c> without a <c>type</c> (GitHub writes every nullable reference as
/// <c>nullable: true, allOf: [{$ref: …}]</c>). Microsoft.OpenApi keeps <c>nullable</c> only as part of a type, so it drops
/// these, and a field the provider sends as null would be read as one it promised never to be. One walk of the text, and
/// only when the word occurs at all; the result is the JSON pointers (<c>#/components/schemas/issue/properties/user</c>).
/// </summary>
/// <remarks>
/// A pointer is built only for a node that is reported: the walk keeps the path as a stack of steps (a key's place in
/// the bytes, or an index), so the hundreds of thousands of nodes of a big spec cost no string each. JSON that the fast
/// reader parsed is walked there instead (<see cref="Json.JsonSpecReader"/>), without reading the text a second time.
/// </remarks>
internal static class TypelessNullables
{
    public static HashSet<string> Find(string text, bool isYaml)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (text.IndexOf("nullable", StringComparison.Ordinal) < 0)
        {
            return found;
        }

        try
        {
            if (isYaml)
            {
                WalkYaml(text, found);
            }
            else
            {
                WalkJson(text, found);
            }
        }
        catch (Exception ex) when (ex is JsonException or YamlException or InvalidOperationException or ArgumentException)
        {
            // A file too broken to walk is reported by the reader; what was found so far still counts.
        }

        return found;
    }

    private static void WalkJson(string text, HashSet<string> found)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<Frame>();

        // The last key read: where its text is in the bytes, or (escaped, which is rare) the key itself.
        int nameStart = -1;
        int nameLength = 0;
        string? escapedName = null;
        bool nullableNext = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    Frame owner = path[path.Count - 1];
                    owner.HasType |= reader.ValueTextEquals("type"u8);
                    path[path.Count - 1] = owner;
                    nullableNext = reader.ValueTextEquals("nullable"u8);
                    nameStart = (int)reader.TokenStartIndex + 1; // past the opening quote
                    nameLength = reader.ValueSpan.Length;
                    escapedName = reader.ValueIsEscaped ? reader.GetString() : null;
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    path.Add(Child(path, escapedName, nameStart, nameLength, reader.TokenType == JsonTokenType.StartArray));
                    nameStart = -1;
                    escapedName = null;
                    nullableNext = false;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    Close(path, found, bytes);
                    break;
                default:
                    if (nullableNext && reader.TokenType == JsonTokenType.True)
                    {
                        SetNullable(path);
                    }

                    CountItem(path);
                    nameStart = -1;
                    escapedName = null;
                    nullableNext = false;
                    break;
            }
        }
    }

    private static void WalkYaml(string text, HashSet<string> found)
    {
        IParser parser = Parser.CreateParser(new StringReader(text));
        var path = new List<Frame>();
        string? name = null;
        bool expectingKey = false;
        bool nullableNext = false;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart:
                case SequenceStart:
                    path.Add(Child(path, name, -1, 0, parser.Current is SequenceStart));
                    name = null;
                    expectingKey = parser.Current is MappingStart;
                    break;
                case MappingEnd:
                case SequenceEnd:
                    Close(path, found, null);
                    expectingKey = path.Count > 0 && !path[path.Count - 1].IsArray;
                    break;
                case Scalar scalar when expectingKey:
                    name = scalar.Value;
                    Frame owner = path[path.Count - 1];
                    owner.HasType |= name == "type";
                    path[path.Count - 1] = owner;
                    nullableNext = name == "nullable";
                    expectingKey = false;
                    break;
                case Scalar scalar:
                    if (nullableNext && string.Equals(scalar.Value, "true", StringComparison.OrdinalIgnoreCase))
                    {
                        SetNullable(path);
                    }

                    CountItem(path);
                    nullableNext = false;
                    name = null;
                    expectingKey = path.Count > 0 && !path[path.Count - 1].IsArray;
                    break;
                case AnchorAlias:
                    CountItem(path);
                    name = null;
                    expectingKey = path.Count > 0 && !path[path.Count - 1].IsArray;
                    break;
            }
        }
    }

    /// <summary>The step to a new node: the next index of an array parent, else the key just read (none at the root).</summary>
    private static Frame Child(List<Frame> path, string? name, int nameStart, int nameLength, bool isArray)
    {
        var frame = new Frame { IsArray = isArray, Index = -1, Name = name, NameStart = nameStart, NameLength = nameLength };
        if (path.Count > 0 && path[path.Count - 1].IsArray)
        {
            Frame parent = path[path.Count - 1];
            frame.Index = parent.NextIndex++;
            frame.Name = null;
            frame.NameStart = -1;
            path[path.Count - 1] = parent;
        }

        return frame;
    }

    private static void SetNullable(List<Frame> path)
    {
        Frame frame = path[path.Count - 1];
        frame.IsNullable = true;
        path[path.Count - 1] = frame;
    }

    private static void CountItem(List<Frame> path)
    {
        if (path.Count > 0 && path[path.Count - 1].IsArray)
        {
            Frame frame = path[path.Count - 1];
            frame.NextIndex++;
            path[path.Count - 1] = frame;
        }
    }

    private static void Close(List<Frame> path, HashSet<string> found, byte[]? bytes)
    {
        Frame frame = path[path.Count - 1];
        if (frame.IsNullable && !frame.HasType)
        {
            found.Add(Pointer(path, bytes));
        }

        path.RemoveAt(path.Count - 1);
    }

    private static string Pointer(List<Frame> path, byte[]? bytes)
    {
        var pointer = new StringBuilder("#");
        for (int i = 1; i < path.Count; i++)
        {
            Frame step = path[i];
            pointer.Append('/');
            if (step.Index >= 0)
            {
                pointer.Append(step.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                string name = step.Name ?? (step.NameStart >= 0 && bytes is not null ? Encoding.UTF8.GetString(bytes, step.NameStart, step.NameLength) : string.Empty);
                pointer.Append(JsonPointer.Escape(name));
            }
        }

        return pointer.ToString();
    }

    /// <summary>One node on the path from the root: how it is reached and what its own keys said so far.</summary>
    private struct Frame
    {
        public bool IsArray;

        /// <summary>The node's index in its array parent, or -1 when it is reached by a key.</summary>
        public int Index;

        /// <summary>The key, when it is not read from the bytes (YAML, or an escaped JSON key).</summary>
        public string? Name;

        public int NameStart;

        public int NameLength;

        public int NextIndex;

        public bool HasType;

        public bool IsNullable;
    }
}
