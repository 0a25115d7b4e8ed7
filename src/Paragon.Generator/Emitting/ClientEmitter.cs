using System.Collections.Generic;
using System.Linq;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Emits the integration's client: one method per operation. A method only describes the call (a ProxyRequest) and
/// hands it to the runtime's funnel; URL building, escaping, tokens, headers and errors all happen there.
/// </summary>
internal static class ClientEmitter
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
        foreach (OperationModel operation in spec.Operations)
        {
            w.Line();
            EmitOperation(w, operation, names, plan);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void EmitOperation(SourceWriter w, OperationModel operation, TypeNames names, ContextPlan plan)
    {
        string returnType = operation.Response.Kind switch
        {
            ResponseKind.Json when operation.Response.MayBeEmpty => $"{Tasks}.Task<{names.CSharp(operation.Response.Type!, nullable: true)}>",
            ResponseKind.Json => $"{Tasks}.Task<{names.CSharp(operation.Response.Type!)}>",
            ResponseKind.Text => $"{Tasks}.Task<string>",
            ResponseKind.Binary => $"{Tasks}.Task<global::System.IO.Stream>",
            _ => $"{Tasks}.Task",
        };

        var signature = new List<string>();
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
            signature.Add(bodyType + " body");
        }

        foreach (ParameterModel parameter in operation.Parameters.Where(p => p.Constant is null))
        {
            signature.Add(parameter.Required
                ? $"{names.CSharp(parameter.Type)} {parameter.Identifier}"
                : $"{names.CSharp(parameter.Type, nullable: true)} {parameter.Identifier} = null");
        }

        signature.Add("global::System.Threading.CancellationToken cancellationToken = default");

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
        w.DocTag("returns", string.Empty, operation.Response.Description, operation.Response.Kind == ResponseKind.None ? "A task that completes when the call has succeeded." : "The response.");
        if (operation.Response.MayBeEmpty)
        {
            w.Line("/// <remarks><see langword=\"null\"/> when the provider answers with no content (204).</remarks>");
        }
        w.Line("/// <exception cref=\"global::Paragon.ParagonApiException\">The call came back with a non-success status.</exception>");
        if (operation.Deprecated)
        {
            w.Line("[global::System.Obsolete(\"Deprecated by the provider.\")]");
        }

        bool isAsync = operation.Response.Kind is ResponseKind.None or ResponseKind.Text or ResponseKind.Binary || operation.Response.MayBeEmpty;
        w.Open($"public {(isAsync ? "async " : string.Empty)}{returnType} {operation.MethodName}({string.Join(", ", signature)})");

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

        switch (operation.Response.Kind)
        {
            case ResponseKind.Json when operation.Response.MayBeEmpty:
                w.Line("using (var __response = await _proxy.SendAsync(__request, cancellationToken).ConfigureAwait(false))");
                w.Line("{");
                w.Line($"    return __response.IsEmpty ? default : __response.ReadAs({plan.Access(operation.Response.Type!)});");
                w.Line("}");
                break;
            case ResponseKind.Json:
                w.Line($"return _proxy.SendAsync(__request, {plan.Access(operation.Response.Type!)}, cancellationToken);");
                break;
            case ResponseKind.Text:
                w.Line("__request.Headers.Add(\"Accept\", \"text/*, */*\");");
                w.Line("using var __response = await _proxy.SendAsync(__request, cancellationToken).ConfigureAwait(false);");
                w.Line("return __response.ReadAsString();");
                break;
            case ResponseKind.Binary:
                w.Line("__request.Headers.Add(\"Accept\", \"*/*\");");
                w.Line("__request.StreamResponse = true;");
                w.Line("var __response = await _proxy.SendAsync(__request, cancellationToken).ConfigureAwait(false);");
                w.Line("return __response.ReadAsStream();");
                break;
            default:
                w.Line("using var __response = await _proxy.SendAsync(__request, cancellationToken).ConfigureAwait(false);");
                break;
        }

        w.Close();
    }

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

        bool nullable = !parameter.Required;
        TypeRef type = parameter.Type;
        switch (parameter.Location)
        {
            case ParameterLocation.Path:
                w.Line($"__request.SetPathValue({wire}, {Text(type, id, nullable: false, names)});");
                return;
            case ParameterLocation.Header:
                w.Line($"__request.Headers.Add({wire}, {Text(type, id, nullable, names)});");
                return;
        }

        string style = $"{Proxy}.ProxyQueryStyle.{parameter.Style}";
        string explode = parameter.Explode ? "true" : "false";
        if (type.Kind == TypeKind.List)
        {
            TypeRef element = type.Element!;
            string values = element.Kind == TypeKind.String
                ? id
                : $"global::System.Linq.Enumerable.Select({id}, static v => {Text(element, "v", nullable: false, names)})";
            w.Line(nullable
                ? $"if ({id} is not null) __request.Query.AddArray({wire}, {values}, {style}, {explode});"
                : $"__request.Query.AddArray({wire}, {values}, {style}, {explode});");
            return;
        }

        if (type.Kind is TypeKind.Dictionary || (type.Kind == TypeKind.Model && names.KindOf(type.Name!) == TypeModelKind.Object))
        {
            string objectStyle = parameter.Style == QueryStyle.DeepObject ? style : $"{Proxy}.ProxyQueryStyle.Form";
            w.Line($"__request.Query.AddObject({wire}, {Proxy}.ProxyValue.Properties({id}, {plan.Access(type)}), {objectStyle}, {explode});");
            return;
        }

        w.Line($"__request.Query.Add({wire}, {Text(type, id, nullable, names)});");
    }

    /// <summary>A parameter value as text for a path, header or query: invariant culture, ISO 8601, lower-case booleans.</summary>
    private static string Text(TypeRef type, string id, bool nullable, TypeNames names)
    {
        string value = nullable && names.IsValueType(type) ? id + ".Value" : id;
        string formatted = type.Kind switch
        {
            TypeKind.String => id,
            TypeKind.Boolean or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Single or TypeKind.Decimal or TypeKind.DateTimeOffset
                => $"{Proxy}.ProxyValue.Format({value})",
            TypeKind.Bytes => $"global::System.Convert.ToBase64String({id})",
            TypeKind.Json => $"{value}.GetRawText()",
            TypeKind.Model when names.KindOf(type.Name!) == TypeModelKind.Enum => $"{value}.Value",
            TypeKind.Model => $"{id}.ToString()",
            TypeKind.List => $"string.Join(\",\", {id})",
            _ => $"{id}.ToString()",
        };

        if (!nullable || type.Kind == TypeKind.String)
        {
            return formatted;
        }

        return $"{id} is null ? null : {formatted}";
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
