using System;
using System.Linq;
using Paragon.Generator.Model;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Emits the spec's <c>JsonSerializerContext</c>, built with the public <c>JsonMetadataServices</c> API the way the
/// System.Text.Json source generator does (which cannot see types another generator emits). No reflection: trim- and
/// AOT-safe, and the client's serializer options (case-insensitivity, number handling) keep applying.
/// </summary>
internal static class SerializationEmitter
{
    private const string Metadata = "global::System.Text.Json.Serialization.Metadata";
    private const string Options = "global::System.Text.Json.JsonSerializerOptions";

    public static string Emit(SpecModel spec, TypeNames names, ContextPlan plan, LanguageSupport language)
    {
        var w = new SourceWriter().Header();
        string context = spec.ContextName;
        w.Open("namespace " + spec.Namespace);
        w.Doc($"JSON metadata for the {spec.ClassName} models, made at build time: no reflection, safe for trimming and native AOT.",
            authoredRemarks: "Use it to (de)serialize the models yourself, for example a webhook payload: <c>JsonSerializer.Deserialize(json, " + context + ".Default.SomeModel)</c>.");
        w.Line(TypeNames.GeneratedCode);
        w.Open($"{spec.Visibility} sealed partial class {context} : global::System.Text.Json.Serialization.JsonSerializerContext, {Metadata}.IJsonTypeInfoResolver");
        w.Line($"private static readonly {Options} s_defaultOptions = new();");
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
            w.Line($"private {Metadata}.JsonTypeInfo<{csharp}>? _{name};");
            w.Line();
            w.Line($"/// <summary>Metadata for <see cref=\"{Cref(names, type)}\"/>{(nullableValue ? " (nullable)" : string.Empty)}.</summary>");
            w.Line($"public {Metadata}.JsonTypeInfo<{csharp}> {name} => _{name} ??= ({Metadata}.JsonTypeInfo<{csharp}>)Options.GetTypeInfo(typeof({csharp}));");
        }

        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"public override {Metadata}.JsonTypeInfo? GetTypeInfo(global::System.Type type)");
        w.Line($"Options.TryGetTypeInfo(type, out {Metadata}.JsonTypeInfo? typeInfo);");
        w.Line("return typeInfo;");
        w.Close();
        w.Line();
        w.Open($"{Metadata}.JsonTypeInfo? {Metadata}.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {Options} options)");
        foreach ((TypeRef type, bool nullableValue, string name) in plan.Entries)
        {
            w.Open($"if (type == typeof({names.CSharp(type, nullableValue)}))");
            w.Line($"return Create_{name}(options);");
            w.Close();
        }

        w.Line("return null;");
        w.Close();

        var models = spec.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach ((TypeRef type, bool nullableValue, string name) in plan.Entries)
        {
            w.Line();
            EmitCreate(w, models, names, type, nullableValue, name, language);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void EmitCreate(SourceWriter w, System.Collections.Generic.Dictionary<string, TypeModel> models, TypeNames names, TypeRef type, bool nullableValue, string name, LanguageSupport language)
    {
        string csharp = names.CSharp(type, nullableValue);
        w.Open($"private {Metadata}.JsonTypeInfo<{csharp}> Create_{name}({Options} options)");
        if (!nullableValue && type.Kind == TypeKind.Model && names.KindOf(type.Name!) == TypeModelKind.Object)
        {
            TypeModel model = models[type.Name!];
            EmitObject(w, names, model, language);
            w.Line("typeInfo.OriginatingResolver = this;");
            w.Line("return typeInfo;");
            w.Close();
            w.Line();
            EmitProperties(w, names, model);
            return;
        }

        if (nullableValue)
        {
            w.Line($"var typeInfo = {Metadata}.JsonMetadataServices.CreateValueInfo<{csharp}>(options, {Metadata}.JsonMetadataServices.GetNullableConverter<{names.CSharp(type)}>(options));");
        }
        else
        {
            switch (type.Kind)
            {
                case TypeKind.List:
                    w.Line($"var info = new {Metadata}.JsonCollectionInfoValues<{csharp}> {{ ObjectCreator = static () => new {csharp}() }};");
                    w.Line($"var typeInfo = {Metadata}.JsonMetadataServices.CreateListInfo<{csharp}, {names.CSharp(type.Element!)}>(options, info);");
                    w.Line("typeInfo.NumberHandling = null;");
                    break;
                case TypeKind.Dictionary:
                    w.Line($"var info = new {Metadata}.JsonCollectionInfoValues<{csharp}> {{ ObjectCreator = static () => new {csharp}() }};");
                    w.Line($"var typeInfo = {Metadata}.JsonMetadataServices.CreateDictionaryInfo<{csharp}, string, {names.CSharp(type.Element!)}>(options, info);");
                    w.Line("typeInfo.NumberHandling = null;");
                    break;
                case TypeKind.Model:
                    w.Line($"var typeInfo = {Metadata}.JsonMetadataServices.CreateValueInfo<{csharp}>(options, new {csharp}.Converter());");
                    break;
                case TypeKind.DateTimeOffset:
                    // Providers send more date-time shapes than ISO 8601 strictly allows (Salesforce: +0000).
                    w.Line($"var typeInfo = {Metadata}.JsonMetadataServices.CreateValueInfo<{csharp}>(options, global::Paragon.Serialization.LenientDateTimeOffsetConverter.Instance);");
                    break;
                default:
                    string converter = type.Kind switch
                    {
                        TypeKind.String => "StringConverter",
                        TypeKind.Boolean => "BooleanConverter",
                        TypeKind.Int32 => "Int32Converter",
                        TypeKind.Int64 => "Int64Converter",
                        TypeKind.Double => "DoubleConverter",
                        TypeKind.Single => "SingleConverter",
                        TypeKind.Decimal => "DecimalConverter",
                        TypeKind.Bytes => "ByteArrayConverter",
                        _ => "JsonElementConverter",
                    };
                    w.Line($"var typeInfo = {Metadata}.JsonMetadataServices.CreateValueInfo<{csharp}>(options, {Metadata}.JsonMetadataServices.{converter});");
                    break;
            }
        }

        w.Line("typeInfo.OriginatingResolver = this;");
        w.Line("return typeInfo;");
        w.Close();
    }

    private static void EmitObject(SourceWriter w, TypeNames names, TypeModel model, LanguageSupport language)
    {
        string csharp = names.Qualified(model.Name);
        var required = model.Properties.Where(p => p.Required && !p.Nullable && !p.Deprecated).ToList();
        string creator = language.RequiredMembers && required.Count > 0
            ? $"static () => new {csharp} {{ {string.Join(", ", required.Select(p => p.Identifier + " = default!"))} }}"
            : $"static () => new {csharp}()";
        w.Open($"var objectInfo = new {Metadata}.JsonObjectInfoValues<{csharp}>");
        w.Line($"ObjectCreator = {creator},");
        w.Line("PropertyMetadataInitializer = _ => PropertiesOf_" + model.Name + "(options),");
        w.Close(";");
        w.Line($"var typeInfo = {Metadata}.JsonMetadataServices.CreateObjectInfo<{csharp}>(options, objectInfo);");

        // Left at its default (Strict), the object's number handling would silently override the options'.
        w.Line("typeInfo.NumberHandling = null;");
    }

    private static void EmitProperties(SourceWriter w, TypeNames names, TypeModel model)
    {
        string csharp = names.Qualified(model.Name);
        w.Open($"private static {Metadata}.JsonPropertyInfo[] PropertiesOf_{model.Name}({Options} options)");
        w.Line($"var properties = new {Metadata}.JsonPropertyInfo[{model.Properties.Count + 1}];");
        int index = 0;
        foreach (PropertyModel property in model.Properties)
        {
            string propertyType = names.CSharp(property.Type, property.Nullable);
            bool guaranteed = property.Required && !property.Nullable && !property.Deprecated;
            bool checkNull = guaranteed && !names.IsValueType(property.Type);
            string setter = checkNull
                ? $"value ?? throw new global::System.Text.Json.JsonException({Naming.Identifiers.Literal("'" + property.JsonName + "' is required by the spec, but the provider sent null")})"
                : "value!";
            w.Open($"properties[{index}] = {Metadata}.JsonMetadataServices.CreatePropertyInfo<{propertyType}>(options, new {Metadata}.JsonPropertyInfoValues<{propertyType}>");
            w.Line("IsProperty = true,");
            w.Line("IsPublic = true,");
            w.Line($"DeclaringType = typeof({csharp}),");
            w.Line($"Getter = static obj => (({csharp})obj).{property.Identifier},");
            w.Line($"Setter = static (obj, value) => (({csharp})obj).{property.Identifier} = {setter},");
            w.Line($"PropertyName = \"{property.Identifier.TrimStart('@')}\",");
            w.Line($"JsonPropertyName = {Naming.Identifiers.Literal(property.JsonName)},");
            w.Close(");");

            if (!property.Required)
            {
                // Absent optional values are left out, so that a partial update (PATCH) sends only what was set, unless the
                // caller asked for an explicit null with SendNull (how Salesforce, HubSpot and Notion clear a field).
                w.Line($"properties[{index}].ShouldSerialize = static (obj, value) => value is not null || (({csharp})obj).__SendsNull({Naming.Identifiers.Literal(property.Identifier.TrimStart('@'))});");
            }
            else if (guaranteed)
            {
                // The nullability rule (README): a required, non-nullable field is non-nullable in C#, and reading keeps that
                // promise. A provider that leaves it out (or sends null for a reference type) makes the read fail with a
                // ParagonUnreadableResponseException naming the field, and the body stays on the exception.
                w.Line($"properties[{index}].IsRequired = true;");
            }

            index++;
        }

        string extension = "global::System.Collections.Generic.Dictionary<string, global::System.Text.Json.JsonElement>";
        w.Open($"properties[{index}] = {Metadata}.JsonMetadataServices.CreatePropertyInfo<{extension}?>(options, new {Metadata}.JsonPropertyInfoValues<{extension}?>");
        w.Line("IsProperty = true,");
        w.Line("IsPublic = true,");
        w.Line($"DeclaringType = typeof({csharp}),");
        w.Line($"Getter = static obj => (({csharp})obj).AdditionalProperties,");
        w.Line($"Setter = static (obj, value) => (({csharp})obj).AdditionalProperties = value,");
        w.Line("IsExtensionData = true,");
        w.Line("PropertyName = \"AdditionalProperties\",");
        w.Close(");");
        w.Line("return properties;");
        w.Close();
    }

    private static string Cref(TypeNames names, TypeRef type) => type.Kind switch
    {
        TypeKind.List => "global::System.Collections.Generic.List{T}",
        TypeKind.Dictionary => "global::System.Collections.Generic.Dictionary{TKey, TValue}",
        TypeKind.Bytes => "byte",
        _ => names.CSharp(type),
    };
}
