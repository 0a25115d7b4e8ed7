using System;
using System.Collections.Generic;

namespace Paragon.Proxy;

/// <summary>
/// Query parameters in order, serialized the way OpenAPI's <c>style</c> and <c>explode</c> describe. Names and values are
/// kept as given and escaped once, when the URL is built.
/// </summary>
public sealed class ProxyQuery : IReadOnlyList<KeyValuePair<string, string>>
{
    // Most calls add no query: the list is made on the first Add, and reads see a shared empty one.
    private static readonly List<QueryPart> s_none = [];
    private List<QueryPart>? _added;

    private List<QueryPart> All => _added ?? s_none;

    /// <summary>The number of name=value pairs.</summary>
    public int Count => All.Count;

    internal IReadOnlyList<QueryPart> Parts => All;

    /// <summary>
    /// A pair as added, unescaped: an array joined by its style's delimiter reads <c>ids</c> = <c>1,2</c>
    /// (<c>1 2</c> for <c>spaceDelimited</c>, <c>1|2</c> for <c>pipeDelimited</c>).
    /// </summary>
    /// <param name="index">The position.</param>
    public KeyValuePair<string, string> this[int index]
    {
        get
        {
            QueryPart part = All[index];
            return new KeyValuePair<string, string>(part.Name, part.EscapeValue ? part.Value : Uri.UnescapeDataString(part.Value));
        }
    }

    /// <summary>The first value of a parameter (names compare exactly), or <see langword="null"/>.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, unescaped.</returns>
    public string? Get(string name)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i].Name, name, StringComparison.Ordinal))
            {
                return this[i].Value;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (int i = 0; i < All.Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Adds a typed value, formatted the way HTTP APIs expect whatever the current culture (see
    /// <see cref="ProxyValue.Format{T}(T)"/>); <see langword="null"/> adds nothing.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This query, for chaining.</returns>
    public ProxyQuery Add<T>(string name, T value) => Add(name, ProxyValue.Format(value));

    /// <summary>Adds an array parameter of typed values, each formatted with <see cref="ProxyValue.Format{T}(T)"/>.</summary>
    /// <typeparam name="T">The values' type.</typeparam>
    /// <param name="name">The parameter name.</param>
    /// <param name="values">The values; <see langword="null"/> items are left out.</param>
    /// <param name="style">The OpenAPI style.</param>
    /// <param name="explode">The OpenAPI <c>explode</c>.</param>
    /// <returns>This query, for chaining.</returns>
    public ProxyQuery AddArray<T>(string name, IEnumerable<T>? values, ProxyQueryStyle style = ProxyQueryStyle.Form, bool explode = true) =>
        AddArray(name, values is null ? null : FormatAll(values), style, explode);

    private static IEnumerable<string?> FormatAll<T>(IEnumerable<T> values)
    {
        foreach (T value in values)
        {
            yield return ProxyValue.Format(value);
        }
    }

    /// <summary>Adds <c>name=value</c>; a <see langword="null"/> value adds nothing.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This query, for chaining.</returns>
    public ProxyQuery Add(string name, string? value)
    {
        if (value is not null)
        {
            (_added ??= []).Add(new QueryPart(CheckName(name), value, EscapeValue: true));
        }

        return this;
    }

    /// <summary>Replaces every value of <paramref name="name"/> with <paramref name="value"/>: a paging token on the next page.</summary>
    internal void Set(string name, string value)
    {
        _added?.RemoveAll(part => string.Equals(part.Name, name, StringComparison.Ordinal));
        Add(name, value);
    }

    /// <summary>Adds <c>name=true</c> or <c>name=false</c>; <see langword="null"/> adds nothing.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This query, for chaining.</returns>
    public ProxyQuery Add(string name, bool? value) => Add(name, value is null ? null : ProxyValue.Format(value.Value));

    /// <summary>Adds an integer parameter; <see langword="null"/> adds nothing.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This query, for chaining.</returns>
    public ProxyQuery Add(string name, long? value) => Add(name, value is null ? null : ProxyValue.Format(value.Value));

    /// <summary>Adds a number parameter in invariant culture; <see langword="null"/> adds nothing.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This query, for chaining.</returns>
    public ProxyQuery Add(string name, double? value) => Add(name, value is null ? null : ProxyValue.Format(value.Value));

    /// <summary>Adds a date-time parameter in ISO 8601 (RFC 3339); <see langword="null"/> adds nothing.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This query, for chaining.</returns>
    public ProxyQuery Add(string name, DateTimeOffset? value) => Add(name, value is null ? null : ProxyValue.Format(value.Value));

    /// <summary>
    /// Adds an array parameter. <c>form</c> style with <paramref name="explode"/> repeats the name (<c>id=1&amp;id=2</c>);
    /// without it the values are joined by the style's delimiter (<c>id=1,2</c>). An empty or <see langword="null"/> list adds nothing.
    /// </summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="values">The values, already formatted; <see langword="null"/> items are left out.</param>
    /// <param name="style">The OpenAPI style.</param>
    /// <param name="explode">The OpenAPI <c>explode</c>.</param>
    /// <returns>This query, for chaining.</returns>
    public ProxyQuery AddArray(string name, IEnumerable<string?>? values, ProxyQueryStyle style = ProxyQueryStyle.Form, bool explode = true)
    {
        CheckName(name);
        if (values is null)
        {
            return this;
        }

        if (explode && style == ProxyQueryStyle.Form)
        {
            foreach (string? value in values)
            {
                if (value is not null)
                {
                    (_added ??= []).Add(new QueryPart(name, value, EscapeValue: true));
                }
            }

            return this;
        }

        string delimiter = style switch
        {
            ProxyQueryStyle.SpaceDelimited => "%20",
            ProxyQueryStyle.PipeDelimited => "%7C", // a literal pipe is not allowed in a URI
            _ => ",",
        };

        // The delimiter stays literal while each item is escaped, so an item that itself holds a comma survives.
        var joined = new System.Text.StringBuilder();
        foreach (string? value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (joined.Length > 0)
            {
                joined.Append(delimiter);
            }

            joined.Append(ProxyEscaping.EscapeQueryComponent(value));
        }

        if (joined.Length > 0)
        {
            (_added ??= []).Add(new QueryPart(name, joined.ToString(), EscapeValue: false));
        }

        return this;
    }

    /// <summary>
    /// Adds an object parameter: <c>deepObject</c> style gives <c>name[key]=value</c>; <c>form</c> with <paramref name="explode"/>
    /// gives <c>key=value</c> per property; <c>form</c> without it gives <c>name=key,value,key,value</c>.
    /// </summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="properties">The properties, already formatted; <see langword="null"/> values are left out.</param>
    /// <param name="style">The OpenAPI style.</param>
    /// <param name="explode">The OpenAPI <c>explode</c>.</param>
    /// <returns>This query, for chaining.</returns>
    public ProxyQuery AddObject(string name, IEnumerable<KeyValuePair<string, string?>>? properties, ProxyQueryStyle style = ProxyQueryStyle.DeepObject, bool explode = true)
    {
        CheckName(name);
        if (properties is null)
        {
            return this;
        }

        if (style == ProxyQueryStyle.DeepObject || (style == ProxyQueryStyle.Form && explode))
        {
            foreach (KeyValuePair<string, string?> property in properties)
            {
                if (property.Value is not null)
                {
                    string key = style == ProxyQueryStyle.DeepObject ? name + "[" + property.Key + "]" : property.Key;
                    (_added ??= []).Add(new QueryPart(CheckName(key), property.Value, EscapeValue: true));
                }
            }

            return this;
        }

        var flattened = new List<string?>();
        foreach (KeyValuePair<string, string?> property in properties)
        {
            if (property.Value is not null)
            {
                flattened.Add(property.Key);
                flattened.Add(property.Value);
            }
        }

        return AddArray(name, flattened, style, explode: false);
    }

    private static string CheckName(string name) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentException("A query parameter needs a non-empty name.", nameof(name)) : name;

    internal readonly record struct QueryPart(string Name, string Value, bool EscapeValue);
}

/// <summary>The OpenAPI serialization styles of query parameters.</summary>
public enum ProxyQueryStyle
{
    /// <summary><c>form</c>: <c>id=1&amp;id=2</c> exploded, <c>id=1,2</c> not.</summary>
    Form,

    /// <summary><c>spaceDelimited</c>: <c>id=1%202</c>.</summary>
    SpaceDelimited,

    /// <summary><c>pipeDelimited</c>: <c>id=1|2</c> (sent as <c>id=1%7C2</c>).</summary>
    PipeDelimited,

    /// <summary><c>deepObject</c>: <c>filter[name]=x</c>.</summary>
    DeepObject,
}
