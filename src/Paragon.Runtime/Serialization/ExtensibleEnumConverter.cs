using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Paragon.Proxy;

namespace Paragon.Serialization;

/// <summary>
/// A generated extensible enum: a string wrapper that keeps any value the provider sends. What the one shared
/// <see cref="ExtensibleEnumConverter{T}"/> needs to read and write every enum of every spec, so that an enum carries no
/// converter class of its own.
/// </summary>
/// <typeparam name="TSelf">The enum itself.</typeparam>
/// <remarks>For generated code. An instance method on <see langword="default"/>, not a static abstract member, so that
/// netstandard2.0 consumers can use it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IExtensibleEnumValue<TSelf> : IProxyValue
    where TSelf : struct, IExtensibleEnumValue<TSelf>
{
    /// <summary>A value of this enum with the given text; called on <see langword="default"/>.</summary>
    /// <param name="value">The text, as the provider spells it.</param>
    /// <returns>The value.</returns>
    TSelf Create(string value);
}

/// <summary>
/// Reads and writes a generated extensible enum as a JSON string. JSON <c>null</c> reads as <see langword="default"/> and
/// <see langword="default"/> writes <c>null</c>: providers send null where their specs promise a value (Slack often does),
/// and one such field must not make a whole response unreadable. A value the enum does not list is kept as it is.
/// </summary>
/// <remarks>
/// Every generated enum names this converter in its <c>[JsonConverter]</c> attribute. The value to write is the enum's
/// <see cref="IProxyValue.ToProxyValue"/>, which is its text as the provider spells it, or <see langword="null"/> for
/// <see langword="default"/>.
/// </remarks>
/// <typeparam name="T">The enum.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ExtensibleEnumConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleEnumValue<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => default(T).Create(reader.GetString()!),
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
