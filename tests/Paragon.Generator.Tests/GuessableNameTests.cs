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
/// Issue 15 §4, names a user can guess: the class name in the provider's casing, parameter types not named after another
/// operation, union alternatives named from their schema, and request and response models that pair up. Each test failed
/// before its fix.
/// </summary>
public sealed class GuessableNameTests(ITestOutputHelper output)
{
    private const string Small = """
        openapi: 3.0.3
        info: { title: TITLE, version: "1" }
        paths:
          /a:
            get:
              operationId: a
              responses: { "204": { description: none } }
        """;

    [Theory]
    [InlineData("github.json", "GitHub v3 REST API", "GitHub", "github")]
    [InlineData("hubspot.yaml", "HubSpot CRM API (curated subset)", "HubSpot", "hubspot")]
    [InlineData("googleCalendar.yaml", "google calendar api", "GoogleCalendar", "googleCalendar")]
    [InlineData("pagerduty.yaml", "PagerDuty API", "PagerDuty", "pagerduty")]
    [InlineData("stripe.yaml", "Stripe API", "Stripe", "stripe")]
    [InlineData("stripe.yaml", "Payments (Stripe-like)", "Stripe", "stripe")]
    [InlineData("github.json", "Githubber", "Github", "github")]
    [InlineData("slack.yaml", "SLACK Web API", "Slack", "slack")]
    [InlineData("openai.yaml", "OpenAI API", "OpenAI", "openai")]
    public void The_class_name_takes_the_casing_of_the_title(string file, string title, string className, string integration)
    {
        string spec = Small.Replace("TITLE", title, StringComparison.Ordinal);
        if (file.EndsWith(".json", StringComparison.Ordinal))
        {
            spec = $$"""{ "openapi": "3.0.3", "info": { "title": "{{title}}", "version": "1" }, "paths": { "/a": { "get": { "operationId": "a", "responses": { "204": { "description": "none" } } } } } }""";
        }

        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/" + file, spec)], $"using Paragon; class Use {{ void M(ParagonClient paragon) {{ Paragon.Integrations.{className}.{className}Client c = paragon.{className}; }} }}");
        Assert.Empty(result.Errors);
        Assert.Contains($"public const string Integration = \"{integration}\";", result.Source(className + ".Client.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_specs_whose_class_names_differ_only_in_case_are_PARAGON009_not_a_generator_failure()
    {
        // The title now gives the casing: github.json titled "GitHub…" and ghe/github.yaml titled "Github Enterprise" make
        // GitHub and Github, whose hint names (and files on a case-insensitive disk) are the same.
        GenerationResult result = GeneratorHarness.Run(
        [
            new SpecFile("/specs/github.yaml", Small.Replace("TITLE", "GitHub v3 REST API", StringComparison.Ordinal)),
            new SpecFile("/specs/ghe/github.yaml", Small.Replace("TITLE", "Github Enterprise", StringComparison.Ordinal)),
        ]);
        Assert.Empty(result.Run.Results.Where(r => r.Exception is not null));
        Microsoft.CodeAnalysis.Diagnostic duplicate = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON009");
        Assert.Equal("/specs/github.yaml", duplicate.Location.GetLineSpan().Path);
    }

    [Fact]
    public void A_name_longer_than_an_integration_name_is_not_matched_against_the_title()
    {
        // Matching the title against the name costs words x name length, before the name is checked: a hostile spec with a
        // 60k-character x-paragon-integration and a title of 30k words made that billions of appends. A name that cannot
        // be an integration name (over 128 characters; PARAGON011 follows) now skips the title.
        string name = new('b', 200);
        string title = string.Join(" ", Enumerable.Repeat("b", 200));
        Assert.Equal("B" + new string('b', 199), Paragon.Generator.Naming.Identifiers.ClassName(name, title));
    }

    [Fact]
    public void ClassName_metadata_wins_over_the_title()
    {
        string spec = Small.Replace("TITLE", "GitHub", StringComparison.Ordinal);
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/github.yaml", spec, ClassName: "Gh")]);
        Assert.Empty(result.Errors);
        Assert.Contains("public const string Integration = \"github\";", result.Source("Gh.Client.g.cs"), StringComparison.Ordinal);
    }

    [CorpusFact]
    public void GitHubs_spec_gives_paragon_GitHub_as_the_README_writes_it()
    {
        SpecModel model = Read(GeneratorHarness.Corpus("github.json"));
        Assert.Equal("GitHub", model.ClassName);
        Assert.Equal("github", model.Integration);
        Assert.Equal("Paragon.Integrations.GitHub", model.Namespace);
    }

    [Fact]
    public void The_curated_HubSpot_spec_gives_paragon_HubSpot()
    {
        GenerationResult result = GeneratorHarness.RunClean(output, [SpecFile.FromDisk(GeneratorHarness.Shipped("hubspot.yaml"))],
            "using Paragon; class Use { void M(ParagonClient paragon) { Paragon.Integrations.HubSpot.HubSpotClient c = paragon.HubSpot; } }");
        Assert.Contains("public const string Integration = \"hubspot\";", result.Source("HubSpot.Client.g.cs"), StringComparison.Ordinal);
    }

    private const string SharedParameters = """
        openapi: 3.0.3
        info: { title: Shared, version: "1" }
        paths:
          /repos/{repo}/issues:
            get:
              operationId: issues/list-for-repo
              parameters:
                - { name: repo, in: path, required: true, schema: { type: string } }
                - $ref: '#/components/parameters/direction'
                - $ref: '#/components/parameters/state'
              responses: { "204": { description: none } }
          /orgs/{org}/issues:
            get:
              operationId: issues/list-for-org
              parameters:
                - { name: org, in: path, required: true, schema: { type: string } }
                - $ref: '#/components/parameters/direction'
                - $ref: '#/components/parameters/state'
              responses: { "204": { description: none } }
          /pulls:
            get:
              operationId: pulls/list
              parameters:
                - $ref: '#/components/parameters/direction'
                - $ref: '#/components/parameters/only-pulls'
                - { name: filter, in: query, schema: { type: string, enum: [open, closed] } }
              responses: { "204": { description: none } }
        components:
          parameters:
            direction: { name: direction, in: query, schema: { type: string, enum: [asc, desc] } }
            state: { name: state, in: query, schema: { type: string, enum: [open, closed, all] } }
            only-pulls: { name: kind, in: query, schema: { type: string, enum: [draft, ready] } }
          schemas:
            State: { type: object, properties: { id: { type: integer } } }
        """;

    /// <summary>
    /// Before: every operation's direction was IssuesListForRepoDirection (the first reader's name), so IssuesListForOrgAsync
    /// and PullsListAsync took a type named after another operation.
    /// </summary>
    [Fact]
    public void A_parameter_shape_shared_by_several_operations_is_named_after_none_of_them()
    {
        GenerationResult result = GeneratorHarness.RunClean(output, new SpecFile("/specs/shared.yaml", SharedParameters));
        string client = GeneratorHarness.ClientSource(result, "Shared");
        string[] models = result.ModelNames("Shared");
        output.WriteLine(string.Join(", ", models));

        // Shared by all three: the component's own name. Shared by two Issues operations while the schema State takes
        // "State": the group's. Used by one operation: that operation's name, as before.
        Assert.Contains("global::Paragon.Integrations.Shared.Direction? direction = null", client, StringComparison.Ordinal);
        Assert.Contains("global::Paragon.Integrations.Shared.IssuesState? state = null", client, StringComparison.Ordinal);
        Assert.Contains("global::Paragon.Integrations.Shared.PullsListKind? kind = null", client, StringComparison.Ordinal);
        Assert.Contains("global::Paragon.Integrations.Shared.PullsListFilter? filter = null", client, StringComparison.Ordinal);
        Assert.DoesNotContain(models, m => m.StartsWith("IssuesListForRepo", StringComparison.Ordinal) || m.StartsWith("IssuesListForOrg", StringComparison.Ordinal));
    }

    [CorpusFact]
    public void GitHubs_issue_operations_take_no_other_operations_types()
    {
        SpecModel model = Read(GeneratorHarness.Corpus("github.json"));
        var offenders = (from operation in model.Operations
                         from parameter in operation.Parameters
                         where parameter.Type.Kind == TypeKind.Model
                         let name = parameter.Type.Name ?? string.Empty
                         let own = operation.MethodName.Substring(0, operation.MethodName.Length - "Async".Length)
                         from other in model.Operations
                         let otherBase = other.MethodName.Substring(0, other.MethodName.Length - "Async".Length)
                         where other != operation && name.Length > otherBase.Length && name.StartsWith(otherBase, StringComparison.Ordinal)
                             && !name.StartsWith(own, StringComparison.Ordinal) && char.IsUpper(name[otherBase.Length])
                         select $"{operation.MethodName}({parameter.Identifier}: {parameter.Type.Name})").Distinct().ToList();
        output.WriteLine(string.Join("\n", offenders));
        Assert.Empty(offenders);
        OperationModel listForRepo = model.Operations.Single(o => o.MethodName == "IssuesListForRepoAsync");
        Assert.Equal("Direction", listForRepo.Parameters.Single(p => p.WireName == "direction").Type.Name);
    }

    private const string Unions = """
        openapi: 3.0.3
        info: { title: Unions, version: "1" }
        paths:
          /a:
            post:
              operationId: a
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        shipping:
                          anyOf:
                            - { type: object, title: customer_shipping, properties: { line1: { type: string } }, required: [line1] }
                            - { type: string, enum: [""] }
                        target:
                          oneOf:
                            - $ref: '#/components/schemas/Pet'
                            - { type: object, properties: { code: { type: integer } }, required: [code] }
                            - { type: object, properties: { kind: { type: string, enum: [card] }, last4: { type: string } }, required: [kind] }
                            - { type: array, items: { type: integer } }
                            - { type: string }
                        size:
                          oneOf:
                            - { type: object, properties: { small: { type: integer } }, required: [small] }
                            - { type: object, properties: { large: { type: integer } }, required: [large] }
              responses: { "204": { description: none } }
        components:
          schemas:
            Pet: { type: object, properties: { name: { type: string } }, required: [name] }
        """;

    /// <summary>Before: ARequestShippingVariant1/Variant2 and ARequestTargetVariant2, with accessors of the same names.</summary>
    [Fact]
    public void Union_alternatives_are_named_from_ref_title_or_shape()
    {
        GenerationResult result = GeneratorHarness.RunClean(output, new SpecFile("/specs/unions.yaml", Unions));
        string[] models = result.ModelNames("Unions");
        output.WriteLine(string.Join(", ", models));
        // A value or "" is the runtime's OrEmpty<T>, no union: the value takes the name the union would have had.
        Assert.Contains("OrEmpty<global::Paragon.Integrations.Unions.ARequestShipping>? Shipping", result.Model("ARequest", "Unions"), StringComparison.Ordinal);
        Assert.Contains("line1", result.Model("ARequestShipping", "Unions"), StringComparison.Ordinal);
        string target = result.Model("ARequestTarget", "Unions");
        Assert.Contains("TryGetPet(", target, StringComparison.Ordinal);
        Assert.Contains("TryGetObject(", target, StringComparison.Ordinal);
        Assert.Contains("TryGetString(", target, StringComparison.Ordinal);
        Assert.Contains("TryGetCard(", target, StringComparison.Ordinal);
        Assert.Contains("TryGetListOfInt64(", target, StringComparison.Ordinal);
        Assert.Contains("ARequestTargetObject", models);

        // Two untitled objects: nothing in the schema tells them apart by name, so they stay numbered.
        Assert.Contains("ARequestSizeVariant1", models);
        Assert.Contains("ARequestSizeVariant2", models);
        Assert.DoesNotContain(models, m => m.Contains("Variant", StringComparison.Ordinal) && !m.StartsWith("ARequestSize", StringComparison.Ordinal));
    }

    /// <summary>
    /// Before: ChatPostMessageAsync(PostMessageRequest) returned ChatPostMessageResponse. Where the answer is the operation's
    /// own (<c>…Response</c>, not a shared <c>BaseResponse</c>), the body is the operation's own too.
    /// </summary>
    [Fact]
    public void Slacks_request_and_response_models_pair_up()
    {
        SpecModel model = Read(GeneratorHarness.Shipped("slack.yaml"));
        var unpaired = model.Operations.Where(o => o.Body?.Type is { Kind: TypeKind.Model } && o.Response.Type is { Kind: TypeKind.Model })
            .Select(o => (Operation: o, Base: o.MethodName.Substring(0, o.MethodName.Length - "Async".Length)))
            .Where(o => o.Operation.Response.Type!.Name == o.Base + "Response" && o.Operation.Body!.Type!.Name != o.Base + "Request")
            .Select(o => o.Operation)
            .Select(o => $"{o.MethodName}({o.Body!.Type!.Name}) -> {o.Response.Type!.Name}").ToList();
        Assert.Empty(unpaired);
        OperationModel post = model.Operations.Single(o => o.MethodName == "ChatPostMessageAsync");
        Assert.Equal("ChatPostMessageRequest", post.Body!.Type!.Name);
        Assert.Equal("ChatPostMessageResponse", post.Response.Type!.Name);
    }

    internal static SpecModel Read(string path) => SpecModeler.Read(new SpecInput(path, File.ReadAllText(path), null, null, null), CancellationToken.None);
}
