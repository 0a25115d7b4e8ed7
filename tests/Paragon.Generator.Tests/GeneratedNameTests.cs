using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// Issue 14, break 7: spec names that met the names of primitives, of the runtime or of the generated code's own members,
/// and path templates the runtime refuses. Each test failed before its fix.
/// </summary>
public sealed class GeneratedNameTests(ITestOutputHelper output)
{
    [Fact]
    public void A_component_named_String_gets_the_serialization_code_its_context_calls()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Prims, version: "1" }
            paths:
              /s:
                post:
                  operationId: send
                  requestBody: { content: { application/json: { schema: { type: object, properties: { note: { type: string } } } } } }
                  responses: { "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/String' } } } } }
            components:
              schemas:
                String: { type: object, properties: { text: { type: string } } }
            """;
        GenerationResult result = Generate("prims.yaml", spec);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void A_property_named_AdditionalProperties_round_trips_beside_the_extension_data()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Ext, version: "1" }
            paths:
              /t:
                post:
                  operationId: send
                  requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } }
                  responses: { "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } } }
            components:
              schemas:
                Thing:
                  type: object
                  properties:
                    AdditionalProperties: { type: string }
                    additionalProperties: { type: integer }
                    SendNull: { type: boolean }
                    name: { type: string }
            """;
        string probe = """
            public static class Probe
            {
                public static string Run()
                {
                    var context = Paragon.Integrations.Ext.ExtJsonContext.Default;
                    var thing = System.Text.Json.JsonSerializer.Deserialize(
                        "{\"AdditionalProperties\":\"a\",\"additionalProperties\":2,\"SendNull\":true,\"name\":\"n\",\"extra\":1}", context.Thing)!;
                    return System.Text.Json.JsonSerializer.Serialize(thing, context.Thing);
                }
            }
            """;
        GenerationResult result = Generate("ext.yaml", spec, probe);
        Assert.Empty(result.Errors);
        Assert.Equal("""{"AdditionalProperties":"a","additionalProperties":2,"SendNull":true,"name":"n","extra":1}""", RunProbe(result));
    }

    [Fact]
    public void A_spec_file_named_after_a_runtime_type_gets_a_suffixed_class_name_and_a_warning()
    {
        string spec = """{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{"/a":{"get":{"operationId":"a","responses":{"200":{"description":"ok"}}}}}}""";
        GenerationResult result = Generate("paragonClient.json", spec);
        Assert.Empty(result.Errors);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON005" && d.GetMessage().Contains("ParagonClientIntegration", StringComparison.Ordinal));
        Assert.Contains("class ParagonClientIntegrationClient", result.Source("ParagonClientIntegration.Client.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ParagonClient")]
    [InlineData("ParagonUser")]
    [InlineData("ForUser")]
    [InlineData("RequestAsync")]
    public void A_class_name_given_in_metadata_that_is_reserved_is_an_error_at_the_spec(string className)
    {
        string spec = """{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{"/a":{"get":{"operationId":"a","responses":{"200":{"description":"ok"}}}}}}""";
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/things.json", spec, ClassName: className)]);
        Log(result);
        Assert.Empty(result.Errors);
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("PARAGON018", error.Id);
        Assert.EndsWith("things.json", error.Location.GetLineSpan().Path, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reserved_class_names_follow_the_runtime_s_public_types_and_client_members()
    {
        Assembly runtime = typeof(Paragon.ParagonClient).Assembly;
        string[] types = runtime.GetExportedTypes().Select(t => t.Name.Split('`')[0]).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(types, Naming.ReservedNames.RuntimeTypes.Order(StringComparer.Ordinal));
        string[] members = new[] { typeof(Paragon.ParagonClient), typeof(Paragon.ParagonUserClient) }
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m is not ConstructorInfo && !m.Name.Contains('_', StringComparison.Ordinal))
            .Select(m => m.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(members, Naming.ReservedNames.ClientMembers.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/a/{na{me}/b")]
    [InlineData("/a/{name")]
    [InlineData("/a/{}/b")]
    [InlineData("/a/{{name}}")]
    [InlineData("/a/../{name}")]
    [InlineData("/a//{name}")]
    [InlineData("/a\\{name}")]
    [InlineData("/a/%zz/{name}")]
    public void A_path_template_the_runtime_would_refuse_is_a_warning_at_its_line_and_no_method(string path)
    {
        string spec = $$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "Paths", "version": "1" },
              "paths": {
                "/ok/{name}": { "get": { "operationId": "fine", "parameters": [ { "name": "name", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": { "200": { "description": "ok" } } } },
                {{System.Text.Json.JsonSerializer.Serialize(path)}}: {
                  "get": { "operationId": "broken", "parameters": [ { "name": "name", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": { "200": { "description": "ok" } } }
                }
              }
            }
            """;
        GenerationResult result = Generate("paths.json", spec);
        Assert.Empty(result.Errors);
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON019");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(6, warning.Location.GetLineSpan().StartLinePosition.Line + 1);
        string client = result.Source("Paths.Client.g.cs");
        Assert.Contains("FineAsync(", client, StringComparison.Ordinal);
        Assert.DoesNotContain("BrokenAsync(", client, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/a/{name}/b")]
    [InlineData("/a/x}y/{name}")]
    [InlineData("/a/{name}.json")]
    [InlineData("/a/%20/{name}")]
    public void A_path_template_the_runtime_accepts_is_generated(string path)
    {
        string spec = $$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "Paths", "version": "1" },
              "paths": {
                {{System.Text.Json.JsonSerializer.Serialize(path)}}: {
                  "get": { "operationId": "fine", "parameters": [ { "name": "name", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": { "200": { "description": "ok" } } }
                }
              }
            }
            """;
        GenerationResult result = Generate("paths.json", spec);
        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON019");
        Assert.Contains("FineAsync(", result.Source("Paths.Client.g.cs"), StringComparison.Ordinal);
    }

    private GenerationResult Generate(string name, string text, string consumer = "")
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/" + name, text)], consumer);
        Log(result);
        Assert.DoesNotContain(result.Run.Results, r => r.Exception is not null);
        return result;
    }

    private void Log(GenerationResult result)
    {
        foreach (Diagnostic diagnostic in result.GeneratorDiagnostics.Concat(result.Errors).Take(20))
        {
            output.WriteLine(diagnostic.ToString());
        }
    }

    /// <summary>Compiles the generated code with the consumer's <c>Probe</c>, loads it, and returns what <c>Probe.Run()</c> returns.</summary>
    internal static string RunProbe(GenerationResult result)
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = result.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("probe", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(image);
            try
            {
                return (string)assembly.GetType("Probe")!.GetMethod("Run")!.Invoke(null, null)!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
