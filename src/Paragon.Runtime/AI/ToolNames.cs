using System.Collections.Generic;
using System.Text;

namespace Paragon.AI;

/// <summary>
/// Tool names as models accept them: <c>[A-Za-z0-9_-]</c>, at most 64 characters (OpenAI's and Anthropic's limit). A
/// name that is not already so gets its other characters replaced by '_' and, cut to fit, a suffix of a stable hash of
/// the original name, so that two different names never become one and the same name is the same tool every run.
/// </summary>
internal static class ToolNames
{
    public const int MaxLength = 64;

    private const int SuffixLength = 9; // '_' and 8 hex digits

    public static string Safe(string name, ISet<string> taken)
    {
        string safe = IsSafe(name) ? name : Shorten(Replace(name), name);
        if (taken.Add(safe))
        {
            return safe;
        }

        // Two names that were one after replacing (or one listed by two integrations): the hash of the original tells them apart.
        for (int salt = 0; ; salt++)
        {
            string candidate = Shorten(Replace(name), name + "#" + salt, always: true);
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    public static bool IsSafe(string name)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!IsSafeCharacter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSafeCharacter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-';

    private static string Replace(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            builder.Append(IsSafeCharacter(c) ? c : '_');
        }

        return builder.Length == 0 ? "tool" : builder.ToString();
    }

    private static string Shorten(string replaced, string original, bool always = false)
    {
        if (!always && replaced.Length <= MaxLength && replaced.Length == original.Length && IsSafe(original))
        {
            return replaced;
        }

        string head = replaced.Length > MaxLength - SuffixLength ? replaced.Substring(0, MaxLength - SuffixLength) : replaced;
        return head + "_" + Fnv1a(original).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    // FNV-1a over UTF-16 code units: stable across processes and platforms (string.GetHashCode is randomized per process).
    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
