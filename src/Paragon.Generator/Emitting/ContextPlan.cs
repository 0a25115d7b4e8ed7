using System.Collections.Generic;
using System.Linq;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Every type the spec's code serializes, and the name of its metadata property on the spec's JsonSerializerContext.
/// Once reflection is off, a type missing here fails at run time, so everything reachable is collected: models, their
/// property types (nullable value types separately), list and dictionary element types, bodies, responses, variants.
/// </summary>
internal sealed class ContextPlan
{
    private static readonly TypeRef ExtensionData = TypeRef.DictionaryOf(TypeRef.Json);

    private readonly TypeNames _names;
    private readonly Dictionary<(TypeRef, bool), string> _properties = new();
    private readonly List<(TypeRef Type, bool NullableValue, string Name)> _entries = [];
    private readonly HashSet<string> _sent = new(System.StringComparer.Ordinal);
    private readonly UniqueNameBuilder _unique = new(["Default", "Options", "GetTypeInfo", "GeneratedSerializerOptions", .. Identifiers.ObjectMembers]);

    public ContextPlan(SpecModel spec, TypeNames names)
    {
        _names = names;
        _unique.Reserve(spec.ContextName);
        foreach (TypeModel model in spec.Types)
        {
            Add(TypeRef.Model(model.Name), false);
            foreach (PropertyModel property in model.Properties)
            {
                Add(property.Type, property.Nullable);
            }

            foreach (UnionVariantModel variant in model.Variants)
            {
                Add(variant.Type, false);
            }

            if (model.Kind == TypeModelKind.Object)
            {
                Add(ExtensionData, false);
            }
        }

        foreach (OperationModel operation in spec.Operations)
        {
            if (operation.Body?.Type is { } body)
            {
                Add(body, false);
                MarkSent(body);
            }

            if (operation.Response.Type is { } response)
            {
                // A value type that may be absent is read as T? (null for no content).
                Add(response, operation.Response.MayBeEmpty);
            }

            foreach (ParameterModel parameter in operation.Parameters)
            {
                if (parameter.Type.Kind is TypeKind.Model or TypeKind.Dictionary or TypeKind.Json)
                {
                    Add(parameter.Type, false);
                    MarkSent(parameter.Type);
                }
            }
        }

        // A dictionary's converter asks the context for its key type: a spec with no string anywhere else (only numbers,
        // enums and unions) made every model's extension data fail on first use. Added last, so that the order of every
        // other entry stays as it was.
        if (HasDictionary)
        {
            Add(TypeRef.String, false);
        }
    }

    public IReadOnlyList<(TypeRef Type, bool NullableValue, string Name)> Entries => _entries;

    private bool HasDictionary => _properties.Keys.Any(k => k.Item1.Kind == TypeKind.Dictionary);

    /// <summary>
    /// Whether a model can be part of what a call sends (a request body or a parameter, or anything inside one): only those
    /// get <c>SendNull</c>. A model that is only ever read never needs an explicit null, and the method with its switch on
    /// every response model was an eighth of a spec's compile time.
    /// </summary>
    public bool IsSent(string modelName) => _sent.Contains(modelName);

    /// <summary>An expression for a type's metadata: <c>global::…SlackJsonContext.Default.Message</c>.</summary>
    public string Access(TypeRef type, bool nullable = false) => _names.Context + ".Default." + _properties[(type, nullable && _names.IsValueType(type))];

    /// <summary>Marks the models a sent type reaches: its own, its properties', its elements', its alternatives'.</summary>
    private void MarkSent(TypeRef type)
    {
        var pending = new Stack<TypeRef>();
        pending.Push(type);
        while (pending.Count > 0)
        {
            TypeRef next = pending.Pop();
            if (next.Element is not null)
            {
                pending.Push(next.Element);
            }

            if (next.Kind != TypeKind.Model || !_sent.Add(next.Name!) || _names.Find(next.Name!) is not { } model)
            {
                continue;
            }

            foreach (PropertyModel property in model.Properties)
            {
                pending.Push(property.Type);
            }

            foreach (UnionVariantModel variant in model.Variants)
            {
                pending.Push(variant.Type);
            }
        }
    }

    private void Add(TypeRef type, bool nullable)
    {
        bool nullableValue = nullable && _names.IsValueType(type);
        if (_properties.ContainsKey((type, nullableValue)))
        {
            return;
        }

        if (nullableValue)
        {
            Add(type, false);
        }

        if (type.Element is not null)
        {
            Add(type.Element, false);
        }

        string name = _unique.Claim(TypeNames.InfoName(type, nullableValue));
        _properties[(type, nullableValue)] = name;
        _entries.Add((type, nullableValue, name));
    }
}
