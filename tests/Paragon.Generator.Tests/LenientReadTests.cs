using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// The per-spec opt-out of the strict read (issue 15): <c>RequiredFields="Lenient"</c> metadata, or the spec's
/// <c>x-paragon-required-fields: lenient</c>, makes the spec's context (which its calls read with) read a missing required
/// field as its default; without it, the same JSON fails as the nullability rule says.
/// </summary>
public sealed class LenientReadTests(ITestOutputHelper output)
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Pets, version: "1" }
        {extension}
        paths:
          /pets/{id}:
            get:
              operationId: pets.get
              parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
              responses:
                "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Pet' } } } } }
        components:
          schemas:
            Pet:
              type: object
              required: [id, name, owner]
              properties:
                id: { type: integer, format: int64 }
                name: { type: string }
                owner: { $ref: '#/components/schemas/Owner' }
            Owner: { type: object, required: [login], properties: { login: { type: string } } }
        """;

    // The second pet has no name, and its owner no login; the first is whole.
    private const string Json = """[{"id":1,"name":"Rex","owner":{"login":"ada"}},{"id":2,"owner":{}}]""";

    [Fact]
    public void Strict_by_default_the_missing_field_fails_the_read()
    {
        JsonException error = Assert.ThrowsAny<JsonException>(() => Read(new SpecFile("/specs/pets.yaml", Spec.Replace("{extension}", string.Empty, StringComparison.Ordinal))));
        Assert.Contains("'login'", error.Message, StringComparison.Ordinal); // the owner's, read (and checked) first
    }

    [Theory]
    [InlineData("metadata")]
    [InlineData("extension")]
    public void A_spec_marked_lenient_reads_the_default_in_its_place(string how)
    {
        SpecFile spec = how == "metadata"
            ? new SpecFile("/specs/pets.yaml", Spec.Replace("{extension}", string.Empty, StringComparison.Ordinal), Metadata: new Dictionary<string, string> { ["RequiredFields"] = "Lenient" })
            : new SpecFile("/specs/pets.yaml", Spec.Replace("{extension}", "x-paragon-required-fields: lenient", StringComparison.Ordinal));

        var pets = (System.Collections.IList)Read(spec)!;
        Assert.Equal(2, pets.Count);
        Assert.Null(pets[1]!.GetType().GetProperty("Name")!.GetValue(pets[1]));
        object owner = pets[1]!.GetType().GetProperty("Owner")!.GetValue(pets[1])!;
        Assert.Null(owner.GetType().GetProperty("Login")!.GetValue(owner));
        Assert.Equal("Rex", pets[0]!.GetType().GetProperty("Name")!.GetValue(pets[0]));
    }

    [Fact]
    public void A_RequiredFields_value_that_is_neither_strict_nor_lenient_is_PARAGON014()
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/pets.yaml", Spec.Replace("{extension}", string.Empty, StringComparison.Ordinal),
            Metadata: new Dictionary<string, string> { ["RequiredFields"] = "loose" })]);
        Diagnostic bad = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON014");
        Assert.Contains("RequiredFields", bad.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("strict or lenient", bad.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Generates, loads the assembly, and reads <see cref="Json"/> as a list of pets with the context's Default.</summary>
    private object? Read(SpecFile spec)
    {
        GenerationResult result = GeneratorHarness.RunClean(output, spec);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = result.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("lenient", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(image);
            Type contextType = assembly.GetTypes().Single(t => typeof(JsonSerializerContext).IsAssignableFrom(t));
            var json = (JsonSerializerContext)contextType.GetProperty("Default")!.GetValue(null)!;
            var info = (JsonTypeInfo)contextType.GetProperty("ListOfPet")!.GetValue(json)!;
            return JsonSerializer.Deserialize(Json, info);
        }
        finally
        {
            context.Unload();
        }
    }
}
