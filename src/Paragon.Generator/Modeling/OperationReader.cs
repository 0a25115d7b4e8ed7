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
internal sealed class OperationReader
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
    /// The name hint for an inline shape written at <paramref name="where"/>: the operation's own (<paramref name="own"/>)
    /// when only this operation reaches it; when several do, a name of none of them: <paramref name="neutral"/> (the
    /// component's or the parameter's own name, <c>Direction</c>), else with the group the operations share
    /// (<c>IssuesDirection</c>), else with <paramref name="suffix"/>, if the plainer one is taken.
    /// </summary>
    private string SharedName(string where, string own, string neutral, string suffix)
    {
        if (!_users.TryGetValue(where, out List<string>? users) || users.Count < 2)
        {
            return own;
        }

        string group = FirstWord(users[0]);
        string[] candidates = users.All(u => FirstWord(u) == group) && group != neutral
            ? [neutral, group + neutral, neutral + suffix]
            : [neutral, neutral + suffix];
        return candidates.FirstOrDefault(c => !_schemas.IsTypeNameTaken(c)) ?? neutral;
    }

    /// <summary>The neutral name of what is written at <paramref name="where"/>: the component's id when it is one, else <paramref name="fallback"/>.</summary>
    private static string ComponentName(string where, string kind, string fallback)
    {
        string prefix = "#/components/" + kind + "/";
        return where.StartsWith(prefix, StringComparison.Ordinal) ? Identifiers.Pascal(where.Substring(prefix.Length), fallback) : fallback;
    }

    /// <summary><c>IssuesListForRepo</c> → <c>Issues</c>: the group an operation id usually starts with (<c>issues/list-for-repo</c>).</summary>
    private static string FirstWord(string name)
    {
        int end = 1;
        while (end < name.Length && !char.IsUpper(name[end]))
        {
            end++;
        }

        return name.Substring(0, end);
    }

    /// <summary>
    /// Names the paged form of an operation (<c>ConversationsListPagedAsync</c>), once every operation has its name: a paged
    /// form gives way to a real operation, never the other way round.
    /// </summary>
    public string ClaimPagedName(string methodName) => _methodNames.Claim(methodName.Substring(0, methodName.Length - "Async".Length) + "Paged") + "Async";

    private static List<(IOpenApiParameter, string)> MergedParameters(IOpenApiPathItem pathItem, OpenApiOperation operation, string pointer, string path)
    {
        var byKey = new Dictionary<string, (IOpenApiParameter, string)>(StringComparer.Ordinal);
        var order = new List<string>();
        void Add(IList<IOpenApiParameter>? list, string listPointer)
        {
            if (list is null)
            {
                return;
            }

            for (int i = 0; i < list.Count; i++)
            {
                IOpenApiParameter parameter = list[i];
                IOpenApiParameter? definition = Definition(parameter);
                if (definition?.Name is null)
                {
                    continue;
                }

                string key = definition.In + ":" + definition.Name;
                if (!byKey.ContainsKey(key))
                {
                    order.Add(key);
                }

                // An operation's parameter overrides the path item's one of the same name and location.
                byKey[key] = (parameter, Where(parameter, listPointer + "/" + Identifiers.Invariant(i), "parameters"));
            }
        }

        Add(pathItem.Parameters, "#/paths/" + JsonPointer.Escape(path) + "/parameters");
        Add(operation.Parameters, pointer + "/parameters");
        var merged = new List<(IOpenApiParameter, string)>(order.Count);
        foreach (string key in order)
        {
            merged.Add(byKey[key]);
        }

        return merged;
    }

    private ParameterModel? ReadParameter(IOpenApiParameter parameter, string pointer, string typeBase, UniqueNameBuilder identifiers, bool hasBody)
    {
        IOpenApiParameter definition = Definition(parameter)!;
        string name = definition.Name!;
        ParameterLocation location;
        switch (definition.In)
        {
            case Microsoft.OpenApi.ParameterLocation.Path:
                location = ParameterLocation.Path;
                break;
            case Microsoft.OpenApi.ParameterLocation.Query:
                location = ParameterLocation.Query;
                break;
            case Microsoft.OpenApi.ParameterLocation.Header:
                location = ParameterLocation.Header;
                if (Paragon.Contract.ProxyContract.IsOwnedByTypedCalls(name))
                {
                    _diagnostics.Add(DiagnosticDescriptors.ParameterSkipped, pointer, "header", name, "the client sets it");
                    return null;
                }

                if (!hasBody && Paragon.Contract.ProxyContract.DescribesABody(name))
                {
                    // The runtime refuses a Content-* header on a call without a body: as a parameter it could only fail.
                    _diagnostics.Add(DiagnosticDescriptors.ParameterSkipped, pointer, "header", name, "it describes a body, and the operation sends none");
                    return null;
                }

                break;
            default:
                _diagnostics.Add(DiagnosticDescriptors.ParameterSkipped, pointer, definition.In?.ToString().ToLowerInvariant() ?? "unknown", name, "only path, query and header parameters are supported");
                return null;
        }

        if (location != ParameterLocation.Path && _credentialNames.Contains(name))
        {
            _diagnostics.Add(DiagnosticDescriptors.ParameterSkipped, pointer, location.ToString().ToLowerInvariant(), name, "credentials are added by Paragon");
            return null;
        }

        IOpenApiSchema? schema = definition.Schema ?? definition.Content?.Values.FirstOrDefault()?.Schema;
        if (definition.Required && SingleValue(schema) is { } constant)
        {
            return new ParameterModel(name, string.Empty, location, TypeRef.String, true, Clean(parameter.Description), definition.Deprecated, QueryStyle.Form, false, constant);
        }

        string parameterName = Identifiers.Pascal(name, "Parameter");
        string hint = SharedName(pointer, typeBase + parameterName, ComponentName(pointer, "parameters", parameterName), "Parameter");
        (TypeRef type, _) = _schemas.Resolve(schema, hint, pointer + "/schema");
        if (type.Kind == TypeKind.Model && _schemas.KindOf(type.Name!) != TypeModelKind.Enum && location != ParameterLocation.Query)
        {
            // An object in a path or header has no agreed text form; the caller passes it already formatted.
            type = TypeRef.String;
        }

        QueryStyle style = definition.Style switch
        {
            ParameterStyle.SpaceDelimited => QueryStyle.SpaceDelimited,
            ParameterStyle.PipeDelimited => QueryStyle.PipeDelimited,
            ParameterStyle.DeepObject => QueryStyle.DeepObject,
            _ => QueryStyle.Form,
        };
        bool explode = definition.Style is null or ParameterStyle.Form ? definition.Explode || definition.Style is null : definition.Explode;
        string identifier = identifiers.Claim(Identifiers.Camel(name, "parameter"));
        return new ParameterModel(name, identifier, location, type, location == ParameterLocation.Path || definition.Required,
            Clean(parameter.Description), definition.Deprecated, style, explode);
    }

    /// <summary>
    /// The parameter a <c>$ref</c> points at, else the parameter itself. Microsoft.OpenApi resolves a reference again (a
    /// look-up by URI) on every property read through it, which was most of the time spent reading GitHub's operations, whose
    /// parameters are nearly all references: read the target once. Only the description may be the reference's own, so it is
    /// still read through the reference.
    /// </summary>
    private static IOpenApiParameter? Definition(IOpenApiParameter? parameter)
    {
        if (parameter is OpenApiParameterReference reference)
        {
            try
            {
                return reference.Target ?? parameter;
            }
            catch (InvalidOperationException)
            {
                return parameter;
            }
        }

        return parameter;
    }

    /// <summary>The one value a schema allows (an enum of one, or <c>const</c>), if it allows only one.</summary>
    private static string? SingleValue(IOpenApiSchema? schema)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            try
            {
                schema = reference.UnresolvedReference ? null : reference.Target;
                _ = schema?.Enum;
            }
            catch (InvalidOperationException)
            {
                schema = null; // a reference cycle (Loop: {$ref: Loop}): no single value; Resolve reports it
            }
        }

        if (schema is null)
        {
            return null;
        }

        if (schema.Enum is { Count: 1 } values && values[0] is System.Text.Json.Nodes.JsonValue value && !JsonNullSentinel.IsJsonNullSentinel(value))
        {
            return value.TryGetValue(out string? text) ? text : value.ToJsonString();
        }

        return schema.Const;
    }

    private BodyModel? ReadBody(IOpenApiRequestBody? requestBody, string typeBase, string pointer)
    {
        if (requestBody?.Content is not { Count: > 0 } content)
        {
            return null;
        }

        KeyValuePair<string, IOpenApiMediaType> chosen = Choose(content);
        string contentType = chosen.Key;
        string mediaPointer = Where(requestBody, pointer, "requestBodies") + "/content/" + JsonPointer.Escape(contentType);
        IOpenApiSchema? schema = chosen.Value?.Schema;
        string description = Clean(requestBody.Description) ?? string.Empty;

        if (IsJson(contentType))
        {
            string where = Where(requestBody, pointer, "requestBodies");
            string hint = SharedName(where, typeBase + "Request", ComponentName(where, "requestBodies", typeBase + "Request"), "Request");
            (TypeRef type, _) = _schemas.Resolve(schema, hint, mediaPointer + "/schema");
            return new BodyModel(BodyKind.Json, type, "application/json", description, EquatableArray<string>.Empty);
        }

        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // Swagger 2.0 formData parameters arrive here as one schema; its credential fields belong to Paragon.
            (TypeRef type, _) = _schemas.Resolve(schema, typeBase + "Request", mediaPointer + "/schema", _credentialNames);
            if (type.Kind != TypeKind.Model)
            {
                return new BodyModel(BodyKind.Text, TypeRef.String, contentType, description, EquatableArray<string>.Empty);
            }

            IEnumerable<string> deepObjects = chosen.Value?.Encoding?.Where(e => e.Value?.Style == ParameterStyle.DeepObject).Select(e => e.Key) ?? [];
            return new BodyModel(BodyKind.Form, type, contentType, description, deepObjects.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray());
        }

        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return new BodyModel(BodyKind.Multipart, null, contentType, description, EquatableArray<string>.Empty);
        }

        if (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return new BodyModel(BodyKind.Text, TypeRef.String, contentType, description, EquatableArray<string>.Empty);
        }

        return new BodyModel(BodyKind.Binary, null, contentType == "*/*" ? "application/octet-stream" : contentType, description, EquatableArray<string>.Empty);
    }

    private ResponseModel ReadResponse(OpenApiResponses? responses, string typeBase, string pointer)
    {
        if (responses is null || responses.Count == 0)
        {
            return new ResponseModel(ResponseKind.None, null, null);
        }

        string? key = SuccessKey(responses);
        if (key is null || !responses.TryGetValue(key, out IOpenApiResponse? response) || response?.Content is not { Count: > 0 } content)
        {
            return new ResponseModel(ResponseKind.None, null, key is null ? null : Clean(responses[key]?.Description));
        }

        KeyValuePair<string, IOpenApiMediaType> chosen = Choose(content);
        string description = Clean(response.Description) ?? string.Empty;
        string mediaPointer = Where(response, pointer + "/" + JsonPointer.Escape(key), "responses") + "/content/" + JsonPointer.Escape(chosen.Key);

        // In Swagger 2.0, "produces" gives every response a media type, so one without a schema promises no body: the method
        // completes when the call succeeds, instead of failing to read an empty body after the provider did the work. In
        // OpenAPI 3 a media type without a schema is any body of that type (a PDF, CSV, or any JSON), which is kept.
        if (chosen.Value?.Schema is null && _isSwagger2)
        {
            return new ResponseModel(ResponseKind.None, null, description);
        }

        if (IsJson(chosen.Key))
        {
            string where = Where(response, pointer + "/" + JsonPointer.Escape(key), "responses");
            string hint = SharedName(where, typeBase + "Response", ComponentName(where, "responses", typeBase + "Response"), "Response");
            (TypeRef type, bool nullable) = _schemas.Resolve(chosen.Value?.Schema, hint, mediaPointer + "/schema");

            // An operation that may also answer with no body (a 204, or another 2xx without content), or whose schema allows
            // null, returns null then (JsonElement says "nothing" itself, as Undefined).
            bool mayBeEmpty = (nullable && type.Kind != TypeKind.Json) || responses.Any(r => r.Key != key && IsBodyless2xx(r.Key, r.Value));
            return new ResponseModel(ResponseKind.Json, type, description, mayBeEmpty);
        }

        return chosen.Key.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            ? new ResponseModel(ResponseKind.Text, TypeRef.String, description)
            : new ResponseModel(ResponseKind.Binary, null, description);
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

    /// <summary>The response a method returns: the first 2xx with a body by code, else a lone <c>default</c> (no 4xx or 5xx besides).</summary>
    private static string? SuccessKey(OpenApiResponses? responses) =>
        responses is null || responses.Count == 0 ? null
        : responses.Keys.Where(k => k.Length == 3 && k[0] == '2').OrderBy(k => k == "204" || k == "205" ? 1 : 0).ThenBy(k => k, StringComparer.Ordinal).FirstOrDefault()
            ?? (responses.ContainsKey("default") && !responses.Keys.Any(k => k.StartsWith("4", StringComparison.Ordinal) || k.StartsWith("5", StringComparison.Ordinal)) ? "default" : null);

    /// <summary>A success the spec gives no body: 204/205, or any 2xx without content (or, in Swagger 2.0, without a schema).</summary>
    private bool IsBodyless2xx(string key, IOpenApiResponse? response) =>
        key.Length == 3 && key[0] == '2'
        && (key is "204" or "205" || response?.Content is not { Count: > 0 } content || (_isSwagger2 && content.All(c => c.Value?.Schema is null)));

    /// <summary>JSON first, then forms, then anything else, as the spec lists them.</summary>
    private static KeyValuePair<string, IOpenApiMediaType> Choose(IDictionary<string, IOpenApiMediaType> content) =>
        content.FirstOrDefault(c => IsJson(c.Key)) is { Key: not null } json ? json
        : content.FirstOrDefault(c => c.Key.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)) is { Key: not null } form ? form
        : content.FirstOrDefault(c => c.Key.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)) is { Key: not null } multipart ? multipart
        : content.First();

    private static bool IsJson(string mediaType)
    {
        string type = mediaType.Split(';')[0].Trim().ToLowerInvariant();
        return type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal) || type.EndsWith("/json", StringComparison.Ordinal) || type == "*/*";
    }

    private static string NameFromPath(string verb, string path)
    {
        var words = new List<string> { Identifiers.Pascal(verb) };
        var parameters = new List<string>();
        foreach (string segment in path.Split('/'))
        {
            if (segment.StartsWith("{", StringComparison.Ordinal) && segment.EndsWith("}", StringComparison.Ordinal))
            {
                parameters.Add(Identifiers.Pascal(segment.Trim('{', '}')));
            }
            else if (segment.Length > 0)
            {
                words.Add(Identifiers.Pascal(segment));
            }
        }

        return string.Concat(words) + (parameters.Count > 0 ? "By" + string.Join("And", parameters) : string.Empty);
    }

    private static int PathPosition(string path, string name)
    {
        int index = path.IndexOf("{" + name + "}", StringComparison.Ordinal);
        return index < 0 ? int.MaxValue - 1 : index;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
}
