using System;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// Inline enums of component schemas with the same values are one type (Stripe wrote 1,286 of its 1,602 enums as copies of
/// another), named after the first use; component enums keep their own.
/// </summary>
public sealed class SharedEnumTests(ITestOutputHelper output)
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Tracker, version: "1" }
        paths:
          /issues:
            get:
              operationId: issues.list
              parameters:
                - { name: state, in: query, schema: { type: string, enum: [open, closed] } }
              responses:
                "200":
                  description: Issues.
                  content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Issue' } } } }
        components:
          schemas:
            Issue:
              type: object
              properties:
                state: { type: string, enum: [open, closed], description: The issue's state. }
                lock: { type: string, enum: [open, closed], description: Whether comments are allowed. }
                order: { type: string, enum: [closed, open] }
                kind: { $ref: '#/components/schemas/State' }
                choice:
                  oneOf:
                    - { type: integer }
                    - { type: string, enum: [open, closed] }
            Pull:
              type: object
              properties:
                state: { type: string, enum: [open, closed] }
            State: { type: string, enum: [open, closed] }
        """;

    [Fact]
    public void Inline_enums_with_the_same_values_are_one_type_named_after_the_first_use()
    {
        GenerationResult result = GeneratorHarness.RunClean(output, new SpecFile("/specs/tracker.yaml", Spec));
        string models = string.Concat(result.Run.Results.SelectMany(r => r.GeneratedSources)
            .Where(s => s.HintName.StartsWith("Tracker.Models.", StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));
        string[] enums = Regex.Matches(models, @" partial record struct ([A-Za-z0-9_]+)").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();
        output.WriteLine(string.Join(", ", enums));

        // Issue's state is the first inside a component: Issue's lock, Pull's state and the union's alternative use it. The
        // parameter, read first, keeps its own (a type named after an operation is used by no other). Other values in
        // another order are another enum; the component keeps its name.
        Assert.Equal(["IssueOrder", "IssueState", "IssuesListState", "State"], enums);
        Assert.Contains("public global::Paragon.Integrations.Tracker.IssueState? State { get; set; }", models, StringComparison.Ordinal);
        Assert.Contains("public global::Paragon.Integrations.Tracker.IssueState? Lock { get; set; }", models, StringComparison.Ordinal);
        Assert.Contains("public global::Paragon.Integrations.Tracker.State? Kind { get; set; }", models, StringComparison.Ordinal);

        // The properties keep their own docs; the shared type says what they have in common, which here is nothing.
        Assert.Contains("The issue's state.", models, StringComparison.Ordinal);
        Assert.Contains("Whether comments are allowed.", models, StringComparison.Ordinal);

        // A union's inline enum alternative keeps its accessor name, though its type is the shared one.
        Assert.Contains("public bool TryGetEnum(out global::Paragon.Integrations.Tracker.IssueState? value)", models, StringComparison.Ordinal);
    }
}
