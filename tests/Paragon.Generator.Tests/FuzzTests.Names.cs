using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;

namespace Paragon.Generator.Tests;

/// <summary>
/// Random specs whose names meet the names C#, the runtime and the generated code already use: components named like
/// primitives, collections, keywords and runtime types, names equal up to case or after PascalCase, properties, enum values,
/// union alternatives and parameters named like the members generated beside them, and spec files named like runtime types.
/// The output must compile without errors or warnings, and every model's JSON metadata must build (System.Text.Json refuses
/// colliding property names only then). <c>PARAGON_FUZZ_NAMES_SEED</c> and <c>PARAGON_FUZZ_ITERATIONS</c> replay a seed.
/// </summary>
public sealed partial class FuzzTests
{
    private const int NamesDefaultSeed = 9_000;

    private static readonly string[] ComponentNames =
    [
        "String", "string", "Int32", "Int64", "Boolean", "bool", "Double", "Single", "Decimal", "Object", "object", "List", "Dictionary",
        "JsonElement", "DateTimeOffset", "Guid", "Uri", "Stream", "Task", "Byte", "ByteArray", "Nullable", "ListOfString", "DictionaryOfString",
        "NullableInt32", "Array", "Type", "Action", "Func", "Exception", "Attribute",
        "class", "int", "void", "namespace", "event", "new", "this", "base", "value", "var", "record", "default",
        "pet", "Pet", "PET", "my-pet", "my_pet", "MyPet", "my pet", "1pet", "_pet",
        "ParagonClient", "ParagonUserClient", "ProxyRequest", "ProxyResponse", "JsonSerializerContext", "JsonSerializer", "JsonTypeInfo",
        "JsonUnion", "JsonModelMetadata", "ParagonApiException", "ParagonResponse", "Paragon", "System", "Integrations", "Serialization",
        "Default", "Options", "GetTypeInfo", "GeneratedSerializerOptions", "Converter", "Value", "Raw", "Kind", "FromRaw",
        "AdditionalProperties", "SendNull", "Equals", "ToString", "GetHashCode", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
        "Fuzz", "FuzzClient", "FuzzJsonContext", "FuzzParagonExtensions", "Create_String", "Item", "Items", "FromString", "IsInt64", "AsPet",
        "TryGetDouble", "FromPet", "IsMyPet",
    ];

    private static readonly string[] MemberNames =
    [
        "AdditionalProperties", "additionalProperties", "SendNull", "sendNull", "__sendNull", "__SendsNull", "Equals", "ToString", "GetHashCode",
        "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals", "Value", "value", "Raw", "Kind", "kind", "FromRaw", "Converter", "Default",
        "Options", "Is", "Read", "TryRead", "ReadKind", "HasTag", "HasProperty", "ToJson", "Fits_", "class", "string", "int", "id", "ID", "Id",
        "my-pet", "my_pet", "MyPet", "String", "Item", "body", "cancellationToken", "options", "__request", "Pet",
    ];

    private static readonly string[] FileNames =
        ["fuzz", "fuzz", "fuzz", "paragonClient", "ParagonUser", "proxyRequest", "string", "system", "forUser", "class", "jsonUnion", "requestAsync"];

    [Fact]
    public void Random_specs_whose_names_meet_reserved_names_generate_code_that_compiles_and_serializes()
    {
        int iterations = ReadNumber("PARAGON_FUZZ_ITERATIONS") ?? CiIterations;
        int first = ReadNumber("PARAGON_FUZZ_NAMES_SEED") ?? NamesDefaultSeed;

        // PARAGON_FUZZ_KEEP_GOING=1 reports every failing seed, not only the first: for a survey of what is left to fix.
        bool keepGoing = Environment.GetEnvironmentVariable("PARAGON_FUZZ_KEEP_GOING") == "1";
        var failures = new System.Collections.Generic.List<string>();
        for (int seed = first; seed < first + iterations; seed++)
        {
            (string file, string spec) = RandomNamesSpec(seed);
            string? failure;
            try
            {
                failure = CheckNames(file, spec);
            }
            catch (Exception ex)
            {
                failure = ex.ToString();
            }

            if (failure is not null)
            {
                output.WriteLine(file + ": " + spec);
                failures.Add($"Seed {seed.ToString(CultureInfo.InvariantCulture)} fails (replay: PARAGON_FUZZ_NAMES_SEED={seed.ToString(CultureInfo.InvariantCulture)} PARAGON_FUZZ_ITERATIONS=1): {failure}");
                if (!keepGoing)
                {
                    break;
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The seeds the name fuzzer first failed on, one for each kind of failure it found, kept after their fixes.</summary>
    [Theory]
    [InlineData(9000)] // nothing typed string: a dictionary's key had no metadata, so every model's extension data threw on first use
    [InlineData(9002)] // a property named MemberwiseClone hid object's (CS0108, an error with warnings as errors)
    [InlineData(9016)] // a component named MemberwiseClone gave the JSON context a property that hid object's (CS0108)
    [InlineData(9036)] // a component named GetHashCode declared a member named like itself (CS0542)
    [InlineData(9041)] // a component named SendNull: its SendNull method (CS0542)
    public void The_seeds_the_name_fuzzer_failed_on_generate_code_that_compiles_and_serializes(int seed)
    {
        (string file, string spec) = RandomNamesSpec(seed);
        Assert.Null(CheckNames(file, spec));
    }

    [Fact]
    public void A_union_named_like_one_of_its_accessors_compiles()
    {
        // FromString holds a string alternative, whose accessor would be FromString.FromString (CS0542).
        string spec = """
            {"openapi":"3.0.3","info":{"title":"U","version":"1"},"paths":{"/u":{"post":{"operationId":"u",
              "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/FromString"}}}},
              "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/IsPet"}}}}}}}},
             "components":{"schemas":{
               "Pet":{"type":"object","properties":{"name":{"type":"string"}}},
               "FromString":{"oneOf":[{"type":"string"},{"type":"integer"}]},
               "IsPet":{"oneOf":[{"$ref":"#/components/schemas/Pet"},{"type":"boolean"}]}}}}
            """;
        Assert.Null(CheckNames("fuzz", spec));
    }

    [Fact]
    public void The_same_seed_gives_the_same_names_spec() => Assert.Equal(RandomNamesSpec(NamesDefaultSeed), RandomNamesSpec(NamesDefaultSeed));

    /// <summary>Null when the spec generates, compiles without errors or warnings, and every type's JSON metadata builds.</summary>
    internal static string? CheckNames(string file, string spec)
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/" + file + ".json", spec)]);
        if (result.Run.Results.FirstOrDefault(r => r.Exception is not null) is { Exception: { } exception })
        {
            return "the generator threw " + exception;
        }

        if (result.GeneratorDiagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error || d.Id is "PARAGON007" or "CS8785" or "AD0001") is { } error)
        {
            return "generator error " + error;
        }

        if (result.CompilerDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList() is { Count: > 0 } problems)
        {
            return "compile errors or warnings:\n" + string.Join("\n", problems.Take(10));
        }

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = result.Output.Emit(image);
        if (!emitted.Success)
        {
            return "emit failed: " + string.Join("\n", emitted.Diagnostics.Take(10));
        }

        image.Position = 0;
        var context = new AssemblyLoadContext("names", isCollectible: true);
        try
        {
            Type[] types = context.LoadFromStream(image).GetTypes();
            Type contextType = types.Single(t => t.IsSubclassOf(typeof(JsonSerializerContext)));
            var serializerContext = (JsonSerializerContext)contextType.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            // Static classes (the model factory) are not models: nothing to serialize.
            foreach (Type model in types.Where(t => t.IsPublic && t.Namespace == contextType.Namespace && t != contextType && !t.Name.EndsWith("Client", StringComparison.Ordinal)
                && !(t.IsAbstract && t.IsSealed)))
            {
                // Built and configured here, as on the first call: a property name collision throws now.
                _ = serializerContext.Options.GetTypeInfo(model).Properties.Count;
            }
        }
        finally
        {
            context.Unload();
        }

        return null;
    }

    /// <summary>A spec with components, properties, enum values, union alternatives and parameters named from the pools above.</summary>
    internal static (string File, string Spec) RandomNamesSpec(int seed)
    {
        var random = new Random(seed);
        string Pick(string[] pool) => pool[random.Next(pool.Length)];
        string[] components = Enumerable.Range(0, random.Next(1, 7)).Select(_ => Pick(ComponentNames)).Distinct().ToArray();
        JsonObject Ref() => new() { ["$ref"] = "#/components/schemas/" + components[random.Next(components.Length)] };
        JsonNode Leaf() => random.Next(5) switch
        {
            0 => new JsonObject { ["type"] = new[] { "string", "integer", "number", "boolean" }[random.Next(4)] },
            1 => new JsonObject { ["type"] = "array", ["items"] = Ref() },
            2 => new JsonObject { ["type"] = "object", ["additionalProperties"] = Ref() },
            _ => Ref(),
        };

        var schemas = new JsonObject();
        foreach (string component in components)
        {
            schemas[component] = random.Next(5) switch
            {
                0 => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Enumerable.Range(0, random.Next(1, 5)).Select(_ => Pick(MemberNames)).Distinct().Select(v => (JsonNode)v).ToArray()) },
                1 => new JsonObject { ["oneOf"] = new JsonArray(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Leaf()).ToArray()) },
                2 => Leaf(),
                _ => NamedObject(),
            };
        }

        JsonObject NamedObject()
        {
            var properties = new JsonObject();
            var required = new JsonArray();
            foreach (string name in Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(6) == 0 ? Pick(components) : Pick(MemberNames)).Distinct())
            {
                properties[name] = Leaf();
                if (random.Next(3) == 0)
                {
                    required.Add(name);
                }
            }

            var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
            if (required.Count > 0)
            {
                schema["required"] = required;
            }

            return schema;
        }

        var paths = new JsonObject();
        for (int i = 0; i < components.Length; i++)
        {
            string parameter = Pick(MemberNames);
            var operation = new JsonObject
            {
                ["operationId"] = random.Next(2) == 0 ? Pick(ComponentNames) : "op" + i.ToString(CultureInfo.InvariantCulture),
                ["parameters"] = new JsonArray(
                    new JsonObject { ["name"] = parameter, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } },
                    new JsonObject { ["name"] = Pick(MemberNames), ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }),
                ["requestBody"] = new JsonObject { ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref() } } },
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject { ["description"] = "ok", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref() } } },
                },
            };
            paths["/p" + i.ToString(CultureInfo.InvariantCulture) + "/{" + parameter + "}"] = new JsonObject { ["post"] = operation };
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "Names", ["version"] = "1" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
        return (Pick(FileNames), document.ToJsonString());
    }
}
