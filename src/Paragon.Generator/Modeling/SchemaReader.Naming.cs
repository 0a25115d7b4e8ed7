using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Modeling;

/// <summary>Schema reading: the names of generated types, for components (claimed first) and for inline schemas (from where they appear).</summary>
internal sealed partial class SchemaReader
{
    private string ComponentName(string id, string pointer) =>
        _componentNames.TryGetValue(id, out string? name) ? name : Name(Identifiers.Pascal(id, "Model"), id, pointer);

    /// <summary>The name of the type a schema becomes: a component's own, claimed up front, or one claimed now from the hint.</summary>
    private string NameOf(TypeNaming naming, string pointer) => naming.IsClaimed ? naming.Hint : Name(naming.Hint, componentName: null, pointer);

    private string Name(string nameHint, string? componentName, string pointer)
    {
        string name = _typeNames.Claim(nameHint, out bool renamed);
        if (renamed && componentName is not null)
        {
            _diagnostics.Add(DiagnosticDescriptors.NameCollision, pointer, "The schema name", nameHint, name);
        }

        return name;
    }

    private static string Singular(string name) => name.EndsWith("ies", StringComparison.Ordinal) ? name.Substring(0, name.Length - 3) + "y"
        : name.EndsWith("ses", StringComparison.Ordinal) || name.EndsWith("xes", StringComparison.Ordinal) ? name.Substring(0, name.Length - 2)
        : name.EndsWith("s", StringComparison.Ordinal) && !name.EndsWith("ss", StringComparison.Ordinal) && name.Length > 1 ? name.Substring(0, name.Length - 1)
        : name;
}

/// <summary>
/// How the type a schema may become is named. An inline schema has a hint from where it appears
/// (<c>ChatPostMessageRequest</c>), claimed only if a type is made; a component has its own name, claimed before any inline
/// schema was read, and is <see cref="IsRegistered"/> when references may already use that name (it is then always a type).
/// The hint also names what is nested inside (<c>…Item</c>, <c>…Value</c>, <c>…Variant2</c>).
/// </summary>
internal readonly record struct TypeNaming(string Hint, bool IsClaimed, bool IsRegistered)
{
    public static TypeNaming Inline(string hint) => new(hint, IsClaimed: false, IsRegistered: false);

    public static TypeNaming Component(string name, bool registered) => new(name, IsClaimed: true, IsRegistered: registered);
}
