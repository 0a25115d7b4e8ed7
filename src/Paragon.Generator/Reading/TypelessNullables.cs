using System;
using System.Collections.Generic;
using Paragon.Generator.Reading.SpecText;

namespace Paragon.Generator.Reading;

/// <summary>
/// Finds the schemas that say <c>nullable: true</c> without a <c>type</c> (GitHub writes every nullable reference as
/// <c>nullable: true, allOf: [{$ref: …}]</c>). Microsoft.OpenApi keeps <c>nullable</c> only as part of a type, so it drops
/// these, and a field the provider sends as null would be read as one it promised never to be. One walk of the text, and
/// only when the word occurs at all; the result is the JSON pointers (<c>#/components/schemas/issue/properties/user</c>).
/// </summary>
/// <remarks>
/// The rule, for every reader: an object with a <c>nullable</c> key whose value is true and no <c>type</c> key. It is
/// told every node by <see cref="SpecTextWalker"/>, JSON or YAML (through aliases too, so a schema written once under an
/// anchor is found where each alias uses it), and builds a pointer only for what it finds. The fast JSON reader's bytes
/// are walked too (<see cref="SpecSource.UseValidUtf8"/>), by their brackets and quotes, without encoding 13 MB again.
/// </remarks>
internal sealed class TypelessNullables : ISpecTextVisitor
{
    private const int IsObject = 1;
    private const int HasType = 2;
    private const int IsNullable = 4;

    private readonly HashSet<string> _found = new(StringComparer.Ordinal);

    /// <summary>What each open node on the walker's path has said so far, by depth.</summary>
    private int[] _nodes = new int[64];

    private TypelessNullables()
    {
    }

    public static HashSet<string> Find(SpecSource source)
    {
        var rule = new TypelessNullables();
        if (source.Text.IndexOf("nullable", StringComparison.Ordinal) >= 0)
        {
            // A file too broken to walk is reported by the reader; what was found before the break still counts.
            SpecTextWalker.Walk(source, rule, ["type", "nullable"]);
        }

        return rule._found;
    }

    bool ISpecTextVisitor.Enter(SpecTextWalker walker, SpecNodeKind kind, SpecPosition place)
    {
        int depth = walker.Depth;
        if (depth >= _nodes.Length)
        {
            Array.Resize(ref _nodes, depth * 2);
        }

        _nodes[depth] = kind == SpecNodeKind.Object ? IsObject : 0;
        if (depth > 1)
        {
            if (walker.KeyIs("type"u8))
            {
                _nodes[depth - 1] |= HasType;
            }
            else if (kind == SpecNodeKind.True && walker.KeyIs("nullable"u8))
            {
                _nodes[depth - 1] |= IsNullable;
            }
        }

        return kind is SpecNodeKind.Object or SpecNodeKind.Array;
    }

    void ISpecTextVisitor.Leave(SpecTextWalker walker)
    {
        if (_nodes[walker.Depth] == (IsObject | IsNullable))
        {
            _found.Add("#" + walker.Pointer);
        }
    }
}
