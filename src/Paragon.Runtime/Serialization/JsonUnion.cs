using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Paragon.Proxy;

namespace Paragon.Serialization;

/// <summary>
/// The base of every generated union (a <c>oneOf</c> or <c>anyOf</c>): the JSON as the provider sent it, read as one of the
/// alternatives on demand, so that a shape this client does not know is never an error.
/// </summary>
/// <remarks>
/// A generated union holds only its alternatives: <c>FromX</c>, <c>IsX</c> (the shape check), <c>TryGetX</c> and <c>AsX</c>,
/// which call the helpers here.
/// </remarks>
public abstract class JsonUnion : IProxyValue
{
    /// <summary>Wraps a JSON value (which the caller owns: a clone, or one parsed for this value).</summary>
    /// <param name="raw">The JSON value.</param>
    protected JsonUnion(JsonElement raw) => Raw = raw;

    /// <summary>The value as the provider sent it.</summary>
    public JsonElement Raw { get; }

    /// <summary>The JSON, as sent.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => Raw.GetRawText();

    string? IProxyValue.ToProxyValue() => ProxyValue.Format(Raw);

    /// <summary>Serializes an alternative, for <c>FromX</c>.</summary>
    /// <typeparam name="T">The alternative's type.</typeparam>
    /// <param name="value">The alternative.</param>
    /// <param name="typeInfo">Its serialization metadata.</param>
    /// <returns>Its JSON.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static JsonElement ToJson<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToElement(value, typeInfo);

    /// <summary>
    /// Reads <see cref="Raw"/> as an alternative that is a reference type, for <c>TryGetX</c>: only if it <paramref name="fits"/>,
    /// and not when a value inside does not read (a date-time that is not one, say), which means it is not this alternative.
    /// </summary>
    /// <typeparam name="T">The alternative's type.</typeparam>
    /// <param name="fits">Whether the value has the alternative's shape (its <c>IsX</c>).</param>
    /// <param name="typeInfo">Its serialization metadata.</param>
    /// <param name="value">The alternative, or <see langword="null"/>.</param>
    /// <returns>Whether it is one.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected bool TryRead<T>(bool fits, JsonTypeInfo<T> typeInfo, out T? value)
        where T : class
    {
        if (fits && TryDeserialize(typeInfo, out T? read))
        {
            value = read;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>As <see cref="TryRead{T}(bool, JsonTypeInfo{T}, out T)"/>, for an alternative that is a value type.</summary>
    /// <typeparam name="T">The alternative's type.</typeparam>
    /// <param name="fits">Whether the value has the alternative's shape (its <c>IsX</c>).</param>
    /// <param name="typeInfo">Its serialization metadata.</param>
    /// <param name="value">The alternative, or <see langword="null"/>.</param>
    /// <returns>Whether it is one.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected bool TryReadValue<T>(bool fits, JsonTypeInfo<T> typeInfo, out T? value)
        where T : struct
    {
        if (fits && TryDeserialize(typeInfo, out T read))
        {
            value = read;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Reads <see cref="Raw"/> as an alternative, for <c>AsX</c>; a value that does not <paramref name="fits"/> throws.</summary>
    /// <typeparam name="T">The alternative's type.</typeparam>
    /// <param name="fits">Whether the value has the alternative's shape (its <c>IsX</c>).</param>
    /// <param name="typeInfo">Its serialization metadata.</param>
    /// <param name="alternative">The alternative's name, for the message.</param>
    /// <returns>The alternative.</returns>
    /// <exception cref="JsonException">The value is not one.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected T Read<T>(bool fits, JsonTypeInfo<T> typeInfo, string alternative) => fits
        ? JsonSerializer.Deserialize(Raw, typeInfo)!
        : throw new JsonException("The value is not a " + alternative + " (see Is" + alternative + "); read Raw, or TryGet another alternative.");

    /// <summary>The discriminator of an object: a string property, or <see langword="null"/> when absent or not a string.</summary>
    /// <param name="value">The JSON value.</param>
    /// <param name="property">The discriminator's JSON name.</param>
    /// <returns>Its value.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static string? ReadKind(JsonElement value, string property) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(property, out JsonElement kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;

    // The shape checks of JsonShape, inherited so that the generated checks (thousands in a big spec) need no qualified name.

    /// <inheritdoc cref="JsonShape.Is(JsonElement, JsonKinds)"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static bool Is(JsonElement value, JsonKinds kinds) => JsonShape.Is(value, kinds);

    /// <inheritdoc cref="JsonShape.HasProperty(JsonElement, string, JsonKinds, bool)"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static bool HasProperty(JsonElement value, string name, JsonKinds kinds, bool required) => JsonShape.HasProperty(value, name, kinds, required);

    /// <inheritdoc cref="JsonShape.HasTag(JsonElement, string, string, bool)"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static bool HasTag(JsonElement value, string name, string expected, bool required) => JsonShape.HasTag(value, name, expected, required);

    /// <inheritdoc cref="JsonShape.HasTag(JsonElement, string, long, bool)"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static bool HasTag(JsonElement value, string name, long expected, bool required) => JsonShape.HasTag(value, name, expected, required);

    /// <inheritdoc cref="JsonShape.HasTag(JsonElement, string, bool, bool)"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected static bool HasTag(JsonElement value, string name, bool expected, bool required) => JsonShape.HasTag(value, name, expected, required);

    private bool TryDeserialize<T>(JsonTypeInfo<T> typeInfo, out T? value)
    {
        try
        {
            value = JsonSerializer.Deserialize(Raw, typeInfo);
            return true;
        }
        catch (JsonException)
        {
            // The shape fits but a value does not read: not this alternative.
            value = default;
            return false;
        }
    }
}

/// <summary>Reads any JSON value into a generated union and writes it back unchanged.</summary>
/// <typeparam name="T">The union.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class JsonUnionConverter<T> : JsonConverter<T>
    where T : JsonUnion
{
    private readonly Func<JsonElement, T> _create;

    /// <summary>Creates the converter.</summary>
    /// <param name="create">Wraps a JSON value (the union's constructor).</param>
    protected JsonUnionConverter(Func<JsonElement, T> create) =>
        _create = create ?? throw new ArgumentNullException(nameof(create), "Pass the union's constructor, for example raw => new Payment(raw).");

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _create(JsonElement.ParseValue(ref reader));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        value.Raw.WriteTo(writer);
    }
}
