using System;
using System.Linq;
using Paragon.Generator.Model;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Emits the spec's <c>JsonSerializerContext</c>, built with the public <c>JsonMetadataServices</c> API the way the
/// System.Text.Json source generator does (which cannot see types another generator emits). No reflection: trim- and
/// AOT-safe, and the client's serializer options (case-insensitivity, number handling) keep applying. Each model is a
/// small converter over the runtime's <c>JsonModelConverter</c> (one read switch, one write method): a table with a
/// getter and a setter lambda per property, its shape before, was about a fifth of the compile time and a third of the DLL.
/// </summary>
internal static class SerializationEmitter
{
    private const string Metadata = "global::System.Text.Json.Serialization.Metadata";
    private const string Options = "global::System.Text.Json.JsonSerializerOptions";
    private const string Services = Metadata + ".JsonMetadataServices";
    private const string Helper = "global::Paragon.Serialization.JsonModelMetadata";

    public static string Emit(SpecModel spec, TypeNames names, ContextPlan plan, LanguageSupport language)
    {
        var w = new SourceWriter().Header();
        string context = spec.ContextName;
        w.Open("namespace " + spec.Namespace);
        w.Doc($"JSON metadata for the {spec.ClassName} models, made at build time: no reflection, safe for trimming and native AOT.",
            authoredRemarks: "Use it to (de)serialize the models yourself, for example a webhook payload: <c>JsonSerializer.Deserialize(json, " + context + ".Default.SomeModel)</c>.");
        w.Line(TypeNames.GeneratedCode);
        w.Open($"{spec.Visibility} sealed partial class {context} : global::System.Text.Json.Serialization.JsonSerializerContext, {Metadata}.IJsonTypeInfoResolver");
        // A spec read leniently (RequiredFields="Lenient") marks its default options: the generated calls, which read with
        // Default, then take a missing required field as its default and report it.
        w.Line(spec.LenientRequiredFields
            ? $"private static readonly {Options} s_defaultOptions = {Helper}.LenientOptions();"
            : $"private static readonly {Options} s_defaultOptions = new();");
        w.Line();
        w.Line("/// <summary>The instance over default options.</summary>");
        w.Line($"public static {context} Default {{ get; }} = new {context}(new {Options}(s_defaultOptions));");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"protected override {Options}? GeneratedSerializerOptions {{ get; }} = s_defaultOptions;");
        w.Line();
        w.Line("/// <summary>Creates a context over default options.</summary>");
        w.Line($"public {context}() : base(null)");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Line("/// <summary>Creates a context over the given options.</summary>");
        w.Line("/// <param name=\"options\">The options; they become read-only.</param>");
        w.Line($"public {context}({Options} options) : base(options)");
        w.Line("{");
        w.Line("}");

        foreach ((TypeRef type, bool nullableValue, string name) in plan.Entries)
        {
            string csharp = names.CSharp(type, nullableValue);
            w.Line();
            w.Line($"/// <summary>Metadata for <see cref=\"{Cref(names, type)}\"/>{(nullableValue ? " (nullable)" : string.Empty)}.</summary>");
            w.Line($"public {Metadata}.JsonTypeInfo<{csharp}> {name} => _{name} ??= {Helper}.Info<{csharp}>(Options);");
            w.Line($"private {Metadata}.JsonTypeInfo<{csharp}>? _{name};");
        }

        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"public override {Metadata}.JsonTypeInfo? GetTypeInfo(global::System.Type type)");
        w.Line($"Options.TryGetTypeInfo(type, out {Metadata}.JsonTypeInfo? typeInfo);");
        w.Line("return typeInfo;");
        w.Close();
        w.Line();

        // One line per type: a value, list or dictionary is one call to the runtime's helper; a model class has its own
        // method below, with its property table.
        w.Open($"{Metadata}.JsonTypeInfo? {Metadata}.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {Options} options)");
        var objects = new System.Collections.Generic.List<(TypeModel Model, string Name)>();
        foreach ((TypeRef type, bool nullableValue, string name) in plan.Entries)
        {
            string create;
            if (!nullableValue && type.Kind == TypeKind.Model && names.Find(type.Name!) is { Kind: TypeModelKind.Object } model)
            {
                // Named after the context property, not the model: a model named like a primitive (String) has its
                // property renamed (String2), and the two must agree.
                objects.Add((model, name));
                create = $"{Helper}.Value<{names.CSharp(type)}>(options, this, new Converter_{name}())";
            }
            else
            {
                create = Create(names, type, nullableValue);
            }

            w.Line($"if (type == typeof({names.CSharp(type, nullableValue)})) return {create};");
        }

        w.Line("return null;");
        w.Close();

        foreach ((TypeModel model, string name) in objects)
        {
            w.Line();
            EmitObject(w, names, plan, model, name, language);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    /// <summary>The helper call that makes the metadata of a value, nullable value, list or dictionary.</summary>
    private static string Create(TypeNames names, TypeRef type, bool nullableValue)
    {
        if (nullableValue)
        {
            return $"{Helper}.Nullable<{names.CSharp(type)}>(options, this)";
        }

        string converter = type.Kind switch
        {
            TypeKind.List => string.Empty,
            TypeKind.Dictionary => string.Empty,
            TypeKind.Expandable or TypeKind.OrEmpty => "new global::Paragon.Serialization." + (type.Kind == TypeKind.Expandable ? "Expandable" : "OrEmpty") + "Converter<" + names.CSharp(type.Element!) + ">()",
            TypeKind.Model when names.Find(type.Name!) is { Kind: TypeModelKind.Enum } => $"new global::Paragon.Serialization.ExtensibleEnumConverter<{names.CSharp(type)}>()",
            TypeKind.Model => $"new {names.CSharp(type)}.Converter()",

            // Providers send more date-time shapes than ISO 8601 strictly allows (Salesforce: +0000).
            TypeKind.DateTimeOffset => "global::Paragon.Serialization.LenientDateTimeOffsetConverter.Instance",
            TypeKind.String => Services + ".StringConverter",
            TypeKind.Boolean => Services + ".BooleanConverter",
            TypeKind.Int32 => Services + ".Int32Converter",
            TypeKind.Int64 => Services + ".Int64Converter",
            TypeKind.Double => Services + ".DoubleConverter",
            TypeKind.Single => Services + ".SingleConverter",
            TypeKind.Decimal => Services + ".DecimalConverter",
            TypeKind.Bytes => Services + ".ByteArrayConverter",
            _ => Services + ".JsonElementConverter",
        };
        return type.Kind switch
        {
            TypeKind.List => $"{Helper}.List<{names.CSharp(type.Element!)}>(options, this)",
            TypeKind.Dictionary => $"{Helper}.Dictionary<{names.CSharp(type.Element!)}>(options, this)",
            _ => $"{Helper}.Value<{names.CSharp(type)}>(options, this, {converter})",
        };
    }

    /// <summary>
    /// A model class: its converter, the part of <c>JsonModelConverter</c> that differs per model. How to create one, its
    /// JSON names and which are required, one switch that reads a property by index and one method that writes them: no
    /// lambda per property (the getter/setter pair of the table it replaced was a fifth of the compile time, issue 16).
    /// </summary>
    private static void EmitObject(SourceWriter w, TypeNames names, ContextPlan plan, TypeModel model, string infoName, LanguageSupport language)
    {
        const string Json = "global::System.Text.Json";
        string csharp = names.Qualified(model.Name);
        var required = model.Properties.Where(p => p.Required && !p.Nullable && !p.Deprecated).ToList();
        string create = language.RequiredMembers && required.Count > 0
            ? $"new {csharp} {{ {string.Join(", ", required.Select(p => p.Identifier + " = default!"))} }}"
            : $"new {csharp}()";

        // Required and non-null (the nullability rule in the README): 'r', checked by the base. Otherwise read as it comes.
        string kinds = new(model.Properties.Select(p => p.Required && !p.Nullable && !p.Deprecated ? 'r' : '-').ToArray());
        string jsonNames = string.Join(", ", model.Properties.Select(p => Naming.Identifiers.Literal(p.JsonName)));
        w.Open($"private sealed class Converter_{infoName} : global::Paragon.Serialization.JsonModelConverter<{csharp}>");
        w.Line($"public Converter_{infoName}() : base(new string[] {{ {jsonNames} }}, \"{kinds}\") {{ }}");
        w.Line($"protected override {csharp} Create() => {create};");
        w.Open($"protected override void ReadProperty(ref {Json}.Utf8JsonReader reader, {csharp} model, int index, {Json}.JsonSerializerOptions options)");
        w.Open("switch (index)");
        for (int i = 0; i < model.Properties.Count; i++)
        {
            PropertyModel property = model.Properties[i];
            string read = Primitive(property) is { } primitive ? "Read" + primitive : $"ReadValue<{names.CSharp(property.Type, property.Nullable)}>";

            // ReadString is string? for every string property; a non-null one is checked by the base ('r') or read as it
            // comes, as ReadValue<string> did, so the annotation is the only thing to restore.
            string bang = property.Type.Kind == TypeKind.String && !property.Nullable ? "!" : string.Empty;
            w.Line($"case {i}: model.{property.Identifier} = {read}(ref reader, {i}, options){bang}; break;");
        }

        w.Line("default: model.AdditionalProperties = ReadExtension(ref reader, model.AdditionalProperties); break;");
        w.Close();
        w.Close();

        // The model has __SendsNull only when a call sends it and it has an optional property (see ModelEmitter.EmitSendNull).
        // Optional: left out while null unless SendNull asked for it.
        bool sent = plan.IsSent(model.Name);
        w.Open($"protected override void WriteProperties({Json}.Utf8JsonWriter writer, {csharp} model, {Json}.JsonSerializerOptions options)");
        for (int i = 0; i < model.Properties.Count; i++)
        {
            PropertyModel property = model.Properties[i];
            string? primitive = Primitive(property);
            string write = (primitive is null ? $"WriteValue<{names.CSharp(property.Type, property.Nullable)}>" : "Write" + primitive)
                + $"(writer, {i}, model.{property.Identifier}, options);";
            w.Line(property.Required ? write
                : sent ? $"if (model.{property.Identifier} is not null || model.__SendsNull({Naming.Identifiers.Literal(property.Identifier.TrimStart('@'))})) {write}"
                : primitive == "String" ? $"WriteOptionalString(writer, {i}, model.{property.Identifier}, options);"
                : $"if (model.{property.Identifier} is not null) {write}");
        }

        w.Line("WriteExtension(writer, model.AdditionalProperties);");
        w.Close();
        w.Close();
    }

    /// <summary>
    /// The suffix of the base's non-generic read and write for the property's type (<c>ReadString</c>, <c>WriteNullableInt64</c>),
    /// or <see langword="null"/> for the generic ones. Most properties are strings, integers or booleans (Stripe: 4,900 of
    /// 8,600): a call that binds no type argument and infers none, with the other writes' type argument given instead of
    /// inferred, took about 5% off the compile of Stripe's and the curated specs' code (issue 16).
    /// </summary>
    private static string? Primitive(PropertyModel property) => property.Type.Kind switch
    {
        TypeKind.String => "String",
        TypeKind.Int64 => property.Nullable ? "NullableInt64" : "Int64",
        TypeKind.Boolean => property.Nullable ? "NullableBoolean" : "Boolean",
        _ => null,
    };

    private static string Cref(TypeNames names, TypeRef type) => type.Kind switch
    {
        TypeKind.List => "global::System.Collections.Generic.List{T}",
        TypeKind.Dictionary => "global::System.Collections.Generic.Dictionary{TKey, TValue}",
        TypeKind.Bytes => "byte",
        TypeKind.Expandable => "global::Paragon.Serialization.Expandable{T}",
        TypeKind.OrEmpty => "global::Paragon.Serialization.OrEmpty{T}",
        _ => names.CSharp(type),
    };
}
