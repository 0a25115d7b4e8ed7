using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Paragon.Generator.Tests;

/// <summary>
/// x-paragon-error: an error answered with a 2xx (Slack's <c>{"ok": false}</c>). The generated code only describes the rule
/// (it sets <c>ProxyRequest.ErrorRule</c>); the runtime checks it. One it cannot use is PARAGON021 at its line, never a crash.
/// </summary>
public sealed class BodyErrorRuleTests(ITestOutputHelper output)
{
    private GenerationResult Run(params SpecFile[] specs) => GeneratorHarness.RunClean(output, specs);

    private static string Client(GenerationResult result, string className) => GeneratorHarness.ClientSource(result, className);

    private static string Spec(string root, string operation = "") => $$"""
        openapi: 3.0.3
        info: { title: Chatty, version: "1" }
        {{root}}
        paths:
          /things.list:
            get:
              operationId: things.list
              {{operation}}
              responses:
                "200":
                  description: A list.
                  content:
                    application/json:
                      schema: { type: object, properties: { ok: { type: boolean } } }
          /things.add:
            post:
              operationId: things.add
              responses:
                "200":
                  description: Added.
                  content:
                    application/json:
                      schema: { type: object, properties: { ok: { type: boolean } } }
        """;

    [Fact]
    public void The_shipped_Slack_spec_declares_its_rule_and_every_call_carries_it()
    {
        GenerationResult result = Run(SpecFile.FromDisk(GeneratorHarness.Shipped("slack.yaml")));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "PARAGON021");
        string client = Client(result, "Slack");
        Assert.Contains("new global::Paragon.Proxy.ProxyErrorRule(\"ok\", true, \"error\", null, new[] { \"needed\", \"provided\" })", client, StringComparison.Ordinal);
        int requests = client.Split("var __request = new").Length - 1;
        Assert.True(requests > 10);
        Assert.Equal(requests, client.Split("__request.ErrorRule = __errorRule0;").Length - 1);
    }

    [Fact]
    public void An_operation_overrides_the_root_rule_or_opts_out_and_a_spec_without_one_leaves_it_to_the_runtime()
    {
        string client = Client(Run(new SpecFile("/specs/chatty.yaml", Spec(
            "x-paragon-error: {field: ok, code: error}",
            "x-paragon-error: {field: success, mustBe: true, code: code, message: detail}"))), "Chatty");
        Assert.Contains("new global::Paragon.Proxy.ProxyErrorRule(\"ok\", true, \"error\", null, null)", client, StringComparison.Ordinal);
        Assert.Contains("new global::Paragon.Proxy.ProxyErrorRule(\"success\", true, \"code\", \"detail\", null)", client, StringComparison.Ordinal);

        string optedOut = Client(Run(new SpecFile("/specs/chatty.yaml", Spec("x-paragon-error: {field: ok, code: error}", "x-paragon-error: false"))), "Chatty");
        Assert.Contains("__request.ErrorRule = global::Paragon.Proxy.ProxyErrorRule.None;", optedOut, StringComparison.Ordinal);

        string plain = Client(Run(new SpecFile("/specs/chatty.yaml", Spec(string.Empty))), "Chatty");
        Assert.DoesNotContain("ErrorRule", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x-paragon-error: ok", "must be a map")]
    [InlineData("x-paragon-error: {code: error}", "needs field")]
    [InlineData("x-paragon-error: {field: ok}", "needs code")]
    [InlineData("x-paragon-error: {field: ok, code: error, mustBe: yes}", "mustBe must be true or false")]
    [InlineData("x-paragon-error: {field: ok, code: error, when: 1}", "'when' is not one of its keys")]
    [InlineData("x-paragon-error: {field: ok, code: error, details: needed}", "details must be a list")]
    public void An_unusable_x_paragon_error_is_PARAGON021_at_its_line_and_the_client_is_generated_without_it(string extension, string problem)
    {
        GenerationResult result = Run(new SpecFile("/specs/chatty.yaml", Spec(extension)));
        // The one warning; the spec also declares no paging (info PARAGON022), which is not this test's concern.
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("PARAGON021", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(2, warning.Location.GetLineSpan().StartLinePosition.Line); // the x-paragon-error line
        Assert.Contains(problem, warning.GetMessage(), StringComparison.Ordinal);
        string client = Client(result, "Chatty");
        Assert.Contains(" ThingsListAsync(", client, StringComparison.Ordinal);
        Assert.DoesNotContain("ErrorRule", client, StringComparison.Ordinal);
    }
}
