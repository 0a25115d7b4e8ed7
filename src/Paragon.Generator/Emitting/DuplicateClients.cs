using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Two specs that would produce the same client collide: the later one (by path) is skipped, and reported. The pipeline's
/// only cross-spec step, so it works on (class name, path) pairs alone and other specs' outputs stay cached.
/// </summary>
internal static class DuplicateClients
{
    /// <summary>Every spec whose client another spec (first by path) already generates, with that first spec.</summary>
    public static IEnumerable<(string ClassName, string FilePath, string FirstPath)> Find(ImmutableArray<(string ClassName, string FilePath)> all) =>
        // Ignoring case: hint names are compared so (and files on a case-insensitive disk), and the class name's casing
        // comes from the spec's title, so GitHub and Github are the same client.
        all.GroupBy(s => s.ClassName, StringComparer.OrdinalIgnoreCase)
           .Where(g => g.Count() > 1)
           .SelectMany(g =>
           {
               var ordered = g.OrderBy(s => s.FilePath, StringComparer.Ordinal).ToList();
               return ordered.Skip(1).Select(s => (ClassName: s.ClassName, FilePath: s.FilePath, FirstPath: ordered[0].FilePath));
           })
           .OrderBy(d => d.FilePath, StringComparer.Ordinal);
}
