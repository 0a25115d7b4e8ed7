using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// <c>SendNull</c> (an explicit JSON null in a partial update) exists on the models a call sends, and on everything inside
/// them, and nowhere else: the method and its switch on every response model was an eighth of a spec's compile time for
/// nothing, since a model that is only read is never sent.
/// </summary>
public sealed class SentModelTests(ITestOutputHelper output)
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Shop, version: "1" }
        paths:
          /orders:
            get:
              operationId: listOrders
              responses: { "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Receipt' } } } } } }
            patch:
              operationId: updateOrder
              requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/OrderUpdate' } } } }
              responses: { "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Receipt' } } } } }
        components:
          schemas:
            OrderUpdate:
              type: object
              properties:
                note: { type: string }
                lines: { type: array, items: { $ref: '#/components/schemas/Line' } }
                payment: { oneOf: [ { $ref: '#/components/schemas/Card' }, { $ref: '#/components/schemas/Transfer' } ] }
                labels: { type: object, additionalProperties: { $ref: '#/components/schemas/Label' } }
            Line: { type: object, properties: { sku: { type: string } } }
            Card: { type: object, required: [kind], properties: { kind: { type: string, enum: [card] }, last4: { type: string } } }
            Transfer: { type: object, required: [kind], properties: { kind: { type: string, enum: [transfer] }, iban: { type: string } } }
            Label: { type: object, properties: { text: { type: string } } }
            Receipt: { type: object, properties: { id: { type: string }, total: { type: integer }, line: { $ref: '#/components/schemas/ReceiptLine' } } }
            ReceiptLine: { type: object, properties: { sku: { type: string } } }
        """;

    [Fact]
    public void A_sent_model_and_every_model_inside_it_have_SendNull()
    {
        string consumer = """
            using Paragon.Integrations.Shop;
            public static class Probe
            {
                public static object[] Run() =>
                [
                    new OrderUpdate().SendNull(nameof(OrderUpdate.Note)),
                    new Line().SendNull(nameof(Line.Sku)),
                    new Card { Kind = "card" }.SendNull(nameof(Card.Last4)),
                    new Transfer { Kind = "transfer" }.SendNull(nameof(Transfer.Iban)),
                    new Label().SendNull(nameof(Label.Text)),
                ];
            }
            """;
        GeneratorHarness.RunClean(output, [new SpecFile("shop.yaml", Spec)], consumer);
    }

    [Fact]
    public void A_model_that_is_only_read_has_no_SendNull()
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("shop.yaml", Spec)], """
            using Paragon.Integrations.Shop;
            public static class Probe
            {
                public static object Run() => new Receipt().SendNull(nameof(Receipt.Id));
                public static object Nested() => new ReceiptLine().SendNull(nameof(ReceiptLine.Sku));
            }
            """);
        string[] missing = result.Errors.Where(d => d.Id == "CS1061").Select(d => d.GetMessage()).ToArray();
        Assert.Equal(2, missing.Length);
        Assert.Contains(missing, m => m.Contains("'Receipt'") && m.Contains("SendNull"));
        Assert.Contains(missing, m => m.Contains("'ReceiptLine'") && m.Contains("SendNull"));
        Assert.Equal(2, result.Errors.Count(d => d.Severity == DiagnosticSeverity.Error));
    }
}

/// <summary>An extensible enum is a record struct: a value named like a member the compiler synthesizes for it still builds.</summary>
public sealed class EnumRecordTests(ITestOutputHelper output)
{
    [Fact]
    public void An_enum_value_named_like_a_synthesized_record_member_still_compiles_and_round_trips()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Rec, version: "1" }
            paths:
              /t:
                get:
                  operationId: get
                  responses: { "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Mode' } } } } }
            components:
              schemas:
                Mode: { type: string, enum: [print_members, equals, deconstruct, equality_contract] }
            """;
        GenerationResult result = GeneratorHarness.RunClean(output, [new SpecFile("rec.yaml", spec)], """
            using Paragon.Integrations.Rec;
            public static class Probe
            {
                public static bool Run() => System.Text.Json.JsonSerializer.Deserialize("\"print_members\"", RecJsonContext.Default.Mode) == Mode.PrintMembers2
                    && Mode.Deconstruct.Value == "deconstruct" && Mode.EqualityContract.Value == "equality_contract";
            }
            """);
        Assert.Empty(result.Errors);
    }
}
