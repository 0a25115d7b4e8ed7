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

        // Only title and number are enforced when reading; the nullable ones may come as null.
        string context = result.Source("Rule.JsonContext.g.cs");
        int enforced = context.Split('\n').Count(l => l.Contains(".IsRequired = true;", StringComparison.Ordinal));
        Assert.Equal(2 + 1, enforced); // Issue.title, Issue.number, User.login
        Assert.Contains("'title' is required by the spec, but the provider sent null", context, StringComparison.Ordinal);
        Assert.DoesNotContain("'user' is required", context, StringComparison.Ordinal);
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

/// <summary>Header parameters the runtime would refuse are not offered as parameters.</summary>
public sealed class HeaderParameterTests
{
    [Fact]
    public void A_content_header_is_a_parameter_only_of_an_operation_that_sends_a_body()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Blobs, version: "1" }
            paths:
              /blobs/{id}:
                parameters:
                  - { name: id, in: path, required: true, schema: { type: string } }
                  - { name: Content-MD5, in: header, schema: { type: string } }
                get:
                  operationId: blobs.get
                  responses: { "204": { description: none } }
                put:
                  operationId: blobs.put
                  requestBody: { content: { application/octet-stream: { schema: { type: string, format: binary } } } }
                  responses: { "204": { description: none } }
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/blobs.yaml", spec)]);
        Assert.Empty(result.Errors);
        string client = result.Source("Blobs.Client.g.cs");
        Assert.Contains("BlobsGetAsync(string id, global::System.Threading.CancellationToken cancellationToken = default)", client, StringComparison.Ordinal);
        Assert.Contains("BlobsPutAsync(global::System.IO.Stream body, string id, string? contentMD5 = null,", client, StringComparison.Ordinal);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON008" && d.GetMessage().Contains("Content-MD5", StringComparison.Ordinal) && d.GetMessage().Contains("describes a body", StringComparison.Ordinal));
    }
}

/// <summary>Defects a review of this issue's work found: each test failed before its fix.</summary>
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
}
