using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SharpYaml;

namespace Paragon.Generator.Reading.SpecText;

/// <summary>
/// The one walk over a spec's text, JSON or YAML, that the locator (<see cref="SpecLocator"/>: where a pointer is written)
/// and the typeless nullables (<see cref="TypelessNullables"/>: what Microsoft.OpenApi forgets) are built on. It tells a
/// <see cref="ISpecTextVisitor"/> every node with its place in the text, and keeps the path to it, from which the node's
/// JSON pointer is made only when asked for.
/// </summary>
/// <remarks>
/// <para>
/// The path is a stack of steps (a key, as its place in the UTF-8 bytes or as a string, or an index), so the hundreds of
/// thousands of nodes of a big spec cost no string each; a pointer once made is kept on its step for the children's.
/// </para>
/// <para>
/// Three walks fill it: JSON that System.Text.Json already parsed under its strict defaults (the fast reader's bytes,
/// <see cref="SpecSource.UseValidUtf8"/>) by brackets and quotes alone, stepping over an unwanted value with a vectorized
/// search; any other JSON with <see cref="Utf8JsonReader"/> (comments and trailing commas allowed, as Microsoft.OpenApi
/// reads it); YAML from SharpYaml's events, following aliases to the node their anchor names, as Microsoft.OpenApi sees it.
/// </para>
/// </remarks>
internal sealed partial class SpecTextWalker
{
    /// <summary>
    /// How many events the aliases of one YAML text may replay in all. Followed as written, nine aliases of nine aliases
    /// ("billion laughs") are a billion nodes; past this budget an alias is told as a scalar instead.
    /// </summary>
    internal const int MaxAliasEvents = 1_000_000;

    /// <summary>How deep an alias is still followed: a chain of anchors each naming the last would otherwise nest without end.</summary>
    internal const int MaxAliasDepth = 256;

    private readonly SpecSource _source;
    private readonly ISpecTextVisitor _visitor;
    private readonly byte[][]? _scalarKeys;
    private Frame[] _path = new Frame[32];
    private int _depth;

    /// <summary>Where lines start, as the valid JSON walk passes them (null when not noted); the first <see cref="_lineCount"/> are set.</summary>
    private int[]? _lineStarts;
    private int _lineCount;

    private SpecTextWalker(SpecSource source, ISpecTextVisitor visitor, string[]? scalarKeys)
    {
        _source = source;
        _visitor = visitor;
        _scalarKeys = scalarKeys is null ? null : Array.ConvertAll(scalarKeys, key => Encoding.UTF8.GetBytes(key));
    }

    /// <summary>
    /// Walks the whole text. False when it is too broken to walk to the end (the visitor has been told what came before);
    /// a broken file is reported by the reader, not here.
    /// </summary>
    /// <param name="source">The text.</param>
    /// <param name="visitor">Told every node, or as <paramref name="scalarKeys"/> says.</param>
    /// <param name="scalarKeys">
    /// When given, the only scalars the visitor needs are the members with one of these keys: the valid JSON walk then
    /// steps over the others without a step on the path, which is most of a spec's nodes (the fast reader's path is timed,
    /// and this walk replaced one over its parsed document). The other walks still tell them.
    /// </param>
    public static bool Walk(SpecSource source, ISpecTextVisitor visitor, string[]? scalarKeys = null)
    {
        var walker = new SpecTextWalker(source, visitor, scalarKeys);
        try
        {
            if (source.IsYaml)
            {
                return walker.WalkYaml();
            }

            if (source.IsValidJson && !source.ForceReaderWalk)
            {
                walker.WalkValidJson();
            }
            else
            {
                walker.WalkJson();
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any failure of the walk (a broken text, or a walk of ours that misreads one) leaves what was told so far:
            // a partial walk costs some line positions, where a thrown one would cost the whole spec (PARAGON007).
            return false;
        }
    }

    /// <summary>How many steps from the root the current node is: 1 for the root itself.</summary>
    public int Depth => _depth;

    /// <summary>The current node's JSON pointer without the leading '#': empty for the root, else "/paths/~1pets/get/0".</summary>
    public string Pointer
    {
        get
        {
            // The deepest step whose pointer is known, then down from it: never recursive, as a path through YAML
            // aliases may be deep.
            int known = _depth - 1;
            while (known > 0 && _path[known].Pointer is null)
            {
                known--;
            }

            string pointer = _path[known].Pointer ??= string.Empty;
            for (int i = known + 1; i < _depth; i++)
            {
                ref Frame step = ref _path[i];
                pointer = step.Index >= 0
                    ? pointer + "/" + step.Index.ToString(CultureInfo.InvariantCulture)
                    : pointer + "/" + JsonPointer.Escape(step.Name ?? Encoding.UTF8.GetString(_source.Utf8, step.NameStart, step.NameLength));
                step.Pointer = pointer;
            }

            return pointer;
        }
    }

    /// <summary>Whether the current node is the member named <paramref name="asciiName"/> of an object (an ASCII name).</summary>
    public bool KeyIs(ReadOnlySpan<byte> asciiName)
    {
        ref Frame step = ref _path[_depth - 1];
        if (step.Index >= 0 || _depth == 1)
        {
            return false;
        }

        if (step.Name is null)
        {
            return _source.Utf8.AsSpan(step.NameStart, step.NameLength).SequenceEqual(asciiName);
        }

        if (step.Name.Length != asciiName.Length)
        {
            return false;
        }

        for (int i = 0; i < asciiName.Length; i++)
        {
            if (step.Name[i] != asciiName[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A step to a member of the current object: its key as a string (YAML, or an escaped JSON key) or as the bytes at <paramref name="nameStart"/>.</summary>
    private void PushKey(string? name, int nameStart, int nameLength, bool isArray)
    {
        ref Frame step = ref Push();
        step.Index = -1;
        step.Name = name;
        step.NameStart = nameStart;
        step.NameLength = nameLength;
        step.IsArray = isArray;
    }

    /// <summary>A step to the next item of the current array, or to the root when there is no current node.</summary>
    private void PushItem(bool isArray)
    {
        int index = _depth == 0 ? -1 : _path[_depth - 1].NextIndex++;
        ref Frame step = ref Push();
        step.Index = index;
        step.IsArray = isArray;
    }

    private ref Frame Push()
    {
        if (_depth == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }

        ref Frame step = ref _path[_depth++];
        step.NextIndex = 0;
        step.ExpectingKey = false;
        step.Pointer = null;
        return ref step;
    }

    private void Pop() => _depth--;

    /// <summary>Whether a scalar member with the key between these bytes' quotes is to be told (see <see cref="Walk"/>).</summary>
    private bool TellsScalar(byte[] bytes, int keyStart, int keyEnd)
    {
        if (_scalarKeys is null)
        {
            return true;
        }

        ReadOnlySpan<byte> key = bytes.AsSpan(keyStart + 1, keyEnd - keyStart - 2);
        foreach (byte[] wanted in _scalarKeys)
        {
            if (key.SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One step of the path from the root: how its node is reached, and what the walk needs to know about it.</summary>
    private struct Frame
    {
        /// <summary>The node's index in its array parent, or -1 when it is reached by a key (or is the root).</summary>
        public int Index;

        /// <summary>The key, when it is not read from the bytes (YAML, or an escaped JSON key).</summary>
        public string? Name;

        /// <summary>Where the key's unescaped UTF-8 is, between its quotes, when <see cref="Name"/> is null.</summary>
        public int NameStart;

        public int NameLength;

        public bool IsArray;

        /// <summary>The index the next item of this array gets.</summary>
        public int NextIndex;

        /// <summary>YAML: whether the next scalar in this mapping is a key.</summary>
        public bool ExpectingKey;

        /// <summary>This node's pointer, once asked for (<see cref="SpecTextWalker.Pointer"/>).</summary>
        public string? Pointer;
    }
}
