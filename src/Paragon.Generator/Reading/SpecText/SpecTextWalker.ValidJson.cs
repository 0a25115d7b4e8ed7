using System;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Paragon.Generator.Reading.SpecText;

internal sealed partial class SpecTextWalker
{
    /// <summary>
    /// JSON known to be valid (<see cref="SpecSource.UseValidUtf8"/>), walked by its brackets, quotes, colons and commas
    /// alone: a value that is not wanted is stepped over by a vectorized search for its closing bracket (or quote), where
    /// <see cref="Utf8JsonReader.Skip"/> reads and checks every token inside it, which was most of the cost of placing a
    /// diagnostic on GitHub's 13 MB spec. Its nesting is bounded by that parse (MaxDepth), so it may recurse.
    /// </summary>
    /// <remarks>
    /// Raw line breaks in valid JSON are only ever between tokens, so a walk that steps over no container sees each of
    /// them in <see cref="SkipSpace"/>: it notes where lines start on the way (<see cref="SpecSource.UseLineStarts"/>),
    /// which a locator placing diagnostics on this text then need not search 13 MB for. The typeless nullables' walk on
    /// the fast reader's path is such a walk; it replaced one over the parsed document, and this keeps the path no slower.
    /// </remarks>
    private void WalkValidJson()
    {
        byte[] bytes = _source.Utf8;
        _lineStarts = _source.HasLineStarts ? null : new int[Math.Max(16, bytes.Length / 32)]; // GitHub's lines are 37 bytes
        _lineCount = 1; // line 0 starts at 0
        int at = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0; // a byte order mark
        at = SkipSpace(bytes, at);
        PushItem(bytes[at] == (byte)'[');
        at = ValidValue(bytes, at, new SpecPosition(-1, -1, at, 1));
        if (_lineStarts is not null)
        {
            for (int end; (end = bytes.AsSpan(at).IndexOf((byte)'\n')) >= 0; at += end + 1)
            {
                AddLine(at + end + 1);
            }

            _source.UseLineStarts(_lineStarts, _lineCount);
        }
    }

    private void AddLine(int start)
    {
        if (_lineCount == _lineStarts!.Length)
        {
            Array.Resize(ref _lineStarts, _lineStarts.Length * 2);
        }

        _lineStarts[_lineCount++] = start;
    }

    /// <summary>The value at <paramref name="at"/>, its step already on the path: told, walked, left and popped. Returns the index just after it.</summary>
    private int ValidValue(byte[] bytes, int at, SpecPosition place)
    {
        byte first = bytes[at];
        SpecNodeKind kind = first switch
        {
            (byte)'{' => SpecNodeKind.Object,
            (byte)'[' => SpecNodeKind.Array,
            (byte)'t' => SpecNodeKind.True,
            _ => SpecNodeKind.Scalar,
        };

        if (!_visitor.Enter(this, kind, place) || kind is SpecNodeKind.Scalar or SpecNodeKind.True)
        {
            if (kind is SpecNodeKind.Object or SpecNodeKind.Array)
            {
                _lineStarts = null; // its line breaks are not seen
            }

            at = SkipValue(bytes, at);
        }
        else if (kind == SpecNodeKind.Object)
        {
            at = SkipSpace(bytes, at + 1);
            while (bytes[at] != (byte)'}')
            {
                int keyStart = at;
                int keyEnd = StringEnd(bytes, at, out bool escaped);
                at = SkipSpace(bytes, SkipSpace(bytes, keyEnd) + 1); // past the colon
                byte value = bytes[at];
                if (value is not ((byte)'{' or (byte)'[') && !escaped && !TellsScalar(bytes, keyStart, keyEnd))
                {
                    at = SkipValue(bytes, at);
                }
                else
                {
                    PushKey(escaped ? Name(bytes, keyStart, keyEnd) : null, keyStart + 1, keyEnd - keyStart - 2, value == (byte)'[');
                    at = ValidValue(bytes, at, new SpecPosition(-1, -1, keyStart, keyEnd - keyStart));
                }

                at = SkipSpace(bytes, at);
                if (bytes[at] == (byte)',')
                {
                    at = SkipSpace(bytes, at + 1);
                }
            }

            at++;
        }
        else
        {
            at = SkipSpace(bytes, at + 1);
            while (bytes[at] != (byte)']')
            {
                PushItem(bytes[at] == (byte)'[');
                if (_scalarKeys is not null && bytes[at] is not ((byte)'{' or (byte)'['))
                {
                    // An item has no key: a scalar one is not told when only some keys' scalars are.
                    at = SkipValue(bytes, at);
                    Pop();
                }
                else
                {
                    at = ValidValue(bytes, at, new SpecPosition(-1, -1, at, 1));
                }

                at = SkipSpace(bytes, at);
                if (bytes[at] == (byte)',')
                {
                    at = SkipSpace(bytes, at + 1);
                }
            }

            at++;
        }

        _visitor.Leave(this);
        Pop();
        return at;
    }

    /// <summary>A property name as <see cref="Utf8JsonReader.GetString"/> gives it: escapes (rare in names) are left to it.</summary>
    private static string Name(byte[] bytes, int start, int end)
    {
        var reader = new Utf8JsonReader(bytes.AsSpan(start, end - start));
        reader.Read();
        return reader.GetString()!;
    }

    private int SkipSpace(byte[] bytes, int at)
    {
        while (true)
        {
            switch (bytes[at])
            {
                case (byte)' ':
                    // Indentation is about half of a pretty-printed spec's bytes (GitHub's 13 MB): eight spaces at a time.
                    while (at + 8 <= bytes.Length && MemoryMarshal.Read<ulong>(bytes.AsSpan(at)) == 0x2020202020202020UL)
                    {
                        at += 8;
                    }

                    while (bytes[at] == (byte)' ')
                    {
                        at++;
                    }

                    continue;
                case (byte)'\n':
                    at++;
                    if (_lineStarts is not null)
                    {
                        AddLine(at);
                    }

                    continue;
                case (byte)'\r' or (byte)'\t':
                    at++;
                    continue;
                default:
                    return at;
            }
        }
    }

    /// <summary>The index just after the string that opens at <paramref name="at"/> (its quote), and whether it has escapes.</summary>
    private static int StringEnd(byte[] bytes, int at, out bool escaped)
    {
        escaped = false;
        at++;

        // Most keys and values are short: a few bytes looked at one by one cost less than starting a vectorized search.
        for (int end = Math.Min(at + 16, bytes.Length); at < end; at++)
        {
            byte b = bytes[at];
            if (b == (byte)'"')
            {
                return at + 1;
            }

            if (b == (byte)'\\')
            {
                break;
            }
        }

        while (true)
        {
            int found = bytes.AsSpan(at).IndexOfAny((byte)'"', (byte)'\\');
            if (bytes[at + found] == (byte)'"')
            {
                return at + found + 1;
            }

            escaped = true;
            at += found + 2; // a backslash and the character it escapes (the rest of a \uXXXX needs no care)
        }
    }

    /// <summary>The index just after the value that starts at <paramref name="at"/>: a string, a container, or a literal.</summary>
    private static int SkipValue(byte[] bytes, int at)
    {
        byte first = bytes[at];
        if (first == (byte)'"')
        {
            return StringEnd(bytes, at, out _);
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
                        at = StringEnd(bytes, at, out _);
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
}
