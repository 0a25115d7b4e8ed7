using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Paragon.Proxy;

namespace Paragon.Serialization;

/// <summary>
/// Reads and writes a generated extensible enum as a JSON string. JSON <c>null</c> reads as <see langword="default"/> and
/// <see langword="default"/> writes <c>null</c>: providers send null where their specs promise a value (Slack often does),
/// and one such field must not make a whole response unreadable. A value the enum does not list is kept as it is.
/// </summary>
/// <remarks>
/// Each generated enum's nested <c>Converter</c> derives from this in one line. The value to write is the enum's
/// <see cref="IProxyValue.ToProxyValue"/>, which is its text as the provider spells it, or <see langword="null"/> for
/// <see langword="default"/> (a generic constraint, not a static abstract member, so that netstandard2.0 consumers can use it).
/// </remarks>
/// <typeparam name="T">The enum.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ExtensibleEnumConverter<T> : JsonConverter<T>
    where T : struct, IProxyValue
{
    private readonly Func<string, T> _create;

    /// <summary>Creates the converter.</summary>
    /// <param name="create">Makes a value from its text (the enum's constructor).</param>
    protected ExtensibleEnumConverter(Func<string, T> create) =>
        _create = create ?? throw new ArgumentNullException(nameof(create), "Pass the enum's constructor, for example value => new Status(value).");

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => _create(reader.GetString()!),
        JsonTokenType.Null => default,
        _ => throw new JsonException("Expected a string for " + typeof(T).Name + ", found " + reader.TokenType + "."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        string? text = value.ToProxyValue();
        if (text is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }
}
