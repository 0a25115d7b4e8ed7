using System;
using System.Collections;
using System.Collections.Generic;

namespace Paragon;

/// <summary>
/// Form fields sent as <c>application/x-www-form-urlencoded</c>, in the order they were added. A name may repeat.
/// </summary>
/// <example><code>Body = new ParagonFormBody { { "channel", "C1" }, { "text", "hi" } }</code></example>
public sealed class ParagonFormBody : IEnumerable<KeyValuePair<string, string?>>
{
    private readonly List<KeyValuePair<string, string?>> _fields = [];

    /// <summary>Creates an empty form.</summary>
    public ParagonFormBody()
    {
    }

    /// <summary>Creates a form with the given fields.</summary>
    /// <param name="fields">Name and value pairs; a <see langword="null"/> value is left out when sent.</param>
    public ParagonFormBody(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        if (fields is null)
        {
            throw new ArgumentNullException(nameof(fields));
        }

        foreach (KeyValuePair<string, string?> field in fields)
        {
            Add(field.Key, field.Value);
        }
    }

    /// <summary>The number of fields.</summary>
    public int Count => _fields.Count;

    /// <summary>Adds a field.</summary>
    /// <param name="name">The field name; must not be empty.</param>
    /// <param name="value">The value; <see langword="null"/> leaves the field out when sent.</param>
    public void Add(string name, string? value)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A form field needs a non-empty name.", nameof(name));
        }

        _fields.Add(new KeyValuePair<string, string?>(name, value));
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
