using System;
using System.Collections.Generic;
using System.Globalization;

namespace Paragon.Proxy;

/// <summary>Formats parameter values the way HTTP APIs expect them: invariant culture, ISO 8601 dates, lower-case booleans.</summary>
/// <remarks>For generated code: public so generated clients can call it, hidden from IntelliSense because users never need to.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
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
/// <remarks>For generated code: public so generated clients can call it, hidden from IntelliSense because users never need to.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IProxyValue
{
    /// <summary>The value as it goes into a path, query or header; <see langword="null"/> for none.</summary>
    /// <returns>The text.</returns>
    string? ToProxyValue();
}
