using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Paragon.Generator.Diagnostics;
using Xunit;

namespace Paragon.Generator.Tests;

/// <summary>
/// The model carries a diagnostic as its id (DiagnosticInfo); reporting turns the id back into its descriptor. A hand-kept
/// switch did that and sent every id it lacked to PARAGON007 (006, 009 and 010 were missing): the table now fills itself.
/// </summary>
public class DiagnosticTableTests
{
    private static DiagnosticDescriptor[] All() => typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void Every_descriptor_is_found_by_its_id()
    {
        DiagnosticDescriptor[] all = All();
        Assert.True(all.Length >= 20);
        Assert.Equal(all.Length, all.Select(d => d.Id).Distinct().Count());
        string[] lost = all.Where(d => !DiagnosticDescriptors.TryFind(d.Id, out DiagnosticDescriptor found) || !ReferenceEquals(found, d)).Select(d => d.Id).ToArray();
        Assert.Empty(lost);
        Assert.False(DiagnosticDescriptors.TryFind("PARAGON999", out _));
    }

    [Fact]
    public void The_fatal_ids_are_the_ones_that_leave_nothing_to_emit()
    {
        string[] fatal = All().Where(d => DiagnosticDescriptors.IsFatal(d.Id)).Select(d => d.Id).OrderBy(id => id, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(["PARAGON001", "PARAGON007", "PARAGON011", "PARAGON014", "PARAGON018"], fatal);
        Assert.All(fatal, id => Assert.Equal(DiagnosticSeverity.Error, All().Single(d => d.Id == id).DefaultSeverity));
    }
}
