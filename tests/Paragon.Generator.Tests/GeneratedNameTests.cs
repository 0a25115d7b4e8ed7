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
