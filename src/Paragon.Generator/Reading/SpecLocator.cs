using System;
using System.Collections.Generic;
using Paragon.Generator.Reading.SpecText;

namespace Paragon.Generator.Reading;

/// <summary>
/// Finds where a JSON pointer (<c>#/paths/~1pets/get</c>) is written in the spec text, so that diagnostics point at the
/// line. Built lazily, only when a spec has something to report: a clean spec never pays for it.
/// </summary>
internal sealed class SpecLocator : ISpecTextVisitor
{
    private readonly SpecSource _source;
    private Dictionary<string, SpecPosition>? _positions;
    private HashSet<string>? _wanted;

    public SpecLocator(SpecSource source)
    {
        _source = source;
    }

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

    /// <summary>The position of the pointer, or of its nearest ancestor that is written in the file.</summary>
    public SpecPosition Find(string pointer)
    {
        _positions ??= Build();
        string current = Normalize(pointer);
        while (true)
        {
            if (_positions.TryGetValue(current, out SpecPosition position))
            {
                return _source.ToCharacters(position);
            }

            // Documents read as Swagger 2.0 are described in OpenAPI 3 terms; look for the 2.0 spelling too.
            string swagger2 = current.Replace("/components/schemas/", "/definitions/").Replace("/components/parameters/", "/parameters/");
            if (swagger2 != current && _positions.TryGetValue(swagger2, out position))
            {
                return _source.ToCharacters(position);
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
        _positions = new Dictionary<string, SpecPosition>(StringComparer.Ordinal);
        if (!SpecTextWalker.Walk(_source, this))
        {
            // A file too broken to walk still gets its diagnostics, at the top.
            _positions.Clear();
        }

        return _positions;
    }

    /// <summary>
    /// Places a wanted node (the first of a repeated key's) and walks into it; nothing below an unwanted node is wanted
    /// (<see cref="Prepare"/> adds every ancestor), so its value is stepped over without a pointer built for each of its
    /// nodes, which was most of the cost on a 13 MB spec.
    /// </summary>
    bool ISpecTextVisitor.Enter(SpecTextWalker walker, SpecNodeKind kind, SpecPosition place)
    {
        if (walker.Depth == 1)
        {
            return true; // the root is not placed: a pointer to it stays at the top of the file
        }

        string pointer = walker.Pointer;
        if (_wanted is not null && !_wanted.Contains(pointer))
        {
            return false;
        }

        if (!_positions!.ContainsKey(pointer))
        {
            _positions[pointer] = place;
        }

        return true;
    }

    void ISpecTextVisitor.Leave(SpecTextWalker walker)
    {
    }
}
