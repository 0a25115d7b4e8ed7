using System;
using System.Collections.Generic;

namespace Paragon.Proxy;

/// <summary>Extra request headers for the provider, in order. The client's pipeline checks them before anything is sent.</summary>
public sealed class ProxyHeaders
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    /// <summary>The number of headers.</summary>
    public int Count => _headers.Count;

    internal IReadOnlyList<KeyValuePair<string, string>> Items => _headers;

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
