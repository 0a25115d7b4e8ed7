namespace Paragon.Generator.Model;

/// <summary>
/// One operation: a method that returns the body (<see cref="MethodName"/>), and one that also returns the status and
/// headers (<see cref="WithResponseName"/>); a paged operation (<see cref="Paging"/>) also gets one that enumerates every item.
/// <see cref="ErrorRule"/> is the operation's or the spec's <c>x-paragon-error</c>; <see langword="null"/> leaves it to the runtime.
/// </summary>
internal sealed record OperationModel(
    string MethodName,
    string WithResponseName,
    string? OperationId,
    string HttpMethod,
    string Path,
    string? Summary,
    string? Description,
    bool Deprecated,
    EquatableArray<ParameterModel> Parameters,
    BodyModel? Body,
    ResponseModel Response,
    PagingModel? Paging = null,
    ErrorRuleModel? ErrorRule = null);

/// <summary>Where a parameter goes.</summary>
internal enum ParameterLocation
{
    Path,
    Query,
    Header,
}

/// <summary>How a query parameter is serialized (OpenAPI <c>style</c>).</summary>
internal enum QueryStyle
{
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// <summary>
/// A path, query or header parameter. A required parameter that allows exactly one value (Notion's <c>Notion-Version</c>)
/// has <see cref="Constant"/> set: the client sends it, and it is not a method parameter.
/// </summary>
internal sealed record ParameterModel(
    string WireName,
    string Identifier,
    ParameterLocation Location,
    TypeRef Type,
    bool Required,
    string? Description,
    bool Deprecated,
    QueryStyle Style,
    bool Explode,
    string? Constant = null);

/// <summary>How a request body is encoded.</summary>
internal enum BodyKind
{
    Json,
    Form,
    Multipart,
    Binary,
    Text,
}

/// <summary>The request body: a model (JSON or form), multipart content, a stream or text.</summary>
internal sealed record BodyModel(BodyKind Kind, TypeRef? Type, string ContentType, string? Description, EquatableArray<string> DeepObjectFields);

/// <summary>What a method returns.</summary>
internal enum ResponseKind
{
    None,
    Json,
    Text,
    Binary,
}

/// <summary>
/// The successful response. <see cref="MayBeEmpty"/> when an empty answer is an answer: the spec also lists a 204/205 for
/// the operation, or its schema allows null. A <see cref="ResponseKind.Json"/> body that is not allowed to be empty and
/// arrives empty is reported as a success that could not be read, never as a bare JSON error.
/// </summary>
internal sealed record ResponseModel(ResponseKind Kind, TypeRef? Type, string? Description, bool MayBeEmpty = false);
