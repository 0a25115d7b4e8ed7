using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// Union accessors without a discriminator answer from the JSON's shape: required properties present, declared properties of
/// the right JSON kind. The generated code is compiled, loaded and called.
/// </summary>
public sealed class UnionShapeTests(ITestOutputHelper output)
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Unions, version: "1" }
        paths:
          /all:
            get:
              operationId: all.get
              responses:
                "200":
                  description: Every union.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          payment: { $ref: '#/components/schemas/Payment' }
                          overlap: { $ref: '#/components/schemas/Overlap' }
                          label: { $ref: '#/components/schemas/Label' }
                          twins: { $ref: '#/components/schemas/Twins' }
                          moment: { $ref: '#/components/schemas/Moment' }
                          amount: { $ref: '#/components/schemas/Amount' }
                          nested: { $ref: '#/components/schemas/Nested' }
                          shape: { $ref: '#/components/schemas/Shape' }
        components:
          schemas:
            Card:
              type: object
              required: [number, expiry]
              properties:
                number: { type: string }
                expiry: { type: string }
                cvc: { type: integer, format: int32 }
                holder: { type: string, nullable: true }
            Transfer:
              type: object
              required: [iban]
              properties:
                iban: { type: string }
            Payment:
              oneOf:
                - $ref: '#/components/schemas/Card'
                - $ref: '#/components/schemas/Transfer'
            Short:
              type: object
              required: [id]
              properties:
                id: { type: string }
            Long:
              type: object
              required: [id, name]
              properties:
                id: { type: string }
                name: { type: string }
            Overlap:
              oneOf:
                - $ref: '#/components/schemas/Short'
                - $ref: '#/components/schemas/Long'
            Label:
              oneOf:
                - type: string
                - $ref: '#/components/schemas/Transfer'
            Twin1:
              type: object
              required: [id]
              properties:
                id: { type: string }
                note: { type: string }
            Twin2:
              type: object
              required: [id]
              properties:
                id: { type: string }
                size: { type: integer }
            Twins:
              oneOf:
                - $ref: '#/components/schemas/Twin1'
                - $ref: '#/components/schemas/Twin2'
            Moment:
              oneOf:
                - type: string
                - { type: string, format: date-time }
            Amount:
              oneOf:
                - { type: integer, format: int64 }
                - type: string
            Nested:
              anyOf:
                - $ref: '#/components/schemas/Label'
                - type: array
                  items: { type: integer }
            Circle:
              type: object
              required: [kind]
              properties:
                kind: { type: string }
            Square:
              type: object
              required: [kind]
              properties:
                kind: { type: string }
            Shape:
              oneOf:
                - $ref: '#/components/schemas/Circle'
                - $ref: '#/components/schemas/Square'
              discriminator:
                propertyName: kind
        """;

    [Fact]
    public void Disjoint_variants_answer_yes_exactly_once()
    {
        using var loaded = Loaded.From(Generate("unions.yaml", Spec));
        Assert.Equal(["Card"], loaded.Accepting("Payment", """{"number":"4242","expiry":"12/30","cvc":123}"""));
        Assert.Equal(["Transfer"], loaded.Accepting("Payment", """{"iban":"DE89370400440532013000"}"""));
        Assert.Empty(loaded.Accepting("Payment", """{"amount":5}"""));
        Assert.Empty(loaded.Accepting("Payment", "\"card\""));
        Assert.Empty(loaded.Accepting("Payment", "[]"));
        Assert.Empty(loaded.WithoutIs("Payment"));
        Assert.Empty(loaded.WithoutIs("Label"));
    }

    [Fact]
    public void A_property_of_the_wrong_kind_says_no()
    {
        using var loaded = Loaded.From(Generate("unions.yaml", Spec));
        Assert.Empty(loaded.Accepting("Payment", """{"number":4242,"expiry":"12/30"}"""));
        Assert.Empty(loaded.Accepting("Payment", """{"number":null,"expiry":"12/30"}"""));
        Assert.Empty(loaded.Accepting("Payment", """{"number":"4242","expiry":"12/30","cvc":"123"}"""));
        Assert.Empty(loaded.Accepting("Payment", """{"number":"4242","expiry":"12/30","cvc":1.5}"""));
        Assert.Empty(loaded.Accepting("Payment", """{"number":"4242","expiry":"12/30","cvc":3000000000}"""));
        Assert.Equal(["Card"], loaded.Accepting("Payment", """{"number":"4242","expiry":"12/30","holder":null,"extra":[1]}"""));
        Assert.Equal(["Transfer"], loaded.Accepting("Payment", """{"iban":"DE","number":4242}"""));
    }

    [Fact]
    public void Overlapping_variants_answer_for_every_shape_that_fits()
    {
        using var loaded = Loaded.From(Generate("unions.yaml", Spec));
        Assert.Equal(["Long", "Short"], loaded.Accepting("Overlap", """{"id":"1","name":"Ada"}"""));
        Assert.Equal(["Short"], loaded.Accepting("Overlap", """{"id":"1"}"""));
        Assert.Equal(["Short"], loaded.Accepting("Overlap", """{"id":"1","name":7}"""));
    }

    [Fact]
    public void Primitive_and_object_variants_are_told_apart()
    {
        using var loaded = Loaded.From(Generate("unions.yaml", Spec));
        Assert.Equal(["String"], loaded.Accepting("Label", "\"urgent\""));
        Assert.Equal(["Transfer"], loaded.Accepting("Label", """{"iban":"DE"}"""));
        Assert.Empty(loaded.Accepting("Label", "12"));

        Assert.Equal(["Int64"], loaded.Accepting("Amount", "12"));
        Assert.Equal(["String"], loaded.Accepting("Amount", "\"12\""));
        Assert.Empty(loaded.Accepting("Amount", "1.5"));
        Assert.Empty(loaded.Accepting("Amount", "true"));

        // A union inside a union answers with the inner union's own check.
        Assert.Equal(["Label"], loaded.Accepting("Nested", "\"urgent\""));
        Assert.Equal(["ListOfInt64"], loaded.Accepting("Nested", "[1,2]"));
        Assert.Empty(loaded.Accepting("Nested", "{}"));
    }

    [Fact]
    public void A_discriminator_still_decides()
    {
        using var loaded = Loaded.From(Generate("unions.yaml", Spec));
        Assert.Equal(["Circle"], loaded.Accepting("Shape", """{"kind":"Circle"}"""));
        Assert.Empty(loaded.Accepting("Shape", """{"kind":"Hexagon"}"""));
    }

    [Fact]
    public void The_snapshot_Payment_says_no_to_a_Transfer()
    {
        string path = GeneratorHarness.TestSpec("snapshot.yaml");
        using var loaded = Loaded.From(Generate("snapshot.yaml", File.ReadAllText(path)));
        Assert.Equal(["Transfer"], loaded.Accepting("Payment", """{"iban":"DE89370400440532013000"}"""));
        Assert.Equal(["Card"], loaded.Accepting("Payment", """{"brand":"visa"}"""));
    }

    [Fact]
    public void Variants_that_cannot_be_told_apart_are_PARAGON013_at_the_union()
    {
        GenerationResult result = Generate("unions.yaml", Spec);
        Diagnostic[] flagged = result.GeneratorDiagnostics.Where(d => d.Id == "PARAGON013").OrderBy(d => d.GetMessage(), StringComparer.Ordinal).ToArray();
        Assert.Equal(2, flagged.Length);

        Assert.Contains("'Moment'", flagged[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'String'", flagged[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'DateTimeOffset'", flagged[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'Twins'", flagged[1].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'Twin1'", flagged[1].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'Twin2'", flagged[1].GetMessage(), StringComparison.Ordinal);
        Assert.All(flagged, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));

        // At the union's schema, by line.
        string[] lines = Spec.Split('\n');
        Assert.Equal("    Twins:", lines[flagged[1].Location.GetLineSpan().StartLinePosition.Line].TrimEnd());
        Assert.Equal("    Moment:", lines[flagged[0].Location.GetLineSpan().StartLinePosition.Line].TrimEnd());
    }

    /// <summary>Stripe's shape: look-alikes told apart only by an <c>object</c> (or <c>type</c>) that allows one value.</summary>
    private const string TaggedSpec = """
        openapi: 3.0.3
        info: { title: Tagged, version: "1" }
        paths:
          /all:
            get:
              operationId: all.get
              responses:
                "200":
                  description: Every union.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          owner: { $ref: '#/components/schemas/Owner' }
                          party: { $ref: '#/components/schemas/Party' }
        components:
          schemas:
            Customer:
              type: object
              required: [id, object]
              properties:
                id: { type: string }
                object: { type: string, enum: [customer] }
                email: { type: string }
            BankAccount:
              type: object
              required: [id, object]
              properties:
                id: { type: string }
                object: { type: string, enum: [bank_account] }
                last4: { type: string }
            Owner:
              anyOf:
                - $ref: '#/components/schemas/Customer'
                - $ref: '#/components/schemas/BankAccount'
            PersonKind:
              type: string
              enum: [person]
            Person:
              type: object
              required: [name]
              properties:
                name: { type: string }
                type: { $ref: '#/components/schemas/PersonKind' }
            Company:
              type: object
              required: [name]
              properties:
                name: { type: string }
                type: { type: string, enum: [company] }
            Party:
              oneOf:
                - $ref: '#/components/schemas/Person'
                - $ref: '#/components/schemas/Company'
        """;

    /// <summary>OpenAPI 3.1 tags: <c>const</c> (untyped, as Discord writes it), integer and boolean one-value enums.</summary>
    private const string ConstSpec = """
        openapi: 3.1.0
        info: { title: Consts, version: "1" }
        paths:
          /all:
            get:
              operationId: all.get
              responses:
                "200":
                  description: Every union.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          message: { $ref: '#/components/schemas/Message' }
                          component: { $ref: '#/components/schemas/Component' }
                          switch: { $ref: '#/components/schemas/Switch' }
        components:
          schemas:
            TextMessage:
              type: object
              required: [type]
              properties:
                type: { const: 1 }
                content: { type: string }
            ButtonMessage:
              type: object
              required: [type]
              properties:
                type: { const: 2 }
                label: { type: string }
            Message:
              oneOf:
                - $ref: '#/components/schemas/TextMessage'
                - $ref: '#/components/schemas/ButtonMessage'
            ComponentTypes:
              type: integer
              oneOf:
                - { title: ACTION_ROW, const: 1 }
                - { title: BUTTON, const: 2 }
                - { title: SELECT, const: 3 }
            ButtonComponent:
              type: object
              required: [type]
              properties:
                type: { type: integer, enum: [2], allOf: [{ $ref: '#/components/schemas/ComponentTypes' }], format: int32 }
                label: { type: string }
            SelectComponent:
              type: object
              required: [type]
              properties:
                type: { type: integer, enum: [3], allOf: [{ $ref: '#/components/schemas/ComponentTypes' }], format: int32 }
                options: { type: array, items: { type: string } }
            Component:
              oneOf:
                - $ref: '#/components/schemas/ButtonComponent'
                - $ref: '#/components/schemas/SelectComponent'
            On:
              type: object
              required: [enabled]
              properties:
                enabled: { type: boolean, enum: [true] }
            Off:
              type: object
              required: [enabled]
              properties:
                enabled: { const: false }
            Switch:
              oneOf:
                - $ref: '#/components/schemas/On'
                - $ref: '#/components/schemas/Off'
        """;

    [Fact]
    public void A_required_one_value_tag_tells_look_alikes_apart()
    {
        GenerationResult result = Generate("tagged.yaml", TaggedSpec);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON013");

        using var loaded = Loaded.From(result);
        Assert.Equal(["Customer"], loaded.Accepting("Owner", """{"id":"cus_1","object":"customer","email":"a@b.c"}"""));
        Assert.Equal(["BankAccount"], loaded.Accepting("Owner", """{"id":"ba_1","object":"bank_account","last4":"6789"}"""));
        Assert.Empty(loaded.Accepting("Owner", """{"id":"card_1","object":"card"}"""));
        Assert.Empty(loaded.Accepting("Owner", """{"id":"cus_1"}"""));
        Assert.Empty(loaded.Accepting("Owner", """{"id":"cus_1","object":null}"""));
    }

    [Fact]
    public void An_optional_tag_must_match_when_present()
    {
        GenerationResult result = Generate("tagged.yaml", TaggedSpec);
        using var loaded = Loaded.From(result);
        Assert.Equal(["Person"], loaded.Accepting("Party", """{"name":"Ada","type":"person"}"""));
        Assert.Equal(["Company"], loaded.Accepting("Party", """{"name":"Acme","type":"company"}"""));
        Assert.Equal(["Company", "Person"], loaded.Accepting("Party", """{"name":"Ada"}"""));
        Assert.Empty(loaded.Accepting("Party", """{"name":"R2","type":"robot"}"""));
    }

    [Fact]
    public void Const_integer_and_boolean_tags_tell_look_alikes_apart()
    {
        GenerationResult result = Generate("consts.yaml", ConstSpec);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON013");

        using var loaded = Loaded.From(result);
        Assert.Equal(["TextMessage"], loaded.Accepting("Message", """{"type":1,"content":"hi"}"""));
        Assert.Equal(["ButtonMessage"], loaded.Accepting("Message", """{"type":2,"label":"OK"}"""));
        Assert.Empty(loaded.Accepting("Message", """{"type":3}"""));
        Assert.Empty(loaded.Accepting("Message", """{"type":"1"}"""));
        Assert.Empty(loaded.Accepting("Message", """{"content":"hi"}"""));

        Assert.Equal(["ButtonComponent"], loaded.Accepting("Component", """{"type":2,"label":"OK"}"""));
        Assert.Equal(["SelectComponent"], loaded.Accepting("Component", """{"type":3,"options":["a"]}"""));
        Assert.Empty(loaded.Accepting("Component", """{"type":1}"""));

        Assert.Equal(["On"], loaded.Accepting("Switch", """{"enabled":true}"""));
        Assert.Equal(["Off"], loaded.Accepting("Switch", """{"enabled":false}"""));
        Assert.Empty(loaded.Accepting("Switch", """{"enabled":"true"}"""));
    }

    private GenerationResult Generate(string name, string text)
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/" + name, text)]);
        foreach (Diagnostic diagnostic in result.GeneratorDiagnostics.Concat(result.Errors))
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(result.Errors);
        return result;
    }

    /// <summary>The generated assembly in a collectible load context; Paragon.Runtime comes from the test's own context.</summary>
    private sealed class Loaded : IDisposable
    {
        private readonly AssemblyLoadContext _context;
        private readonly Assembly _assembly;

        private Loaded(AssemblyLoadContext context, Assembly assembly)
        {
            _context = context;
            _assembly = assembly;
        }

        public static Loaded From(GenerationResult result)
        {
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = result.Output.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            image.Position = 0;
            var context = new AssemblyLoadContext("generated", isCollectible: true);
            return new Loaded(context, context.LoadFromStream(image));
        }

        /// <summary>The variants whose TryGetX says yes, after checking that IsX and AsX agree and that the value it gives is set.</summary>
        public string[] Accepting(string union, string json)
        {
            Type type = _assembly.GetTypes().Single(t => t.Name == union && t.Namespace!.StartsWith("Paragon.Integrations.", StringComparison.Ordinal));
            using JsonDocument document = JsonDocument.Parse(json);
            object value = type.GetMethod("FromRaw")!.Invoke(null, [document.RootElement])!;
            return type.GetMethods()
                .Where(m => m.Name.StartsWith("TryGet", StringComparison.Ordinal))
                .Where(tryGet =>
                {
                    string variant = tryGet.Name["TryGet".Length..];
                    object?[] arguments = [null];
                    bool yes = (bool)tryGet.Invoke(value, arguments)!;
                    if (type.GetProperty("Is" + variant) is { } isProperty)
                    {
                        bool isX = (bool)isProperty.GetValue(value)!;
                        Assert.True(yes == isX, $"Is{variant} says {isX}, TryGet{variant} says {yes} for {json}");
                    }

                    Assert.Equal(yes, arguments[0] is not null);

                    // AsX agrees: it reads what TryGetX accepts, and throws JsonException (never returns a half-read value) otherwise.
                    MethodInfo asX = type.GetMethod("As" + variant)!;
                    if (yes)
                    {
                        Assert.NotNull(asX.Invoke(value, []));
                    }
                    else
                    {
                        var thrown = Assert.Throws<TargetInvocationException>(() => asX.Invoke(value, []));
                        Assert.IsAssignableFrom<JsonException>(thrown.InnerException);
                    }

                    return yes;
                })
                .Select(m => m.Name["TryGet".Length..])
                .Order(StringComparer.Ordinal)
                .ToArray();
        }

        /// <summary>Variants that have a TryGetX but no IsX.</summary>
        public string[] WithoutIs(string union)
        {
            Type type = _assembly.GetTypes().Single(t => t.Name == union && t.Namespace!.StartsWith("Paragon.Integrations.", StringComparison.Ordinal));
            return type.GetMethods().Where(m => m.Name.StartsWith("TryGet", StringComparison.Ordinal)).Select(m => m.Name["TryGet".Length..])
                .Where(variant => type.GetProperty("Is" + variant) is null).ToArray();
        }

        public void Dispose() => _context.Unload();
    }
}
