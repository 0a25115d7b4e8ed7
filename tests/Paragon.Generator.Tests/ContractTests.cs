using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Paragon.Generator.Tests;

/// <summary>The generator and the runtime apply one contract (one linked source file): owned headers and integration names.</summary>
public sealed class ContractTests
{
    private const string ContractType = "Paragon.Contract.ProxyContract";

    private static readonly string[] Names =
    [
        "slack", "googleCalendar", "custom.my-app", "my-api.v2", "a_b", "A", "x".PadRight(128, 'x'), "x".PadRight(129, 'x'),
        "", " ", ".slack", "slack.", "custom..app", "google calendar", "ünïcode", "slack/../x", "slack?x", "Recurrence (v1)", "tab\there",
    ];

    private static readonly string[] HeaderNames =
    [
        "Authorization", "authorization", "Proxy-Authorization", "Content-Type", "Accept", "accept", "Content-Length", "Host", "Connection",
        "Transfer-Encoding", "Upgrade", "Expect", "X-Paragon-Credential", "x-paragon-anything", "X-Custom", "If-None-Match", "Prefer", "User-Agent",
    ];

    private static Type Contract(Assembly assembly) =>
        assembly.GetType(ContractType) ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no {ContractType}: is the linked file compiled into it?");

    [Fact]
    public void Both_assemblies_compile_the_same_contract_and_agree()
    {
        Type runtime = Contract(typeof(Paragon.ParagonClient).Assembly);
        Type generator = Contract(typeof(ParagonGenerator).Assembly);
        Assert.NotSame(runtime, generator);

        foreach (string field in new[] { "ClientOwnedHeaders", "TypedCallOwnedHeaders" })
        {
            Assert.Equal((string[])runtime.GetField(field)!.GetValue(null)!, (string[])generator.GetField(field)!.GetValue(null)!);
        }

        foreach (string method in new[] { "IsOwnedByTheClient", "IsOwnedByTypedCalls" })
        {
            foreach (string header in HeaderNames)
            {
                Assert.Equal(runtime.GetMethod(method)!.Invoke(null, [header]), generator.GetMethod(method)!.Invoke(null, [header]));
            }
        }

        foreach (string name in Names)
        {
            Assert.Equal(runtime.GetMethod("IsIntegrationName")!.Invoke(null, [name]), generator.GetMethod("IsIntegrationName")!.Invoke(null, [name]));
        }
    }

    [Fact]
    public void A_name_the_generator_accepts_as_metadata_is_one_the_runtime_accepts()
    {
        MethodInfo validate = typeof(Paragon.ParagonClient).Assembly.GetType("Paragon.Proxy.ProxyPath")!.GetMethod("ValidateIntegration", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (string name in Names.Where(n => n.Trim().Length > 0))
        {
            bool runtimeAccepts = true;
            try
            {
                validate.Invoke(null, [name]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is ArgumentException)
            {
                runtimeAccepts = false;
            }

            GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/any.yaml", Spec, Integration: name, ClassName: "Any")]);
            bool generatorAccepts = !result.GeneratorDiagnostics.Any(d => d.Id == "PARAGON011");
            Assert.True(runtimeAccepts == generatorAccepts, $"'{name}': runtime {(runtimeAccepts ? "accepts" : "refuses")}, generator {(generatorAccepts ? "accepts" : "refuses")}");
        }
    }

    [Fact]
    public void A_header_parameter_is_exposed_only_when_a_caller_may_set_it()
    {
        string parameters = string.Join("\n", HeaderNames.Distinct(StringComparer.OrdinalIgnoreCase).Select(h => $"        - {{ name: {h}, in: header, schema: {{ type: string }} }}"));
        string spec = Spec.Replace("      responses:", "      parameters:\n" + parameters + "\n      responses:", StringComparison.Ordinal);
        Assert.NotEqual(Spec, spec);
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/any.yaml", spec)]);
        Assert.Empty(result.Errors);
        string client = result.Source("Any.Client.g.cs");
        Type contract = Contract(typeof(Paragon.ParagonClient).Assembly);
        foreach (string header in HeaderNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            bool exposed = client.Contains($"__request.Headers.Add(\"{header}\"", StringComparison.Ordinal);
            bool owned = (bool)contract.GetMethod("IsOwnedByTypedCalls")!.Invoke(null, [header])!;
            Assert.True(exposed != owned, $"{header}: exposed {exposed}, owned {owned}");
        }
    }

    private const string Spec = """
        openapi: 3.0.3
        info: { title: Any, version: "1" }
        paths:
          /a:
            get:
              operationId: a
              responses: { "204": { description: none } }
        """;
}
