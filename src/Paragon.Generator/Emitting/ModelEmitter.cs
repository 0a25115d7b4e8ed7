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

        // Docs are written where they say something the declaration does not (the spec's descriptions, the wire spelling, a
        // shape rule): "The Card model." on every type was most of the output. A consumer that builds its docs
        // (GenerateDocumentationFile) must not get a warning for each member left without one.
        w.Line("#pragma warning disable CS1591 // members whose declaration says it all have no doc comment");
        w.Line();
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
                    EmitObject(w, model, names, plan, language, spec.Visibility);
                    break;
            }
        }

        w.Close();
        return w.ToString();
    }

    private static void EmitObject(SourceWriter w, TypeModel model, TypeNames names, ContextPlan plan, LanguageSupport language, string visibility)
    {
        w.Doc(model.Description);
        Attributes(w, model.Deprecated);
        w.Open($"{visibility} sealed partial class {model.Name}");
        foreach (PropertyModel property in model.Properties)
        {
            w.Doc(property.Description, fallback: property.Tag is { } tag ? $"Always <c>{Escape(tag)}</c>." : string.Empty);
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

        if (plan.IsSent(model.Name))
        {
            EmitSendNull(w, model);
        }

        w.Line("/// <summary>Fields the provider sent that this model does not describe: kept, and written back when the model is serialized.</summary>");
        w.Line($"[{Serialization}.JsonExtensionData]");
        w.Line($"public global::System.Collections.Generic.Dictionary<string, {Json}.JsonElement>? AdditionalProperties {{ get; set; }}");
        w.Close();
    }

    /// <summary>
    /// Optional properties are left out of the JSON while they are null, so that a partial update (PATCH) sends only what
    /// was set. <c>SendNull</c> is the way to send an explicit <c>null</c> instead, which is how Salesforce, HubSpot and
    /// Notion clear a field. Only on models a call sends (<see cref="ContextPlan.IsSent"/>).
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
        w.Line("/// <summary>Sets an optional property (named with <c>nameof</c>) to <see langword=\"null\"/> and sends it as JSON <c>null</c>, which is how a partial update clears a field; an unset property is left out.</summary>");
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

    /// <summary>
    /// An extensible enum: a string wrapper with a static property per known value. A <c>record struct</c>, so that equality,
    /// the hash and the operators are the compiler's (synthesized, never parsed or bound from text), and read and written by
    /// the runtime's one <c>ExtensibleEnumConverter&lt;T&gt;</c> through <c>IExtensibleEnumValue&lt;T&gt;</c>: Stripe's 1,602 enums
    /// each carried eight such members and a converter class of their own.
    /// </summary>
    private static void EmitEnum(SourceWriter w, TypeModel model, string visibility)
    {
        string name = model.Name;
        w.Doc(model.Description, authoredRemarks: "Extensible: a value the provider adds later is kept and round-trips, never an error.");
        Attributes(w, model.Deprecated);
        w.Line($"[{Serialization}.JsonConverter(typeof(global::Paragon.Serialization.ExtensibleEnumConverter<{name}>))]");
        w.Open($"{visibility} readonly partial record struct {name} : global::Paragon.Serialization.IExtensibleEnumValue<{name}>");

        // The record's equality compares this field ordinally (string equality), null (default, read from a JSON null) apart
        // from the empty string a provider may send, so that equal values also serialize the same.
        w.Line("private readonly string? _value;");
        w.Line("/// <summary>Creates a value; any string is allowed, known or not.</summary>");
        w.Line($"public {name}(string value) => _value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
        foreach (EnumMemberModel member in model.EnumMembers)
        {
            // The wire spelling on every member, even where the name looks like it: the name is PascalCase, the provider's
            // value may not be, and the value is what a log, a webhook or the provider's docs show.
            string wire = $"The wire value <c>{Escape(member.Value)}</c>.";
            w.Doc(member.Description, fallback: wire, authoredRemarks: Identifiers.DocLines(member.Description).Any() ? wire : null);
            w.Line($"public static {name} {member.Identifier} {{ get; }} = new({Identifiers.Literal(member.Value)});");
        }

        w.Line("/// <summary>The value as the provider spells it; empty for <see langword=\"default\"/>, which is what a JSON <c>null</c> reads as.</summary>");
        w.Line("public string Value => _value ?? string.Empty;");
        w.Line("public override string ToString() => Value;");
        w.Line($"public static implicit operator {name}(string value) => new {name}(value);");
        w.Line($"{name} global::Paragon.Serialization.IExtensibleEnumValue<{name}>.Create(string value) => new {name}(value);");

        // Also what the converter writes: null for default.
        w.Line("string? global::Paragon.Proxy.IProxyValue.ToProxyValue() => _value;");
        w.Close();
    }

    private static void EmitUnion(SourceWriter w, SpecModel spec, TypeModel model, TypeNames names, ContextPlan plan)
    {
        string name = model.Name;
        string visibility = spec.Visibility;
        TypeModel? Find(string typeName) => names.Find(typeName);

        string alternatives = string.Join(", ", model.Variants.Select(v => v.Identifier));
        w.Doc(model.Description, authoredRemarks: $"One of: {alternatives}. The JSON is kept as sent (<see cref=\"global::Paragon.Serialization.JsonUnion.Raw\"/>), so a shape this client does not know is never an error.");
        Attributes(w, model.Deprecated);
        w.Line($"[{Serialization}.JsonConverter(typeof({name}.Converter))]");
        w.Open($"{visibility} sealed partial class {name} : global::Paragon.Serialization.JsonUnion");
        w.Line($"private {name}({Json}.JsonElement raw) : base(raw) {{ }}");
        if (model.DiscriminatorProperty is { } discriminator)
        {
            w.Line($"/// <summary>The <c>{Escape(discriminator)}</c> field, which says which alternative this is.</summary>");
            w.Line($"public string? Kind => ReadKind(Raw, {Identifiers.Literal(discriminator)});");
        }

        w.Line("/// <summary>Wraps JSON as it is (a copy).</summary>");
        w.Line($"public static {name} FromRaw({Json}.JsonElement raw) => new {name}(raw.Clone());");
        w.Line($"public sealed class Converter : global::Paragon.Serialization.JsonUnionConverter<{name}> {{ public Converter() : base(raw => new {name}(raw)) {{ }} }}");

        // The checks are static, so that a union listed in another union is checked by its own rules. Names with an underscore
        // cannot collide with a type or accessor name made from the spec (those never contain one past the first character).
        // The depth stops a union that lists itself, directly or through another, from recursing without end.
        // Only a union listed inside a union recurses, and on the same value: a few levels is every real shape, and a bound
        // that low keeps unions that list each other (A: [B, C], B: [A, ...]) from exploring 2^depth branches.
        w.Line($"internal static bool Fits_({Json}.JsonElement value, int depth) => depth < 4 && ({string.Join(" || ", model.Variants.Select(v => $"Fits_{v.Identifier}(value, depth)"))});");
        foreach (UnionVariantModel variant in model.Variants)
        {
            string id = variant.Identifier;
            string type = names.CSharp(variant.Type);
            string info = plan.Access(variant.Type);
            w.Line();
            w.Line($"public static {name} From{id}({type} value) => new {name}(ToJson(value, {info}));");

            // No conversion from the union to itself (a oneOf that lists itself): C# forbids it (CS0555).
            if ((variant.Type.Kind is TypeKind.List or TypeKind.Dictionary or TypeKind.String or TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double or TypeKind.Boolean)
                || (variant.Type.Kind == TypeKind.Model && variant.Type.Name != name))
            {
                w.Line($"public static implicit operator {name}({type} value) => From{id}(value);");
            }

            w.Line(variant.DiscriminatorValue is { } value
                ? $"/// <summary>Whether <see cref=\"Kind\"/> is <c>{Escape(value)}</c>.</summary>"
                : $"/// <summary>Whether the value has the shape of a <c>{id}</c>: {ShapeDoc(variant.Type, Find)}.</summary>");
            w.Line($"public bool Is{id} => Fits_{id}(Raw, 0);");
            w.Line($"/// <summary>Reads the value as the <c>{id}</c> alternative: <see langword=\"true\"/> when it is one (<see cref=\"Is{id}\"/>), <see langword=\"false\"/> otherwise.</summary>");
            w.Line(names.IsValueType(variant.Type)
                ? $"public bool TryGet{id}(out {type}? value) => TryReadValue(Is{id}, {info}, out value);"
                : $"public bool TryGet{id}(out {type}? value) => TryRead(Is{id}, {info}, out value);");
            w.Line($"/// <summary>The value as the <c>{id}</c> alternative.</summary>");
            w.Line($"/// <exception cref=\"{Json}.JsonException\">It is not one (<see cref=\"Is{id}\"/> is <see langword=\"false\"/>).</exception>");
            w.Line($"public {type} As{id}() => Read(Is{id}, {info}, {Identifiers.Literal(id)});");
            System.Collections.Generic.List<string> checks = ShapeChecks(variant, Find, names, model.DiscriminatorProperty);
            w.Line($"private static bool Fits_{id}({Json}.JsonElement value, int depth) =>");
            for (int i = 0; i < checks.Count; i++)
            {
                w.Line((i == 0 ? "    " : "    && ") + checks[i] + (i == checks.Count - 1 ? ";" : string.Empty));
            }
        }

        w.Close();
    }

    /// <summary>
    /// The conditions (all must hold) that check one alternative's shape, over <c>value</c> and <c>depth</c>. They call JsonShape's
    /// checks through the union's base, <c>JsonUnion</c>: no qualified name on each of the thousands of checks in a big spec.
    /// </summary>
    private static System.Collections.Generic.List<string> ShapeChecks(UnionVariantModel variant, System.Func<string, TypeModel?> find, TypeNames names, string? discriminator)
    {
        if (variant.DiscriminatorValue is { } kind)
        {
            return [$"ReadKind(value, {Identifiers.Literal(discriminator!)}) == {Identifiers.Literal(kind)}"];
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
                    checks.Add($"HasTag(value, {Identifiers.Literal(property.JsonName)}, {TagExpression(tag)}, required: {(property.Required ? "true" : "false")})");
                    continue;
                }

                JsonKinds kinds = JsonShapes.Of(property, find);
                if (kinds != JsonKinds.Any || property.Required)
                {
                    checks.Add($"HasProperty(value, {Identifiers.Literal(property.JsonName)}, {JsonShapes.Expression(kinds)}, required: {(property.Required ? "true" : "false")})");
                }
            }

            return checks;
        }

        JsonKinds top = JsonShapes.Of(variant.Type, find);
        return [top == JsonKinds.Any ? "true" : $"Is(value, {JsonShapes.Expression(top)})"];
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
                TypeKind.Expandable => "a string (an id) or an object",
                TypeKind.OrEmpty => "the empty string, or " + ShapeDoc(type.Element!, find),
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
