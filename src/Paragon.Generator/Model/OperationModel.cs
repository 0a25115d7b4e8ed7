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
