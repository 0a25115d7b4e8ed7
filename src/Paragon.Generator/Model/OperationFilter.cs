using System;
using System.Collections.Generic;
using System.Linq;

namespace Paragon.Generator.Model;

/// <summary>
/// Which operations of a spec become methods, from the spec item's metadata
/// (<c>IncludeTags="issues;pulls" ExcludeOperations="issues/lock" IncludePaths="/repos/**"</c>). Each list is names or
/// globs separated by <c>;</c> or <c>,</c>. An operation is kept when it matches any Include entry (or there are none) and
/// no Exclude entry. Schemas are read only from the operations kept, so a filtered spec emits only what they reach.
/// </summary>
internal sealed record OperationFilter(
    EquatableArray<string> IncludeTags,
    EquatableArray<string> ExcludeTags,
    EquatableArray<string> IncludeOperations,
    EquatableArray<string> ExcludeOperations,
    EquatableArray<string> IncludePaths,
    EquatableArray<string> ExcludePaths)
{
    /// <summary>The metadata names, in the order their entries are checked and reported.</summary>
    public static readonly string[] MetadataNames = ["IncludeTags", "ExcludeTags", "IncludeOperations", "ExcludeOperations", "IncludePaths", "ExcludePaths"];

    private static readonly char[] Separators = [';', ','];

    /// <summary>The filter from metadata values by name, or null when none is set.</summary>
    public static OperationFilter? From(Func<string, string?> metadata)
    {
        EquatableArray<string>[] lists = MetadataNames.Select(name => Split(metadata(name))).ToArray();
        return lists.All(l => l.Count == 0) ? null : new OperationFilter(lists[0], lists[1], lists[2], lists[3], lists[4], lists[5]);
    }

    /// <summary>The entries with the metadata name they came from.</summary>
    public IEnumerable<(string Metadata, string Entry)> Entries()
    {
        EquatableArray<string>[] lists = [IncludeTags, ExcludeTags, IncludeOperations, ExcludeOperations, IncludePaths, ExcludePaths];
        for (int i = 0; i < lists.Length; i++)
        {
            foreach (string entry in lists[i])
            {
                yield return (MetadataNames[i], entry);
            }
        }
    }

    // The package's props write '#' as %23, because '#' starts a comment in the .editorconfig that carries metadata here.
    private static EquatableArray<string> Split(string? value) =>
        (value ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Replace("%23", "#").Trim())
            .Where(v => v.Length > 0)
            .ToEquatableArray();
}
