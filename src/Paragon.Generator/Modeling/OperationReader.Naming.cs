using System;
using System.Collections.Generic;
using System.Linq;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Modeling;

/// <summary>Operation reading: the names of methods (from the operation id, else the path) and of the inline shapes several operations share.</summary>
internal sealed partial class OperationReader
{
    /// <summary>
    /// The name hint for an inline shape written at <paramref name="where"/>: the operation's own (<paramref name="own"/>)
    /// when only this operation reaches it; when several do, a name of none of them: <paramref name="neutral"/> (the
    /// component's or the parameter's own name, <c>Direction</c>), else with the group the operations share
    /// (<c>IssuesDirection</c>), else with <paramref name="suffix"/>, if the plainer one is taken.
    /// </summary>
    private string SharedName(string where, string own, string neutral, string suffix)
    {
        if (!_users.TryGetValue(where, out List<string>? users) || users.Count < 2)
        {
            return own;
        }

        string group = FirstWord(users[0]);
        string[] candidates = users.All(u => FirstWord(u) == group) && group != neutral
            ? [neutral, group + neutral, neutral + suffix]
            : [neutral, neutral + suffix];
        return candidates.FirstOrDefault(c => !_schemas.IsTypeNameTaken(c)) ?? neutral;
    }

    /// <summary>The neutral name of what is written at <paramref name="where"/>: the component's id when it is one, else <paramref name="fallback"/>.</summary>
    private static string ComponentName(string where, string kind, string fallback)
    {
        string prefix = "#/components/" + kind + "/";
        return where.StartsWith(prefix, StringComparison.Ordinal) ? Identifiers.Pascal(where.Substring(prefix.Length), fallback) : fallback;
    }

    /// <summary><c>IssuesListForRepo</c> → <c>Issues</c>: the group an operation id usually starts with (<c>issues/list-for-repo</c>).</summary>
    private static string FirstWord(string name)
    {
        int end = 1;
        while (end < name.Length && !char.IsUpper(name[end]))
        {
            end++;
        }

        return name.Substring(0, end);
    }

    /// <summary>
    /// Names the paged form of an operation (<c>ConversationsListPagedAsync</c>), once every operation has its name: a paged
    /// form gives way to a real operation, never the other way round.
    /// </summary>
    public string ClaimPagedName(string methodName) => _methodNames.Claim(methodName.Substring(0, methodName.Length - "Async".Length) + "Paged") + "Async";

    private static string NameFromPath(string verb, string path)
    {
        var words = new List<string> { Identifiers.Pascal(verb) };
        var parameters = new List<string>();
        foreach (string segment in path.Split('/'))
        {
            if (segment.StartsWith("{", StringComparison.Ordinal) && segment.EndsWith("}", StringComparison.Ordinal))
            {
                parameters.Add(Identifiers.Pascal(segment.Trim('{', '}')));
            }
            else if (segment.Length > 0)
            {
                words.Add(Identifiers.Pascal(segment));
            }
        }

        return string.Concat(words) + (parameters.Count > 0 ? "By" + string.Join("And", parameters) : string.Empty);
    }
}
