using System;
using System.Linq;

namespace Paragon.Generator.Tests;

/// <summary>What a generated method returns for each kind of success the spec describes.</summary>
public sealed class ResponseShapeTests
{
    [Fact]
    public void A_success_without_a_schema_is_a_Task_whatever_the_specs_produces_says()
    {
        string swagger = """
            {
              "swagger": "2.0",
              "info": { "title": "Pets", "version": "1" },
              "produces": ["application/json"],
              "paths": {
                "/pets": { "post": { "operationId": "createPets", "responses": { "201": { "description": "Null response" } } } },
                "/jobs": { "post": { "operationId": "startJob", "produces": ["application/json", "text/plain"], "responses": { "202": { "description": "Accepted" } } } }
              }
            }
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/pets.json", swagger)]);
        Assert.Empty(result.Errors);
        string client = result.Source("Pets.Client.g.cs");
        Assert.Contains("public global::System.Threading.Tasks.Task CreatePetsAsync(", client, StringComparison.Ordinal);
        Assert.Contains("public global::System.Threading.Tasks.Task StartJobAsync(", client, StringComparison.Ordinal);
        Assert.Contains("Task<global::Paragon.ParagonResponse> CreatePetsWithResponseAsync(", client, StringComparison.Ordinal);
        Assert.DoesNotContain("JsonElement", client, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nullable_or_no_content_answer_returns_null_and_a_promised_body_does_not()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Shapes, version: "1" }
            paths:
              /maybe:
                get:
                  operationId: maybe
                  responses:
                    "200": { description: ok, content: { application/json: { schema: { type: integer, nullable: true } } } }
              /sometimes:
                get:
                  operationId: sometimes
                  responses:
                    "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } }
                    "204": { description: none }
              /always:
                get:
                  operationId: always
                  responses:
                    "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } }
            components:
              schemas:
                Thing: { type: object, properties: { id: { type: string } } }
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/shapes.yaml", spec)]);
        Assert.Empty(result.Errors);
        string client = result.Source("Shapes.Client.g.cs");
        Assert.Contains("Task<long?> MaybeAsync(", client, StringComparison.Ordinal);
        Assert.Contains("ProxyCalls.ReadJsonOrDefaultAsync(_proxy, MaybeRequest(), global::Paragon.Integrations.Shapes.ShapesJsonContext.Default.NullableInt64", client, StringComparison.Ordinal);
        Assert.Contains("Task<global::Paragon.Integrations.Shapes.Thing?> SometimesAsync(", client, StringComparison.Ordinal);
        Assert.Contains("Task<global::Paragon.Integrations.Shapes.Thing> AlwaysAsync(", client, StringComparison.Ordinal);
        Assert.Contains("ProxyCalls.ReadJsonAsync(_proxy, AlwaysRequest()", client, StringComparison.Ordinal);
        Assert.Contains("Task<global::Paragon.ParagonResponse<global::Paragon.Integrations.Shapes.Thing?>> SometimesWithResponseAsync(", client, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operation_already_named_WithResponse_does_not_clash_with_the_response_form()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Clash, version: "1" }
            paths:
              /a: { get: { operationId: list, responses: { "204": { description: none } } } }
              /b: { get: { operationId: listWithResponse, responses: { "204": { description: none } } } }
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/clash.yaml", spec)]);
        Assert.Empty(result.Errors);
        string[] methods = result.Source("Clash.Client.g.cs").Split('\n').Where(l => l.TrimStart().StartsWith("public ", StringComparison.Ordinal) && l.Contains("Async(", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, methods.Length);
    }
}
