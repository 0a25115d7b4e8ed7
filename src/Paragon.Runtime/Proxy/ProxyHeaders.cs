using System;
using System.Collections.Generic;

namespace Paragon.Proxy;

/// <summary>Extra request headers for the provider, in order. The client's pipeline checks them before anything is sent.</summary>
public sealed class ProxyHeaders : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    /// <summary>The number of headers.</summary>
    public int Count => _headers.Count;

    internal IReadOnlyList<KeyValuePair<string, string>> Items => _headers;

    /// <summary>The header at a position, in the order added.</summary>
    /// <param name="index">The position.</param>
    public KeyValuePair<string, string> this[int index] => _headers[index];

    /// <summary>The first value of a header (names compare without case), or <see langword="null"/>.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value.</returns>
    public string? Get(string name)
    {
        foreach (KeyValuePair<string, string> header in _headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _headers.GetEnumerator();

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
            _headers.Add(new KeyValuePair<string, string>(name, value));
        }

        return this;
    }
}
