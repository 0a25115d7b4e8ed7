using System;
using System.Collections.Generic;
using System.Text;

namespace Paragon.Generator.Reading.SpecText;

/// <summary>
/// One spec file's text as the walks over it see it (<see cref="SpecTextWalker"/>): the string, whether it is YAML, and,
/// for JSON, its UTF-8 bytes and line starts, made once however many walks there are (the locator's and the typeless
/// nullables'), and not at all when nothing walks.
/// </summary>
internal sealed class SpecSource
{
    private byte[]? _utf8;
    private int[]? _lineStarts;
    private int _lineCount;

    /// <summary>Line starts (bytes, ascending) whose characters before them are counted, and those counts (<see cref="CharsBefore"/>).</summary>
    private readonly List<int> _countedLines = [0];
    private readonly List<int> _countedChars = [0];

    public SpecSource(string text, bool isYaml)
    {
        Text = text;
        IsYaml = isYaml;
    }

    public string Text { get; }

    public bool IsYaml { get; }

    /// <summary>Whether <see cref="Utf8"/> is JSON that System.Text.Json parsed with its strict defaults (see <see cref="UseValidUtf8"/>).</summary>
    public bool IsValidJson { get; private set; }

    /// <summary>Set by tests: walk with <see cref="System.Text.Json.Utf8JsonReader"/> even when the text is known valid, to compare the two walks.</summary>
    internal bool ForceReaderWalk { get; set; }

    /// <summary>The text as UTF-8, encoded on first use unless <see cref="UseValidUtf8"/> gave it.</summary>
    public byte[] Utf8 => _utf8 ??= Encoding.UTF8.GetBytes(Text);

    /// <summary>
    /// The text as UTF-8, which the reader already has and System.Text.Json parsed without error under its strict defaults
    /// (see <see cref="Json.JsonSpecReader"/>): a walk can then step over what it does not want by brackets and quotes alone
    /// (<see cref="SpecTextWalker"/>'s quick walk). Otherwise the text is encoded when needed and walked by
    /// <see cref="System.Text.Json.Utf8JsonReader"/>.
    /// </summary>
    public void UseValidUtf8(byte[] utf8)
    {
        _utf8 = utf8;
        IsValidJson = true;
    }

    /// <summary>Whether the start of every line is known (a walk of the whole text noted them, or a position was placed).</summary>
    public bool HasLineStarts => _lineStarts is not null;

    /// <summary>
    /// The start of every line, in bytes (the first <paramref name="count"/> of <paramref name="lineStarts"/>), as a walk of
    /// the whole text noted them on the way (<see cref="SpecTextWalker"/>).
    /// </summary>
    public void UseLineStarts(int[] lineStarts, int count)
    {
        if (_lineStarts is null)
        {
            _lineStarts = lineStarts;
            _lineCount = count;
        }
    }

    /// <summary>A JSON position (a byte offset, line -1) as characters, line and column; a YAML one as it is.</summary>
    public SpecPosition ToCharacters(SpecPosition position)
    {
        if (position.Line >= 0 || _utf8 is null)
        {
            return position;
        }

        if (_lineStarts is null)
        {
            _lineStarts = LineStarts(_utf8);
            _lineCount = _lineStarts.Length;
        }

        int[] lineStarts = _lineStarts;
        int byteOffset = position.Start;
        int line = Array.BinarySearch(lineStarts, 0, _lineCount, byteOffset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        int lineStartByte = lineStarts[line];
        int column = Encoding.UTF8.GetCharCount(_utf8, lineStartByte, byteOffset - lineStartByte);
        return new SpecPosition(line, column, CharsBefore(lineStartByte) + column, position.Length);
    }

    /// <summary>
    /// How many characters the bytes before a line start encode: counted on from the nearest line already counted, not
    /// from the top of the file for every diagnostic (GitHub's spec has two dozen, each a count over megabytes).
    /// </summary>
    private int CharsBefore(int lineStartByte)
    {
        int mark = _countedLines.BinarySearch(lineStartByte);
        if (mark >= 0)
        {
            return _countedChars[mark];
        }

        mark = ~mark - 1; // line 0, at 0, is always counted
        int chars = _countedChars[mark] + Encoding.UTF8.GetCharCount(_utf8!, _countedLines[mark], lineStartByte - _countedLines[mark]);
        _countedLines.Insert(mark + 1, lineStartByte);
        _countedChars.Insert(mark + 1, chars);
        return chars;
    }

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
}
