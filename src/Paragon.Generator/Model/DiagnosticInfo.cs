namespace Paragon.Generator.Model;

/// <summary>
/// A diagnostic as plain data (descriptor id, message arguments, and a position in the spec file), turned into a Roslyn
/// <c>Diagnostic</c> only when reported, so that the model stays equatable.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, int StartLine, int StartColumn, int EndLine, int EndColumn, int Start, int Length, EquatableArray<string> Arguments)
{
    /// <summary>A diagnostic about the file as a whole (its name, its settings, a failure): placed on its first character.</summary>
    public static DiagnosticInfo OnFile(string id, string filePath, params string[] arguments) =>
        new(id, filePath, 0, 0, 0, 1, 0, 1, arguments.ToEquatableArray());
}
