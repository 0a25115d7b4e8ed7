using System;
using System.Linq;

namespace Paragon.Generator.Tests;

/// <summary>Defects a review of this work found: each test failed before its fix.</summary>
public sealed class ReviewFixTests
{
    [Fact]
    public void In_OpenAPI_3_a_media_type_without_a_schema_is_still_a_body_of_that_type()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Files, version: "1" }
            paths:
              /report.pdf: { get: { operationId: pdf, responses: { "200": { description: ok, content: { application/pdf: {} } } } } }
              /report.csv: { get: { operationId: csv, responses: { "200": { description: ok, content: { text/csv: {} } } } } }
              /any: { get: { operationId: any, responses: { "200": { description: ok, content: { application/json: {} } } } } }
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/files.yaml", spec)]);
        Assert.Empty(result.Errors);
        string client = result.Source("Files.Client.g.cs");
        Assert.Contains("Task<global::System.IO.Stream> PdfAsync(", client, StringComparison.Ordinal);
        Assert.Contains("Task<string> CsvAsync(", client, StringComparison.Ordinal);
        Assert.Contains("Task<global::System.Text.Json.JsonElement> AnyAsync(", client, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_promised_on_200_may_be_absent_when_another_2xx_has_none()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Jobs, version: "1" }
            paths:
              /jobs:
                post:
                  operationId: jobs.run
                  responses:
                    "200": { description: done, content: { application/json: { schema: { $ref: '#/components/schemas/Job' } } } }
                    "202": { description: accepted, no body }
            components:
              schemas:
                Job: { type: object, properties: { id: { type: string } } }
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/jobs.yaml", spec)]);
        Assert.Empty(result.Errors);
        string client = result.Source("Jobs.Client.g.cs");
        Assert.Contains("Task<global::Paragon.Integrations.Jobs.Job?> JobsRunAsync(", client, StringComparison.Ordinal);
        Assert.Contains("ProxyCalls.ReadJsonOrDefaultAsync(", client, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typeless_nullable_stays_nullable_at_every_use_and_in_referenced_responses()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Refs, version: "1" }
            paths:
              /issue:
                get:
                  operationId: issue
                  responses:
                    "200": { $ref: '#/components/responses/IssueResponse' }
            components:
              responses:
                IssueResponse:
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [owner, author, closer]
                        properties:
                          owner: { nullable: true, allOf: [ { $ref: '#/components/schemas/User' } ] }
                          author: { $ref: '#/components/schemas/NullableUser' }
                          closer: { $ref: '#/components/schemas/NullableUser' }
              schemas:
                User: { type: object, properties: { login: { type: string } } }
                NullableUser: { nullable: true, allOf: [ { $ref: '#/components/schemas/User' } ] }
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/refs.yaml", spec)]);
        Assert.Empty(result.Errors);
        string response = result.Model("IssueResponse", "Refs");
        Assert.Contains("global::Paragon.Integrations.Refs.User? Owner { get; set; }", response, StringComparison.Ordinal);
        Assert.Contains("global::Paragon.Integrations.Refs.User? Author { get; set; }", response, StringComparison.Ordinal);
        Assert.Contains("global::Paragon.Integrations.Refs.User? Closer { get; set; }", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public void A_null_among_enum_values_makes_the_enum_nullable_and_is_not_a_value(string format)
    {
        // Microsoft.OpenApi keeps a JSON null in an enum as a placeholder string, not as null: it became a member named
        // after the placeholder, and the property was not nullable.
        string spec = format == "json"
            ? """{"openapi":"3.0.3","info":{"title":"Tri","version":"1"},"paths":{"/x":{"get":{"operationId":"x","responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},"components":{"schemas":{"Thing":{"type":"object","properties":{"state":{"type":"string","nullable":true,"enum":["on","off",null]}}}}}}"""
            : """
              openapi: 3.0.3
              info: { title: Tri, version: "1" }
              paths:
                /x: { get: { operationId: x, responses: { "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } } } } }
              components:
                schemas:
                  Thing: { type: object, properties: { state: { type: string, nullable: true, enum: [on, off, null] } } }
              """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/tri." + format, spec)]);
        Assert.Empty(result.Errors);
        string models = string.Join("\n", result.ModelNames("Tri").Select(n => result.Model(n, "Tri")));
        Assert.DoesNotContain("sentinel", models, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ThingState? State", models, StringComparison.Ordinal);
    }
}
