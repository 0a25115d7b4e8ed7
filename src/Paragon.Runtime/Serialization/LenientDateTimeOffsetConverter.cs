using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paragon.Serialization;

/// <summary>
/// Reads the date-times providers actually send: ISO 8601 / RFC 3339 as System.Text.Json does, plus offsets without a
/// colon (Salesforce's <c>2024-01-15T10:30:00.000+0000</c>) and dates without a time. Writes RFC 3339. Generated models use it
/// for every <c>format: date-time</c> property.
/// </summary>
public sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz00",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd",
    ];

    /// <summary>The shared instance.</summary>
    public static LenientDateTimeOffsetConverter Instance { get; } = new();

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a date-time string, found {reader.TokenType}.");
        }

        if (reader.TryGetDateTimeOffset(out DateTimeOffset value))
        {
            return value;
        }

        string text = reader.GetString()!;
        string normalized = NormalizeOffset(text);
        if (DateTimeOffset.TryParseExact(normalized, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value))
        {
            return value;
        }

        throw new JsonException($"'{(text.Length > 40 ? text.Substring(0, 40) + "…" : text)}' is not a date-time in ISO 8601 form.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Proxy.ProxyValue.Format(value));

    // "+0000" → "+00:00", so that the zzz pattern applies.
    private static string NormalizeOffset(string text)
    {
        int length = text.Length;
        if (length > 5 && (text[length - 5] == '+' || text[length - 5] == '-')
            && char.IsDigit(text[length - 4]) && char.IsDigit(text[length - 3]) && char.IsDigit(text[length - 2]) && char.IsDigit(text[length - 1])
            && text.IndexOf('T') > 0)
        {
            return text.Substring(0, length - 2) + ":" + text.Substring(length - 2);
        }

        return text;
    }
}
