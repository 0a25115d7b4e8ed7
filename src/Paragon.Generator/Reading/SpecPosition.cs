namespace Paragon.Generator.Reading;

/// <summary>A position in a spec file: 0-based line and column, and the character offset and length.</summary>
/// <remarks>
/// The JSON walks keep a byte offset in <see cref="Start"/> and -1 for the line and column: only the few positions that
/// are reported become characters (<see cref="SpecText.SpecSource.ToCharacters"/>).
/// </remarks>
internal readonly record struct SpecPosition(int Line, int Column, int Start, int Length);
