namespace Paragon.Generator.Reading.SpecText;

/// <summary>What a node of the spec text is, as far as the walks over it care.</summary>
internal enum SpecNodeKind
{
    /// <summary>A JSON object or YAML mapping.</summary>
    Object,

    /// <summary>A JSON array or YAML sequence.</summary>
    Array,

    /// <summary>Any other value (a YAML alias that is not followed too, see <see cref="SpecTextWalker.MaxAliasEvents"/>).</summary>
    Scalar,

    /// <summary>
    /// The value true: JSON's literal, or a YAML scalar that reads "true" in any case (quoted or not, as the typeless
    /// nullables' YAML walk always took it).
    /// </summary>
    True,
}

/// <summary>
/// Told about the nodes of a spec text in document order by <see cref="SpecTextWalker"/>: each node is entered, and left
/// once what is inside it (if walked) has been told. The walker's path (<see cref="SpecTextWalker.Pointer"/>,
/// <see cref="SpecTextWalker.KeyIs"/>) is the node's own while it is entered or left.
/// </summary>
internal interface ISpecTextVisitor
{
    /// <summary>
    /// A node: where it is written (a member's key; an array item's or the root's value) and what it is. Returns whether
    /// to walk what is inside a container; a container not walked is stepped over and left at once.
    /// </summary>
    bool Enter(SpecTextWalker walker, SpecNodeKind kind, SpecPosition place);

    /// <summary>The node entered last is done.</summary>
    void Leave(SpecTextWalker walker);
}
