using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.OpenApi;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;
using Paragon.Generator.Reading;

namespace Paragon.Generator.Modeling;

/// <summary>
/// Builds one spec's <see cref="SpecModel"/> from its parsed document: the integration's and the client's names, the
/// operations the filters keep, their paging, the per-spec switches; or the model of a spec that is not generated, with why.
/// </summary>
internal static class SpecModeler
{
    /// <summary>The generator never throws: an unexpected failure becomes PARAGON007 on the spec, and no code.</summary>
    public static SpecModel ReadSafely(SpecInput input, CancellationToken cancellationToken)
    {
        try
        {
            return Read(input, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            string className = input.ClassName ?? Identifiers.Pascal(Path.GetFileNameWithoutExtension(input.Path), "Integration");
            return SpecModel.Failed(input, className, className, input.RootNamespace + "." + className, DiagnosticInfo.OnFile(
                DiagnosticDescriptors.GeneratorFailure.Id, input.Path, Path.GetFileName(input.Path), ex.GetType().Name + ": " + ex.Message));
        }
    }

    /// <summary>One spec, text to model: parsed by <see cref="SpecReader"/>, then built here.</summary>
    public static SpecModel Read(SpecInput input, CancellationToken cancellationToken) =>
        Build(input, SpecReader.Parse(input, cancellationToken), cancellationToken);

    public static SpecModel Build(SpecInput input, ParsedSpec parsed, CancellationToken cancellationToken)
    {
        DiagnosticBag diagnostics = parsed.Diagnostics;
        OpenApiDocument? document = parsed.Document;

        string fileStem = Path.GetFileNameWithoutExtension(input.Path);

        // A name the user gave (metadata or x-paragon-integration) is used as given, and an error if invalid; a file name
        // that is not an integration name is made into one, else the spec's title is, else it is reported (PARAGON011).
        string integration = input.Integration ?? Extension(document, "x-paragon-integration")
            ?? (Paragon.Contract.ProxyContract.IsIntegrationName(fileStem) ? fileStem : null)
            ?? Identifiers.IntegrationName(fileStem) ?? Identifiers.IntegrationName(document?.Info?.Title) ?? fileStem;
        string className = input.ClassName ?? Identifiers.ClassName(integration, document?.Info?.Title);
        string? clash = Naming.ReservedNames.Clash(className);
        string? derivedName = null;
        if (clash is not null && input.ClassName is null)
        {
            // A name made from the file name (paragonClient.json) is the generator's choice, so it gives way with a
            // suffix and a warning; a ClassName the user wrote is theirs to change (PARAGON018 below).
            derivedName = className;
            while (Naming.ReservedNames.Clash(className) is not null)
            {
                className += "Integration";
            }

            clash = null;
        }

        string ns = input.Namespace ?? input.RootNamespace + "." + className;

        if (parsed.Failure is not null || document is null)
        {
            return Unreadable(input, integration, className, ns, parsed.Failure ?? "unknown error", parsed.IsYaml);
        }

        if (!Paragon.Contract.ProxyContract.IsIntegrationName(integration) || !Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(className))
        {
            return SpecModel.Failed(input, integration, className, ns,
                DiagnosticInfo.OnFile(DiagnosticDescriptors.InvalidName.Id, input.Path, Path.GetFileName(input.Path), integration, className));
        }

        if (clash is not null)
        {
            return SpecModel.Failed(input, integration, className, ns,
                DiagnosticInfo.OnFile(DiagnosticDescriptors.ReservedClassName.Id, input.Path, className, Path.GetFileName(input.Path), clash));
        }

        if (derivedName is not null)
        {
            diagnostics.Add(DiagnosticDescriptors.NameCollision, "#", "The class name made from the file name", derivedName, className);
        }

        if (input.Namespace is not null && !GenerationSettings.IsNamespace(input.Namespace))
        {
            return SpecModel.Failed(input, integration, className, ns, DiagnosticInfo.OnFile(DiagnosticDescriptors.InvalidSetting.Id, input.Path,
                "The Namespace metadata of " + Path.GetFileName(input.Path), input.Namespace, "use a dotted C# name such as Contoso.Integrations.Slack"));
        }

        // Type names are also file (hint) names, which are case-insensitive; a type may not share a name with one of the
        // members generated inside it (Value, Converter, Raw, Kind, FromRaw, AdditionalProperties, SendNull, and the members
        // of object it overrides or hides: CS0542). The root namespace's parts too, as the default root's ("Paragon",
        // "Integrations") always were.
        var typeNames = new UniqueNameBuilder(StringComparer.OrdinalIgnoreCase,
            [className + "Client", className + "JsonContext", className + "ParagonExtensions", className + "ModelFactory", "Paragon", "System", "Integrations",
            "Value", "Converter", "Raw", "Kind", "FromRaw", "AdditionalProperties", "SendNull", .. Identifiers.ObjectMembers, .. input.RootNamespace.Split('.')]);
        var schemas = new SchemaReader(diagnostics, typeNames, document.Components?.Schemas?.Keys ?? (IEnumerable<string>)[], parsed.TypelessNullables);
        bool pagingOff = PagingOff(document, diagnostics, out bool rootDeclaresPaging);
        Paragon.Contract.PagingConvention? convention = pagingOff ? null : Paragon.Contract.IntegrationConventions.Paging(integration);
        var operations = new OperationReader(schemas, diagnostics, CredentialNames(document), parsed.IsSwagger2)
        {
            SpecErrorRule = ErrorRuleReader.Read(document.Extensions, "#", "the spec", diagnostics),
            PagingConvention = convention,
        };
        var models = new List<OperationModel>();
        int specOperations = 0;
        string prefix = NormalizePrefix(input.PathPrefix);
        var selector = new OperationSelector(input.Filter);
        // The operations kept, noted first so that a shape several of them share is named after none of them.
        var kept = new List<(string Path, HttpMethod Method, OpenApiOperation Operation, IOpenApiPathItem PathItem)>();
        foreach (KeyValuePair<string, IOpenApiPathItem> path in document.Paths ?? [])
        {
            if (path.Value?.Operations is null)
            {
                continue;
            }

            foreach (KeyValuePair<HttpMethod, OpenApiOperation> operation in path.Value.Operations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                specOperations++;

                // A filtered-out operation is never read, so the schemas only it uses are never built or emitted.
                if (selector.Keep(path.Key, operation.Value.OperationId, operation.Value.Tags?.Select(t => t?.Name ?? string.Empty) ?? []))
                {
                    kept.Add((path.Key, operation.Key, operation.Value, path.Value));
                    operations.Note(path.Key, operation.Key, operation.Value, path.Value);
                }
            }
        }

        foreach ((string path, HttpMethod method, OpenApiOperation operation, IOpenApiPathItem pathItem) in kept)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operations.Read(path, prefix + path, method, operation, pathItem) is { } model)
            {
                models.Add(model);
            }
        }

        (string Metadata, string Entry)[] unmatched = selector.Unmatched().ToArray();
        foreach ((string metadata, string entry) in unmatched)
        {
            diagnostics.Add(DiagnosticDescriptors.FilterMatchesNothing, "#/paths", metadata, entry, Path.GetFileName(input.Path));
        }

        // What the filter did, in one line: the entries as read (a list cut short on its way here shows), and the count.
        if (input.Filter is not null)
        {
            diagnostics.Add(DiagnosticDescriptors.FilterSummary, "#/paths", Path.GetFileName(input.Path), selector.Describe(),
                selector.Kept.ToString(CultureInfo.InvariantCulture), specOperations.ToString(CultureInfo.InvariantCulture),
                unmatched.Length == 0 ? "every entry matches an operation" : "matching nothing: " + string.Join(", ", unmatched.Select(u => u.Metadata + " '" + u.Entry + "'")));
        }

        schemas.CheckUnions();
        models = PaginationReader.Resolve(models, schemas.Models, diagnostics, operations.ClaimPagedName, convention);

        // Why there is no …PagedAsync: said once per spec, at its info, when it has operations and says nothing about paging.
        if (models.Count > 0 && !rootDeclaresPaging && !operations.DeclaresPaging && !models.Any(m => m.Paging is not null))
        {
            diagnostics.Add(DiagnosticDescriptors.NoPaging, document.Info is null ? "#" : "#/info", Path.GetFileName(input.Path),
                convention is null ? string.Empty : $", and none of its operations is a list of the '{integration}' paging convention");
        }

        bool modelFactory = Switch(input.ModelFactory, "ModelFactory", input.Path, diagnostics, "true", "false") != "false";
        bool lenient = Switch(input.RequiredFields ?? Extension(document, "x-paragon-required-fields"),
            input.RequiredFields is null ? "x-paragon-required-fields" : "RequiredFields", input.Path, diagnostics, "strict", "lenient") == "lenient";
        return new SpecModel(
            input.Path,
            integration,
            className,
            ns,
            document.Info?.Title,
            document.Info?.Description,
            specOperations,
            models.OrderBy(o => o.MethodName, StringComparer.Ordinal).ToEquatableArray(),
            schemas.Models.OrderBy(m => m.Name, StringComparer.Ordinal).ToEquatableArray(),
            diagnostics.Resolve(input.Path, parsed.Locator))
        {
            ModelFactory = modelFactory,
            LenientRequiredFields = lenient,
            Settings = input.Settings,
        };
    }

    /// <summary>
    /// A per-spec switch, lower-cased: one of <paramref name="choices"/> (the first is the default), or the default with
    /// PARAGON014 (an error, like a bad Namespace) when it is something else: a typo in <c>RequiredFields="Lenent"</c> must
    /// not silently leave a spec strict that its author meant lenient.
    /// </summary>
    private static string Switch(string? value, string setting, string path, DiagnosticBag diagnostics, params string[] choices)
    {
        if (value is null)
        {
            return choices[0];
        }

        string lower = value.Trim().ToLowerInvariant();
        if (Array.IndexOf(choices, lower) >= 0)
        {
            return lower;
        }

        diagnostics.Add(DiagnosticDescriptors.InvalidSetting, "#", $"The {setting} setting of {Path.GetFileName(path)}", value,
            $"use {string.Join(" or ", choices)}; {choices[0]} is used until then");
        return choices[0];
    }

    private static SpecModel Unreadable(SpecInput input, string integration, string className, string ns, string message, bool isYaml)
    {
        SpecPosition position = SpecReader.LineFromMessage(input.Text, message, isYaml);
        var diagnostic = new DiagnosticInfo(DiagnosticDescriptors.UnreadableSpec.Id, input.Path, position.Line, position.Column, position.Line, position.Column + 1,
            position.Start, 1, new[] { Path.GetFileName(input.Path), message }.ToEquatableArray());
        return SpecModel.Failed(input, integration, className, ns, diagnostic);
    }

    /// <summary>Names that carry the provider's credentials, which Paragon adds: API-key parameters and OAuth "token" parameters.</summary>
    private static HashSet<string> CredentialNames(OpenApiDocument document)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        bool hasSchemes = false;
        foreach (IOpenApiSecurityScheme scheme in document.Components?.SecuritySchemes?.Values ?? [])
        {
            hasSchemes = true;
            if (scheme?.Type == SecuritySchemeType.ApiKey && !string.IsNullOrEmpty(scheme.Name))
            {
                names.Add(scheme.Name!);
            }
        }

        if (hasSchemes || document.Security is { Count: > 0 })
        {
            names.Add("token");
            names.Add("access_token");
        }

        return names;
    }

    /// <summary>
    /// Whether the spec turns paging off at its root (<c>x-paragon-pagination: false</c>): no integration convention
    /// applies, and PARAGON022 is not reported. At the root nothing else is understood; paging is declared per operation.
    /// </summary>
    private static bool PagingOff(OpenApiDocument document, DiagnosticBag diagnostics, out bool declared)
    {
        declared = false;
        if (document.Extensions is not { } extensions || !extensions.TryGetValue(PaginationReader.ParagonExtension, out IOpenApiExtension? extension))
        {
            return false;
        }

        declared = true;
        if (PaginationReader.IsFalse((extension as JsonNodeExtension)?.Node))
        {
            return true;
        }

        diagnostics.Add(DiagnosticDescriptors.InvalidPagination, "#/" + PaginationReader.ParagonExtension, PaginationReader.ParagonExtension, "the spec",
            "at the root only false is understood (no paging, not even the integration's convention); declare paging on each list operation");
        return false;
    }

    private static string? Extension(OpenApiDocument? document, string name)
    {
        if (document?.Extensions is { } extensions && extensions.TryGetValue(name, out IOpenApiExtension? extension) && extension is JsonNodeExtension node
            && node.Node is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        return null;
    }

    private static string NormalizePrefix(string? prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return string.Empty;
        }

        string trimmed = prefix!.Trim().TrimEnd('/');
        return trimmed.StartsWith("/", StringComparison.Ordinal) ? trimmed : "/" + trimmed;
    }
}
