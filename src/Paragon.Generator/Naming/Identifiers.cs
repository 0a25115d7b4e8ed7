using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Paragon.Generator.Naming;

/// <summary>The one place where names from a spec become C# names: nothing from a spec reaches the code unconverted.</summary>
internal static class Identifiers
{
    /// <summary><c>chat.postMessage</c>, <c>chat_postMessage</c>, <c>get-/crm/v3</c> → <c>ChatPostMessage</c>, <c>GetCrmV3</c>.</summary>
    public static string Pascal(string text, string fallback = "Value")
    {
        // Called for every property, parameter, operation and inline type of a spec (twice per property on GitHub's):
        // one builder per thread instead of a builder and its buffer per call, and a name already in Pascal case is
        // returned as it is, without a copy.
        StringBuilder builder = t_pascal ??= new StringBuilder(64);
        builder.Clear();
        bool unchanged = true;
        bool upperNext = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                // An all-caps run keeps its case ("URL" stays "URL"); a new word starts upper-case.
                char appended = upperNext ? char.ToUpperInvariant(c) : c;
                unchanged &= appended == c;
                builder.Append(appended);
                upperNext = false;
            }
            else
            {
                unchanged = false;
                upperNext = true;
            }
        }

        if (builder.Length == 0)
        {
            return fallback;
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
            unchanged = false;
        }

        string pascal = unchanged ? text : builder.ToString();
        if (builder.Capacity > 1024)
        {
            t_pascal = null; // a hostile spec's 60,000-character name is not kept for the rest of the build
        }

        return pascal;
    }

    [System.ThreadStatic]
    private static StringBuilder? t_pascal;

    /// <summary>
    /// The class name made from an integration name, in the provider's own casing where the spec's title spells the same
    /// name: <c>github</c> with the title <c>GitHub v3 REST API</c> → <c>GitHub</c>, <c>hubspot</c> with <c>HubSpot CRM</c>
    /// → <c>HubSpot</c>. The title's words must spell the whole name (ignoring case and separators) from a word's start to
    /// a word's end, so <c>Githubber</c> gives nothing. A capital in either the file name or the title is kept; a word the
    /// title writes all in capitals (<c>SLACK</c>, <c>API</c>) gives only its first, as .NET names write acronyms, so a
    /// shouting title does not make a shouting class.
    /// </summary>
    public static string ClassName(string integration, string? title)
    {
        string pascal = Pascal(integration, "Integration");
        // The match costs words x name length: a name that cannot be an integration name (too long; PARAGON011 follows)
        // is not matched, so a hostile spec's 60k-character name and 30k-word title cost nothing.
        if (string.IsNullOrWhiteSpace(title) || pascal.Length == 0 || !char.IsLetter(pascal[0]) || !Paragon.Contract.ProxyContract.IsIntegrationName(integration))
        {
            return pascal;
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (char c in title!)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        for (int first = 0; first < words.Count; first++)
        {
            var spelled = new StringBuilder(pascal.Length);
            for (int last = first; last < words.Count && spelled.Length < pascal.Length; last++)
            {
                string w = words[last];
                bool shouting = w.Length > 2 && w.All(ch => !char.IsLower(ch)) && w.Any(char.IsLetter);
                spelled.Append(char.ToUpperInvariant(w[0])).Append(shouting ? w.Substring(1).ToLowerInvariant() : w.Substring(1));
            }

            if (spelled.Length == pascal.Length && string.Equals(spelled.ToString(), pascal, System.StringComparison.OrdinalIgnoreCase))
            {
                var merged = new StringBuilder(pascal.Length);
                for (int i = 0; i < pascal.Length; i++)
                {
                    merged.Append(spelled[i] is >= 'A' and <= 'Z' ? spelled[i] : pascal[i]);
                }

                return merged.ToString();
            }
        }

        return pascal;
    }

    /// <summary>
    /// An integration name made from a file name or a title that is not one as it stands: <c>Recurrence (v1)</c> →
    /// <c>RecurrenceV1</c>, <c>google calendar</c> → <c>googleCalendar</c>, <c>ünïcode</c> → <c>unicode</c>. Accents are
    /// dropped from their letters, every other character an integration name cannot carry is dropped and starts a new
    /// word, and stray '.', '-', '_' at the ends go. Null when nothing usable is left.
    /// </summary>
    public static string? IntegrationName(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var builder = new StringBuilder(text!.Length);
        bool newWord = false;
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (Paragon.Contract.ProxyContract.IsIntegrationCharacter(c))
            {
                bool afterDot = builder.Length > 0 && builder[builder.Length - 1] == '.';
                if (c == '.' && afterDot)
                {
                    continue;
                }

                builder.Append(newWord && builder.Length > 0 && char.IsLetterOrDigit(builder[builder.Length - 1]) ? char.ToUpperInvariant(c) : c);
                newWord = false;
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                newWord = true;
            }
        }

        string name = builder.ToString().Trim('.', '-', '_');
        return Paragon.Contract.ProxyContract.IsIntegrationName(name) ? name : null;
    }

    /// <summary>
    /// The members every generated type inherits from <see cref="object"/>: a property or enum value of one of these names
    /// would hide it (CS0108, an error in builds that treat warnings as errors).
    /// </summary>
    public static readonly string[] ObjectMembers = ["Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals"];

    /// <summary>A camelCase parameter name, escaped with <c>@</c> when it is a keyword.</summary>
    public static string Camel(string text, string fallback = "value")
    {
        string pascal = Pascal(text, Pascal(fallback));
        int upper = 0;
        while (upper < pascal.Length && char.IsUpper(pascal[upper]))
        {
            upper++;
        }

        // "URLName" → "urlName", "ID" → "id", "Channel" → "channel".
        string camel = upper switch
        {
            0 => pascal,
            1 => char.ToLowerInvariant(pascal[0]) + pascal.Substring(1),
            _ when upper == pascal.Length => pascal.ToLowerInvariant(),
            _ => pascal.Substring(0, upper - 1).ToLowerInvariant() + pascal.Substring(upper - 1),
        };
        return EscapeKeyword(camel);
    }

    /// <summary>Escapes keywords and contextual keywords (<c>nameof</c>, <c>value</c>, <c>await</c>…) with <c>@</c>, always allowed.</summary>
    public static string EscapeKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;

    /// <summary>A C# string literal for any text (quotes, backslashes, control and line-separator characters escaped).</summary>
    public static string Literal(string text)
    {
        string literal = SymbolDisplay.FormatLiteral(text, quote: true);

        // C# also ends a line at these: never leave one raw in generated code.
        return literal.Replace("\u0085", "\\u0085").Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029");
    }

    /// <summary>Escapes text for an XML doc comment and keeps it to one paragraph per line.</summary>
    public static IEnumerable<string> DocLines(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        string escaped = text!.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        // Every character C# takes for a line end splits the text: a spec cannot end a comment and start code.
        foreach (string line in escaped.Replace("\r\n", "\n").Split(LineBreaks))
        {
            string trimmed = line.TrimEnd();
            var clean = new StringBuilder(trimmed.Length);
            foreach (char c in trimmed)
            {
                clean.Append(char.IsControl(c) ? ' ' : c);
            }

            yield return clean.ToString();
        }
    }

    private static readonly char[] LineBreaks = ['\r', '\n', '\u0085', '\u2028', '\u2029'];

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Hands out names that are unique within one scope, after reserving those the generated code itself uses.</summary>
internal sealed class UniqueNameBuilder
{
    private readonly HashSet<string> _used;
    private readonly System.StringComparer _comparer;
    private Dictionary<string, int>? _nextSuffix;

    public UniqueNameBuilder(params string[] reserved)
        : this(System.StringComparer.Ordinal, reserved)
    {
    }

    /// <summary>With <see cref="System.StringComparer.OrdinalIgnoreCase"/> for names that become file (hint) names too.</summary>
    public UniqueNameBuilder(System.StringComparer comparer, params string[] reserved)
    {
        // Made at the size of the reserved names (one is made per enum and object: thousands on Stripe's spec), and the
        // suffix table only when a name first collides.
        _used = new HashSet<string>(reserved, comparer);
        _comparer = comparer;
    }

    public bool Contains(string name) => _used.Contains(name);

    public void Reserve(string name) => _used.Add(name);

    /// <summary>Returns <paramref name="name"/>, or <c>name2</c>, <c>name3</c>… if taken; <paramref name="renamed"/> says which.</summary>
    public string Claim(string name, out bool renamed)
    {
        renamed = false;
        if (_used.Add(name))
        {
            return name;
        }

        renamed = true;
        string bare = name.StartsWith("@", System.StringComparison.Ordinal) ? name.Substring(1) : name;

        // Names are never released, so every suffix below the last one handed out for this base is still taken: the search
        // goes on from there instead of from 2, or n names that all collide (Stripe's inline "Object"s) cost n² look-ups.
        _nextSuffix ??= new Dictionary<string, int>(_comparer);
        int start = _nextSuffix.TryGetValue(bare, out int next) ? next : 2;
        for (int i = start; ; i++)
        {
            string candidate = bare + i.ToString(CultureInfo.InvariantCulture);
            if (_used.Add(candidate))
            {
                _nextSuffix[bare] = i + 1;
                return candidate;
            }
        }
    }

    public string Claim(string name) => Claim(name, out _);
}
