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
/// The model factory (issue 15): <c>{ClassName}ModelFactory.Model()</c> with no argument gives a model whose JSON the
/// strict reader reads back, for every object model of the curated specs and GitHub's, so that a test's fake needs only
/// the fields it cares about.
/// </summary>
public sealed class ModelFactoryTests(ITestOutputHelper output)
{
    private static readonly string[] ShippedSpecs = ["slack.yaml", "notion.yaml", "hubspot.yaml", "salesforce.yaml", "googleCalendar.yaml"];

    public static TheoryData<string> Specs() => new(ShippedSpecs);

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_model_of_a_shipped_spec_made_with_defaults_reads_back_strictly(string file) =>
        RoundTrip(SpecFile.FromDisk(GeneratorHarness.Shipped(file)));

    [CorpusFact]
    public void Every_model_of_GitHub_made_with_defaults_reads_back_strictly()
    {
        // The emit CorpusTests and ConventionPagingTests also check (one compile of GitHub's code for the three).
        EmittedRun run = GitHubEmit.Take();
        run.AssertClean(output);
        RoundTrip(run.Image!);
    }

    [Fact]
    public void Names_that_collide_and_required_models_that_need_each_other_still_compile_and_return()
    {
        // A keyword and two spellings of one camelCase name as parameters; a model named like the factory (renamed);
        // A and B require each other (directly and through a union): no finite JSON satisfies that, but the methods must
        // return rather than recurse for ever.
        string spec = """
            openapi: 3.1.0
            info: { title: Clash, version: "1" }
            paths:
              /a:
                get:
                  operationId: a
                  responses:
                    "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/A' } } } }
            components:
              schemas:
                ClashModelFactory: { type: object, required: [class], properties: { class: { type: string } } }
                A:
                  type: object
                  required: [b, u, class, URL, url, kind, tags, raw, object]
                  properties:
                    b: { $ref: '#/components/schemas/B' }
                    u: { $ref: '#/components/schemas/U' }
                    class: { type: string }
                    URL: { type: string }
                    url: { type: integer }
                    kind: { type: string, enum: [open, closed] }
                    tags: { type: array, items: { type: string } }
                    raw: { type: [string, integer] }
                    clash: { $ref: '#/components/schemas/ClashModelFactory' }
                    object: { type: string, enum: [thing] }
                B: { type: object, required: [a], properties: { a: { $ref: '#/components/schemas/A' } } }
                U: { oneOf: [ { $ref: '#/components/schemas/A' }, { type: string } ] }
            """;
        (GenerationResult result, byte[] image) = GeneratorHarness.RunCleanAndEmit(output, new SpecFile("/specs/clash.yaml", spec));
        string factory = result.Source("Clash.ModelFactory.g.cs");
        output.WriteLine(factory);
        Assert.Contains("string @class = \"\"", factory, StringComparison.Ordinal);
        Assert.Contains("string url = \"\", long url2 = 0", factory, StringComparison.Ordinal);
        Assert.Contains("public static global::Paragon.Integrations.Clash.ClashModelFactory2 ClashModelFactory2(", factory, StringComparison.Ordinal);

        using var loaded = Loaded.From(image);
        Type type = loaded.Type("ClashModelFactory");
        foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            Assert.NotNull(Invoke(method));
        }

        // The enum's first member, an empty list; the cycles' placeholders are null, not a method that never returns.
        object a = Invoke(type.GetMethod("A")!);
        Assert.Equal("open", a.GetType().GetProperty("Kind")!.GetValue(a)!.ToString());
        Assert.Empty((System.Collections.IList)a.GetType().GetProperty("Tags")!.GetValue(a)!);
        Assert.Null(a.GetType().GetProperty("Raw")!.GetValue(a)); // required, but its schema allows null: left unset
        Assert.Equal("thing", a.GetType().GetProperty("Object")!.GetValue(a)!.ToString()); // the one value the schema allows, not ""
    }

    [Fact]
    public void The_ModelFactory_metadata_false_leaves_the_factory_out_and_a_bad_value_is_PARAGON014()
    {
        const string spec = """
            openapi: 3.0.3
            info: { title: Off, version: "1" }
            paths:
              /a:
                get:
                  operationId: a
                  responses:
                    "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/A' } } } }
            components:
              schemas:
                A: { type: object, required: [name], properties: { name: { type: string } } }
            """;
        static SpecFile With(string value) => new("/specs/off.yaml", spec, Metadata: new Dictionary<string, string> { ["ModelFactory"] = value });

        GenerationResult off = GeneratorHarness.RunClean(output, With("False"));
        Assert.DoesNotContain(off.Run.Results.SelectMany(r => r.GeneratedSources), s => s.HintName.EndsWith(".ModelFactory.g.cs", StringComparison.Ordinal));
        Assert.Contains(off.Run.Results.SelectMany(r => r.GeneratedSources), s => s.HintName == "Off.Client.g.cs");

        GenerationResult on = GeneratorHarness.RunClean(output, new SpecFile("/specs/off.yaml", spec));
        Assert.Contains("public static global::Paragon.Integrations.Off.A A(string name = \"\")", on.Source("Off.ModelFactory.g.cs"), StringComparison.Ordinal);

        // A typo is an error that names the setting, not a silent default; the factory stays (the default).
        GenerationResult typo = GeneratorHarness.Run([With("no")]);
        Diagnostic bad = Assert.Single(typo.GeneratorDiagnostics, d => d.Id == "PARAGON014");
        Assert.Contains("ModelFactory", bad.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(typo.Run.Results.SelectMany(r => r.GeneratedSources), s => s.HintName == "Off.ModelFactory.g.cs");
    }

    /// <summary>
    /// Prints what the factory adds to the generated code of each spec (issue 16 counts build cost): the factory file's
    /// size against the rest.
    /// </summary>
    [CorpusFact]
    public void Generated_size_of_the_factories()
    {
        string[] files = [.. ShippedSpecs.Select(GeneratorHarness.Shipped), GeneratorHarness.Corpus("github.json")];
        long allLines = 0, allChars = 0, factoryLines = 0, factoryChars = 0;
        foreach (string file in files)
        {
            GeneratorDriver driver = GeneratorHarness.CreateDriver([SpecFile.FromDisk(file)], trackSteps: false).RunGenerators(GeneratorHarness.NewCompilation());
            GeneratedSourceResult[] sources = driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources).ToArray();
            (long lines, long chars) = Size(sources.Where(s => !s.HintName.EndsWith(".ModelFactory.g.cs", StringComparison.Ordinal)));
            (long addedLines, long addedChars) = Size(sources.Where(s => s.HintName.EndsWith(".ModelFactory.g.cs", StringComparison.Ordinal)));
            output.WriteLine($"{Path.GetFileName(file)}: without the factory {lines:N0} lines / {chars:N0} chars; factory +{addedLines:N0} lines / +{addedChars:N0} chars (+{100.0 * addedChars / chars:0.0}%)");
            allLines += lines;
            allChars += chars;
            factoryLines += addedLines;
            factoryChars += addedChars;
        }

        output.WriteLine($"all: without the factory {allLines:N0} lines / {allChars:N0} chars; factory +{factoryLines:N0} lines / +{factoryChars:N0} chars (+{100.0 * factoryChars / allChars:0.0}%)");

        // One expression per model and a line per property: a tenth of the rest at most.
        Assert.True(factoryChars > 0, "No factory was generated.");
        Assert.True(factoryChars < allChars / 10, $"The factories are {factoryChars:N0} characters against {allChars:N0} for the rest.");
    }

    private static (long Lines, long Chars) Size(IEnumerable<GeneratedSourceResult> sources)
    {
        long lines = 0, chars = 0;
        foreach (GeneratedSourceResult source in sources)
        {
            string text = source.SourceText.ToString();
            lines += text.Count(c => c == '\n');
            chars += text.Length;
        }

        return (lines, chars);
    }

    private void RoundTrip(SpecFile spec) => RoundTrip(GeneratorHarness.RunCleanAndEmit(output, spec).Image);

    private void RoundTrip(byte[] image)
    {
        using var loaded = Loaded.From(image);
        Type factory = loaded.Assembly.GetTypes().Single(t => t.Name.EndsWith("ModelFactory", StringComparison.Ordinal) && t.IsAbstract && t.IsSealed);
        Type contextType = loaded.Assembly.GetTypes().Single(t => t.Namespace == factory.Namespace && t.Name.EndsWith("JsonContext", StringComparison.Ordinal) && typeof(JsonSerializerContext).IsAssignableFrom(t));
        var context = (JsonSerializerContext)contextType.GetProperty("Default")!.GetValue(null)!;
        var failures = new List<string>();
        int count = 0;
        foreach (MethodInfo method in factory.GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            count++;
            object model = Invoke(method);
            JsonTypeInfo info = context.GetTypeInfo(method.ReturnType) ?? throw new InvalidOperationException("No metadata for " + method.ReturnType);
            string json = JsonSerializer.Serialize(model, info);
            try
            {
                Assert.NotNull(JsonSerializer.Deserialize(json, info));
            }
            catch (JsonException ex)
            {
                failures.Add($"{method.Name}: {ex.Message} in {json[..Math.Min(json.Length, 300)]}");
            }
        }

        output.WriteLine($"{count} models made and read back");
        Assert.True(count > 0, "The factory has no method.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>Calls a factory method with every parameter left at its default.</summary>
    private static object Invoke(MethodInfo method) =>
        method.Invoke(null, method.GetParameters().Select(_ => Type.Missing).ToArray()) ?? throw new InvalidOperationException(method.Name + " returned null");

    /// <summary>The generated assembly in a collectible load context; Paragon.Runtime comes from the test's own context.</summary>
    private sealed class Loaded : IDisposable
    {
        private readonly AssemblyLoadContext _context;

        private Loaded(AssemblyLoadContext context, Assembly assembly)
        {
            _context = context;
            Assembly = assembly;
        }

        public Assembly Assembly { get; }

        /// <summary>Loads an image from <see cref="GeneratorHarness.RunCleanAndEmit"/>, which has checked that it compiled.</summary>
        public static Loaded From(byte[] image)
        {
            var context = new AssemblyLoadContext("factory", isCollectible: true);
            using var stream = new MemoryStream(image);
            return new Loaded(context, context.LoadFromStream(stream));
        }

        public Type Type(string name) => Assembly.GetTypes().Single(t => t.Name == name && t.Namespace!.StartsWith("Paragon.Integrations.", StringComparison.Ordinal));

        public void Dispose() => _context.Unload();
    }
}
