using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Paragon.Generator.Model;
using Paragon.Generator.Modeling;
using Paragon.Generator.Reading;

namespace Paragon.Generator.Tests;

/// <summary>
/// The model the pipeline caches is plain data with value equality. A Roslyn symbol, syntax, SourceText, AdditionalText,
/// an OpenAPI DOM object or a JSON/YAML node in it would break caching (or keep whole documents alive); this test walks
/// every type reachable from <see cref="SpecModel"/> and fails on any of them.
/// </summary>
public sealed class ModelPurityTests
{
    [Fact]
    public void The_model_holds_only_strings_numbers_enums_records_and_equatable_arrays()
    {
        var seen = new HashSet<Type>();
        var problems = new List<string>();
        Walk(typeof(SpecModel), "SpecModel", seen, problems);
        Assert.Empty(problems);
        Assert.Contains(typeof(TypeRef), seen);
        Assert.Contains(typeof(DiagnosticInfo), seen);
    }

    [Fact]
    public void Reading_the_same_spec_twice_gives_equal_models()
    {
        foreach (string file in new[] { GeneratorHarness.Shipped("notion.yaml"), GeneratorHarness.TestSpec("problems.yaml") })
        {
            AssertReadsEqual(file);
        }
    }

    [CorpusFact]
    public void Reading_Stripe_twice_gives_equal_models() => AssertReadsEqual(GeneratorHarness.Corpus("stripe.json"));

    private static void AssertReadsEqual(string file)
    {
        var input = new SpecInput(file, File.ReadAllText(file), null, null, null);
        SpecModel first = SpecModeler.Read(input, CancellationToken.None);
        SpecModel second = SpecModeler.Read(input with { }, CancellationToken.None);
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    private static void Walk(Type type, string path, HashSet<Type> seen, List<string> problems)
    {
        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
        {
            return;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            Walk(underlying, path, seen, problems);
            return;
        }

        string? ns = type.Namespace;
        if (ns is not null && (ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || ns.StartsWith("Microsoft.OpenApi", StringComparison.Ordinal)
            || ns.StartsWith("System.Text.Json", StringComparison.Ordinal) || ns.StartsWith("SharpYaml", StringComparison.Ordinal)))
        {
            problems.Add($"{path}: {type.FullName}");
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            Walk(type.GetGenericArguments()[0], path + "[]", seen, problems);
            return;
        }

        if (ns != "Paragon.Generator.Model")
        {
            problems.Add($"{path}: {type.FullName} is not a model type");
            return;
        }

        if (!type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>)))
        {
            problems.Add($"{path}: {type.Name} has no value equality");
        }

        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanWrite && property.SetMethod!.IsPublic && !property.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
            {
                problems.Add($"{path}.{property.Name} is mutable");
            }

            Walk(property.PropertyType, path + "." + property.Name, seen, problems);
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.NonPublic | BindingFlags.Instance))
        {
            Walk(field.FieldType, path + "." + field.Name, seen, problems);
        }
    }
}
