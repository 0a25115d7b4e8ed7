using System.Linq;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Emitting;

/// <summary>Emits one file per model: sealed classes, extensible enums, unions.</summary>
internal static class ModelEmitter
{
    private const string Serialization = "global::System.Text.Json.Serialization";
    private const string Json = "global::System.Text.Json";

    public static string Emit(SpecModel spec, TypeModel model, TypeNames names, ContextPlan plan, LanguageSupport language)
    {
        var w = new SourceWriter().Header();
        w.Open("namespace " + spec.Namespace);
        switch (model.Kind)
        {
            case TypeModelKind.Enum:
                EmitEnum(w, model, spec.Visibility);
                break;
            case TypeModelKind.Union:
                EmitUnion(w, model, names, plan, spec.Visibility);
                break;
            default:
                EmitObject(w, model, names, language, spec.Visibility);
                break;
        }

        w.Close();
        return w.ToString();
    }

    private static void EmitObject(SourceWriter w, TypeModel model, TypeNames names, LanguageSupport language, string visibility)
    {
        w.Doc(model.Description, fallback: $"The {model.Name} model.");
        Attributes(w, model.Deprecated);
        w.Open($"{visibility} sealed partial class {model.Name}");
        foreach (PropertyModel property in model.Properties)
        {
            w.Doc(property.Description, fallback: $"The <c>{Escape(property.JsonName)}</c> field.");
            if (property.Deprecated)
            {
                w.Line("[global::System.Obsolete(\"Deprecated by the provider.\")]");
            }

            w.Line($"[{Serialization}.JsonPropertyName({Identifiers.Literal(property.JsonName)})]");
            string type = names.CSharp(property.Type, property.Nullable);
            bool mandatory = property.Required && !property.Nullable;

            // C# does not allow [Obsolete] on a required member (CS9042): a deprecated field is not forced on callers.
            if (mandatory && language.RequiredMembers && !property.Deprecated)
            {
                w.Line($"public required {type} {property.Identifier} {{ get; set; }}");
            }
            else if (mandatory && !names.IsValueType(property.Type))
            {
                w.Line($"public {type} {property.Identifier} {{ get; set; }} = default!;");
            }
            else
            {
                w.Line($"public {type} {property.Identifier} {{ get; set; }}");
            }

            w.Line();
        }

        EmitSendNull(w, model);

        w.Line("/// <summary>");
        w.Line("/// Fields the provider sent that this model does not describe. They are kept, so that nothing the provider sends is");
        w.Line("/// lost, and written back when the model is serialized.");
        w.Line("/// </summary>");
        w.Line($"[{Serialization}.JsonExtensionData]");
        w.Line($"public global::System.Collections.Generic.Dictionary<string, {Json}.JsonElement>? AdditionalProperties {{ get; set; }}");
        w.Close();
    }

    /// <summary>
    /// Optional properties are left out of the JSON while they are null, so that a partial update (PATCH) sends only what
    /// was set. <c>SendNull</c> is the way to send an explicit <c>null</c> instead, which is how Salesforce, HubSpot and
    /// Notion clear a field.
    /// </summary>
    private static void EmitSendNull(SourceWriter w, TypeModel model)
    {
        var optional = model.Properties.Where(p => !p.Required).ToList();
        if (optional.Count == 0)
        {
            return;
        }

        w.Line("private global::System.Collections.Generic.HashSet<string>? __sendNull;");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Sets an optional property to <see langword=\"null\"/> and sends it as JSON <c>null</c> (how a partial update clears a");
        w.Line("/// field), where an unset property is left out. Name it with <c>nameof</c>; setting a value later sends the value.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"propertyName\">The C# name of an optional property, for example <c>nameof(Phone)</c>.</param>");
        w.Line("/// <returns>This model, for chaining.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The model has no optional property of that name.</exception>");
        w.Open($"public {model.Name} SendNull(string propertyName)");
        w.Open("switch (propertyName)");
        foreach (PropertyModel property in optional)
        {
            w.Line($"case {Identifiers.Literal(property.Identifier.TrimStart('@'))}: {property.Identifier} = null; break;");
        }

        string names = string.Join(", ", optional.Select(p => p.Identifier.TrimStart('@')));
        w.Line($"default: throw new global::System.ArgumentException(\"{model.Name} has no optional property '\" + propertyName + \"'. Use nameof() with one of: {Truncate(names, 300)}.\", nameof(propertyName));");
        w.Close();
        w.Line();
        w.Line("(__sendNull ??= new global::System.Collections.Generic.HashSet<string>(global::System.StringComparer.Ordinal)).Add(propertyName);");
        w.Line("return this;");
        w.Close();
        w.Line();
        w.Line("internal bool __SendsNull(string propertyName) => __sendNull is not null && __sendNull.Contains(propertyName);");
        w.Line();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";

    private static void EmitEnum(SourceWriter w, TypeModel model, string visibility)
    {
        string name = model.Name;
        w.Doc(model.Description, fallback: $"The {name} values.", authoredRemarks: "An extensible set of values: a value the provider adds later is kept and round-trips, never an error.");
        Attributes(w, model.Deprecated);
        w.Line($"[{Serialization}.JsonConverter(typeof({name}.Converter))]");
        w.Open($"{visibility} readonly partial struct {name} : global::System.IEquatable<{name}>, global::Paragon.Proxy.IProxyValue");
        w.Line("private readonly string? _value;");
        w.Line();
        w.Line("/// <summary>Creates a value; any string is allowed, known or not.</summary>");
        w.Line("/// <param name=\"value\">The value as the provider spells it.</param>");
        w.Line($"public {name}(string value) => _value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
        foreach (EnumMemberModel member in model.EnumMembers)
        {
            w.Line();
            w.Line($"/// <summary><c>{Escape(member.Value)}</c></summary>");
            w.Line($"public static {name} {member.Identifier} {{ get; }} = new {name}({Identifiers.Literal(member.Value)});");
        }

        w.Line();
        w.Line("/// <summary>The value as the provider spells it.</summary>");
        w.Line("public string Value => _value ?? string.Empty;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public bool Equals({name} other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override bool Equals(object? obj) => obj is {name} other && Equals(other);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public override string ToString() => Value;");
        w.Line();
        w.Line("string? global::Paragon.Proxy.IProxyValue.ToProxyValue() => _value;");
        w.Line();
        w.Line("/// <summary>Compares two values.</summary>");
        w.Line($"public static bool operator ==({name} left, {name} right) => left.Equals(right);");
        w.Line();
        w.Line("/// <summary>Compares two values.</summary>");
        w.Line($"public static bool operator !=({name} left, {name} right) => !left.Equals(right);");
        w.Line();
        w.Line("/// <summary>Converts a string to a value.</summary>");
        w.Line($"public static implicit operator {name}(string value) => new {name}(value);");
        w.Line();
        w.Line("/// <summary>Reads and writes the value as a JSON string.</summary>");
        w.Open($"public sealed class Converter : {Serialization}.JsonConverter<{name}>");
        w.Line("/// <inheritdoc />");
        w.Line($"public override {name} Read(ref {Json}.Utf8JsonReader reader, global::System.Type typeToConvert, {Json}.JsonSerializerOptions options) =>");
        w.Line($"    reader.TokenType == {Json}.JsonTokenType.String ? new {name}(reader.GetString()!) : throw new {Json}.JsonException(\"Expected a string for {name}, found \" + reader.TokenType + \".\");");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override void Write({Json}.Utf8JsonWriter writer, {name} value, {Json}.JsonSerializerOptions options) => writer.WriteStringValue(value.Value);");
        w.Close();
        w.Close();
    }

    private static void EmitUnion(SourceWriter w, TypeModel model, TypeNames names, ContextPlan plan, string visibility)
    {
        string name = model.Name;
        string alternatives = string.Join(", ", model.Variants.Select(v => v.Identifier));
        w.Doc(model.Description, fallback: "One of several shapes.",
            authoredRemarks: $"One of: {alternatives}. The JSON is kept as sent (<see cref=\"Raw\"/>); the typed accessors read it on demand, so a shape this client does not know is never an error.");
        Attributes(w, model.Deprecated);
        w.Line($"[{Serialization}.JsonConverter(typeof({name}.Converter))]");
        w.Open($"{visibility} sealed partial class {name} : global::Paragon.Proxy.IProxyValue");
        w.Line($"private {name}({Json}.JsonElement raw) => Raw = raw;");
        w.Line();
        w.Line("/// <summary>The value as the provider sent it.</summary>");
        w.Line($"public {Json}.JsonElement Raw {{ get; }}");
        if (model.DiscriminatorProperty is { } discriminator)
        {
            w.Line();
            w.Line($"/// <summary>The <c>{Escape(discriminator)}</c> field, which says which alternative this is.</summary>");
            w.Line($"public string? Kind => Raw.ValueKind == {Json}.JsonValueKind.Object && Raw.TryGetProperty({Identifiers.Literal(discriminator)}, out {Json}.JsonElement kind) && kind.ValueKind == {Json}.JsonValueKind.String ? kind.GetString() : null;");
        }

        w.Line();
        w.Line("/// <summary>Wraps JSON as it is.</summary>");
        w.Line("/// <param name=\"raw\">The JSON value.</param>");
        w.Line("/// <returns>The value.</returns>");
        w.Line($"public static {name} FromRaw({Json}.JsonElement raw) => new {name}(raw.Clone());");
        foreach (UnionVariantModel variant in model.Variants)
        {
            string type = names.CSharp(variant.Type);
            string info = plan.Access(variant.Type);
            string nullableType = type + "?";
            w.Line();
            w.Line($"/// <summary>Makes the value from a <c>{variant.Identifier}</c>.</summary>");
            w.Line("/// <param name=\"value\">The alternative.</param>");
            w.Line("/// <returns>The value.</returns>");
            w.Line($"public static {name} From{variant.Identifier}({type} value) => new {name}({Json}.JsonSerializer.SerializeToElement(value, {info}));");
            // No conversion from the union to itself (a oneOf that lists itself): C# forbids it (CS0555).
            if ((variant.Type.Kind is TypeKind.List or TypeKind.Dictionary or TypeKind.String or TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double or TypeKind.Boolean)
                || (variant.Type.Kind == TypeKind.Model && variant.Type.Name != name))
            {
                w.Line();
                w.Line($"/// <summary>Makes the value from a <c>{variant.Identifier}</c>.</summary>");
                w.Line($"public static implicit operator {name}({type} value) => From{variant.Identifier}(value);");
            }

            if (variant.DiscriminatorValue is { } value)
            {
                w.Line();
                w.Line($"/// <summary>Whether <see cref=\"Kind\"/> is <c>{Escape(value)}</c>.</summary>");
                w.Line($"public bool Is{variant.Identifier} => Kind == {Identifiers.Literal(value)};");
                w.Line();
                w.Line($"/// <summary>Reads the value as a <c>{variant.Identifier}</c> when <see cref=\"Kind\"/> says it is one.</summary>");
                w.Line("/// <param name=\"value\">The alternative, or <see langword=\"null\"/>.</param>");
                w.Line("/// <returns>Whether it is one.</returns>");
                w.Open($"public bool TryGet{variant.Identifier}(out {nullableType} value)");
                w.Line($"value = Is{variant.Identifier} ? As{variant.Identifier}() : default;");
                w.Line($"return Is{variant.Identifier};");
                w.Close();
            }
            else
            {
                w.Line();
                w.Line($"/// <summary>Reads the value as a <c>{variant.Identifier}</c> if it has that shape.</summary>");
                w.Line("/// <param name=\"value\">The alternative, or <see langword=\"null\"/>.</param>");
                w.Line("/// <returns>Whether it has that shape.</returns>");
                w.Open($"public bool TryGet{variant.Identifier}(out {nullableType} value)");
                w.Open("try");
                w.Line($"value = As{variant.Identifier}();");
                w.Line("return true;");
                w.Close();
                w.Open($"catch ({Json}.JsonException)");
                w.Line("value = default;");
                w.Line("return false;");
                w.Close();
                w.Close();
            }

            w.Line();
            w.Line($"/// <summary>Reads the value as a <c>{variant.Identifier}</c>; a value of another shape throws <see cref=\"{Json}.JsonException\"/>.</summary>");
            w.Line("/// <returns>The alternative.</returns>");
            w.Line($"public {type} As{variant.Identifier}() => {Json}.JsonSerializer.Deserialize(Raw, {info})!;");
        }

        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public override string ToString() => Raw.GetRawText();");
        w.Line();
        w.Line("string? global::Paragon.Proxy.IProxyValue.ToProxyValue() => global::Paragon.Proxy.ProxyValue.Format(Raw);");
        w.Line();
        w.Line("/// <summary>Reads any JSON value and writes it back unchanged.</summary>");
        w.Open($"public sealed class Converter : {Serialization}.JsonConverter<{name}>");
        w.Line("/// <inheritdoc />");
        w.Line($"public override {name} Read(ref {Json}.Utf8JsonReader reader, global::System.Type typeToConvert, {Json}.JsonSerializerOptions options) =>");
        w.Line($"    new {name}({Json}.JsonElement.ParseValue(ref reader));");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override void Write({Json}.Utf8JsonWriter writer, {name} value, {Json}.JsonSerializerOptions options) => value.Raw.WriteTo(writer);");
        w.Close();
        w.Close();
    }

    private static void Attributes(SourceWriter w, bool deprecated)
    {
        w.Line(TypeNames.GeneratedCode);
        if (deprecated)
        {
            w.Line("[global::System.Obsolete(\"Deprecated by the provider.\")]");
        }
    }

    private static string Escape(string text) => string.Join(" ", Identifiers.DocLines(text));
}
