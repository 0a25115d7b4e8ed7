using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Paragon.Generator.Model;

/// <summary>Makes <see cref="EquatableArray{T}"/> values from sequences.</summary>
internal static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items.ToImmutableArray());
}
