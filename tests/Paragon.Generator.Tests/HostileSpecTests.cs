using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Paragon.Generator.Tests;

/// <summary>Valid but awkward specs, and hostile ones: each generates code that compiles and does what the spec says.</summary>
public sealed class HostileSpecTests
{
    private static GenerationResult Run(string name, string spec)
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/" + name, spec)]);
        Assert.Empty(result.Run.Results.Where(r => r.Exception is not null));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON007");
        string errors = string.Join("\n", result.Errors.Select(e => e.ToString()));
        Assert.True(errors.Length == 0, errors);
        return result;
    }

    [Fact]
    public void Text_from_the_spec_cannot_end_a_comment_and_add_code()
    {
        // C# ends a line at U+2028 and U+2029 as well as at \n: a description must not smuggle a type into the build.
        string spec = """
            openapi: 3.0.3
            info: { title: "Evil\u2028public static class InjectedFromTitle { }", version: "1" }
            paths:
              /x:
                get:
                  operationId: "x"
                  summary: "A call.\u2029public static class InjectedFromSummary { }"
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            description: "A pet.\u2028public static class InjectedFromDescription { }"
                            properties:
                              "a\u2028b": { type: string, enum: ["v\u2028w"] }
            """;
        GenerationResult result = Run("evil.yaml", spec);
        Assert.Null(result.Output.GetTypeByMetadataName("InjectedFromTitle"));
        Assert.Null(result.Output.GetTypeByMetadataName("InjectedFromSummary"));
        Assert.Null(result.Output.GetTypeByMetadataName("InjectedFromDescription"));
        Assert.All(result.Run.Results.SelectMany(r => r.GeneratedSources), s => Assert.DoesNotContain('\u2028', s.SourceText.ToString()));
    }

    [Fact]
    public void Path_keys_with_a_fragment_or_a_query_and_undeclared_placeholders_still_make_working_calls()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Paths, version: "1" }
            paths:
              /files/{file_id}#get_shared_link:
                get:
                  operationId: files.getSharedLink
                  parameters:
                    - { name: file_id, in: path, required: true, schema: { type: string } }
                  responses: { "204": { description: none } }
              /files/{file_id}?fields=shared_link:
                put:
                  operationId: files.addSharedLink
                  parameters:
                    - { name: file_id, in: path, required: true, schema: { type: string } }
                  responses: { "204": { description: none } }
              /folders/{folder_id}/items/{item}:
                get:
                  operationId: folders.item
                  parameters:
                    - { name: folder_id, in: path, required: true, schema: { type: integer } }
                    - { name: stray, in: path, required: true, schema: { type: string } }
                  responses: { "204": { description: none } }
            """;
        GenerationResult result = Run("paths.yaml", spec);
        string client = result.Source("Paths.Client.g.cs");
        Assert.Contains("ProxyMethods.Get, \"/files/{file_id}\")", client, StringComparison.Ordinal);
        Assert.Contains("ProxyMethods.Put, \"/files/{file_id}\")", client, StringComparison.Ordinal);
        Assert.Contains("__request.Query.Add(\"fields\", \"shared_link\");", client, StringComparison.Ordinal);
        Assert.Contains("FoldersItemAsync(long folderId, string item, ", client, StringComparison.Ordinal);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON002" && d.GetMessage().Contains("{item}", StringComparison.Ordinal));
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON002" && d.GetMessage().Contains("'stray'", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_that_clash_with_generated_members_or_differ_only_in_case_compile()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Clashes, version: "1" }
            paths:
              /things:
                get:
                  operationId: things.list
                  parameters:
                    - { name: nameof, in: query, required: true, schema: { type: string } }
                    - { name: value, in: query, schema: { type: string } }
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/Holder' }
            components:
              schemas:
                Holder:
                  type: object
                  properties:
                    value: { $ref: '#/components/schemas/Value' }
                    raw: { $ref: '#/components/schemas/Raw' }
                    converter: { $ref: '#/components/schemas/Converter' }
                    extra: { $ref: '#/components/schemas/AdditionalProperties' }
                    url: { $ref: '#/components/schemas/URL' }
                    url2: { $ref: '#/components/schemas/Url' }
                    self: { $ref: '#/components/schemas/Tree' }
                    wrapped: { $ref: '#/components/schemas/Wrapped' }
                Value: { type: string, enum: [a, b] }
                Converter: { type: string, enum: [x] }
                Raw: { oneOf: [ { type: string }, { type: object, properties: { a: { type: string } } } ] }
                AdditionalProperties: { type: object, properties: { a: { type: string } } }
                URL: { type: object, properties: { href: { type: string } } }
                Url: { type: object, properties: { path: { type: string } } }
                Tree:
                  oneOf:
                    - { $ref: '#/components/schemas/Tree' }
                    - { type: object, properties: { leaf: { type: string } } }
                Wrapped:
                  allOf: [ { $ref: '#/components/schemas/URL' } ]
                  oneOf: [ { $ref: '#/components/schemas/URL' }, { $ref: '#/components/schemas/Url' } ]
            """;
        GenerationResult result = Run("clashes.yaml", spec);
        Assert.Contains("string @nameof", result.Source("Clashes.Client.g.cs"), StringComparison.Ordinal);
        string[] hints = result.Run.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).ToArray();
        Assert.Equal(hints.Length, hints.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_reference_cycle_is_PARAGON003_not_a_lost_spec()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Cycle, version: "1" }
            paths:
              /a:
                get:
                  operationId: a.get
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/A' }
            components:
              schemas:
                A: { $ref: '#/components/schemas/B' }
                B: { $ref: '#/components/schemas/A' }
            """;
        GenerationResult result = Run("cycle.yaml", spec);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id is "PARAGON003" or "PARAGON002");
        Assert.Contains("AGetAsync", result.Source("Cycle.Client.g.cs"), StringComparison.Ordinal);
    }

    // "google calendar.yaml" and "ünïcode.yaml" used to be here; they now become googleCalendar and unicode (see
    // NamingTests). What is left is a file name and a title with nothing an integration name can carry.
    [Theory]
    [InlineData("日本語.yaml")]
    [InlineData("(((.))).yaml")]
    public void A_file_name_that_makes_no_integration_name_is_PARAGON011(string file)
    {
        string spec = """
            openapi: 3.0.3
            info: { title: 名前, version: "1" }
            paths: {}
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/" + file, spec)]);
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON011");
        Assert.Contains("Integration", error.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.Run.Results.SelectMany(r => r.GeneratedSources));
    }

    [Fact]
    public void Headers_the_runtime_owns_are_not_parameters()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Headers, version: "1" }
            paths:
              /h:
                get:
                  operationId: h
                  parameters:
                    - { name: Connection, in: header, schema: { type: string } }
                    - { name: X-Paragon-Credential, in: header, schema: { type: string } }
                    - { name: Proxy-Authorization, in: header, schema: { type: string } }
                    - { name: X-Custom, in: header, schema: { type: string } }
                  responses: { "204": { description: none } }
            """;
        GenerationResult result = Run("headers.yaml", spec);
        Assert.Contains("HAsync(string? xCustom = null,", result.Source("Headers.Client.g.cs"), StringComparison.Ordinal);
        Assert.Equal(3, result.GeneratorDiagnostics.Count(d => d.Id == "PARAGON008"));
    }
}
