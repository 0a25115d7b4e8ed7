using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Paragon.Generator.Model;

namespace Paragon.Generator.Modeling;

/// <summary>
/// Applies an <see cref="OperationFilter"/> to the spec's operations and remembers which entries matched, so that an entry
/// that matches nothing (a misspelt tag) is reported instead of silently generating nothing.
/// </summary>
internal sealed class OperationSelector
{
    private readonly OperationFilter? _filter;
    private readonly List<(string Metadata, string Entry, Regex Pattern)> _entries = [];
    private readonly HashSet<int> _matched = [];
    private int _kept;

    public OperationSelector(OperationFilter? filter)
    {
        _filter = filter;
        if (filter is null)
        {
            return;
        }

        foreach ((string metadata, string entry) in filter.Entries())
        {
            // Tags compare without case (specs spell them "Issues" and "issues"); paths and operation ids are exact.
            bool isTag = metadata.EndsWith("Tags", StringComparison.Ordinal);
            _entries.Add((metadata, entry, Glob(entry, ignoreCase: isTag)));
        }
    }

    /// <summary>Whether the operation becomes a method: it matches an Include entry (or there are none) and no Exclude entry.</summary>
    public bool Keep(string path, string? operationId, IEnumerable<string> tags)
    {
        if (_filter is null)
        {
            return true;
        }

        string[] tagList = tags.ToArray();
        bool hasIncludes = false;
        bool included = false;
        bool excluded = false;
        for (int i = 0; i < _entries.Count; i++)
        {
            (string metadata, _, Regex pattern) = _entries[i];
            bool include = metadata.StartsWith("Include", StringComparison.Ordinal);
            hasIncludes |= include;
            bool hit = metadata switch
            {
                "IncludeTags" or "ExcludeTags" => tagList.Any(pattern.IsMatch),
                "IncludeOperations" or "ExcludeOperations" => operationId is not null && pattern.IsMatch(operationId),
                _ => pattern.IsMatch(path),
            };
            if (!hit)
            {
                continue;
            }

            _matched.Add(i);
            if (include)
            {
                included = true;
            }
            else
            {
                excluded = true;
            }
        }

        bool keep = (!hasIncludes || included) && !excluded;
        _kept += keep ? 1 : 0;
        return keep;
    }

    /// <summary>How many operations <see cref="Keep"/> has kept so far.</summary>
    public int Kept => _kept;

    /// <summary>The entries as the generator read them, by metadata name (<c>IncludeTags: issues, pulls</c>).</summary>
    public string Describe() =>
        string.Join("; ", _entries.GroupBy(e => e.Metadata, StringComparer.Ordinal).Select(g => g.Key + ": " + string.Join(", ", g.Select(e => e.Entry))));

    /// <summary>The entries that matched no operation at all.</summary>
    public IEnumerable<(string Metadata, string Entry)> Unmatched() =>
        _entries.Where((_, i) => !_matched.Contains(i)).Select(e => (e.Metadata, e.Entry));

    /// <summary>
    /// A glob as a regular expression: <c>**</c> matches anything (slashes too), <c>*</c> anything within one path segment,
    /// <c>?</c> one character; everything else is literal. The spec's text never becomes a pattern: only the user's entries.
    /// </summary>
    internal static Regex Glob(string glob, bool ignoreCase)
    {
        var pattern = new StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '/' && string.CompareOrdinal(glob, i, "/**", 0, 3) == 0 && (i + 3 == glob.Length || glob[i + 3] == '/'))
            {
                // "/**" is any number of segments, none included: /repos/** matches /repos, /a/**/b matches /a/b.
                pattern.Append("(?:/.*)?");
                i += 2;
            }
            else if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else if (c == '*')
            {
                pattern.Append("[^/]*");
            }
            else if (c == '?')
            {
                pattern.Append("[^/]");
            }
            else
            {
                pattern.Append(Regex.Escape(c.ToString()));
            }
        }

        RegexOptions options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Regex(pattern.Append('$').ToString(), options, TimeSpan.FromSeconds(1));
    }
}
