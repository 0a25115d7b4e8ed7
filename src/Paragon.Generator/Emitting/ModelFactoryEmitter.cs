using System.Collections.Generic;
using System.Linq;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Emits <c>{ClassName}ModelFactory</c> (the Azure SDK's <c>*ModelFactory</c>): one static method per object model that
/// takes every property, the required ones first with placeholders the strict reader accepts (<c>""</c>, <c>0</c>, the
/// first enum member, empty lists, nested required models from their own method, the one value a <c>const</c> allows), the
/// others <c>null</c>. A fake of GitHub's issue is then <c>GitHubModelFactory.Issue(title: "x")</c> instead of twenty
/// required fields by hand. Enums and unions get no method: an enum is one value, and a union is made from an alternative
/// (<c>FromX</c>). One object initializer per model and a one-line summary: the file is compiled in every build (issue 16),
/// and the <c>ModelFactory="false"</c> metadata leaves it out.
/// </summary>
internal static class ModelFactoryEmitter
{
    /// <summary>JSON <c>null</c> as a <c>JsonElement</c>: made per call, the factory is for tests.</summary>
    private const string JsonNull = "global::System.Text.Json.JsonDocument.Parse(\"null\").RootElement";

    public static string Emit(SpecModel spec, TypeNames names)
    {
        string factory = spec.ModelFactoryName;
        Dictionary<(string Model, string Property), bool> broken = BrokenEdges(spec, names);
        var w = new SourceWriter().Header();
        w.Open("namespace " + spec.Namespace);
        w.Doc($"Builds {spec.ClassName} models for tests and fakes: one method per model, named after it, whose parameters are its properties.",
            authoredRemarks: "Required properties default to values the strict reader accepts (empty text, 0, the first enum member, empty lists, "
                + "nested models from their own method); optional ones to <see langword=\"null\"/> (left out of the JSON). "
                + $"<c>{factory}.SomeModel(name: \"x\")</c> serializes to JSON that reads back.");
        w.Line(TypeNames.GeneratedCode);
        w.Open($"{spec.Visibility} static partial class {factory}");
        bool first = true;
        foreach (TypeModel model in spec.Types)
        {
            if (model.Kind != TypeModelKind.Object)
            {
                continue;
            }

            if (!first)
            {
                w.Line();
            }

            first = false;
            EmitMethod(w, factory, model, names, broken);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    /// <summary>Whether the property must be set for the strict reader: the model's C# <c>required</c> members.</summary>
    private static bool Enforced(PropertyModel property) => property.Required && !property.Nullable && !property.Deprecated;

    private static void EmitMethod(SourceWriter w, string factory, TypeModel model, TypeNames names, Dictionary<(string, string), bool> broken)
    {
        var unique = new UniqueNameBuilder();
        var parameters = new List<string>();
        var assignments = new List<string>();
        foreach (PropertyModel property in model.Properties.Where(Enforced).Concat(model.Properties.Where(p => !Enforced(p))))
        {
            string name = unique.Claim(Identifiers.Camel(property.Identifier.TrimStart('@')), out _);
            if (Enforced(property))
            {
                (string parameter, string value) = Placeholder(factory, model.Name, property, name, names, broken);
                parameters.Add(parameter);
                assignments.Add(property.Identifier + " = " + value);
            }
            else
            {
                // Not enforced: null, left out of the JSON. A required-but-deprecated field keeps a non-nullable declaration.
                parameters.Add(names.CSharp(property.Type, nullable: true) + " " + name + " = null");
                assignments.Add(property.Identifier + " = " + (property.Nullable ? name : names.IsValueType(property.Type) ? name + " ?? default" : name + "!"));
            }
        }

        string type = names.Qualified(model.Name);
        // Target-typed new: the model's qualified name once per method, not twice (the file is compiled in every build).
        w.Line($"/// <summary>A <see cref=\"{type}\"/>; required properties not given are placeholders.</summary>");
        w.Line($"public static {type} {model.Name}({string.Join(", ", parameters)}) => new()");
        w.Line("{");
        foreach (string assignment in assignments)
        {
            w.Line("    " + assignment + ",");
        }

        w.Line("};");
    }

    /// <summary>The parameter (with a constant default) and the value assigned, for a property the strict reader requires.</summary>
    private static (string Parameter, string Value) Placeholder(string factory, string owner, PropertyModel property, string name, TypeNames names,
        Dictionary<(string, string), bool> broken)
    {
        TypeRef type = property.Type;
        string csharp = names.CSharp(type);
        if (property.Tag is { } tag && TagValue(tag, type, names) is { } constant)
        {
            // The one value the spec allows (a const, an enum of one): a placeholder of "" would be a wrong answer.
            return names.IsValueType(type) && type.Kind == TypeKind.Model
                ? ($"{csharp}? {name} = null", name + " ?? " + constant)
                : ($"{csharp} {name} = {constant}", name);
        }

        switch (type.Kind)
        {
            case TypeKind.String:
                return ($"string {name} = \"\"", name);
            case TypeKind.Boolean:
                return ($"bool {name} = false", name);
            case TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Single or TypeKind.Decimal:
                return ($"{csharp} {name} = 0", name);
            case TypeKind.DateTimeOffset:
                return ($"{csharp} {name} = default", name);
            case TypeKind.Bytes:
                return ($"byte[]? {name} = null", name + " ?? global::System.Array.Empty<byte>()");
            case TypeKind.Json:
                // default(JsonElement) cannot be written; JSON null reads back as a JsonElement.
                return ($"{csharp}? {name} = null", name + " ?? " + JsonNull);
            case TypeKind.List or TypeKind.Dictionary:
                return ($"{csharp}? {name} = null", name + " ?? new()");
            case TypeKind.Expandable or TypeKind.OrEmpty:
                return ($"{csharp}? {name} = null", name + " ?? " + Default(factory, type, names, depth: 0));
        }

        // A model: the first member of an enum, a nested object from its own method, a union from its first alternative.
        string fallback = broken.ContainsKey((owner, property.JsonName)) ? "null!" : Default(factory, type, names, depth: 0);
        return ($"{csharp}? {name} = null", name + " ?? " + fallback);
    }

    /// <summary>The C# constant of a property's one allowed value (a JSON literal), or null when its type cannot take it.</summary>
    private static string? TagValue(string tag, TypeRef type, TypeNames names)
    {
        System.Text.Json.Nodes.JsonNode? node = System.Text.Json.Nodes.JsonNode.Parse(tag);
        if (node is not System.Text.Json.Nodes.JsonValue value)
        {
            return null;
        }

        switch (type.Kind)
        {
            case TypeKind.String when value.TryGetValue(out string? text):
                return Identifiers.Literal(text);
            case TypeKind.Boolean when value.TryGetValue(out bool flag):
                return flag ? "true" : "false";
            case TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Single or TypeKind.Decimal
                when value.TryGetValue(out long number) && (type.Kind != TypeKind.Int32 || number is >= int.MinValue and <= int.MaxValue):
                return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case TypeKind.Model when value.TryGetValue(out string? text) && names.Find(type.Name!) is { Kind: TypeModelKind.Enum } model:
                return model.EnumMembers.FirstOrDefault(m => m.Value == text) is { } member ? names.Qualified(model.Name) + "." + member.Identifier : null;
            default:
                return null;
        }
    }

    /// <summary>A valid value of a model type (an expression), for a required property or a union's first alternative.</summary>
    private static string Default(string factory, TypeRef type, TypeNames names, int depth)
    {
        switch (type.Kind)
        {
            case TypeKind.String:
                return "\"\"";
            case TypeKind.Boolean:
                return "false";
            case TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Single or TypeKind.Decimal or TypeKind.DateTimeOffset:
                return "default";
            case TypeKind.Bytes:
                return "global::System.Array.Empty<byte>()";
            case TypeKind.Json:
                return JsonNull;
            case TypeKind.List or TypeKind.Dictionary:
                return "new " + names.CSharp(type) + "()";
            case TypeKind.Expandable:
                // The id alone: no call into the object's own method, so no cycle through it.
                return "new " + names.CSharp(type) + "(\"\")";
            case TypeKind.OrEmpty:
                return names.CSharp(type) + ".Empty";
        }

        TypeModel? model = names.Find(type.Name!);
        string qualified = names.Qualified(type.Name!);
        switch (model?.Kind)
        {
            case TypeModelKind.Enum:
                return model.EnumMembers.Count > 0 ? qualified + "." + model.EnumMembers[0].Identifier : "default";
            case TypeModelKind.Object:
                return names.Qualified(factory) + "." + model.Name + "()";
            case TypeModelKind.Union when model.Variants.Count > 0 && depth < 8:
                UnionVariantModel variant = model.Variants[0];
                return qualified + ".From" + variant.Identifier + "(" + Default(factory, variant.Type, names, depth + 1) + ")";
            default:
                return "null!";
        }
    }

    /// <summary>
    /// The required model properties whose placeholder would call back into a method already on the way (A requires B, B
    /// requires A): a depth-first walk over "needs a placeholder of" and its back edges. Their placeholder is <c>null</c>,
    /// so that every method returns; no finite JSON satisfies such a cycle anyway.
    /// </summary>
    private static Dictionary<(string Model, string Property), bool> BrokenEdges(SpecModel spec, TypeNames names)
    {
        var broken = new Dictionary<(string, string), bool>();
        var state = new Dictionary<string, bool>(System.StringComparer.Ordinal); // false: on the way, true: done
        foreach (TypeModel model in spec.Types)
        {
            Visit(model.Name);
        }

        return broken;

        // Iterative: a deep chain of required models must not overflow the generator's stack. Each frame keeps the edge
        // that led to it, so that a cycle closed by a union (which has no property to leave null) is broken at the object
        // property that led into the union.
        void Visit(string root)
        {
            if (state.ContainsKey(root))
            {
                return;
            }

            var stack = new List<(string Name, (string Owner, string Property) Via, IEnumerator<(string Property, string Target)> Edges)>();
            state[root] = false;
            stack.Add((root, (string.Empty, string.Empty), Edges(root).GetEnumerator()));
            while (stack.Count > 0)
            {
                (string name, _, IEnumerator<(string Property, string Target)> edges) = stack[stack.Count - 1];
                if (!edges.MoveNext())
                {
                    state[name] = true;
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }

                (string property, string target) = edges.Current;
                if (!state.TryGetValue(target, out bool done))
                {
                    state[target] = false;
                    stack.Add((target, (name, property), Edges(target).GetEnumerator()));
                }
                else if (!done && property.Length > 0)
                {
                    broken[(name, property)] = true;
                }
                else if (!done)
                {
                    for (int i = stack.Count - 1; i >= 0; i--)
                    {
                        if (stack[i].Via.Property.Length > 0)
                        {
                            broken[stack[i].Via] = true;
                            break;
                        }
                    }
                }
            }
        }

        // What a model's placeholders call: an object's required model properties, a union's first alternative (an edge
        // with no property: a union inside a cycle is broken at the object that needs it).
        IEnumerable<(string Property, string Target)> Edges(string name)
        {
            TypeModel? model = names.Find(name);
            if (model?.Kind == TypeModelKind.Object)
            {
                foreach (PropertyModel property in model.Properties)
                {
                    if (Enforced(property) && property.Type.Kind == TypeKind.Model && names.Find(property.Type.Name!)?.Kind is TypeModelKind.Object or TypeModelKind.Union)
                    {
                        yield return (property.JsonName, property.Type.Name!);
                    }
                }
            }
            else if (model?.Kind == TypeModelKind.Union && model.Variants.Count > 0 && model.Variants[0].Type is { Kind: TypeKind.Model } variant)
            {
                yield return (string.Empty, variant.Name!);
            }
        }
    }
}
