using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// Random specs from a seeded RNG whose schemas nest and cycle references through allOf, oneOf, anyOf, items,
/// additionalProperties and not (components that refer to each other and to themselves, inline nesting). Each goes through
/// the generator and the compiler. CI runs a fixed number; <c>PARAGON_FUZZ_ITERATIONS=5000</c> runs more, and
/// <c>PARAGON_FUZZ_SEED=n</c> starts at seed n (a failure prints its seed, so <c>PARAGON_FUZZ_SEED=n PARAGON_FUZZ_ITERATIONS=1</c> replays it).
/// </summary>
public sealed partial class FuzzTests(ITestOutputHelper output)
{
    private const int CiIterations = 60;
    private const int DefaultSeed = 6_000;

    [Fact]
    public void Random_specs_that_nest_and_cycle_references_generate_code_that_compiles()
    {
        int iterations = ReadNumber("PARAGON_FUZZ_ITERATIONS") ?? CiIterations;
        int first = ReadNumber("PARAGON_FUZZ_SEED") ?? DefaultSeed;
        var stopwatch = Stopwatch.StartNew();
        for (int seed = first; seed < first + iterations; seed++)
        {
            (string spec, int operations) = RandomSpec(seed);
            string? failure;
            try
            {
                failure = Check(spec, operations);
            }
            catch (Exception ex)
            {
                failure = ex.ToString();
            }

            if (failure is not null)
            {
                output.WriteLine(spec);
                Assert.Fail($"Seed {seed.ToString(CultureInfo.InvariantCulture)} fails (replay: PARAGON_FUZZ_SEED={seed.ToString(CultureInfo.InvariantCulture)} PARAGON_FUZZ_ITERATIONS=1): {failure}");
            }
        }

        output.WriteLine($"{iterations} random specs from seed {first} in {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void The_same_seed_gives_the_same_spec()
    {
        Assert.Equal(RandomSpec(DefaultSeed), RandomSpec(DefaultSeed));
        Assert.NotEqual(RandomSpec(DefaultSeed).Spec, RandomSpec(DefaultSeed + 1).Spec);
    }

    private static string? Check(string spec, int operations)
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/fuzz.json", spec)]);
        if (result.Run.Results.FirstOrDefault(r => r.Exception is not null) is { Exception: { } exception })
        {
            return "the generator threw " + exception;
        }

        if (result.GeneratorDiagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error || d.Id is "PARAGON007" or "CS8785" or "AD0001") is { } error)
        {
            return "generator error " + error;
        }

        if (result.Errors.Any())
        {
            return "compile errors:\n" + string.Join("\n", result.Errors.Take(10));
        }

        string client = result.Source("Fuzz.Client.g.cs");
        // One request description per operation (and two public methods for it).
        int methods = client.Split('\n').Count(l => l.TrimStart().StartsWith("private global::Paragon.Proxy.ProxyRequest ", StringComparison.Ordinal));
        return methods == operations ? null : $"{operations} operations but {methods} methods";
    }

    private static int? ReadNumber(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;

    /// <summary>A spec with a few components and operations; every schema is drawn from the seed alone.</summary>
    internal static (string Spec, int Operations) RandomSpec(int seed)
    {
        var random = new Random(seed);
        int componentCount = random.Next(1, 9);
        string[] components = Enumerable.Range(0, componentCount).Select(i => random.Next(4) == 0 ? "Node" + i.ToString(CultureInfo.InvariantCulture) : "C" + i.ToString(CultureInfo.InvariantCulture)).Distinct().ToArray();
        var schemas = new JsonObject();
        foreach (string component in components)
        {
            schemas[component] = Schema(random, components, depth: 0);
        }

        var paths = new JsonObject();
        int operations = random.Next(1, 4);
        for (int i = 0; i < operations; i++)
        {
            string id = "op" + i.ToString(CultureInfo.InvariantCulture);
            var operation = new JsonObject
            {
                ["operationId"] = id,
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject { ["description"] = "ok", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Schema(random, components, depth: 1) } } },
                },
            };
            if (random.Next(2) == 0)
            {
                operation["requestBody"] = new JsonObject { ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Schema(random, components, depth: 1) } } };
            }

            paths["/" + id] = new JsonObject { [random.Next(2) == 0 ? "post" : "put"] = operation };
        }

        var document = new JsonObject
        {
            ["openapi"] = random.Next(3) == 0 ? "3.1.0" : "3.0.3",
            ["info"] = new JsonObject { ["title"] = "Fuzz", ["version"] = "1" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
        return (document.ToJsonString(), operations);
    }

    private static readonly string[] PropertyNames = ["a", "A", "value", "type", "next", "items", "kind", "Raw", "class", "data_value"];

    private static JsonNode Schema(Random random, string[] components, int depth)
    {
        JsonObject Ref() => new() { ["$ref"] = "#/components/schemas/" + components[random.Next(components.Length)] };
        JsonObject Annotation() => random.Next(3) switch
        {
            0 => new JsonObject { ["description"] = "An annotation." },
            1 => new JsonObject { ["description"] = "Nullable.", ["nullable"] = true },
            _ => new JsonObject { ["title"] = "T", ["readOnly"] = random.Next(2) == 0 },
        };
        JsonArray Parts(int count) => new(Enumerable.Range(0, count).Select(_ => Schema(random, components, depth + 1)).ToArray());

        // Deep schemas end in leaves and references, so that every spec is finite while cycles still come through $ref.
        int choice = depth >= 4 ? random.Next(6) : random.Next(17);
        return choice switch
        {
            0 => new JsonObject { ["type"] = new[] { "string", "integer", "number", "boolean" }[random.Next(4)] },
            1 or 2 or 3 => Ref(),
            4 => new JsonObject(),
            5 => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("x", "y", random.Next(2) == 0 ? "X" : "z") },
            6 or 7 => Object(random, components, depth),
            8 => new JsonObject { ["type"] = "array", ["items"] = Schema(random, components, depth + 1) },
            9 => new JsonObject { ["type"] = "object", ["additionalProperties"] = Schema(random, components, depth + 1) },
            10 => new JsonObject { ["allOf"] = new JsonArray(Ref(), Annotation()) },
            11 => new JsonObject { ["allOf"] = Parts(random.Next(1, 4)) },
            12 => new JsonObject { ["oneOf"] = Parts(random.Next(1, 4)) },
            13 => new JsonObject { ["anyOf"] = Parts(random.Next(1, 4)) },
            14 => new JsonObject { ["not"] = Schema(random, components, depth + 1), ["type"] = random.Next(2) == 0 ? "object" : "string" },
            15 => new JsonObject { ["allOf"] = new JsonArray(Ref(), Object(random, components, depth + 1)) },
            _ => Union(),
        };

        JsonObject Union()
        {
            var union = new JsonObject { ["oneOf"] = new JsonArray(Ref(), Ref(), new JsonObject { ["type"] = "null" }) };
            if (random.Next(2) == 0)
            {
                union["discriminator"] = new JsonObject { ["propertyName"] = "kind" };
            }

            return union;
        }
    }

    private static JsonObject Object(Random random, string[] components, int depth)
    {
        var properties = new JsonObject();
        int count = random.Next(1, 4);
        var required = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            string name = PropertyNames[random.Next(PropertyNames.Length)];
            if (properties.ContainsKey(name))
            {
                continue;
            }

            properties[name] = Schema(random, components, depth + 1);
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
}
