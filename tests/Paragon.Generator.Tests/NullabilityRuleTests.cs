using System;
using System.Linq;

namespace Paragon.Generator.Tests;

/// <summary>The nullability rule: required and not nullable is non-nullable and enforced on read; nullable is never enforced.</summary>
public sealed class NullabilityRuleTests
{
    [Fact]
    public void Required_fields_are_enforced_only_when_the_spec_says_they_cannot_be_null()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Rule, version: "1" }
            paths:
              /issue:
                get:
                  operationId: issue
                  responses:
                    "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Issue' } } } }
            components:
              schemas:
                User: { type: object, required: [login], properties: { login: { type: string } } }
                Issue:
                  type: object
                  required: [title, number, user, assignee, closed_at]
                  properties:
                    title: { type: string }
                    number: { type: integer }
                    user: { nullable: true, allOf: [ { $ref: '#/components/schemas/User' } ] }
                    assignee: { type: object, nullable: true, allOf: [ { $ref: '#/components/schemas/User' } ] }
                    closed_at: { type: string, format: date-time, nullable: true }
                    body: { type: string }
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/rule.yaml", spec)]);
        Assert.Empty(result.Errors);
        string issue = result.Model("Issue", "Rule");
        Assert.Contains("public required string Title { get; set; }", issue, StringComparison.Ordinal);
        Assert.Contains("public required long Number { get; set; }", issue, StringComparison.Ordinal);
        Assert.Contains("global::Paragon.Integrations.Rule.User? User { get; set; }", issue, StringComparison.Ordinal);
        Assert.Contains("global::Paragon.Integrations.Rule.User? Assignee { get; set; }", issue, StringComparison.Ordinal);
        Assert.Contains("global::System.DateTimeOffset? ClosedAt { get; set; }", issue, StringComparison.Ordinal);
        Assert.Contains("public string? Body { get; set; }", issue, StringComparison.Ordinal);

        // Only title and number are enforced when reading ('r' in the converter's kinds: a missing one fails, and a null names
        // the field, JsonMetadataTests in the integration tests); the nullable ones may come as null, and are written as they
        // are; the optional one is left out while null.
        string context = result.Source("Rule.JsonContext.g.cs");
        Assert.Contains("base(new string[] { \"title\", \"number\", \"user\", \"assignee\", \"closed_at\", \"body\" }, \"rr----\")", context, StringComparison.Ordinal);
        Assert.Contains("base(new string[] { \"login\" }, \"r\")", context, StringComparison.Ordinal);
        Assert.Contains("WriteValue<global::Paragon.Integrations.Rule.User?>(writer, 2, model.User, options);", context, StringComparison.Ordinal);
        Assert.Contains("WriteValue<global::System.DateTimeOffset?>(writer, 4, model.ClosedAt, options);", context, StringComparison.Ordinal);
        Assert.Contains("WriteOptionalString(writer, 5, model.Body, options);", context, StringComparison.Ordinal);
    }

    [Fact]
    public void Nullable_without_a_type_in_JSON_and_Swagger_2_x_nullable_are_nullable_too()
    {
        // GitHub's description is JSON and writes "nullable": true next to allOf; a property named "nullable" must not confuse the walk.
        string openapi = """
            {"openapi": "3.0.3", "info": {"title": "Json", "version": "1"},
             "paths": {"/issue": {"get": {"operationId": "issue", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Issue"}}}}}}}},
             "components": {"schemas": {
               "User": {"type": "object", "properties": {"nullable": {"type": "boolean"}, "login": {"type": "string"}}},
               "Issue": {"type": "object", "required": ["user", "title"], "properties": {
                 "user": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/User"}]},
                 "title": {"type": "string"}}}}}}
            """;
        string swagger = """
            {"swagger": "2.0", "info": {"title": "Two", "version": "1"},
             "paths": {"/issue": {"get": {"operationId": "issue", "produces": ["application/json"], "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Issue"}}}}}},
             "definitions": {"Issue": {"type": "object", "required": ["closed_at"], "properties": {
               "closed_at": {"type": "string", "x-nullable": true}}}}}
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/json.json", openapi), new SpecFile("/specs/two.json", swagger)]);
        Assert.Empty(result.Errors);
        Assert.Contains("global::Paragon.Integrations.Json.User? User { get; set; }", result.Model("Issue", "Json"), StringComparison.Ordinal);
        Assert.Contains("public required string Title { get; set; }", result.Model("Issue", "Json"), StringComparison.Ordinal);
        Assert.Contains("public bool? Nullable { get; set; }", result.Model("User", "Json"), StringComparison.Ordinal);
        Assert.Contains("string? ClosedAt { get; set; }", result.Model("Issue", "Two"), StringComparison.Ordinal);
    }
}
