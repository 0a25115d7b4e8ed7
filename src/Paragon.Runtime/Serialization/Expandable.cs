using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Paragon.Proxy;

namespace Paragon.Serialization;

/// <summary>
/// A field that holds either an object's id or, when the call asked for it, the object itself: Stripe's expandable fields
/// (<c>anyOf: [string, $ref]</c>, <c>customer</c> is <c>"cus_123"</c> or a whole customer) and every other union of a string
/// and one object. One generic type for all of them, where a class was generated for each (189 in Stripe's spec).
/// </summary>
/// <typeparam name="T">The object's model.</typeparam>
/// <remarks>
/// A value read from JSON keeps the JSON as it was sent and is written back unchanged: an id stays a string, an expanded
/// object keeps the fields this client does not know. The object is read from it on demand (<see cref="TryGetExpanded"/>).
/// </remarks>
public sealed class Expandable<T> : IProxyValue
    where T : class
{
    private readonly string? _id;
    private readonly T? _object;
    private readonly JsonElement _raw;
    private readonly JsonTypeInfo<T>? _typeInfo;

    /// <summary>A field that holds the id only.</summary>
    /// <param name="id">The id.</param>
    public Expandable(string id) => _id = id ?? throw new ArgumentNullException(nameof(id));

    /// <summary>A field that holds the object (expanded).</summary>
    /// <param name="value">The object.</param>
    public Expandable(T value) => _object = value ?? throw new ArgumentNullException(nameof(value));

    internal Expandable(JsonElement raw, JsonTypeInfo<T> typeInfo)
    {
        _raw = raw;
        _typeInfo = typeInfo;
    }

    /// <summary>
    /// The id: the string when the field holds the id only, the object's <c>id</c> field when it was read expanded;
    /// <see langword="null"/> for an object made in code, or JSON of another shape.
    /// </summary>
    public string? Id => _id ?? (_raw.ValueKind switch
    {
        JsonValueKind.String => _raw.GetString(),
        JsonValueKind.Object when _raw.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String => id.GetString(),
        _ => null,
    });

    /// <summary>Whether the field holds the object (a JSON object), not only its id.</summary>
    public bool IsExpanded => _object is not null || _raw.ValueKind == JsonValueKind.Object;

    /// <summary>The object, or <see langword="null"/> when the field holds the id only (or an object that does not read as a <typeparamref name="T"/>).</summary>
    public T? Expanded => TryGetExpanded(out T? value) ? value : null;

    /// <summary>Reads the object: <see langword="true"/> when the field holds one that reads as a <typeparamref name="T"/>.</summary>
    /// <param name="value">The object (read anew from the JSON on each call), or <see langword="null"/>.</param>
    /// <returns>Whether it holds one.</returns>
    public bool TryGetExpanded([NotNullWhen(true)] out T? value)
    {
        value = _object ?? (_raw.ValueKind == JsonValueKind.Object ? JsonEither.TryDeserialize(_raw, _typeInfo!) : null);
        return value is not null;
    }

    /// <summary>The field as an id.</summary>
    /// <param name="id">The id.</param>
    public static implicit operator Expandable<T>(string id) => new(id);

    /// <summary>The field as the (expanded) object.</summary>
    /// <param name="value">The object.</param>
    public static implicit operator Expandable<T>(T value) => new(value);

    /// <summary>The JSON as sent, or the id.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _id ?? (_raw.ValueKind == JsonValueKind.Undefined ? _object!.ToString()! : _raw.GetRawText());

    /// <summary>The id as a string, an object made in code through its metadata, JSON that was read as it was.</summary>
    internal void WriteTo(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        if (_id is not null)
        {
            writer.WriteStringValue(_id);
        }
        else if (_object is not null)
        {
            JsonSerializer.Serialize(writer, _object, JsonEither.TypeInfo<T>(options));
        }
        else
        {
            _raw.WriteTo(writer);
        }
    }

    string? IProxyValue.ToProxyValue() => _id ?? (_raw.ValueKind == JsonValueKind.Undefined ? null : ProxyValue.Format(_raw));
}

/// <summary>Reads and writes an <see cref="Expandable{T}"/>: the JSON kept as sent, an object made in code through its metadata.</summary>
/// <typeparam name="T">The object's model.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class ExpandableConverter<T> : JsonConverter<Expandable<T>>
    where T : class
{
    /// <inheritdoc />
    public override Expandable<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonElement.ParseValue(ref reader), JsonEither.TypeInfo<T>(options));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Expandable<T> value, JsonSerializerOptions options)
    {
        if (writer is null || value is null)
        {
            throw new ArgumentNullException(writer is null ? nameof(writer) : nameof(value));
        }

        value.WriteTo(writer, options);
    }
}
