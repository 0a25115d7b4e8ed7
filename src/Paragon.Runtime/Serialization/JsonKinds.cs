using System;

namespace Paragon.Serialization;

// One definition for both sides: compiled into the runtime (public: generated shape checks name it) and, as a linked
// file, into the generator (internal), which decides from it which union alternatives the checks can tell apart. A
// value added here is known to both at once.

/// <summary>The kinds of JSON value a schema allows, as a set.</summary>
/// <remarks>For generated code: public so generated clients can call it, hidden from IntelliSense because users never need to.</remarks>
[Flags]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The names of JSON's kinds, as JsonValueKind spells them.")]
#if PARAGON_GENERATOR
internal
#else
public
#endif
enum JsonKinds
{
    /// <summary>No value.</summary>
    None = 0,

    /// <summary><c>null</c>.</summary>
    Null = 1,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean = 2,

    /// <summary>Any number.</summary>
    Number = 4,

    /// <summary>A number without a fraction or exponent that fits in 64 bits (what a <see cref="long"/> reads).</summary>
    Integer = 8,

    /// <summary>A number without a fraction or exponent that fits in 32 bits (what an <see cref="int"/> reads).</summary>
    Int32 = 16,

    /// <summary>A string.</summary>
    String = 32,

    /// <summary>An array.</summary>
    Array = 64,

    /// <summary>An object.</summary>
    Object = 128,

    /// <summary>Any JSON value.</summary>
    Any = Null | Boolean | Number | String | Array | Object,
}
