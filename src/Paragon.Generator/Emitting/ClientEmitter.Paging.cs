using System.Linq;
using Paragon.Generator.Model;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Emitting;

internal static partial class ClientEmitter
{
    private const string Paging = "global::Paragon.Paging";

    /// <summary>
    /// The <c>…PagedAsync</c> form of a paged operation: one expression that hands the runtime the call's description, the page
    /// type, how to pick the items and the strategy. The loop, tokens and stop rules are the runtime's.
    /// </summary>
    private static void EmitPaged(SourceWriter w, OperationModel operation, PagingModel paging, string declaration, string describe, TypeNames names, ContextPlan plan)
    {
        string pageType = names.CSharp(operation.Response.Type!);
        string itemType = names.CSharp(paging.ItemType!);
        string items = "static __page => __page" + string.Concat(paging.ItemMembers.AsImmutableArray().Select((m, i) => (i == 0 ? "." : "?.") + m));
        string strategy = paging.Kind switch
        {
            PagingKind.Cursor => $"Cursor({Identifiers.Literal(paging.Parameter!)}, {Identifiers.Literal(paging.NextPath!)}"
                + (paging.InBody ? $", {Paging}.PagingTokenLocation.Body" : string.Empty)
                + (paging.StopPath is null ? ")" : $", hasMorePath: {Identifiers.Literal(paging.StopPath)})"),
            PagingKind.NextUrl => $"NextUrl({Identifiers.Literal(paging.NextPath!)}"
                + (paging.StopPath is null ? string.Empty : ", " + Identifiers.Literal(paging.StopPath))
                + (paging.BasePath is null ? ")" : $", basePath: {Identifiers.Literal(paging.BasePath)})"),
            PagingKind.LinkHeader => paging.BasePath is null ? "LinkHeader()" : $"LinkHeader({Identifiers.Literal(paging.BasePath)})",
            _ => $"Offset({Identifiers.Literal(paging.Parameter!)}{(paging.Kind == PagingKind.Page ? ", pageNumbers: true" : string.Empty)})",
        };

        w.Line($"/// <summary>Every item of <see cref=\"{operation.MethodName}\"/>, fetched a page at a time as it is enumerated; <c>AsPages()</c> gives the pages and a token to resume from.</summary>");
        w.Line($"/// <inheritdoc cref=\"{operation.MethodName}\" path=\"/param\"/>");
        w.Line("/// <returns>The items of every page, in order.</returns>");
        Obsolete(w, operation);
        w.Line($"public {Paging}.ParagonPageable<{pageType}, {itemType}> {paging.PagedName}({declaration}) =>");
        w.Line($"    new(_proxy, {describe}, {plan.Access(operation.Response.Type!)}, {items}, {Paging}.ParagonPaging.{strategy}, cancellationToken);");
    }
}
