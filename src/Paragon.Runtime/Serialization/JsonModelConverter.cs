using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Paragon.Serialization;

/// <summary>
/// The base of a generated model's converter: the generated class holds only what differs per model (how to create one,
/// one switch that reads a property by its index, one method that writes them), and this class does the rest once: the
/// name lookup, the nullability rule, the lenient read, extension data, number handling and the options' metadata of each
/// property's type. It replaced a table with a getter and a setter lambda per property, which was about a fifth of the
/// compile time of a consumer's generated code and a third of its DLL (issue 16). No reflection: trim- and AOT-safe.
/// </summary>
/// <typeparam name="T">The model.</typeparam>
/// <remarks>
/// For generated code; not meant to be used by hand. The rules, as the README states them: a required property
/// (<c>'r'</c> in the kinds given to the constructor) that is missing, or <c>null</c> where its type is not nullable, fails the
/// read with a <see cref="JsonException"/> naming the field; over lenient options (<c>RequiredFields="Lenient"</c>,
/// <see cref="ParagonClientOptions.LenientRequiredFields"/>) it reads as its default instead and is reported. Fields the model
/// does not describe are kept in its <c>AdditionalProperties</c> and written back. Nested values are read and written with
/// the options' metadata, so a user's options or context still resolve them.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class JsonModelConverter<T> : JsonConverter<T>
    where T : class
{
    private readonly string[] _names;
    private readonly byte[][] _utf8Names;
    private readonly JsonEncodedText[] _encodedNames;

    // Per property, its slot among the required ones, or -1.
    private readonly int[] _requiredSlot;
    private readonly int[] _requiredIndex;

    // The options this converter was made for (the resolver makes one per options), what they say, and per property the
    // metadata of its type from them, found once. A converter in an options' Converters list is shared by that options'
    // copies, so the first few read-only options are each kept so (bounded: each is held for the converter's life); any
    // more look the metadata up per property, as before. Replaced whole, so that a thread sees an entry whole or not at all.
    private Bound[] _bound = [];

    /// <summary>How many options a converter keeps its per-property metadata for.</summary>
    internal const int MaxBoundOptions = 4;

    /// <summary>Describes the model's properties.</summary>
    /// <param name="names">The JSON names, in declaration order: the indexes the generated read switch and writes use.</param>
    /// <param name="kinds">One character per property: <c>'r'</c> for required and never null, anything else otherwise.</param>
    protected JsonModelConverter(string[] names, string kinds)
    {
        if (names is null || kinds is null || names.Length != kinds.Length)
        {
            throw new ArgumentException("Give one kind per property name.", nameof(kinds));
        }

        _names = names;
        _utf8Names = new byte[names.Length][];
        _encodedNames = new JsonEncodedText[names.Length];
        _requiredSlot = new int[names.Length];
        var required = new List<int>();
        for (int i = 0; i < names.Length; i++)
        {
            _utf8Names[i] = Encoding.UTF8.GetBytes(names[i]);
            _encodedNames[i] = JsonEncodedText.Encode(names[i]);
            _requiredSlot[i] = kinds[i] == 'r' ? required.Count : -1;
            if (kinds[i] == 'r')
            {
                required.Add(i);
            }
        }

        _requiredIndex = required.ToArray();
    }

    /// <summary>A new, empty model (its <c>required</c> members set to default, to be filled by reading).</summary>
    /// <returns>The model.</returns>
    protected abstract T Create();

    /// <summary>
    /// Reads one property into the model. For a described property (<paramref name="index"/> ≥ 0) the reader is on its value,
    /// read with <see cref="ReadValue{TValue}"/>; for any other (−1) it is still on the name, for <see cref="ReadExtension"/>.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="model">The model being read.</param>
    /// <param name="index">The property's index, or −1.</param>
    /// <param name="options">The options being read with.</param>
    protected abstract void ReadProperty(ref Utf8JsonReader reader, T model, int index, JsonSerializerOptions options);

    /// <summary>Writes the model's properties, in order, with <see cref="WriteValue{TValue}"/>, then its extension data.</summary>
    /// <param name="writer">The writer, inside the model's object.</param>
    /// <param name="model">The model.</param>
    /// <param name="options">The options being written with.</param>
    protected abstract void WriteProperties(Utf8JsonWriter writer, T model, JsonSerializerOptions options);

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for {typeof(T).Name}, got {reader.TokenType}.");
        }

        Settings settings = SettingsFor(options);
        T model = Create();

        // Which required fields were given: a bit each, or an array for a model with more than 64.
        int requiredCount = _requiredIndex.Length;
        ulong seen = 0;
        bool[]? seenMany = requiredCount > 64 ? new bool[requiredCount] : null;
        int next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int index = Find(ref reader, next, settings.CaseInsensitive);
            if (index < 0)
            {
                ReadProperty(ref reader, model, -1, options);
                continue;
            }

            next = index + 1;
            reader.Read();
            int slot = _requiredSlot[index];
            // Strict, a field that is there counts as given (a null in it is the value's to refuse: an extensible enum reads
            // it as its default); lenient, a null is reported as missing, never silently.
            if (slot >= 0 && (!settings.Lenient || reader.TokenType != JsonTokenType.Null))
            {
                if (seenMany is null)
                {
                    seen |= 1UL << slot;
                }
                else
                {
                    seenMany[slot] = true;
                }
            }

            ReadProperty(ref reader, model, index, options);
        }

        if (requiredCount > 0 && (seenMany is not null || seen != (requiredCount == 64 ? ulong.MaxValue : (1UL << requiredCount) - 1)))
        {
            Missing(seen, seenMany, settings.Lenient);
        }

        return model;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        writer.WriteStartObject();
        WriteProperties(writer, value, options);
        writer.WriteEndObject();
    }

    /// <summary>Reads the value the reader is on as the property's type, with the options' metadata for it.</summary>
    /// <typeparam name="TValue">The property's type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="options">The options being read with.</param>
    /// <returns>The value.</returns>
    protected TValue ReadValue<TValue>(ref Utf8JsonReader reader, int index, JsonSerializerOptions options)
    {
        JsonTypeInfo<TValue> info = InfoFor<TValue>(index, options);
        var converter = (JsonConverter<TValue>)info.Converter;
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (_requiredSlot[index] >= 0)
            {
                // Lenient: the default, reported when the model has been read (a null is not counted as given).
                if (SettingsFor(options).Lenient)
                {
                    return default!;
                }

                if (default(TValue) is null)
                {
                    throw RequiredNull(index);
                }

                // A number, bool or date has no null: its converter fails on the reader (an extensible enum reads it as its
                // default, as before). The failure names the field, as a reference's does.
                try
                {
                    return converter.Read(ref reader, typeof(TValue), options)!;
                }
                catch (InvalidOperationException)
                {
                    throw RequiredNull(index);
                }
            }

            // As System.Text.Json does: null is a reference's (or a nullable's) default unless the converter reads it; a
            // value type's converter is given it (an extensible enum reads it as its default; a number fails).
            if (default(TValue) is null && !converter.HandleNull)
            {
                return default!;
            }
        }

        // The built-in number converters leave the options' number handling to the serializer: through it, then.
        return SettingsFor(options).NumberHandling
            ? JsonSerializer.Deserialize(ref reader, info)!
            : converter.Read(ref reader, typeof(TValue), options)!;
    }

    /// <summary>Writes a property, its name and its value, with the options' metadata for the value's type.</summary>
    /// <typeparam name="TValue">The property's type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The options being written with.</param>
    protected void WriteValue<TValue>(Utf8JsonWriter writer, int index, TValue value, JsonSerializerOptions options)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        writer.WritePropertyName(_encodedNames[index]);
        JsonTypeInfo<TValue> info = InfoFor<TValue>(index, options);
        var converter = (JsonConverter<TValue>)info.Converter;
        if (value is null && !converter.HandleNull)
        {
            writer.WriteNullValue();
        }
        else if (SettingsFor(options).NumberHandling)
        {
            JsonSerializer.Serialize(writer, value, info);
        }
        else
        {
            converter.Write(writer, value, options);
        }
    }

    // Non-generic forms of ReadValue and WriteValue for the types most properties have (Stripe: 4,900 of its 8,600). Same
    // behaviour, compiled once here: a generated call to one of them binds no type argument and infers none, which the
    // consumer's compiler otherwise does per property (about 5% of the generated code's compile time, issue 16).

    /// <summary><see cref="ReadValue{TValue}"/> for a <see cref="string"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="options">The options being read with.</param>
    /// <returns>The value.</returns>
    protected string? ReadString(ref Utf8JsonReader reader, int index, JsonSerializerOptions options) => ReadValue<string?>(ref reader, index, options);

    /// <summary><see cref="ReadValue{TValue}"/> for a <see cref="long"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="options">The options being read with.</param>
    /// <returns>The value.</returns>
    protected long ReadInt64(ref Utf8JsonReader reader, int index, JsonSerializerOptions options) => ReadValue<long>(ref reader, index, options);

    /// <summary><see cref="ReadValue{TValue}"/> for a nullable <see cref="long"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="options">The options being read with.</param>
    /// <returns>The value.</returns>
    protected long? ReadNullableInt64(ref Utf8JsonReader reader, int index, JsonSerializerOptions options) => ReadValue<long?>(ref reader, index, options);

    /// <summary><see cref="ReadValue{TValue}"/> for a <see cref="bool"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="options">The options being read with.</param>
    /// <returns>The value.</returns>
    protected bool ReadBoolean(ref Utf8JsonReader reader, int index, JsonSerializerOptions options) => ReadValue<bool>(ref reader, index, options);

    /// <summary><see cref="ReadValue{TValue}"/> for a nullable <see cref="bool"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="options">The options being read with.</param>
    /// <returns>The value.</returns>
    protected bool? ReadNullableBoolean(ref Utf8JsonReader reader, int index, JsonSerializerOptions options) => ReadValue<bool?>(ref reader, index, options);

    /// <summary><see cref="WriteValue{TValue}"/> for a <see cref="string"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The options being written with.</param>
    protected void WriteString(Utf8JsonWriter writer, int index, string? value, JsonSerializerOptions options) => WriteValue(writer, index, value, options);

    /// <summary><see cref="WriteValue{TValue}"/> for a <see cref="long"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The options being written with.</param>
    protected void WriteInt64(Utf8JsonWriter writer, int index, long value, JsonSerializerOptions options) => WriteValue(writer, index, value, options);

    /// <summary><see cref="WriteValue{TValue}"/> for a nullable <see cref="long"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The options being written with.</param>
    protected void WriteNullableInt64(Utf8JsonWriter writer, int index, long? value, JsonSerializerOptions options) => WriteValue(writer, index, value, options);

    /// <summary><see cref="WriteValue{TValue}"/> for a <see cref="bool"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The options being written with.</param>
    protected void WriteBoolean(Utf8JsonWriter writer, int index, bool value, JsonSerializerOptions options) => WriteValue(writer, index, value, options);

    /// <summary><see cref="WriteValue{TValue}"/> for a nullable <see cref="bool"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The options being written with.</param>
    protected void WriteNullableBoolean(Utf8JsonWriter writer, int index, bool? value, JsonSerializerOptions options) => WriteValue(writer, index, value, options);

    /// <summary>Writes an optional <see cref="string"/> property unless it is <see langword="null"/> (then it is left out).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="index">The property's index.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The options being written with.</param>
    protected void WriteOptionalString(Utf8JsonWriter writer, int index, string? value, JsonSerializerOptions options)
    {
        if (value is not null)
        {
            WriteValue(writer, index, value, options);
        }
    }

    /// <summary>Reads a field the model does not describe into its extension data (the reader is on the field's name).</summary>
    /// <param name="reader">The reader, on the name.</param>
    /// <param name="extension">The model's <c>AdditionalProperties</c>.</param>
    /// <returns>The extension data, with the field.</returns>
    protected static Dictionary<string, JsonElement> ReadExtension(ref Utf8JsonReader reader, Dictionary<string, JsonElement>? extension)
    {
        string name = reader.GetString()!;
        reader.Read();
        extension ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        extension[name] = JsonElement.ParseValue(ref reader);
        return extension;
    }

    /// <summary>Writes the model's extension data back, after its properties.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="extension">The model's <c>AdditionalProperties</c>.</param>
    protected static void WriteExtension(Utf8JsonWriter writer, Dictionary<string, JsonElement>? extension)
    {
        if (writer is null || extension is null)
        {
            return;
        }

        foreach (KeyValuePair<string, JsonElement> field in extension)
        {
            writer.WritePropertyName(field.Key);
            field.Value.WriteTo(writer);
        }
    }

    /// <summary>The index of the property the reader is on, trying the one after the last first: providers send them in order.</summary>
    private int Find(ref Utf8JsonReader reader, int next, bool caseInsensitive)
    {
        byte[][] names = _utf8Names;
        int count = names.Length;
        for (int k = 0, i = next; k < count; k++, i++)
        {
            if (i >= count)
            {
                i = 0;
            }

            if (reader.ValueTextEquals(names[i]))
            {
                return i;
            }
        }

        if (caseInsensitive && count > 0)
        {
            string name = reader.GetString()!;
            for (int i = 0; i < count; i++)
            {
                if (string.Equals(name, _names[i], StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private JsonException RequiredNull(int index) => new("'" + _names[index] + "' is required by the spec, but the provider sent null");

    private void Missing(ulong seen, bool[]? seenMany, bool lenient)
    {
        List<string>? missing = null;
        for (int slot = 0; slot < _requiredIndex.Length; slot++)
        {
            if (seenMany is null ? (seen & (1UL << slot)) == 0 : !seenMany[slot])
            {
                string name = _names[_requiredIndex[slot]];
                if (lenient)
                {
                    RequiredFields.Report(typeof(T).Name + "." + name);
                }
                else
                {
                    (missing ??= []).Add(name);
                }
            }
        }

        if (missing is not null)
        {
            throw new JsonException($"JSON deserialization for type '{typeof(T)}' was missing required properties including: '{string.Join("', '", missing)}'.");
        }
    }

    private JsonTypeInfo<TValue> InfoFor<TValue>(int index, JsonSerializerOptions options)
    {
        if (BoundTo(options) is { } bound)
        {
            // Each slot is written once with the same answer, so a race only repeats a lookup.
            return (JsonTypeInfo<TValue>)(bound.Infos[index] ??= options.GetTypeInfo(typeof(TValue)));
        }

        return (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue));
    }

    private Settings SettingsFor(JsonSerializerOptions options) =>
        BoundTo(options)?.Settings ?? Settings.Of(options);

    /// <summary>What is kept for <paramref name="options"/>: one of the first read-only (so unchanging) options it is used with.</summary>
    private Bound? BoundTo(JsonSerializerOptions options)
    {
        Bound[] bound = _bound;
        return Find(bound, options) ?? (options.IsReadOnly && bound.Length < MaxBoundOptions ? Bind(options) : null);
    }

    private static Bound? Find(Bound[] bound, JsonSerializerOptions options)
    {
        for (int i = 0; i < bound.Length; i++)
        {
            if (ReferenceEquals(bound[i].Options, options))
            {
                return bound[i];
            }
        }

        return null;
    }

    private Bound? Bind(JsonSerializerOptions options)
    {
        var made = new Bound(options, Settings.Of(options), new JsonTypeInfo?[_names.Length]);
        while (true)
        {
            // Another thread may have bound these options (or filled the table) since BoundTo looked.
            Bound[] current = _bound;
            if (Find(current, options) is { } found)
            {
                return found;
            }

            if (current.Length >= MaxBoundOptions)
            {
                return null;
            }

            var next = new Bound[current.Length + 1];
            Array.Copy(current, next, current.Length);
            next[current.Length] = made;
            if (ReferenceEquals(System.Threading.Interlocked.CompareExchange(ref _bound, next, current), current))
            {
                return made;
            }
        }
    }

    private sealed record Bound(JsonSerializerOptions Options, Settings Settings, JsonTypeInfo?[] Infos);

    private readonly record struct Settings(bool Lenient, bool CaseInsensitive, bool NumberHandling)
    {
        public static Settings Of(JsonSerializerOptions options) =>
            new(RequiredFields.IsLenient(options), options.PropertyNameCaseInsensitive, options.NumberHandling != JsonNumberHandling.Strict);
    }
}
