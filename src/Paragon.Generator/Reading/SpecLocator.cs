using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using SharpYaml;
using SharpYaml.Events;

namespace Paragon.Generator.Reading;

/// <summary>A position in a spec file: 0-based line and column, and the character offset and length.</summary>
internal readonly record struct SpecPosition(int Line, int Column, int Start, int Length);

/// <summary>
/// Finds where a JSON pointer (<c>#/paths/~1pets/get</c>) is written in the spec text, so that diagnostics point at the
/// line. Built lazily, only when a spec has something to report: a clean spec never pays for it.
/// </summary>
internal sealed class SpecLocator
{
    private readonly string _text;
    private readonly bool _isYaml;
    private Dictionary<string, SpecPosition>? _positions;
    private byte[]? _bytes;
    private int[]? _lineStarts;

    public SpecLocator(string text, bool isYaml)
    {
        _text = text;
        _isYaml = isYaml;
    }

    private HashSet<string>? _wanted;

    /// <summary>Whether <see cref="_bytes"/> are JSON that System.Text.Json parsed with its strict defaults (see <see cref="UseUtf8"/>).</summary>
    private bool _strictJson;

    /// <summary>
    /// The text as UTF-8, which the reader already has and System.Text.Json parsed without error under its strict defaults
    /// (see <see cref="Json.JsonSpecReader"/>): the walk can then skip what is not wanted by its brackets and quotes alone
    /// (<see cref="BuildValidJson"/>). Otherwise the text is encoded when needed and walked by <see cref="Utf8JsonReader"/>.
    /// </summary>
    public void UseUtf8(byte[] utf8)
    {
        _bytes = utf8;
        _strictJson = true;
    }

    /// <summary>Set by tests: walk with <see cref="Utf8JsonReader"/> even when the text is known valid, to compare the two walks.</summary>
    internal bool ForceReaderWalk { get; set; }

    /// <summary>
    /// Names the pointers that will be looked up. The file is then walked once, keeping only those and their ancestors,
    /// instead of a position for every node of a 13 MB document.
    /// </summary>
    public void Prepare(IEnumerable<string> pointers)
    {
        _wanted = new HashSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (string pointer in pointers)
        {
            string current = Normalize(pointer);
            while (current.Length > 0 && _wanted.Add(current))
            {
                // The 2.0 spelling's ancestors too (#/definitions): the walk skips whatever is not wanted, subtrees included.
                string swagger2 = current.Replace("/components/schemas/", "/definitions/").Replace("/components/parameters/", "/parameters/");
                while (swagger2.Length > 0 && _wanted.Add(swagger2))
                {
                    swagger2 = Parent(swagger2);
                }

                current = Parent(current);
            }
        }

        _positions = null;
    }

    private static string Parent(string pointer)
    {
        int slash = pointer.LastIndexOf('/');
        return slash <= 0 ? string.Empty : pointer.Substring(0, slash);
    }

    private bool IsWanted(string pointer) => _wanted is null || _wanted.Contains(pointer);

    /// <summary>The position of the pointer, or of its nearest ancestor that is written in the file.</summary>
    public SpecPosition Find(string pointer)
    {
        _positions ??= Build();
        string current = Normalize(pointer);
        while (true)
        {
            if (_positions.TryGetValue(current, out SpecPosition position))
            {
                return ToCharacters(position);
            }

            // Documents read as Swagger 2.0 are described in OpenAPI 3 terms; look for the 2.0 spelling too.
            string swagger2 = current.Replace("/components/schemas/", "/definitions/").Replace("/components/parameters/", "/parameters/");
            if (swagger2 != current && _positions.TryGetValue(swagger2, out position))
            {
                return ToCharacters(position);
            }

            int slash = current.LastIndexOf('/');
            if (slash <= 0)
            {
                return default;
            }

            current = current.Substring(0, slash);
        }
    }

    private static string Normalize(string pointer) => pointer.StartsWith("#", StringComparison.Ordinal) ? pointer.Substring(1) : pointer;

    private Dictionary<string, SpecPosition> Build()
    {
        try
        {
            return _isYaml ? BuildYaml() : _strictJson && !ForceReaderWalk ? BuildValidJson() : BuildJson();
        }
        catch (Exception ex) when (ex is JsonException or YamlException or InvalidOperationException or ArgumentException)
        {
            // A file too broken to walk still gets its diagnostics, at the top.
            return new Dictionary<string, SpecPosition>(StringComparer.Ordinal);
        }
    }

    private Dictionary<string, SpecPosition> BuildJson()
    {
        var positions = new Dictionary<string, SpecPosition>(StringComparer.Ordinal);
        byte[] bytes = _bytes ??= Encoding.UTF8.GetBytes(_text);
        _lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new Stack<Frame>();
        string? pendingName = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString();
                    string pointer = Current(path) + "/" + JsonPointer.Escape(pendingName!);
                    if (!IsWanted(pointer))
                    {
                        // Nothing below an unwanted node is wanted (Prepare adds every ancestor): its value is skipped
                        // without a pointer built for each of its nodes, which was most of the cost on a 13 MB spec.
                        reader.Skip();
                        pendingName = null;
                        continue;
                    }

                    if (!positions.ContainsKey(pointer))
                    {
                        positions[pointer] = new SpecPosition(-1, -1, (int)reader.TokenStartIndex, reader.ValueSpan.Length + 2);
                    }

                    continue;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    string container = ChildPointer(path, ref pendingName, (int)reader.TokenStartIndex);
                    if (!IsWanted(container))
                    {
                        reader.Skip();
                        continue;
                    }

                    path.Push(new Frame(container, reader.TokenType == JsonTokenType.StartArray));
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    path.Pop();
                    continue;
                default:
                    ChildPointer(path, ref pendingName, (int)reader.TokenStartIndex);
                    continue;
            }
        }

        return positions;

        string ChildPointer(Stack<Frame> stack, ref string? name, int start)
        {
            if (stack.Count == 0)
            {
                return string.Empty;
            }

            Frame parent = stack.Peek();
            string child;
            if (parent.IsArray)
            {
                child = parent.Pointer + "/" + parent.NextIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (IsWanted(child) && !positions.ContainsKey(child))
                {
                    positions[child] = new SpecPosition(-1, -1, start, 1);
                }

                stack.Pop();
                stack.Push(parent with { NextIndex = parent.NextIndex + 1 });
            }
            else
            {
                child = parent.Pointer + "/" + JsonPointer.Escape(name ?? string.Empty);
            }

            name = null;
            return child;
        }
    }

    /// <summary>
    /// The positions <see cref="BuildJson"/> finds, in text known to be valid JSON: a value that is not wanted is stepped over
    /// by a vectorized search for its closing bracket (or quote), where <see cref="Utf8JsonReader.Skip"/> reads and checks
    /// every token inside it, which was most of the cost of placing a diagnostic on GitHub's 13 MB spec.
    /// </summary>
    private Dictionary<string, SpecPosition> BuildValidJson()
    {
        var positions = new Dictionary<string, SpecPosition>(StringComparer.Ordinal);
        byte[] bytes = _bytes!;
        _lineStarts = LineStarts(bytes);
        Walk(SkipSpace(bytes, 0), string.Empty);
        return positions;

        // Walks the value at `at` (wanted: its pointer is `pointer`) and returns the index just after it.
        int Walk(int at, string pointer)
        {
            byte first = bytes[at];
            if (first == (byte)'{')
            {
                at = SkipSpace(bytes, at + 1);
                while (bytes[at] != (byte)'}')
                {
                    int nameStart = at;
                    int nameEnd = StringEnd(bytes, at);
                    string child = pointer + "/" + JsonPointer.Escape(Name(bytes, nameStart, nameEnd));
                    at = SkipSpace(bytes, nameEnd);
                    at = Member(SkipSpace(bytes, at + 1), child, nameStart, nameEnd - nameStart); // past the colon
                }

                return at + 1;
            }

            if (first == (byte)'[')
            {
                at = SkipSpace(bytes, at + 1);
                for (int index = 0; bytes[at] != (byte)']'; index++)
                {
                    at = Member(at, pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), at, 1);
                }

                return at + 1;
            }

            return SkipValue(bytes, at);
        }

        // One member of an object or an array, its value at `at` and its name (or the value itself) at `start`: placed and
        // walked when wanted, stepped over otherwise. Returns the index of what follows it, past any comma.
        int Member(int at, string child, int start, int length)
        {
            if (IsWanted(child))
            {
                if (!positions.ContainsKey(child))
                {
                    positions[child] = new SpecPosition(-1, -1, start, length);
                }

                at = Walk(at, child);
            }
            else
            {
                at = SkipValue(bytes, at);
            }

            at = SkipSpace(bytes, at);
            return bytes[at] == (byte)',' ? SkipSpace(bytes, at + 1) : at;
        }
    }

    /// <summary>A property name as <see cref="Utf8JsonReader.GetString"/> gives it: escapes (rare in names) are left to it.</summary>
    private static string Name(byte[] bytes, int start, int end)
    {
        if (bytes.AsSpan(start + 1, end - start - 2).IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(bytes, start + 1, end - start - 2);
        }

        var reader = new Utf8JsonReader(bytes.AsSpan(start, end - start));
        reader.Read();
        return reader.GetString()!;
    }

    private static int SkipSpace(byte[] bytes, int at)
    {
        while (bytes[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            at++;
        }

        return at;
    }

    /// <summary>The index just after the string that opens at <paramref name="at"/> (its quote).</summary>
    private static int StringEnd(byte[] bytes, int at)
    {
        at++;
        while (true)
        {
            int found = bytes.AsSpan(at).IndexOfAny((byte)'"', (byte)'\\');
            if (bytes[at + found] == (byte)'"')
            {
                return at + found + 1;
            }

            at += found + 2; // a backslash and the character it escapes (the rest of a \uXXXX needs no care)
        }
    }

    /// <summary>The index just after the value that starts at <paramref name="at"/>: a string, a container, or a literal.</summary>
    private static int SkipValue(byte[] bytes, int at)
    {
        byte first = bytes[at];
        if (first == (byte)'"')
        {
            return StringEnd(bytes, at);
        }

        if (first is (byte)'{' or (byte)'[')
        {
            // Brackets inside strings do not count: strings are stepped over whole.
            ReadOnlySpan<byte> stops = "\"{}[]"u8;
            int depth = 0;
            while (true)
            {
                at += bytes.AsSpan(at).IndexOfAny(stops);
                switch (bytes[at])
                {
                    case (byte)'"':
                        at = StringEnd(bytes, at);
                        continue;
                    case (byte)'{' or (byte)'[':
                        depth++;
                        break;
                    default:
                        if (--depth == 0)
                        {
                            return at + 1;
                        }

                        break;
                }

                at++;
            }
        }

        // A number, true, false or null: up to the next delimiter.
        while (at < bytes.Length && bytes[at] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            at++;
        }

        return at;
    }

    private Dictionary<string, SpecPosition> BuildYaml()
    {
        var positions = new Dictionary<string, SpecPosition>(StringComparer.Ordinal);
        IParser parser = Parser.CreateParser(new StringReader(_text));
        var path = new Stack<Frame>();
        var expectingKey = new Stack<bool>();
        string? pendingName = null;
        while (parser.MoveNext())
        {
            ParsingEvent e = parser.Current!;
            switch (e)
            {
                case MappingStart:
                case SequenceStart:
                    string pointer = Child(e);
                    path.Push(new Frame(pointer, e is SequenceStart));
                    expectingKey.Push(e is MappingStart);
                    break;
                case MappingEnd:
                case SequenceEnd:
                    path.Pop();
                    expectingKey.Pop();
                    AfterValue();
                    break;
                case Scalar scalar:
                    if (expectingKey.Count > 0 && expectingKey.Peek() && !path.Peek().IsArray)
                    {
                        pendingName = scalar.Value;
                        string key = path.Peek().Pointer + "/" + JsonPointer.Escape(pendingName);
                        if (IsWanted(key) && !positions.ContainsKey(key))
                        {
                            positions[key] = new SpecPosition(Math.Max(0, e.Start.Line), Math.Max(0, e.Start.Column), e.Start.Index, Math.Max(1, e.End.Index - e.Start.Index));
                        }

                        expectingKey.Pop();
                        expectingKey.Push(false);
                    }
                    else
                    {
                        Child(e);
                        AfterValue();
                    }

                    break;
                case AnchorAlias:
                    Child(e);
                    AfterValue();
                    break;
            }
        }

        return positions;

        void AfterValue()
        {
            if (expectingKey.Count > 0 && path.Count > 0 && !path.Peek().IsArray)
            {
                expectingKey.Pop();
                expectingKey.Push(true);
            }
        }

        string Child(ParsingEvent e)
        {
            if (path.Count == 0)
            {
                return string.Empty;
            }

            Frame parent = path.Peek();
            string child;
            if (parent.IsArray)
            {
                child = parent.Pointer + "/" + parent.NextIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (IsWanted(child) && !positions.ContainsKey(child))
                {
                    positions[child] = new SpecPosition(Math.Max(0, e.Start.Line), Math.Max(0, e.Start.Column), e.Start.Index, 1);
                }

                path.Pop();
                path.Push(parent with { NextIndex = parent.NextIndex + 1 });
            }
            else
            {
                child = parent.Pointer + "/" + JsonPointer.Escape(pendingName ?? string.Empty);
            }

            pendingName = null;
            return child;
        }
    }

    private static string Current(Stack<Frame> path) => path.Count == 0 ? string.Empty : path.Peek().Pointer;

    private static int[] LineStarts(byte[] bytes)
    {
        // A vectorized search from line end to line end, not a test of every byte of a 13 MB file; counted first, so that
        // GitHub's 347,000 lines fill one array of their size instead of a list doubled nineteen times and then copied.
        int lines = 1;
        for (int at = 0, end; (end = bytes.AsSpan(at).IndexOf((byte)'\n')) >= 0; at += end + 1)
        {
            lines++;
        }

        int[] starts = new int[lines];
        int line = 1;
        for (int at = 0, end; (end = bytes.AsSpan(at).IndexOf((byte)'\n')) >= 0; at += end + 1)
        {
            starts[line++] = at + end + 1;
        }

        return starts;
    }

    /// <summary>JSON positions are kept as byte offsets while walking; only the few that are reported become lines and columns.</summary>
    private SpecPosition ToCharacters(SpecPosition position)
    {
        if (position.Line >= 0 || _bytes is null || _lineStarts is null)
        {
            return position;
        }

        int byteOffset = position.Start;
        int line = Array.BinarySearch(_lineStarts, byteOffset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        int lineStartByte = _lineStarts[line];
        int column = Encoding.UTF8.GetCharCount(_bytes, lineStartByte, byteOffset - lineStartByte);
        int start = Encoding.UTF8.GetCharCount(_bytes, 0, byteOffset);
        return new SpecPosition(line, column, start, position.Length);
    }

    private readonly record struct Frame(string Pointer, bool IsArray, int NextIndex = 0);
}
