using System;
using System.Linq;
using Paragon.Generator.Model;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Emits the spec's <c>JsonSerializerContext</c>, built with the public <c>JsonMetadataServices</c> API the way the
/// System.Text.Json source generator does (which cannot see types another generator emits). No reflection: trim- and
/// AOT-safe, and the client's serializer options (case-insensitivity, number handling) keep applying. Each model is a
/// table of one line per property, read by the runtime's <c>JsonModelMetadata</c>: unrolling every property here made
/// Stripe's context 214,000 lines, most of the consumer's build time.
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
                create = "Create_" + name + "(options)";
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

    /// <summary>A model class: how to create one, and its property table, one line per property.</summary>
    private static void EmitObject(SourceWriter w, TypeNames names, ContextPlan plan, TypeModel model, string infoName, LanguageSupport language)
    {
        string csharp = names.Qualified(model.Name);
        var required = model.Properties.Where(p => p.Required && !p.Nullable && !p.Deprecated).ToList();
        string creator = language.RequiredMembers && required.Count > 0
            ? $"static () => new {csharp} {{ {string.Join(", ", required.Select(p => p.Identifier + " = default!"))} }}"
            : $"static () => new {csharp}()";

        // The model has __SendsNull only when a call sends it and it has an optional property (see ModelEmitter.EmitSendNull).
        string sendsNull = plan.IsSent(model.Name) && model.Properties.Any(p => !p.Required) ? "static (x, n) => x.__SendsNull(n)" : "null";
        w.Line($"private {Metadata}.JsonTypeInfo<{csharp}> Create_{infoName}({Options} options) => {Helper}.Model<{csharp}>(options, this, {creator}, {sendsNull}, static m =>");
        w.Line("{");
        foreach (PropertyModel property in model.Properties)
        {
            // Optional: left out while null unless SendNull asked for it. Required and non-null (the nullability rule in the
            // README): IsRequired, and a JSON null for a reference type fails naming the field. Otherwise read as it comes.
            string kind = !property.Required ? "Optional"
                : !property.Nullable && !property.Deprecated ? "Required"
                : "Property";
            // The value type spelled out: inferring it from the getter binds each lambda again per inference pass (and
            // again for nullable analysis), which made the table most of the compile time of a big spec's context.
            w.Line($"    m.{kind}<{names.CSharp(property.Type, property.Nullable)}>({Naming.Identifiers.Literal(property.JsonName)}, {Naming.Identifiers.Literal(property.Identifier.TrimStart('@'))}, static x => x.{property.Identifier}, static (x, v) => x.{property.Identifier} = v);");
        }

        w.Line("    m.Extension(static x => x.AdditionalProperties, static (x, v) => x.AdditionalProperties = v);");
        w.Line("});");
    }

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
