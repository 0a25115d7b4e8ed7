using System;
using System.IO;
using System.Linq;

namespace Paragon.Generator.Tests;

/// <summary>Integration and class names, path prefixes, method and parameter names: what a spec's names become.</summary>
public sealed class NamingTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Names, version: "1" }
        paths:
          /v2/items/{item-id}:
            get:
              parameters:
                - { name: item-id, in: path, required: true, schema: { type: string } }
                - { name: class, in: query, schema: { type: string } }
                - { name: params, in: query, schema: { type: string } }
                - { name: cancellationToken, in: query, schema: { type: string } }
                - { name: body, in: query, schema: { type: string } }
                - { name: X-Trace-ID, in: header, schema: { type: string } }
              responses: { "204": { description: none } }
          /items:
            post:
              operationId: create_item
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        "@type": { type: string }
                        "class": { type: string }
                        "2fa": { type: boolean }
              responses: { "201": { description: created } }
        """;

    [Fact]
    public void The_integration_comes_from_the_file_name_and_the_class_from_it()
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/googleCalendar.yaml", Spec)]);
        Assert.Empty(result.Errors);
        string client = result.Source("GoogleCalendar.Client.g.cs");
        Assert.Contains("public sealed partial class GoogleCalendarClient", client, StringComparison.Ordinal);
        Assert.Contains("public const string Integration = \"googleCalendar\";", client, StringComparison.Ordinal);
        Assert.Contains("namespace Paragon.Integrations.GoogleCalendar", client, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my-api.v2.json", "my-api.v2", "MyApiV2")]
    [InlineData("Recurrence (v1).json", "RecurrenceV1", "RecurrenceV1")]
    [InlineData("google calendar.yaml", "googleCalendar", "GoogleCalendar")]
    [InlineData("ünïcode.yaml", "unicode", "Unicode")]
    [InlineData("[draft] tasks.yml", "draftTasks", "DraftTasks")]
    public void A_file_name_that_is_not_an_integration_name_is_made_into_one(string file, string integration, string className)
    {
        // A .json file must hold JSON: the same spec, written as JSON.
        string spec = file.EndsWith(".json", StringComparison.Ordinal)
            ? """{ "openapi": "3.0.3", "info": { "title": "Names", "version": "1" }, "paths": { "/a": { "get": { "operationId": "a", "responses": { "204": { "description": "none" } } } } } }"""
            : Spec;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/" + file, spec)], $"using Paragon; class Use {{ void M(ParagonClient paragon) {{ _ = paragon.{className}; }} }}");
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Empty(result.Errors);
        string client = result.Source(className + ".Client.g.cs");
        Assert.Contains($"public const string Integration = \"{integration}\";", client, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_file_name_leaves_nothing_the_title_names_the_integration()
    {
        string spec = Spec.Replace("title: Names", "title: Task Lab (beta)", StringComparison.Ordinal);
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/日本語.yaml", spec)]);
        Assert.Empty(result.Errors);
        Assert.Contains("public const string Integration = \"TaskLabBeta\";", result.Source("TaskLabBeta.Client.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("google calendar", null, null)]
    [InlineData(null, "Task Lab", null)]
    [InlineData(null, null, "bad name")]
    public void A_name_the_user_gave_is_never_rewritten(string? integration, string? className, string? extension)
    {
        string spec = extension is null ? Spec : Spec.Replace("paths:", $"x-paragon-integration: {extension}\npaths:", StringComparison.Ordinal);
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/fine.yaml", spec, Integration: integration, ClassName: className)]);
        Assert.Single(result.GeneratorDiagnostics, d => d.Id == "PARAGON011");
        Assert.Empty(result.Run.Results.SelectMany(r => r.GeneratedSources));
    }

    [Fact]
    public void Metadata_overrides_the_names_and_prefixes_every_path()
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/anything.yaml", Spec, Integration: "custom.task-lab", ClassName: "TaskLab", PathPrefix: "api/")]);
        Assert.Empty(result.Errors);
        string client = result.Source("TaskLab.Client.g.cs");
        Assert.Contains("public const string Integration = \"custom.task-lab\";", client, StringComparison.Ordinal);
        Assert.Contains("\"/api/v2/items/{item-id}\"", client, StringComparison.Ordinal);
        Assert.Contains("\"/api/items\"", client, StringComparison.Ordinal);
    }

    [Fact]
    public void The_root_extension_names_the_integration()
    {
        string spec = Spec.Replace("info: { title: Names, version: \"1\" }", "info: { title: Names, version: \"1\" }\nx-paragon-integration: hubspot", StringComparison.Ordinal);
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/crm.yaml", spec)]);
        Assert.Contains("public const string Integration = \"hubspot\";", result.Source("Hubspot.Client.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_made_safe_for_CSharp()
    {
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/names.yaml", Spec)]);
        Assert.Empty(result.Errors);
        string client = result.Source("Names.Client.g.cs");

        // Without an operationId the method is named from verb and path; parameters are camelCase, keywords escaped,
        // and names the generated code uses itself (body, cancellationToken) are not taken by spec parameters.
        Assert.Contains("GetV2ItemsByItemIdAsync(string itemId, string? @class = null, string? @params = null, string? cancellationToken2 = null, string? body2 = null, string? xTraceID = null, global::System.Threading.CancellationToken cancellationToken = default)", client, StringComparison.Ordinal);
        Assert.Contains("__request.SetPathValue(\"item-id\", itemId);", client, StringComparison.Ordinal);
        Assert.Contains("__request.Query.Add(\"class\", @class);", client, StringComparison.Ordinal);
        Assert.Contains("__request.Headers.Add(\"X-Trace-ID\", xTraceID);", client, StringComparison.Ordinal);
        Assert.Contains("CreateItemAsync(global::Paragon.Integrations.Names.CreateItemRequest body", client, StringComparison.Ordinal);

        string model = result.Model("CreateItemRequest");
        Assert.Contains("JsonPropertyName(\"@type\")]", model, StringComparison.Ordinal);
        Assert.Contains("public string? Type { get; set; }", model, StringComparison.Ordinal);
        Assert.Contains("public string? Class { get; set; }", model, StringComparison.Ordinal);
        Assert.Contains("public bool? _2fa { get; set; }", model, StringComparison.Ordinal);
    }

    [CorpusFact]
    public void Slack_form_parameters_become_a_body_model_without_the_token()
    {
        GenerationResult result = GeneratorHarness.Run([SpecFile.FromDisk(GeneratorHarness.Corpus("slack.json"))]);
        string client = result.Source("Slack.Client.g.cs");
        Assert.Contains("ChatPostMessageAsync(global::Paragon.Integrations.Slack.ChatPostMessageRequest body", client, StringComparison.Ordinal);
        Assert.Contains("ProxyBody.FormFromModel(body", client, StringComparison.Ordinal);
        string model = result.Model("ChatPostMessageRequest");
        Assert.Contains("JsonPropertyName(\"channel\")", model, StringComparison.Ordinal);
        Assert.DoesNotContain("JsonPropertyName(\"token\")", model, StringComparison.Ordinal);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON008" && d.GetMessage().Contains("'token'", StringComparison.Ordinal));
    }
}
