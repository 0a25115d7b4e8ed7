using System.Linq;
using Paragon.Generator.Model;
using Paragon.Serialization;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Emits the models, many to a file: sealed classes, extensible enums, unions. A file per model made GitHub's spec 2,473
/// generated files, and the compiler's generator driver spends time and memory per file on every run, even when every
/// step is cached (66 ms and 1.2 MB per keystroke for that spec alone), so models go out in files of
/// <see cref="ModelsPerFile"/>, in name order.
/// </summary>
internal static class ModelEmitter
{
    /// <summary>How many models share a file: few files for the driver, files small enough to read and to compile in parallel.</summary>
    public const int ModelsPerFile = 200;

    private const string Serialization = "global::System.Text.Json.Serialization";
    private const string Json = "global::System.Text.Json";

    /// <summary>One file of models (a run of <see cref="SpecModel.Types"/>, which are sorted by name).</summary>
    public static string Emit(SpecModel spec, System.Collections.Generic.IEnumerable<TypeModel> models, TypeNames names, ContextPlan plan, LanguageSupport language)
    {
        var w = new SourceWriter().Header();
        w.Open("namespace " + spec.Namespace);
        bool first = true;
        foreach (TypeModel model in models)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            switch (model.Kind)
            {
                case TypeModelKind.Enum:
                    EmitEnum(w, model, spec.Visibility);
                    break;
                case TypeModelKind.Union:
                    EmitUnion(w, spec, model, names, plan);
                    break;
                default:
                    EmitObject(w, model, names, language, spec.Visibility);
                    break;
            }
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
        w.Line("/// <summary>The value as the provider spells it; empty for <see langword=\"default\"/>, which is what a JSON <c>null</c> reads as.</summary>");
        w.Line("public string Value => _value ?? string.Empty;");
        w.Line();
        w.Line("/// <inheritdoc />");
        // default (read from null, written as null) is not the empty string a provider may send: they compare unequal, so that
        // equal values also serialize the same.
        w.Line($"public bool Equals({name} other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override bool Equals(object? obj) => obj is {name} other && Equals(other);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public override int GetHashCode() => _value is null ? 0 : global::System.StringComparer.Ordinal.GetHashCode(_value);");
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
        w.Line("/// <summary>Reads and writes the value as a JSON string; JSON <c>null</c> reads as <see langword=\"default\"/> and <see langword=\"default\"/> writes <c>null</c>.</summary>");
        w.Open($"public sealed class Converter : {Serialization}.JsonConverter<{name}>");
        w.Line("/// <inheritdoc />");
        // Providers send null where their specs promise a value (Slack often does): one such field must not make the whole
        // response unreadable, so it reads as default, and writes back as null.
        w.Line($"public override {name} Read(ref {Json}.Utf8JsonReader reader, global::System.Type typeToConvert, {Json}.JsonSerializerOptions options) => reader.TokenType switch");
        w.Line("{");
        w.Line($"    {Json}.JsonTokenType.String => new {name}(reader.GetString()!),");
        w.Line($"    {Json}.JsonTokenType.Null => default,");
        w.Line($"    _ => throw new {Json}.JsonException(\"Expected a string for {name}, found \" + reader.TokenType + \".\"),");
        w.Line("};");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"public override void Write({Json}.Utf8JsonWriter writer, {name} value, {Json}.JsonSerializerOptions options)");
        w.Open("if (value._value is null)");
        w.Line("writer.WriteNullValue();");
        w.Close();
        w.Open("else");
        w.Line("writer.WriteStringValue(value._value);");
        w.Close();
        w.Close();
        w.Close();
        w.Close();
    }

    private static void EmitUnion(SourceWriter w, SpecModel spec, TypeModel model, TypeNames names, ContextPlan plan)
    {
        string name = model.Name;
        string visibility = spec.Visibility;
        TypeModel? Find(string typeName) => names.Find(typeName);

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
            w.Line("public string? Kind => Kind_(Raw);");
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

            w.Line();
            if (variant.DiscriminatorValue is { } value)
            {
                w.Line($"/// <summary>Whether <see cref=\"Kind\"/> is <c>{Escape(value)}</c>.</summary>");
                w.Line($"public bool Is{variant.Identifier} => Fits_{variant.Identifier}(Raw, 0);");
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
                w.Line($"/// <summary>Whether the value has the shape of a <c>{variant.Identifier}</c>: {ShapeDoc(variant.Type, Find)}.</summary>");
                w.Line($"public bool Is{variant.Identifier} => Fits_{variant.Identifier}(Raw, 0);");
                w.Line();
                w.Line($"/// <summary>Reads the value as a <c>{variant.Identifier}</c> if it has that shape (see <see cref=\"Is{variant.Identifier}\"/>).</summary>");
                w.Line("/// <param name=\"value\">The alternative, or <see langword=\"null\"/>.</param>");
                w.Line("/// <returns>Whether it has that shape.</returns>");
                w.Open($"public bool TryGet{variant.Identifier}(out {nullableType} value)");
                w.Open($"if (Is{variant.Identifier})");
                w.Open("try");
                w.Line($"value = As{variant.Identifier}();");
                w.Line("return true;");
                w.Close();
                w.Open($"catch ({Json}.JsonException)");
                w.Line("// The shape fits but a value does not read (a date-time that is not one, say): not this alternative.");
                w.Close();
                w.Close();
                w.Line();
                w.Line("value = default;");
                w.Line("return false;");
                w.Close();
            }

            w.Line();
            w.Line($"/// <summary>Reads the value as a <c>{variant.Identifier}</c>; a value that is not one (see <see cref=\"Is{variant.Identifier}\"/>) throws <see cref=\"{Json}.JsonException\"/>.</summary>");
            w.Line("/// <returns>The alternative.</returns>");
            w.Line($"public {type} As{variant.Identifier}() => Is{variant.Identifier}");
            w.Line($"    ? {Json}.JsonSerializer.Deserialize(Raw, {info})!");
            w.Line($"    : throw new {Json}.JsonException({Identifiers.Literal("The value is not a " + variant.Identifier + " (see Is" + variant.Identifier + "); read Raw, or TryGet another alternative.")});");
        }

        // The checks are static, so that a union listed in another union is checked by its own rules. Names with an underscore
        // cannot collide with a type or accessor name made from the spec (those never contain one past the first character).
        // The depth stops a union that lists itself, directly or through another, from recursing without end.
        w.Line();
        // Only a union listed inside a union recurses, and on the same value: a few levels is every real shape, and a bound
        // that low keeps unions that list each other (A: [B, C], B: [A, ...]) from exploring 2^depth branches.
        w.Line($"internal static bool Fits_({Json}.JsonElement value, int depth) => depth < 4 && ({string.Join(" || ", model.Variants.Select(v => $"Fits_{v.Identifier}(value, depth)"))});");
        if (model.DiscriminatorProperty is { } property)
        {
            w.Line();
            w.Line($"private static string? Kind_({Json}.JsonElement value) => value.ValueKind == {Json}.JsonValueKind.Object && value.TryGetProperty({Identifiers.Literal(property)}, out {Json}.JsonElement kind) && kind.ValueKind == {Json}.JsonValueKind.String ? kind.GetString() : null;");
        }

        foreach (UnionVariantModel variant in model.Variants)
        {
            w.Line();
            w.Line($"private static bool Fits_{variant.Identifier}({Json}.JsonElement value, int depth) =>");
            System.Collections.Generic.List<string> checks = ShapeChecks(variant, Find, names);
            for (int i = 0; i < checks.Count; i++)
            {
                w.Line((i == 0 ? "    " : "    && ") + checks[i] + (i == checks.Count - 1 ? ";" : string.Empty));
            }
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

    private const string Shape = "global::Paragon.Serialization.JsonShape";

    /// <summary>The conditions (all must hold) that check one alternative's shape, over <c>value</c> and <c>depth</c>.</summary>
    private static System.Collections.Generic.List<string> ShapeChecks(UnionVariantModel variant, System.Func<string, TypeModel?> find, TypeNames names)
    {
        if (variant.DiscriminatorValue is { } kind)
        {
            return [$"Kind_(value) == {Identifiers.Literal(kind)}"];
        }

        TypeModel? model = variant.Type.Kind == TypeKind.Model ? find(variant.Type.Name!) : null;
        if (model?.Kind == TypeModelKind.Union)
        {
            return [$"{names.Qualified(model.Name)}.Fits_(value, depth + 1)"];
        }

        if (model?.Kind == TypeModelKind.Object)
        {
            var checks = new System.Collections.Generic.List<string> { $"value.ValueKind == {Json}.JsonValueKind.Object" };
            foreach (PropertyModel property in model.Properties)
            {
                if (property.Tag is { } tag)
                {
                    // Equal to the one value says the kind too; a tag's declared type may be wider (an extensible enum).
                    checks.Add($"{Shape}.HasTag(value, {Identifiers.Literal(property.JsonName)}, {TagExpression(tag)}, required: {(property.Required ? "true" : "false")})");
                    continue;
                }

                JsonKinds kinds = JsonShapes.Of(property, find);
                if (kinds != JsonKinds.Any || property.Required)
                {
                    checks.Add($"{Shape}.HasProperty(value, {Identifiers.Literal(property.JsonName)}, {JsonShapes.Expression(kinds)}, required: {(property.Required ? "true" : "false")})");
                }
            }

            return checks;
        }

        JsonKinds top = JsonShapes.Of(variant.Type, find);
        return [top == JsonKinds.Any ? "true" : $"{Shape}.Is(value, {JsonShapes.Expression(top)})"];
    }

    /// <summary>A tag's JSON literal as a C# constant of the matching <c>HasTag</c> overload: a string, a long or a bool.</summary>
    private static string TagExpression(string literal)
    {
        if (literal[0] != '"')
        {
            return literal is "true" or "false" ? literal : literal + "L";
        }

        using System.Text.Json.JsonDocument document = System.Text.Json.JsonDocument.Parse(literal);
        return Identifiers.Literal(document.RootElement.GetString()!);
    }

    private static string ShapeDoc(TypeRef type, System.Func<string, TypeModel?> find) =>
        type.Kind == TypeKind.Model && find(type.Name!) is { } model
            ? model.Kind switch
            {
                TypeModelKind.Object when model.Properties.Any(p => p.Tag is not null) => "an object with its required properties, each of its properties of the right JSON kind, and each that allows one value (a tag) holding that value",
                TypeModelKind.Object => "an object with its required properties, each of its properties of the right JSON kind",
                TypeModelKind.Union => "one of its own alternatives",
                _ => "a string",
            }
            : type.Kind switch
            {
                TypeKind.Json => "any JSON value",
                TypeKind.List => "an array",
                TypeKind.Dictionary => "an object",
                TypeKind.Int32 or TypeKind.Int64 => "an integral number that fits",
                TypeKind.Double or TypeKind.Single or TypeKind.Decimal => "a number",
                TypeKind.Boolean => "<see langword=\"true\"/> or <see langword=\"false\"/>",
                _ => "a string",
            };

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
