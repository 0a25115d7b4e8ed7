using System.Collections.Generic;
using System.Linq;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;

namespace Paragon.Generator.Reading;

internal static partial class PaginationReader
{
    /// <summary>
    /// Finds each paged operation's items in its page type, once every schema is read: the C# properties on the way and the
    /// item type, and names its method. Items that are not an array of the page's type are a PARAGON017 warning, and the operation stays unpaged.
    /// </summary>
    public static List<OperationModel> Resolve(List<OperationModel> operations, IEnumerable<TypeModel> types, DiagnosticBag diagnostics, System.Func<string, string> claimPagedName)
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
}
