using System;
using System.IO;
using System.Linq;
using System.Threading;
using Paragon.Generator.Model;
using Paragon.Generator.Modeling;
using Paragon.Generator.Reading;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// Issue 15 §4: a union alternative is named from the schema (its <c>$ref</c>, its <c>title</c>, its shape), and
/// <c>Variant1</c>/<c>Variant2</c> only when nothing else tells two alternatives apart. This counts what is left of those
/// names across every real spec (the reader only, no compile: a few seconds), prints the numbers, and holds them under the
/// count measured when the rule was made, so that a change that brings numbered names back shows.
/// </summary>
public sealed class VariantNameCountTests(ITestOutputHelper output)
{
    [SharedTheory("specs-wide")]
    [InlineData("specs-corpus", 57, 78)]
    [InlineData("specs-wide", 0, 2)]
    public void Numbered_variant_names_stay_rare(string folder, int maxIdentifiers, int maxTypes)
    {
        string path = Path.Combine(SharedSpecs.Root, folder);
        int identifiers = 0, types = 0, unions = 0, alternatives = 0;
        foreach (string file in SharedSpecs.Files(path))
        {
            string full = Path.Combine(path, file);
            SpecModel model = SpecModeler.Read(new SpecInput(full, File.ReadAllText(full), null, null, null), CancellationToken.None);
            int specIdentifiers = model.Types.Sum(t => t.Variants.Count(v => v.Identifier.Contains("Variant", StringComparison.Ordinal)));
            int specTypes = model.Types.Count(t => t.Name.Contains("Variant", StringComparison.Ordinal));
            unions += model.Types.Count(t => t.Kind == TypeModelKind.Union);
            alternatives += model.Types.Sum(t => t.Variants.Count);
            if (specIdentifiers + specTypes > 0)
            {
                output.WriteLine($"  {file}: {specIdentifiers} alternative identifiers, {specTypes} type names");
            }

            identifiers += specIdentifiers;
            types += specTypes;
        }

        output.WriteLine($"{folder}: {unions} unions with {alternatives} alternatives; 'Variant' in {identifiers} alternative identifiers and {types} generated type names");
        Assert.True(identifiers <= maxIdentifiers, $"{identifiers} alternative identifiers with 'Variant' (at most {maxIdentifiers})");
        Assert.True(types <= maxTypes, $"{types} generated type names with 'Variant' (at most {maxTypes})");
    }
}
