using System;
using System.Collections.Generic;

namespace Paragon.Proxy;

/// <summary>Extra request headers for the provider, in order. The client's pipeline checks them before anything is sent.</summary>
public sealed class ProxyHeaders : IReadOnlyList<KeyValuePair<string, string>>
{
    // Most calls add no header: the list is made on the first Add, and reads see a shared empty one.
    private static readonly List<KeyValuePair<string, string>> s_none = [];
    private List<KeyValuePair<string, string>>? _added;

    private List<KeyValuePair<string, string>> All => _added ?? s_none;

    /// <summary>The number of headers.</summary>
    public int Count => All.Count;

    internal IReadOnlyList<KeyValuePair<string, string>> Items => All;

    /// <summary>The header at a position, in the order added.</summary>
    /// <param name="index">The position.</param>
    public KeyValuePair<string, string> this[int index] => All[index];

    /// <summary>The first value of a header (names compare without case), or <see langword="null"/>.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value.</returns>
    public string? Get(string name)
    {
        foreach (KeyValuePair<string, string> header in All)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => All.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Adds a header from a typed value, formatted whatever the current culture (see <see cref="ProxyValue.Format{T}(T)"/>;
    /// a list becomes comma-separated values); <see langword="null"/> adds nothing.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="name">The header name.</param>
    /// <param name="value">The value.</param>
    /// <returns>These headers, for chaining.</returns>
    public ProxyHeaders Add<T>(string name, T value) => Add(name, ProxyValue.Format(value));

    /// <summary>Adds a header; a <see langword="null"/> value adds nothing.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The value.</param>
    /// <returns>These headers, for chaining.</returns>
    public ProxyHeaders Add(string name, string? value)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (value is not null)
        {
            (_added ??= []).Add(new KeyValuePair<string, string>(name, value));
        }

        return this;
    }
}
