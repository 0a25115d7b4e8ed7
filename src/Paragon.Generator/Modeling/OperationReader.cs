using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.OpenApi;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;
using JsonPointer = Paragon.Generator.Reading.JsonPointer;
using ParameterLocation = Paragon.Generator.Model.ParameterLocation;

namespace Paragon.Generator.Modeling;

/// <summary>Turns each operation into a method description: name, parameters, body and response.</summary>
internal sealed partial class OperationReader
{
    /// <summary>Names the generated method bodies use for their own locals and parameters.</summary>
    private static readonly string[] ReservedParameterNames = ["body", "cancellationToken", "__request", "__response"];

    private static readonly char[] Ampersand = ['&'];

    private readonly SchemaReader _schemas;

    // Swagger 2.0's "produces" gives every response a media type, with or without a schema: there, no schema means no body.
    private readonly bool _isSwagger2;
    private readonly DiagnosticBag _diagnostics;
    private readonly HashSet<string> _credentialNames;
    // Base names (without "Async"): every method name ends in Async, so none can clash with the client's other members.
    private readonly UniqueNameBuilder _methodNames = new();

    // The operations (their base names) that reach each parameter, request body and response written once for several
    // (a component, or a path's parameters), by where it is written: see Note and SharedName.
    private readonly Dictionary<string, List<string>> _users = new(StringComparer.Ordinal);

    // Each noted operation's parameters, path item's and its own merged, by the operation's pointer: Note merges them and
    // Read used to merge them again, resolving every parameter reference a second time.
    private readonly Dictionary<string, List<(IOpenApiParameter, string)>> _merged = new(StringComparer.Ordinal);

    /// <summary>The spec's own <c>x-paragon-error</c>, for the operations that declare none.</summary>
    public ErrorRuleModel? SpecErrorRule { get; init; }

    /// <summary>How the integration's lists page (<c>IntegrationConventions</c>), for the operations that declare nothing.</summary>
    public Paragon.Contract.PagingConvention? PagingConvention { get; init; }

    /// <summary>Whether an operation read so far declares paging (an extension, valid or not, or <c>false</c>).</summary>
    public bool DeclaresPaging { get; private set; }

    public OperationReader(SchemaReader schemas, DiagnosticBag diagnostics, HashSet<string> credentialNames, bool isSwagger2 = false)
    {
        _isSwagger2 = isSwagger2;
        _schemas = schemas;
        _diagnostics = diagnostics;
        _credentialNames = credentialNames;
    }

    /// <summary>The operation, or <see langword="null"/> (with PARAGON019) when the runtime would refuse its path whatever the values.</summary>
    public OperationModel? Read(string path, string pathForRequests, HttpMethod method, OpenApiOperation operation, IOpenApiPathItem pathItem)
    {
        string verb = method.Method.ToLowerInvariant();
        string pointer = "#/paths/" + JsonPointer.Escape(path) + "/" + verb;

        // Some specs tell operations on one path apart with a fragment (Box: /files/{file_id}#get_shared_link) or fix a
        // query in the path key (/files/{id}?fields=x): the fragment is never sent, the query becomes constant parameters.
        string requestPath = pathForRequests;
        int fragment = requestPath.IndexOf('#');
        if (fragment >= 0)
        {
            requestPath = requestPath.Substring(0, fragment);
        }

        string? fixedQuery = null;
        int query = requestPath.IndexOf('?');
        if (query >= 0)
        {
            fixedQuery = requestPath.Substring(query + 1);
            requestPath = requestPath.Substring(0, query);
        }

        // Checked before any name is claimed, so that a skipped operation leaves the others' names as they were.
        string checkedPath = requestPath;
        if (requestPath.Length > 0 && (Paragon.Proxy.ProxyPathRules.PathProblem(ref checkedPath) ?? Paragon.Proxy.ProxyPathRules.TemplateProblem(checkedPath)) is { } problem)
        {
            _diagnostics.Add(DiagnosticDescriptors.InvalidPathTemplate, "#/paths/" + JsonPointer.Escape(path), path, problem.TrimEnd('.'));
            return null;
        }

        string baseName = string.IsNullOrWhiteSpace(operation.OperationId) ? NameFromPath(verb, path) : Identifiers.Pascal(operation.OperationId!, "Call");
        string typeBase = _methodNames.Claim(baseName, out bool renamed);
        string methodName = typeBase + "Async";
        if (renamed)
        {
            _diagnostics.Add(DiagnosticDescriptors.NameCollision, pointer, "The method name", baseName + "Async", methodName);
        }

        // The form that also returns status and headers; claimed too, so that an operation really called "…WithResponse" cannot clash.
        string withResponseName = _methodNames.Claim(typeBase + "WithResponse") + "Async";

        var identifiers = new UniqueNameBuilder(ReservedParameterNames);
        var parameters = new List<ParameterModel>();
        // Noted operations merged their parameters already (Note); an operation read without a note merges them now.
        if (!_merged.TryGetValue(pointer, out List<(IOpenApiParameter, string)>? merged))
        {
            merged = MergedParameters(pathItem, operation, pointer, path);
        }

        foreach ((IOpenApiParameter parameter, string parameterPointer) in merged)
        {
            ParameterModel? model = ReadParameter(parameter, parameterPointer, typeBase, identifiers, operation.RequestBody?.Content is { Count: > 0 });
            if (model is not null)
            {
                parameters.Add(model);
            }
        }

        // The path template and the declared path parameters must agree, or every call would fail at run time.
        var placeholders = new List<string>();
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(requestPath, "{([^{}]+)}"))
        {
            placeholders.Add(match.Groups[1].Value);
        }

        foreach (ParameterModel stray in parameters.Where(p => p.Location == ParameterLocation.Path && !placeholders.Contains(p.WireName)).ToList())
        {
            parameters.Remove(stray);
            _diagnostics.Add(DiagnosticDescriptors.SpecProblem, pointer, $"The path parameter '{stray.WireName}' has no {{{stray.WireName}}} in the path, so it is left out", pointer);
        }

        foreach (string placeholder in placeholders.Where(n => !parameters.Any(p => p.Location == ParameterLocation.Path && p.WireName == n)))
        {
            parameters.Add(new ParameterModel(placeholder, identifiers.Claim(Identifiers.Camel(placeholder, "parameter")), ParameterLocation.Path, TypeRef.String, true, null, false, QueryStyle.Form, false));
            _diagnostics.Add(DiagnosticDescriptors.SpecProblem, pointer, $"The path has {{{placeholder}}} but declares no such parameter; it is a required string parameter", pointer);
        }

        if (fixedQuery is not null)
        {
            foreach (string pair in fixedQuery.Split(Ampersand, StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = pair.IndexOf('=');
                string name = Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals));
                string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(equals + 1));
                parameters.Add(new ParameterModel(name, string.Empty, ParameterLocation.Query, TypeRef.String, true, null, false, QueryStyle.Form, false, value));
            }
        }

        BodyModel? body = ReadBody(operation.RequestBody, typeBase, pointer + "/requestBody");
        ResponseModel response = ReadResponse(operation.Responses, typeBase, pointer + "/responses");
        PagingModel? paging = PaginationReader.Read(operation, pointer, operation.OperationId ?? methodName, method.Method.ToUpperInvariant(), requestPath, parameters, body, response,
            PagingConvention, _diagnostics, out bool declared);
        DeclaresPaging |= declared;
        ErrorRuleModel? errorRule = ErrorRuleReader.Read(operation.Extensions, pointer, "'" + (operation.OperationId ?? methodName) + "'", _diagnostics) ?? SpecErrorRule;

        // Required parameters first, in the order the path names them; optional ones after (they get defaults).
        List<ParameterModel> ordered = parameters.Where(p => p.Required).OrderBy(p => p.Location == ParameterLocation.Path ? PathPosition(requestPath, p.WireName) : int.MaxValue)
            .Concat(parameters.Where(p => !p.Required)).ToList();

        return new OperationModel(methodName, withResponseName, string.IsNullOrWhiteSpace(operation.OperationId) ? null : operation.OperationId!.Trim(), method.Method.ToUpperInvariant(), requestPath, Clean(operation.Summary), Clean(operation.Description),
            operation.Deprecated, ordered.ToEquatableArray(), body, response, paging, errorRule);
    }

    /// <summary>
    /// Records which parameters, request body and response an operation that will be read reaches, before any is read: an
    /// inline shape is named when first read, and one written once for several operations (GitHub's
    /// <c>#/components/parameters/direction</c>, used by 20 list operations) must not take the name of whichever came first.
    /// </summary>
    public void Note(string path, HttpMethod method, OpenApiOperation operation, IOpenApiPathItem pathItem)
    {
        string verb = method.Method.ToLowerInvariant();
        string pointer = "#/paths/" + JsonPointer.Escape(path) + "/" + verb;
        string baseName = string.IsNullOrWhiteSpace(operation.OperationId) ? NameFromPath(verb, path) : Identifiers.Pascal(operation.OperationId!, "Call");
        void Add(string where)
        {
            if (!_users.TryGetValue(where, out List<string>? users))
            {
                _users[where] = users = [];
            }

            users.Add(baseName);
        }

        List<(IOpenApiParameter, string)> merged = MergedParameters(pathItem, operation, pointer, path);
        _merged[pointer] = merged;
        foreach ((IOpenApiParameter _, string parameterPointer) in merged)
        {
            Add(parameterPointer);
        }

        if (operation.RequestBody is { } body)
        {
            Add(Where(body, pointer + "/requestBody", "requestBodies"));
        }

        if (SuccessKey(operation.Responses) is { } key && operation.Responses![key] is { } response)
        {
            Add(Where(response, pointer + "/responses/" + JsonPointer.Escape(key), "responses"));
        }
    }

    /// <summary>
    /// Where an object is written: a <c>$ref</c>'d response, request body or parameter is written once under
    /// <c>#/components/…</c>, and its schemas are found there (by diagnostics and by the nullable scan), not at each use.
    /// </summary>
    private static string Where(object? item, string usePointer, string componentKind)
    {
        string? id = item switch
        {
            OpenApiResponseReference { UnresolvedReference: false } response when response.Reference is { IsExternal: false } target => target.Id,
            OpenApiRequestBodyReference { UnresolvedReference: false } body when body.Reference is { IsExternal: false } target => target.Id,
            OpenApiParameterReference { UnresolvedReference: false } parameter when parameter.Reference is { IsExternal: false } target => target.Id,
            _ => null,
        };
        return string.IsNullOrEmpty(id) ? usePointer : "#/components/" + componentKind + "/" + JsonPointer.Escape(id!);
    }

    private static int PathPosition(string path, string name)
    {
        int index = path.IndexOf("{" + name + "}", StringComparison.Ordinal);
        return index < 0 ? int.MaxValue - 1 : index;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
}
