using System;
using System.Collections.Generic;

namespace Paragon.Paging;

/// <summary>
/// The last <see cref="Capacity"/> tokens a provider gave, to notice one it gives again. Bounded, so that a long
/// enumeration holds a fixed amount of memory; a cycle longer than this is ended by the page bound instead.
/// </summary>
internal sealed class RecentTokens
{
    public const int Capacity = 64;

    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Remembers <paramref name="token"/>; <see langword="false"/> when it is among the recent ones already.</summary>
    public bool Add(string token)
    {
        if (!_set.Add(token))
        {
            return false;
        }

        _order.Enqueue(token);
        if (_order.Count > Capacity)
        {
            _set.Remove(_order.Dequeue());
        }

        return true;
    }
}
