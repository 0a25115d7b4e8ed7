using System;
using System.Collections.Generic;

namespace Paragon.AI;

/// <summary>
/// Names or globs, as the generator's operation filters take them: an exact name, or <c>*</c> for any run of characters.
/// Case is ignored: ActionKit writes action names in capitals and integration keys in camelCase, and an allow-list
/// written either way means the same.
/// </summary>
internal static class NamePatterns
{
    public static bool AnyMatches(IEnumerable<string> patterns, string name)
    {
        foreach (string pattern in patterns)
        {
            if (pattern is not null && Matches(pattern.Trim(), name))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(string pattern, string name) => Match(pattern, 0, name, 0);

    // Backtracking over '*' only; patterns are a few words from the application's code, names a few dozen characters.
    private static bool Match(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == '*')
            {
                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }

                if (p == pattern.Length)
                {
                    return true;
                }

                for (int start = n; start <= name.Length; start++)
                {
                    if (Match(pattern, p, name, start))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (n == name.Length || char.ToUpperInvariant(pattern[p]) != char.ToUpperInvariant(name[n]))
            {
                return false;
            }

            p++;
            n++;
        }

        return n == name.Length;
    }
}
