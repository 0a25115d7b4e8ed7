using System;
using Paragon.Generator.Model;

namespace Paragon.Generator.Emitting;

/// <summary>C# spellings of type references, always fully qualified with <c>global::</c>.</summary>
internal sealed class TypeNames
{
    /// <summary>The generator's own version, so that generated code says which release wrote it.</summary>
    public static readonly string Version = typeof(TypeNames).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static readonly string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"Paragon.Generator\", \"" + Version + "\")]";

    private readonly SpecModel _spec;
    private readonly System.Collections.Generic.Dictionary<string, TypeModel> _models = new(StringComparer.Ordinal);

    public TypeNames(SpecModel spec)
    {
        _spec = spec;
        foreach (TypeModel model in spec.Types)
        {
            _models[model.Name] = model;
        }
    }

    public TypeModelKind? KindOf(string name) => _models.TryGetValue(name, out TypeModel? model) ? model.Kind : null;

    /// <summary>The spec's model of that name, looked up in the one index built per spec (not per union, which was quadratic).</summary>
    public TypeModel? Find(string name) => _models.TryGetValue(name, out TypeModel? model) ? model : null;

    public string Qualified(string name) => "global::" + _spec.Namespace + "." + name;

    public string Context => Qualified(_spec.ContextName);

    public string CSharp(TypeRef type) => type.Kind switch
    {
        TypeKind.String => "string",
        TypeKind.Boolean => "bool",
        TypeKind.Int32 => "int",
        TypeKind.Int64 => "long",
        TypeKind.Double => "double",
        TypeKind.Single => "float",
        TypeKind.Decimal => "decimal",
        TypeKind.DateTimeOffset => "global::System.DateTimeOffset",
        TypeKind.Bytes => "byte[]",
        TypeKind.Json => "global::System.Text.Json.JsonElement",
        TypeKind.Model => Qualified(type.Name!),
        TypeKind.List => "global::System.Collections.Generic.List<" + CSharp(type.Element!) + ">",
        TypeKind.Dictionary => "global::System.Collections.Generic.Dictionary<string, " + CSharp(type.Element!) + ">",
        TypeKind.Expandable => "global::Paragon.Serialization.Expandable<" + CSharp(type.Element!) + ">",
        TypeKind.OrEmpty => "global::Paragon.Serialization.OrEmpty<" + CSharp(type.Element!) + ">",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The type with <c>?</c> when it may be absent or null: <c>Nullable&lt;T&gt;</c> for value types, an annotation otherwise.</summary>
    public string CSharp(TypeRef type, bool nullable) => nullable ? CSharp(type) + "?" : CSharp(type);

    /// <summary>
    /// The type of a method parameter: an array is taken as <c>IEnumerable&lt;T&gt;</c>, so that a caller can pass an array, a
    /// list or a LINQ query without copying it into a <c>List&lt;T&gt;</c>. The runtime only enumerates it (<c>AddArray</c>,
    /// <c>ProxyValue.Format</c>); models keep <c>List&lt;T&gt;</c>, which JSON reads into.
    /// </summary>
    public string Parameter(TypeRef type, bool nullable = false) => type.Kind == TypeKind.List
        ? "global::System.Collections.Generic.IEnumerable<" + CSharp(type.Element!) + ">" + (nullable ? "?" : string.Empty)
        : CSharp(type, nullable);

    public bool IsValueType(TypeRef type) => type.IsValueType(name => KindOf(name));

    /// <summary>The name of the context property that holds a type's metadata, for example <c>ListOfMessage</c>.</summary>
    public static string InfoName(TypeRef type, bool nullableValue = false)
    {
        string name = type.Kind switch
        {
            TypeKind.Model => type.Name!,
            TypeKind.List => "ListOf" + InfoName(type.Element!),
            TypeKind.Dictionary => "DictionaryOf" + InfoName(type.Element!),
            TypeKind.Expandable => "ExpandableOf" + InfoName(type.Element!),
            TypeKind.OrEmpty => "OrEmptyOf" + InfoName(type.Element!),
            TypeKind.Json => "JsonElement",
            TypeKind.Bytes => "ByteArray",
            _ => type.Kind.ToString(),
        };
        return nullableValue ? "Nullable" + name : name;
    }
}
