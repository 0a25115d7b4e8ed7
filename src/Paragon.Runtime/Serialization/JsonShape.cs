using System;
using System.Text.Json;

namespace Paragon.Serialization;

/// <summary>
/// Shape checks for generated unions: whether JSON has the kinds, required properties and tags one alternative describes, so
/// that a union without a discriminator can answer "no" for a value that would otherwise deserialize into several
/// alternatives (models keep the fields they do not know, and optional fields may be absent).
/// </summary>
/// <remarks>For generated code: public so generated clients can call it, hidden from IntelliSense because users never need to.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class JsonShape
{
    /// <summary>Whether a value is of one of the given kinds.</summary>
    /// <param name="value">The JSON value.</param>
    /// <param name="kinds">The kinds allowed.</param>
    /// <returns>Whether it is.</returns>
    public static bool Is(JsonElement value, JsonKinds kinds) => value.ValueKind switch
    {
        JsonValueKind.Null => (kinds & JsonKinds.Null) != 0,
        JsonValueKind.True or JsonValueKind.False => (kinds & JsonKinds.Boolean) != 0,
        JsonValueKind.String => (kinds & JsonKinds.String) != 0,
        JsonValueKind.Array => (kinds & JsonKinds.Array) != 0,
        JsonValueKind.Object => (kinds & JsonKinds.Object) != 0,

        // The same parse the serializer does for long and int: "1.0", "1e3" and out-of-range values are refused there too.
        JsonValueKind.Number => (kinds & JsonKinds.Number) != 0
            || ((kinds & JsonKinds.Integer) != 0 && value.TryGetInt64(out _))
            || ((kinds & JsonKinds.Int32) != 0 && value.TryGetInt32(out _)),
        _ => false,
    };

    /// <summary>
    /// Whether an object's property fits: present if <paramref name="required"/>, and of one of <paramref name="kinds"/> when
    /// present. A value that is not an object never fits.
    /// </summary>
    /// <param name="value">The JSON object.</param>
    /// <param name="name">The property name, matched exactly (as the serializer does).</param>
    /// <param name="kinds">The kinds the property may have; include <see cref="JsonKinds.Null"/> where null is allowed.</param>
    /// <param name="required">Whether the property must be present.</param>
    /// <returns>Whether it fits.</returns>
    public static bool HasProperty(JsonElement value, string name, JsonKinds kinds, bool required)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name), "Give the property's JSON name.");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        return value.TryGetProperty(name, out JsonElement property) ? Is(property, kinds) : !required;
    }

    /// <summary>
    /// Whether an object's tag property fits: a property whose schema allows one value (an enum of one, or <c>const</c>), which
    /// tells look-alike alternatives apart. Present if <paramref name="required"/>, and equal to <paramref name="expected"/> when
    /// present. A value that is not an object never fits.
    /// </summary>
    /// <param name="value">The JSON object.</param>
    /// <param name="name">The property name, matched exactly (as the serializer does).</param>
    /// <param name="expected">The one string the property may hold, compared ordinally.</param>
    /// <param name="required">Whether the property must be present.</param>
    /// <returns>Whether it fits.</returns>
    public static bool HasTag(JsonElement value, string name, string expected, bool required)
    {
        if (expected is null)
        {
            throw new ArgumentNullException(nameof(expected), "Give the one string the tag property may hold.");
        }

        return Tag(value, name, required, out JsonElement property)
            && (property.ValueKind == JsonValueKind.Undefined || (property.ValueKind == JsonValueKind.String && property.ValueEquals(expected)));
    }

    /// <summary>
    /// Whether an object's tag property fits: present if <paramref name="required"/>, and the integral number
    /// <paramref name="expected"/> when present (written without a fraction or exponent). A value that is not an object never fits.
    /// </summary>
    /// <param name="value">The JSON object.</param>
    /// <param name="name">The property name, matched exactly (as the serializer does).</param>
    /// <param name="expected">The one number the property may hold.</param>
    /// <param name="required">Whether the property must be present.</param>
    /// <returns>Whether it fits.</returns>
    public static bool HasTag(JsonElement value, string name, long expected, bool required) =>
        Tag(value, name, required, out JsonElement property)
        && (property.ValueKind == JsonValueKind.Undefined
            || (property.ValueKind == JsonValueKind.Number && property.TryGetInt64(out long actual) && actual == expected));

    /// <summary>
    /// Whether an object's tag property fits: present if <paramref name="required"/>, and <paramref name="expected"/> when
    /// present. A value that is not an object never fits.
    /// </summary>
    /// <param name="value">The JSON object.</param>
    /// <param name="name">The property name, matched exactly (as the serializer does).</param>
    /// <param name="expected">The one boolean the property may hold.</param>
    /// <param name="required">Whether the property must be present.</param>
    /// <returns>Whether it fits.</returns>
    public static bool HasTag(JsonElement value, string name, bool expected, bool required) =>
        Tag(value, name, required, out JsonElement property)
        && (property.ValueKind == JsonValueKind.Undefined || property.ValueKind == (expected ? JsonValueKind.True : JsonValueKind.False));

    /// <summary>
    /// Finds a tag property: false when the value is not an object or a required property is missing; otherwise true, with the
    /// property, or <see cref="JsonValueKind.Undefined"/> when an optional one is absent (which fits).
    /// </summary>
    private static bool Tag(JsonElement value, string name, bool required, out JsonElement property)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name), "Give the property's JSON name.");
        }

        property = default;
        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        return value.TryGetProperty(name, out property) || !required;
    }
}
