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

    [Fact]
    public void A_reference_cycle_under_a_property_or_a_parameter_is_PARAGON003_not_a_failed_generation()
    {
        // Found by FuzzTests (seed 6002): reading a property's description through a cyclic $ref threw, and the spec was lost (PARAGON007).
        string spec = """
            openapi: 3.0.3
            info: { title: PropertyCycle, version: "1" }
            paths:
              /a:
                get:
                  operationId: a.get
                  parameters:
                    - { name: mode, in: query, required: true, schema: { $ref: '#/components/schemas/Loop' } }
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              loop: { $ref: '#/components/schemas/Loop' }
                              ok: { type: string }
            components:
              schemas:
                Loop: { $ref: '#/components/schemas/Loop' }
            """;
        GenerationResult result = Run("property-cycle.yaml", spec);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON003");
        Assert.Contains("AGetAsync(global::System.Text.Json.JsonElement mode", result.Source("PropertyCycle.Client.g.cs"), StringComparison.Ordinal);
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

    /// <summary>The shape of specs converted from AWS Smithy models: every property is <c>allOf: [{$ref}, {description}]</c>.</summary>
    private const string SmithyShapes = """
        openapi: 3.0.0
        info: { title: Smithy, version: "1" }
        paths:
          /shape:
            post:
              operationId: PutShape
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Shape' }
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/DataValue' }
          /pair:
            get:
              operationId: GetPair
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Ping' }
        components:
          schemas:
            String: { type: string }
            Shape:
              type: object
              required: [name]
              properties:
                name:
                  allOf: [ { $ref: '#/components/schemas/String' }, { description: The name. } ]
                nestedType:
                  allOf: [ { $ref: '#/components/schemas/Shape' }, { description: The type inside this one. } ]
                children:
                  allOf: [ { $ref: '#/components/schemas/ShapeList' }, { description: Shapes below this one., title: Children } ]
            ShapeList:
              type: array
              items: { $ref: '#/components/schemas/Shape' }
            DataValue:
              type: object
              properties:
                stringValue:
                  allOf: [ { $ref: '#/components/schemas/String' }, { description: A string., example: x } ]
                mapValue:
                  allOf: [ { $ref: '#/components/schemas/DataValueMap' }, { description: A map of values., nullable: true } ]
                listValue:
                  allOf: [ { $ref: '#/components/schemas/DataValueList' }, { description: A list of values., deprecated: true } ]
            DataValueMap:
              type: object
              additionalProperties: { $ref: '#/components/schemas/DataValue' }
            DataValueList:
              type: array
              items:
                allOf: [ { $ref: '#/components/schemas/DataValue' }, { description: One value. } ]
            Ping:
              type: object
              properties:
                pong:
                  allOf: [ { $ref: '#/components/schemas/Pong' }, { description: The other side. } ]
            Pong:
              type: object
              properties:
                ping:
                  allOf: [ { $ref: '#/components/schemas/Ping' }, { description: Back again., readOnly: true } ]
        """;

    [Fact]
    public void Smithy_style_self_references_through_allOf_with_a_description_get_the_referenced_type()
    {
        // Before the fix this overflowed the stack (the test host died): each allOf became a new model that contained itself.
        GenerationResult result = Run("smithy.yaml", SmithyShapes);
        Assert.Equal("Paragon.Integrations.Smithy.Shape?", PropertyType(result, "Paragon.Integrations.Smithy.Shape", "NestedType"));
        Assert.Equal("string", PropertyType(result, "Paragon.Integrations.Smithy.Shape", "Name"));
        Assert.Equal("System.Collections.Generic.List<Paragon.Integrations.Smithy.Shape>?", PropertyType(result, "Paragon.Integrations.Smithy.Shape", "Children"));
        Assert.Equal("System.Collections.Generic.Dictionary<string, Paragon.Integrations.Smithy.DataValue>?", PropertyType(result, "Paragon.Integrations.Smithy.DataValue", "MapValue"));
        Assert.Equal("System.Collections.Generic.List<Paragon.Integrations.Smithy.DataValue>?", PropertyType(result, "Paragon.Integrations.Smithy.DataValue", "ListValue"));
        Assert.Equal("string?", PropertyType(result, "Paragon.Integrations.Smithy.DataValue", "StringValue"));
        Assert.Equal("Paragon.Integrations.Smithy.Pong?", PropertyType(result, "Paragon.Integrations.Smithy.Ping", "Pong"));
        Assert.Equal("Paragon.Integrations.Smithy.Ping?", PropertyType(result, "Paragon.Integrations.Smithy.Pong", "Ping"));

        // The reference is the type: no copy of Shape per property.
        string[] types = result.ModelNames("Smithy");
        Assert.DoesNotContain(types, h => h.Contains("NestedType", StringComparison.Ordinal) || h.Contains("PongPing", StringComparison.Ordinal));
        Assert.Contains("The type inside this one.", result.Model("Shape", "Smithy"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_inline_allOf_that_extends_its_own_container_refers_to_itself_instead_of_nesting_forever()
    {
        // The inline schema under 'child' is reached again while it is being built (through Node's properties): it is one type.
        string spec = """
            openapi: 3.0.3
            info: { title: Inline, version: "1" }
            paths:
              /n:
                get:
                  operationId: GetNode
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/Node' }
            components:
              schemas:
                Node:
                  type: object
                  properties:
                    id: { type: string }
                    child:
                      allOf:
                        - { $ref: '#/components/schemas/Node' }
                        - { type: object, properties: { extra: { type: integer } } }
            """;
        GenerationResult result = Run("inline.yaml", spec);
        Assert.Equal("Paragon.Integrations.Inline.NodeChild?", PropertyType(result, "Paragon.Integrations.Inline.Node", "Child"));
        Assert.Equal("Paragon.Integrations.Inline.NodeChild?", PropertyType(result, "Paragon.Integrations.Inline.NodeChild", "Child"));
        Assert.Equal("long?", PropertyType(result, "Paragon.Integrations.Inline.NodeChild", "Extra"));
    }

    [Theory]
    [InlineData("items")] // additionalProperties takes the same path (a nested TypeRef) and compiles slower, so it is left out
    [InlineData("allOf")]
    [InlineData("oneOf")]
    [InlineData("properties")]
    public void A_chain_of_references_too_deep_for_the_stack_is_PARAGON012_and_the_value_stays_JsonElement(string keyword)
    {
        // 300 components, each holding the next: each link is a few more stack frames, so without a bound a longer chain overflows.
        const int length = 300;
        var components = new System.Text.StringBuilder();
        for (int i = 0; i < length; i++)
        {
            string next = $"{{ $ref: '#/components/schemas/C{i + 1}' }}";
            components.Append("    C").Append(i).Append(": ").AppendLine(keyword switch
            {
                "items" => $"{{ type: array, items: {next} }}",
                "additionalProperties" => $"{{ type: object, additionalProperties: {next} }}",
                "allOf" => $"{{ allOf: [ {next}, {{ type: object, properties: {{ a{i}: {{ type: string }} }} }} ] }}",
                "oneOf" => $"{{ oneOf: [ {{ type: object, properties: {{ a: {{ type: string }} }} }}, {next} ] }}",
                _ => $"{{ type: object, properties: {{ next: {next} }} }}",
            });
        }

        components.Append("    C").Append(length).AppendLine(": { type: object, properties: { end: { type: string } } }");
        string spec = $$"""
            openapi: 3.0.3
            info: { title: Deep, version: "1" }
            paths:
              /d:
                get:
                  operationId: GetDeep
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/C0' }
            components:
              schemas:
            {{components}}
            """;
        GenerationResult result = Run("deep.yaml", spec);
        Diagnostic deep = result.GeneratorDiagnostics.First(d => d.Id == "PARAGON012");
        Assert.Equal(DiagnosticSeverity.Warning, deep.Severity);
        Assert.StartsWith("    C", GetLine(spec, deep), StringComparison.Ordinal);
        Assert.Contains("GetDeepAsync", result.Source("Deep.Client.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_nesting_deeper_than_any_reader_allows_is_a_diagnostic_not_a_crash()
    {
        // 3,000 levels of inline items in flow YAML: whatever reads it first, the build gets a diagnostic, never a dead process.
        const int depth = 3000;
        string schema = string.Concat(Enumerable.Repeat("{ type: array, items: ", depth)) + "{ type: string }" + new string('}', depth);
        string spec = $$"""
            openapi: 3.0.3
            info: { title: DeepInline, version: "1" }
            paths:
              /d:
                get:
                  operationId: GetDeep
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {{schema}}
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/deep-inline.yaml", spec)]);
        Assert.Empty(result.Run.Results.Where(r => r.Exception is not null));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON007");
        Assert.Empty(result.Errors);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id is "PARAGON012" or "PARAGON001");
    }

    private static string GetLine(string spec, Diagnostic diagnostic) => spec.Split('\n')[diagnostic.Location.GetLineSpan().StartLinePosition.Line];

    private static string PropertyType(GenerationResult result, string typeName, string property)
    {
        INamedTypeSymbol type = result.Output.GetTypeByMetadataName(typeName) ?? throw new InvalidOperationException(typeName + " was not generated");
        IPropertySymbol symbol = type.GetMembers(property).OfType<IPropertySymbol>().Single();
        return symbol.Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes));
    }
}
