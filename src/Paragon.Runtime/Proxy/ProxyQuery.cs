using System;
using System.Collections.Generic;
using System.Globalization;

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

/// <summary>Formats parameter values the way HTTP APIs expect them: invariant culture, ISO 8601 dates, lower-case booleans.</summary>
public static class ProxyValue
{
    /// <summary>Formats a boolean as <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>Formats an integer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number so that it round-trips.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a decimal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a date-time in RFC 3339 (<c>2024-01-02T03:04:05Z</c>, fractions only when present).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset value)
    {
        string format = value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";
        return value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString(format, CultureInfo.InvariantCulture) + "Z"
            : value.ToString(format + "zzz", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a date as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatDate(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The top-level properties of a model or dictionary as name/value text pairs, for object-valued query parameters
    /// (<c>deepObject</c> or <c>form</c>): scalars as text, nested objects and arrays as their JSON.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value; <see langword="null"/> gives no pairs.</param>
    /// <param name="typeInfo">Its serialization metadata.</param>
    /// <returns>The pairs, or <see langword="null"/>.</returns>
    public static IEnumerable<KeyValuePair<string, string?>>? Properties<T>(T? value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        if (value is null)
        {
            return null;
        }

        System.Text.Json.JsonElement json = System.Text.Json.JsonSerializer.SerializeToElement(value, typeInfo!);
        var pairs = new List<KeyValuePair<string, string?>>();
        if (json.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (System.Text.Json.JsonProperty property in json.EnumerateObject())
            {
                pairs.Add(new(property.Name, property.Value.ValueKind switch
                {
                    System.Text.Json.JsonValueKind.String => property.Value.GetString(),
                    System.Text.Json.JsonValueKind.Null => null,
                    System.Text.Json.JsonValueKind.True => "true",
                    System.Text.Json.JsonValueKind.False => "false",
                    _ => property.Value.GetRawText(),
                }));
            }
        }

        return pairs;
    }

    /// <summary>Formats a GUID in its 36-character form.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(Guid value) => value.ToString("D");

    /// <summary>
    /// Formats any parameter value the way HTTP APIs expect it, whatever the current culture: numbers invariantly (and
    /// round-tripping), booleans as <c>true</c>/<c>false</c>, date-times in RFC 3339, bytes in base64, JSON by its value
    /// (a string without its quotes, a number or literal as written, an object or array as compact JSON), generated enums
    /// and unions by their wire value, and a list as its items' values joined by commas (OpenAPI's <c>simple</c> style).
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The text, or <see langword="null"/> for <see langword="null"/>.</returns>
    public static string? Format<T>(T value)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return text;
            case bool boolean:
                return Format(boolean);
            case int number:
                return number.ToString(CultureInfo.InvariantCulture);
            case long number:
                return Format(number);
            case double number:
                return Format(number);
            case float number:
                return number.ToString("R", CultureInfo.InvariantCulture);
            case decimal number:
                return Format(number);
            case DateTimeOffset date:
                return Format(date);
            case DateTime date:
                // RFC 3339 needs an offset: an unspecified kind is taken as local time, as .NET's DateTimeOffset conversion does.
                return Format(new DateTimeOffset(date));
            case Guid guid:
                return Format(guid);
            case byte[] bytes:
                return Convert.ToBase64String(bytes);
            case System.Text.Json.JsonElement json:
                return FormatJson(json);
            case System.Text.Json.Nodes.JsonNode node:
                // A JSON string is its text; anything else is its JSON.
                return node is System.Text.Json.Nodes.JsonValue scalar && scalar.TryGetValue(out string? scalarText) ? scalarText : node.ToJsonString();
            case IProxyValue wire:
                return wire.ToProxyValue();
            case System.Collections.IEnumerable items:
                return Join(items);
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            default:
                return value.ToString();
        }
    }

    private static string? FormatJson(System.Text.Json.JsonElement json) => json.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Undefined or System.Text.Json.JsonValueKind.Null => null,
        System.Text.Json.JsonValueKind.String => json.GetString(),
        System.Text.Json.JsonValueKind.True => "true",
        System.Text.Json.JsonValueKind.False => "false",
        _ => json.GetRawText(), // numbers as written, objects and arrays as JSON
    };

    private static string Join(System.Collections.IEnumerable items)
    {
        var joined = new System.Text.StringBuilder();
        bool first = true;
        foreach (object? item in items)
        {
            string? text = Format(item);
            if (text is null)
            {
                continue;
            }

            if (!first)
            {
                joined.Append(',');
            }

            joined.Append(text);
            first = false;
        }

        return joined.ToString();
    }
}

/// <summary>
/// A value with its own text form on the wire: generated extensible enums (their value) and unions (their JSON, a string
/// without quotes). <see cref="ProxyValue.Format{T}(T)"/> uses it for path, query and header parameters.
/// </summary>
public interface IProxyValue
{
    /// <summary>The value as it goes into a path, query or header; <see langword="null"/> for none.</summary>
    /// <returns>The text.</returns>
    string? ToProxyValue();
}
