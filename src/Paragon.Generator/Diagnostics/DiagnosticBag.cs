using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Paragon.Generator.Model;
using Paragon.Generator.Reading;

namespace Paragon.Generator.Diagnostics;

/// <summary>Collects diagnostics by JSON pointer while reading, and places them on lines once, at the end.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<(DiagnosticDescriptor Descriptor, string Pointer, string[] Arguments)> _pending = [];
    private readonly HashSet<string> _seen = new(System.StringComparer.Ordinal);

    public void Add(DiagnosticDescriptor descriptor, string pointer, params string[] arguments)
    {
        // The same problem reached twice (a schema used by many operations) is reported once.
        if (_seen.Add(descriptor.Id + "|" + pointer + "|" + string.Join("|", arguments)))
        {
            _pending.Add((descriptor, pointer, arguments));
        }
    }

    public EquatableArray<DiagnosticInfo> Resolve(string filePath, SpecLocator locator)
    {
        if (_pending.Count == 0)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        locator.Prepare(_pending.Select(p => p.Pointer));
        return _pending.Select(p =>
        {
            SpecPosition position = locator.Find(p.Pointer);
            return new DiagnosticInfo(p.Descriptor.Id, filePath, position.Line, position.Column, position.Line, position.Column + position.Length,
                position.Start, position.Length, p.Arguments.ToEquatableArray());
        }).ToEquatableArray();
    }
}
