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
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new Stack<Frame>();
        string? name = null;
        bool nullableNext = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    name = reader.GetString();
                    path.Peek().HasType |= name == "type";
                    nullableNext = name == "nullable";
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    path.Push(new Frame(ChildPointer(path, name), reader.TokenType == JsonTokenType.StartArray));
                    name = null;
                    nullableNext = false;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    Close(path.Pop(), found);
                    break;
                default:
                    if (nullableNext && reader.TokenType == JsonTokenType.True)
                    {
                        path.Peek().IsNullable = true;
                    }

                    if (path.Count > 0 && path.Peek().IsArray)
                    {
                        path.Peek().NextIndex++;
                    }

                    name = null;
                    nullableNext = false;
                    break;
            }
        }
    }

    private static void WalkYaml(string text, HashSet<string> found)
    {
        IParser parser = Parser.CreateParser(new StringReader(text));
        var path = new Stack<Frame>();
        string? name = null;
        bool expectingKey = false;
        bool nullableNext = false;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart:
                case SequenceStart:
                    path.Push(new Frame(ChildPointer(path, name), parser.Current is SequenceStart));
                    name = null;
                    expectingKey = parser.Current is MappingStart;
                    break;
                case MappingEnd:
                case SequenceEnd:
                    Close(path.Pop(), found);
                    expectingKey = path.Count > 0 && !path.Peek().IsArray;
                    break;
                case Scalar scalar when expectingKey:
                    name = scalar.Value;
                    path.Peek().HasType |= name == "type";
                    nullableNext = name == "nullable";
                    expectingKey = false;
                    break;
                case Scalar scalar:
                    if (nullableNext && string.Equals(scalar.Value, "true", StringComparison.OrdinalIgnoreCase))
                    {
                        path.Peek().IsNullable = true;
                    }

                    if (path.Count > 0 && path.Peek().IsArray)
                    {
                        path.Peek().NextIndex++;
                    }

                    nullableNext = false;
                    name = null;
                    expectingKey = path.Count > 0 && !path.Peek().IsArray;
                    break;
                case AnchorAlias:
                    if (path.Count > 0 && path.Peek().IsArray)
                    {
                        path.Peek().NextIndex++;
                    }

                    name = null;
                    expectingKey = path.Count > 0 && !path.Peek().IsArray;
                    break;
            }
        }
    }

    private static string ChildPointer(Stack<Frame> path, string? name)
    {
        if (path.Count == 0)
        {
            return "#";
        }

        Frame parent = path.Peek();
        if (parent.IsArray)
        {
            return parent.Pointer + "/" + (parent.NextIndex++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return parent.Pointer + "/" + JsonPointer.Escape(name ?? string.Empty);
    }

    private static void Close(Frame frame, HashSet<string> found)
    {
        if (frame.IsNullable && !frame.HasType)
        {
            found.Add(frame.Pointer);
        }
    }

    private sealed class Frame(string pointer, bool isArray)
    {
        public string Pointer { get; } = pointer;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }

        public bool HasType { get; set; }

        public bool IsNullable { get; set; }
    }
}
