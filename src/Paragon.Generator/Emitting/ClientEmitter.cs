using System.Collections.Generic;
using System.Linq;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Emits the integration's client: one method per operation. A method only describes the call (a ProxyRequest) and
/// hands it to the runtime's funnel; URL building, escaping, tokens, headers and errors all happen there.
/// </summary>
internal static partial class ClientEmitter
{
    private const string Proxy = "global::Paragon.Proxy";
    private const string Tasks = "global::System.Threading.Tasks";

    public static string Emit(SpecModel spec, TypeNames names, ContextPlan plan)
    {
        var w = new SourceWriter().Header();
        w.Open("namespace " + spec.Namespace);
        string title = string.Join(" ", Identifiers.DocLines(spec.Title ?? spec.ClassName));
        w.Line("/// <summary>");
        w.Line($"/// Typed calls to {title} through Paragon's proxy (integration <c>{string.Join(" ", Identifiers.DocLines(spec.Integration))}</c>).");
        w.Line($"/// Reach it with <c>paragon.{spec.ClassName}</c> on a <see cref=\"global::Paragon.ParagonClient\"/> or <see cref=\"global::Paragon.ParagonUserClient\"/>.");
        w.Line("/// </summary>");
        w.Line(TypeNames.GeneratedCode);
        w.Open($"{spec.Visibility} sealed partial class {spec.ClientName}");
        w.Line("/// <summary>The Paragon integration type these calls go to.</summary>");
        w.Line($"public const string Integration = {Identifiers.Literal(spec.Integration)};");
        w.Line();
        w.Line($"private readonly {Proxy}.IProxyClient _proxy;");
        w.Line();
        w.Line("/// <summary>Creates the client over a Paragon client, a user client, or any <see cref=\"global::Paragon.Proxy.IProxyClient\"/> (a test double, say).</summary>");
        w.Line("/// <param name=\"proxy\">Where the calls are sent.</param>");
        w.Line($"public {spec.ClientName}({Proxy}.IProxyClient proxy) => _proxy = proxy ?? throw new global::System.ArgumentNullException(nameof(proxy));");
        List<ErrorRuleModel> errorRules = EmitErrorRules(w, spec);
        foreach (OperationModel operation in spec.Operations)
        {
            w.Line();
            EmitOperation(w, operation, names, plan, errorRules);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    /// <summary>
    /// The spec's x-paragon-error rules, one static instance each (a call allocates none): only their description; the
    /// runtime's <c>ProxyErrorRule</c> reads the body. An operation with no rule sets nothing, and the runtime follows the
    /// integration's convention.
    /// </summary>
    private static List<ErrorRuleModel> EmitErrorRules(SourceWriter w, SpecModel spec)
    {
        List<ErrorRuleModel> rules = spec.Operations.Select(o => o.ErrorRule).OfType<ErrorRuleModel>().Where(r => !r.IsNone).Distinct().ToList();
        for (int i = 0; i < rules.Count; i++)
        {
            ErrorRuleModel rule = rules[i];
            string details = rule.Details.Count == 0 ? "null" : "new[] { " + string.Join(", ", rule.Details.Select(Identifiers.Literal)) + " }";
            w.Line();
            w.Line($"private static readonly {Proxy}.ProxyErrorRule __errorRule{i} = new {Proxy}.ProxyErrorRule({Identifiers.Literal(rule.Field)}, {(rule.MustBe ? "true" : "false")}, "
                + $"{Identifiers.Literal(rule.Code)}, {(rule.Message is null ? "null" : Identifiers.Literal(rule.Message))}, {details});");
        }

        return rules;
    }

    private static void EmitOperation(SourceWriter w, OperationModel operation, TypeNames names, ContextPlan plan, List<ErrorRuleModel> errorRules)
    {
        ResponseModel response = operation.Response;
        string? valueType = response.Kind switch
        {
            ResponseKind.Json => names.CSharp(response.Type!, nullable: response.MayBeEmpty),
            ResponseKind.Text => "string",
            ResponseKind.Binary => "global::System.IO.Stream",
            _ => null,
        };
        string returnType = valueType is null ? $"{Tasks}.Task" : $"{Tasks}.Task<{valueType}>";
        string withResponseType = valueType is null ? $"{Tasks}.Task<global::Paragon.ParagonResponse>" : $"{Tasks}.Task<global::Paragon.ParagonResponse<{valueType}>>";

        var parameters = new List<(string Type, string Name, string? Default)>();
        string? bodyType = operation.Body?.Kind switch
        {
            BodyKind.Json or BodyKind.Form => names.CSharp(operation.Body.Type!),
            BodyKind.Text => "string",
            BodyKind.Multipart => "global::System.Net.Http.MultipartFormDataContent",
            BodyKind.Binary => "global::System.IO.Stream",
            _ => null,
        };
        if (bodyType is not null)
        {
            parameters.Add((bodyType, "body", null));
        }

        foreach (ParameterModel parameter in operation.Parameters.Where(p => p.Constant is null))
        {
            parameters.Add(parameter.Required ? (names.Parameter(parameter.Type), parameter.Identifier, null) : (names.Parameter(parameter.Type, nullable: true), parameter.Identifier, "null"));
        }

        string declaration = string.Join(", ", parameters.Select(p => p.Default is null ? $"{p.Type} {p.Name}" : $"{p.Type} {p.Name} = {p.Default}")
            .Concat(["global::System.Threading.CancellationToken cancellationToken = default"]));
        string arguments = string.Join(", ", parameters.Select(p => p.Name));
        string builderName = operation.MethodName.Substring(0, operation.MethodName.Length - "Async".Length) + "Request";
        string build = $"{builderName}({arguments})";

        // The method that returns the body.
        w.Doc(operation.Summary ?? operation.Description, operation.Summary is null ? null : operation.Description,
            $"{operation.HttpMethod} {Identifiers.DocLines(operation.Path).FirstOrDefault()}");
        if (bodyType is not null)
        {
            w.DocTag("param", " name=\"body\"", operation.Body!.Description, operation.Body.Kind == BodyKind.Multipart ? "The multipart form to send." : "The request body.");
        }

        foreach (ParameterModel parameter in operation.Parameters.Where(p => p.Constant is null))
        {
            w.DocTag("param", $" name=\"{parameter.Identifier.TrimStart('@')}\"", parameter.Description, $"The <c>{Identifiers.DocLines(parameter.WireName).FirstOrDefault()}</c> {parameter.Location.ToString().ToLowerInvariant()} parameter.");
        }

        w.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        // "The response." said nothing the return type does not: only the spec's own words are worth a line.
        if (Identifiers.DocLines(response.Description).Any())
        {
            w.DocTag("returns", string.Empty, response.Description, string.Empty);
        }

        if (response.Kind == ResponseKind.Json && response.MayBeEmpty)
        {
            w.Line("/// <remarks><see langword=\"null\"/> when the provider answers with no content.</remarks>");
        }
        else if (response.Kind == ResponseKind.Binary)
        {
            w.Line("/// <remarks>The stream is unbuffered and owns the response: dispose it, which releases the connection.</remarks>");
        }

        w.Line("/// <exception cref=\"global::Paragon.ParagonApiException\">The call came back with a non-success status.</exception>");
        if (response.Kind == ResponseKind.Json)
        {
            w.Line("/// <exception cref=\"global::Paragon.ParagonUnreadableResponseException\">The call succeeded, but its body was empty or not of the spec's shape.</exception>");
        }

        Obsolete(w, operation);
        w.Line($"public {returnType} {operation.MethodName}({declaration}) =>");
        w.Line($"    {Proxy}.ProxyCalls.{Call(operation, withResponse: false, build, plan)};");

        // The same call, with the status code and headers.
        w.Line();
        w.Line($"/// <summary>Same as <see cref=\"{operation.MethodName}\"/>, and also returns the status code and headers (paging links, rate limits, request ids).</summary>");
        w.Line($"/// <inheritdoc cref=\"{operation.MethodName}\" path=\"/param\"/>");
        w.Line(valueType is null
            ? "/// <returns>The response: status, headers and any body.</returns>"
            : "/// <returns>The response's value, status and headers.</returns>");
        w.Line("/// <exception cref=\"global::Paragon.ParagonApiException\">The call came back with a non-success status.</exception>");
        Obsolete(w, operation);
        w.Line($"public {withResponseType} {operation.WithResponseName}({declaration}) =>");
        w.Line($"    {Proxy}.ProxyCalls.{Call(operation, withResponse: true, build, plan)};");

        if (operation.Paging is { ItemType: not null } paging)
        {
            w.Line();
            EmitPaged(w, operation, paging, declaration, $"() => {build}", names, plan);
        }

        // One description of the call for both: arguments are checked here, before anything is sent.
        w.Line();
        if (operation.Deprecated)
        {
            w.Line("[global::System.Obsolete(\"Deprecated by the provider.\")]");
        }

        w.Open($"private {Proxy}.ProxyRequest {builderName}({string.Join(", ", parameters.Select(p => $"{p.Type} {p.Name}"))})");
        if (bodyType is not null && !(operation.Body!.Type is { } bodyRef && names.IsValueType(bodyRef)))
        {
            // Names as literals, not nameof(): a spec parameter called "nameof" would turn nameof(...) into a call.
            w.Line("if (body is null) throw new global::System.ArgumentNullException(\"body\");");
        }

        foreach (ParameterModel parameter in operation.Parameters.Where(p => p.Constant is null && p.Required && !names.IsValueType(p.Type)))
        {
            w.Line($"if ({parameter.Identifier} is null) throw new global::System.ArgumentNullException({Identifiers.Literal(parameter.Identifier.TrimStart('@'))});");
        }

        w.Line($"var __request = new {Proxy}.ProxyRequest(Integration, {Method(operation.HttpMethod)}, {Identifiers.Literal(operation.Path)});");
        if (operation.OperationId is not null)
        {
            w.Line($"__request.OperationId = {Identifiers.Literal(operation.OperationId)};");
        }

        if (operation.ErrorRule is { } errorRule)
        {
            w.Line(errorRule.IsNone ? $"__request.ErrorRule = {Proxy}.ProxyErrorRule.None;" : $"__request.ErrorRule = __errorRule{errorRules.IndexOf(errorRule)};");
        }

        foreach (ParameterModel parameter in operation.Parameters)
        {
            EmitParameter(w, parameter, names, plan);
        }

        switch (operation.Body?.Kind)
        {
            case BodyKind.Json:
                w.Line($"__request.Body = {Proxy}.ProxyBody.Json(body, {plan.Access(operation.Body.Type!)});");
                break;
            case BodyKind.Form:
                string deep = operation.Body.DeepObjectFields.Count == 0 ? "null" : "new[] { " + string.Join(", ", operation.Body.DeepObjectFields.Select(Identifiers.Literal)) + " }";
                w.Line($"__request.Body = {Proxy}.ProxyBody.FormFromModel(body, {plan.Access(operation.Body.Type!)}, {deep});");
                break;
            case BodyKind.Text:
                w.Line($"__request.Body = {Proxy}.ProxyBody.Text(body);");
                w.Line($"__request.ContentType = {Identifiers.Literal(operation.Body.ContentType)};");
                break;
            case BodyKind.Binary:
                w.Line($"__request.Body = {Proxy}.ProxyBody.Stream(body, {Identifiers.Literal(operation.Body.ContentType)});");
                break;
            case BodyKind.Multipart:
                w.Line($"__request.Body = {Proxy}.ProxyBody.Content(body);");
                break;
        }

        switch (response.Kind)
        {
            case ResponseKind.Text:
                w.Line("__request.Headers.Add(\"Accept\", \"text/*, */*\");");
                break;
            case ResponseKind.Binary:
                w.Line("__request.Headers.Add(\"Accept\", \"*/*\");");
                break;
        }

        w.Line("return __request;");
        w.Close();
    }

    /// <summary>
    /// The runtime's reading of the answer, as <c>ProxyCalls</c> names it: <c>ReadJson[OrDefault][WithResponse]Async</c>,
    /// <c>ReadText…</c>, <c>ReadStream…</c> or <c>Send…</c>. JSON that may be absent is read with the metadata of <c>T?</c>.
    /// </summary>
    private static string Call(OperationModel operation, bool withResponse, string build, ContextPlan plan)
    {
        ResponseModel response = operation.Response;
        string suffix = withResponse ? "WithResponseAsync" : "Async";
        return response.Kind switch
        {
            ResponseKind.Json => $"ReadJson{(response.MayBeEmpty ? "OrDefault" : string.Empty)}{suffix}(_proxy, {build}, {plan.Access(response.Type!, nullable: response.MayBeEmpty)}, cancellationToken)",
            ResponseKind.Text => $"ReadText{suffix}(_proxy, {build}, cancellationToken)",
            ResponseKind.Binary => $"ReadStream{suffix}(_proxy, {build}, cancellationToken)",
            _ => $"Send{suffix}(_proxy, {build}, cancellationToken)",
        };
    }

    private static void Obsolete(SourceWriter w, OperationModel operation)
    {
        if (operation.Deprecated)
        {
            w.Line("[global::System.Obsolete(\"Deprecated by the provider.\")]");
        }
    }

    /// <summary>
    /// A parameter into the request. Values are passed typed: the runtime's <c>ProxyValue.Format</c> makes the text
    /// (invariant culture, ISO 8601, lower-case booleans, enums and unions by their wire value), so no formatting that
    /// could depend on the machine's culture is ever generated.
    /// </summary>
    private static void EmitParameter(SourceWriter w, ParameterModel parameter, TypeNames names, ContextPlan plan)
    {
        string id = parameter.Identifier;
        string wire = Identifiers.Literal(parameter.WireName);
        if (parameter.Constant is { } constant)
        {
            string method = parameter.Location switch
            {
                ParameterLocation.Path => "SetPathValue",
                ParameterLocation.Header => "Headers.Add",
                _ => "Query.Add",
            };
            w.Line($"__request.{method}({wire}, {Identifiers.Literal(constant)});");
            return;
        }

        TypeRef type = parameter.Type;
        switch (parameter.Location)
        {
            case ParameterLocation.Path:
                w.Line($"__request.SetPathValue({wire}, {id});");
                return;
            case ParameterLocation.Header:
                w.Line($"__request.Headers.Add({wire}, {id});");
                return;
        }

        string style = $"{Proxy}.ProxyQueryStyle.{parameter.Style}";
        string explode = parameter.Explode ? "true" : "false";
        if (type.Kind == TypeKind.List)
        {
            w.Line($"__request.Query.AddArray({wire}, {id}, {style}, {explode});");
            return;
        }

        if (type.Kind is TypeKind.Dictionary || (type.Kind == TypeKind.Model && names.KindOf(type.Name!) == TypeModelKind.Object))
        {
            string objectStyle = parameter.Style == QueryStyle.DeepObject ? style : $"{Proxy}.ProxyQueryStyle.Form";
            w.Line($"__request.Query.AddObject({wire}, {Proxy}.ProxyValue.Properties({id}, {plan.Access(type)}), {objectStyle}, {explode});");
            return;
        }

        w.Line($"__request.Query.Add({wire}, {id});");
    }

    /// <summary>A shared instance for the usual methods; any other (OpenAPI 3.2's QUERY, COPY…) by name.</summary>
    private static string Method(string method) => method switch
    {
        "GET" => Proxy + ".ProxyMethods.Get",
        "POST" => Proxy + ".ProxyMethods.Post",
        "PUT" => Proxy + ".ProxyMethods.Put",
        "PATCH" => Proxy + ".ProxyMethods.Patch",
        "DELETE" => Proxy + ".ProxyMethods.Delete",
        "HEAD" => Proxy + ".ProxyMethods.Head",
        "OPTIONS" => Proxy + ".ProxyMethods.Options",
        "TRACE" => Proxy + ".ProxyMethods.Trace",
        _ => "new global::System.Net.Http.HttpMethod(" + Identifiers.Literal(method) + ")",
    };
}
