using System.Collections.Generic;
using System.Linq;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;

namespace Paragon.Generator.Modeling;

internal static partial class PaginationReader
{
    /// <summary>
    /// Finds each paged operation's items in its page type, once every schema is read: the C# properties on the way and the
    /// item type, and names its method. Items that are not an array of the page's type are a PARAGON017 warning, and the
    /// operation stays unpaged. Paging from the integration's <paramref name="convention"/> is checked against the page
    /// type first (the property it looks for, the one array that holds the items), and one that does not fit is left
    /// out without a warning.
    /// </summary>
    public static List<OperationModel> Resolve(List<OperationModel> operations, IEnumerable<TypeModel> types, DiagnosticBag diagnostics, System.Func<string, string> claimPagedName,
        Paragon.Contract.PagingConvention? convention = null)
    {
        Dictionary<string, TypeModel>? byName = null;
        for (int i = 0; i < operations.Count; i++)
        {
            OperationModel operation = operations[i];
            if (operation.Paging is not { } paging)
            {
                continue;
            }

            byName ??= types.ToDictionary(t => t.Name, System.StringComparer.Ordinal);
            TypeRef current = operation.Response.Type!;
            bool fromConvention = paging.Source == ConventionSource;
            if (fromConvention)
            {
                string? items = convention is null ? null : ConventionItems(convention, paging.ItemsPath, current, byName);
                if (items is null)
                {
                    operations[i] = operation with { Paging = null };
                    continue;
                }

                paging = paging with { ItemsPath = items };
            }

            var members = new List<string>();
            string? problem = null;
            foreach (string segment in paging.ItemsPath == "$" ? [] : paging.ItemsPath.Split('.'))
            {
                PropertyModel? property = current.Kind == TypeKind.Model && byName.TryGetValue(current.Name!, out TypeModel? model) && model.Kind == TypeModelKind.Object
                    ? model.Properties.FirstOrDefault(p => p.JsonName == segment)
                    : null;
                if (property is null)
                {
                    problem = $"the page has no property '{segment}' on the way to the items at '{paging.ItemsPath}'";
                    break;
                }

                members.Add(property.Identifier);
                current = property.Type;
            }

            if (problem is null && current.Kind != TypeKind.List)
            {
                problem = $"the items at '{paging.ItemsPath}' are not an array";
            }

            if (problem is not null && fromConvention)
            {
                operations[i] = operation with { Paging = null };
                continue;
            }

            if (problem is not null)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidPagination, paging.Pointer, paging.Source, operation.OperationId ?? operation.MethodName, problem);
                operations[i] = operation with { Paging = null };
                continue;
            }

            operations[i] = operation with
            {
                Paging = paging with { PagedName = claimPagedName(operation.MethodName), ItemType = current.Element, ItemMembers = members.ToEquatableArray() },
            };
        }

        return operations;
    }

    /// <summary>
    /// Where a convention's list keeps its items: what the convention names for it (<paramref name="named"/>), the page itself
    /// (<c>$</c>), or else the page's one top-level array when the page has the property the convention looks for; or
    /// <see langword="null"/> when the operation is not one of the convention's lists after all.
    /// </summary>
    private static string? ConventionItems(Paragon.Contract.PagingConvention convention, string named, TypeRef page, Dictionary<string, TypeModel> byName)
    {
        if (named.Length > 0)
        {
            return named;
        }

        if (page.Kind != TypeKind.Model || !byName.TryGetValue(page.Name!, out TypeModel? model) || model.Kind != TypeModelKind.Object)
        {
            return null;
        }

        if (convention.WhenResponseProperty is { } required && !model.Properties.Any(p => p.JsonName == required))
        {
            return null;
        }

        // Exactly one array: with two (a commit's files and parents) which one is the list is anyone's guess.
        PropertyModel[] arrays = [.. model.Properties.Where(p => p.Type.Kind == TypeKind.List)];
        return arrays.Length == 1 ? arrays[0].JsonName : null;
    }
}
