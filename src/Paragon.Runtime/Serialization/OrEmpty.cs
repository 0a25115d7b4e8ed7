using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Paragon.Proxy;

namespace Paragon.Serialization;

/// <summary>
/// A field that holds a value or the empty string: Stripe's <c>anyOf: [X, enum: [""]]</c>, where sending <c>""</c> clears
/// the field. One generic type for all of them, where a union class and a one-value enum were generated for each (346
/// unions and 463 enums in Stripe's spec).
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <remarks>
/// A value read from JSON keeps the JSON as it was sent and is written back unchanged; the value is read from it on demand.
/// </remarks>
public sealed class OrEmpty<T> : IProxyValue
{
    private readonly bool _hasValue;
    private readonly T _value = default!;
    private readonly JsonElement _raw;
    private readonly JsonTypeInfo<T>? _typeInfo;

    /// <summary>A field that holds a value.</summary>
    /// <param name="value">The value.</param>
    public OrEmpty(T value)
    {
        _value = value ?? throw new ArgumentNullException(nameof(value));
        _hasValue = true;
    }

    private OrEmpty()
    {
    }

    internal OrEmpty(JsonElement raw, JsonTypeInfo<T> typeInfo)
    {
        _raw = raw;
        _typeInfo = typeInfo;
    }

    /// <summary>The empty string: what clears the field.</summary>
#pragma warning disable CA1000 // OrEmpty<Address>.Empty is the one way to say it; an instance member would need a value first
    public static OrEmpty<T> Empty { get; } = new();
#pragma warning restore CA1000

    /// <summary>Whether the field holds the empty string.</summary>
    public bool IsEmpty => !_hasValue && (_raw.ValueKind == JsonValueKind.Undefined || (_raw.ValueKind == JsonValueKind.String && _raw.ValueEquals(string.Empty)));

    /// <summary>The value.</summary>
    /// <exception cref="InvalidOperationException">The field holds the empty string, or JSON that does not read as a <typeparamref name="T"/>.</exception>
    public T Value => TryGetValue(out T? value) ? value : throw new InvalidOperationException("The field holds " + (IsEmpty ? "the empty string" : "JSON that is not a " + typeof(T).Name) + " (see IsEmpty, TryGetValue).");

    /// <summary>Reads the value: <see langword="true"/> when the field holds one (read anew from the JSON on each call).</summary>
    /// <param name="value">The value, or <see langword="default"/>.</param>
    /// <returns>Whether it holds one.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        if (_hasValue)
        {
            value = _value;
            return true;
        }

        if (!IsEmpty && JsonEither.TryDeserialize(_raw, _typeInfo!, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The field as a value.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator OrEmpty<T>(T value) => new(value);

    /// <summary>The JSON as sent, or the value.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _hasValue ? _value!.ToString()! : _raw.ValueKind == JsonValueKind.Undefined ? string.Empty : _raw.GetRawText();

    /// <summary>A value made in code through its metadata, the empty string, JSON that was read as it was.</summary>
    internal void WriteTo(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        if (_hasValue)
        {
            JsonSerializer.Serialize(writer, _value, JsonEither.TypeInfo<T>(options));
        }
        else if (_raw.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteStringValue(string.Empty);
        }
        else
        {
            _raw.WriteTo(writer);
        }
    }

    string? IProxyValue.ToProxyValue() => _hasValue ? ProxyValue.Format(_value) : _raw.ValueKind == JsonValueKind.Undefined ? string.Empty : ProxyValue.Format(_raw);
}

/// <summary>Reads and writes an <see cref="OrEmpty{T}"/>: the JSON kept as sent, a value made in code through its metadata.</summary>
/// <typeparam name="T">The value's type.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class OrEmptyConverter<T> : JsonConverter<OrEmpty<T>>
{
    /// <inheritdoc />
    public override OrEmpty<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonElement.ParseValue(ref reader), JsonEither.TypeInfo<T>(options));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, OrEmpty<T> value, JsonSerializerOptions options)
    {
        if (writer is null || value is null)
        {
            throw new ArgumentNullException(writer is null ? nameof(writer) : nameof(value));
        }

        value.WriteTo(writer, options);
    }
}

/// <summary>What <see cref="Expandable{T}"/> and <see cref="OrEmpty{T}"/> share.</summary>
internal static class JsonEither
{
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    public static T? TryDeserialize<T>(JsonElement raw, JsonTypeInfo<T> typeInfo)
        where T : class => TryDeserialize(raw, typeInfo, out T? value) ? value : null;

    /// <summary>Reads a value; a value inside that does not read (a date-time that is not one) means it is not one, as for unions.</summary>
    public static bool TryDeserialize<T>(JsonElement raw, JsonTypeInfo<T> typeInfo, [MaybeNullWhen(false)] out T value)
    {
        try
        {
            value = JsonSerializer.Deserialize(raw, typeInfo);
            return value is not null;
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
    }
}
