using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// Stripe's two commonest unions, an id or the object (<c>anyOf: [string, $ref]</c>) and a value or <c>""</c>
/// (<c>anyOf: [X, enum: [""]]</c>), are the runtime's <c>Expandable&lt;T&gt;</c> and <c>OrEmpty&lt;T&gt;</c>, not a generated
/// class each (and, for the second, a one-value enum each). Compiled with a consumer that reads and writes them, loaded and run.
/// </summary>
public sealed class GenericUnionTests(ITestOutputHelper output)
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Shop, version: "1" }
        paths:
          /charges:
            post:
              operationId: charges.create
              requestBody:
                content: { application/json: { schema: { $ref: '#/components/schemas/Charge' } } }
              responses:
                "200":
                  description: The charge.
                  content: { application/json: { schema: { $ref: '#/components/schemas/Charge' } } }
        components:
          schemas:
            Customer:
              type: object
              required: [id, object]
              properties:
                id: { type: string }
                object: { type: string, enum: [customer] }
                email: { type: string }
            Address:
              type: object
              properties:
                line1: { type: string }
            Charge:
              type: object
              required: [id, customer]
              properties:
                id: { type: string }
                customer:
                  anyOf:
                    - { type: string, maxLength: 5000 }
                    - $ref: '#/components/schemas/Customer'
                on_behalf_of:
                  nullable: true
                  anyOf:
                    - { type: string }
                    - $ref: '#/components/schemas/Customer'
                shipping:
                  anyOf:
                    - $ref: '#/components/schemas/Address'
                    - { type: string, enum: [""] }
                limit:
                  anyOf:
                    - { type: integer }
                    - { type: string, enum: [""] }
                tags:
                  anyOf:
                    - { type: array, items: { type: string } }
                    - { type: string, enum: [""] }
        """;

    // The consumer: what a user writes against the generated types. It returns what it saw, one line per check.
    private const string Consumer = """
        using System.Text.Json;
        using Paragon.Integrations.Shop;
        using Paragon.Serialization;

        public static class Probe
        {
            public static string Run()
            {
                var lines = new System.Collections.Generic.List<string>();
                foreach (string json in new[]
                {
                    "{\"id\":\"ch_1\",\"customer\":\"cus_1\"}",
                    "{\"id\":\"ch_2\",\"customer\":{\"id\":\"cus_2\",\"object\":\"customer\",\"email\":\"a@b.c\",\"unknown\":[1,{\"x\":2.50}]}}",
                    "{\"id\":\"ch_3\",\"customer\":\"cus_3\",\"shipping\":\"\",\"limit\":\"\",\"tags\":\"\"}",
                    "{\"id\":\"ch_4\",\"customer\":\"cus_4\",\"shipping\":{\"line1\":\"Main St\",\"zip\":\"1\"},\"limit\":10,\"tags\":[\"a\"]}",
                })
                {
                    Charge charge = JsonSerializer.Deserialize(json, ShopJsonContext.Default.Charge)!;
                    Expandable<Customer> customer = charge.Customer;
                    string line = "id=" + customer.Id + " expanded=" + customer.IsExpanded + " email=" + customer.Expanded?.Email
                        + " onBehalfOf=" + (charge.OnBehalfOf is null ? "null" : charge.OnBehalfOf.Id);
                    if (charge.Shipping is { } shipping)
                    {
                        line += " shipping=" + (shipping.IsEmpty ? "empty" : shipping.Value.Line1);
                        line += " limit=" + (charge.Limit!.IsEmpty ? "empty" : charge.Limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        line += " tags=" + (charge.Tags!.TryGetValue(out var tags) ? string.Join("+", tags) : "empty");
                    }

                    string back = JsonSerializer.Serialize(charge, ShopJsonContext.Default.Charge);
                    lines.Add(line + (back == json ? " same" : " changed: " + back));
                }

                // Made in code: an id, an object, a value, the empty string.
                var made = new Charge
                {
                    Id = "ch_5",
                    Customer = "cus_5",
                    OnBehalfOf = new Customer { Id = "cus_6", Object = "customer" },
                    Shipping = OrEmpty<Address>.Empty,
                    Limit = 3,
                    Tags = new System.Collections.Generic.List<string> { "x" },
                };
                lines.Add(JsonSerializer.Serialize(made, ShopJsonContext.Default.Charge));
                lines.Add("made: id=" + made.Customer.Id + " expanded=" + made.OnBehalfOf!.IsExpanded + " " + made.OnBehalfOf.Expanded!.Id);
                return string.Join("\n", lines);
            }
        }
        """;

    [Fact]
    public void An_id_or_object_and_a_value_or_empty_are_the_runtime_s_generic_types_and_round_trip_byte_for_byte()
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/shop.yaml", Spec)], Consumer);
        foreach (Diagnostic diagnostic in result.GeneratorDiagnostics.Concat(result.Errors))
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(result.Errors);
        string[] models = result.ModelNames("Shop");
        output.WriteLine(string.Join(", ", models));

        // No class per union, and no one-value enum for the "" (the one enum is Customer's object tag).
        Assert.Equal(["Address", "Charge", "Customer"], models);
        string[] enums = result.Run.Results.SelectMany(r => r.GeneratedSources).Where(s => s.HintName.StartsWith("Shop.Models.", StringComparison.Ordinal))
            .SelectMany(s => System.Text.RegularExpressions.Regex.Matches(s.SourceText.ToString(), @" partial record struct ([A-Za-z0-9_]+)"))
            .Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["CustomerObject"], enums);

        using var image = new MemoryStream();
        Assert.True(result.Output.Emit(image).Success);
        var context = new AssemblyLoadContext("generic-unions", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(new MemoryStream(image.ToArray()));
            string seen = (string)assembly.GetType("Probe")!.GetMethod("Run")!.Invoke(null, null)!;
            output.WriteLine(seen);
            Assert.Equal(
                """
                id=cus_1 expanded=False email= onBehalfOf=null same
                id=cus_2 expanded=True email=a@b.c onBehalfOf=null same
                id=cus_3 expanded=False email= onBehalfOf=null shipping=empty limit=empty tags=empty same
                id=cus_4 expanded=False email= onBehalfOf=null shipping=Main St limit=10 tags=a same
                {"id":"ch_5","customer":"cus_5","on_behalf_of":{"id":"cus_6","object":"customer"},"shipping":"","limit":3,"tags":["x"]}
                made: id=cus_5 expanded=True cus_6
                """.ReplaceLineEndings("\n"),
                seen);
        }
        finally
        {
            context.Unload();
        }
    }
}
