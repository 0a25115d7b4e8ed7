using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Paragon.Serialization;

/// <summary>
/// Builds the <see cref="JsonTypeInfo{T}"/> of generated models from a compact description, for the generated
/// <c>JsonSerializerContext</c>s. The same <see cref="JsonMetadataServices"/> calls the System.Text.Json source generator
/// makes, written once here instead of unrolled per property in every generated context (which made a large spec's context
/// hundreds of thousands of lines). No reflection: trim- and AOT-safe.
/// </summary>
/// <remarks>For generated code; not meant to be called by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonModelMetadata
{
    /// <summary>The metadata of <typeparamref name="T"/> from the options' resolver, cached by the options.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="options">The options, with a resolver that knows <typeparamref name="T"/>.</param>
    /// <returns>The metadata.</returns>
    public static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options), "Give the serializer options of the context.");
        }

        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    /// <summary>Metadata for a value written and read whole by a converter (strings, numbers, dates, enums, unions).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="options">The options being resolved.</param>
    /// <param name="resolver">The context that made it (its <see cref="JsonTypeInfo.OriginatingResolver"/>).</param>
    /// <param name="converter">The converter, a <see cref="JsonConverter{T}"/> of <typeparamref name="T"/> (untyped, as
    /// <see cref="JsonMetadataServices.CreateValueInfo{T}"/> takes it: the built-in ones are declared over <c>T?</c>).</param>
    /// <returns>The metadata.</returns>
    public static JsonTypeInfo<T> Value<T>(JsonSerializerOptions options, IJsonTypeInfoResolver resolver, JsonConverter converter)
    {
        JsonTypeInfo<T> typeInfo = JsonMetadataServices.CreateValueInfo<T>(options, converter);
        typeInfo.OriginatingResolver = resolver;
        return typeInfo;
    }

    /// <summary>Metadata for <c>T?</c> of a value type, over the options' converter for <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="options">The options being resolved.</param>
    /// <param name="resolver">The context that made it.</param>
    /// <returns>The metadata.</returns>
    public static JsonTypeInfo<T?> Nullable<T>(JsonSerializerOptions options, IJsonTypeInfoResolver resolver)
        where T : struct =>
        Value<T?>(options, resolver, JsonMetadataServices.GetNullableConverter<T>(options));

    /// <summary>Metadata for a <see cref="List{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="options">The options being resolved.</param>
    /// <param name="resolver">The context that made it.</param>
    /// <returns>The metadata.</returns>
    public static JsonTypeInfo<List<T>> List<T>(JsonSerializerOptions options, IJsonTypeInfoResolver resolver)
    {
        var info = new JsonCollectionInfoValues<List<T>> { ObjectCreator = static () => new List<T>() };
        JsonTypeInfo<List<T>> typeInfo = JsonMetadataServices.CreateListInfo<List<T>, T>(options, info);

        // Left at its default (Strict), the collection's number handling would silently override the options'.
        typeInfo.NumberHandling = null;
        typeInfo.OriginatingResolver = resolver;
        return typeInfo;
    }

    /// <summary>Metadata for a <see cref="Dictionary{TKey, TValue}"/> with string keys.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="options">The options being resolved.</param>
    /// <param name="resolver">The context that made it.</param>
    /// <returns>The metadata.</returns>
    public static JsonTypeInfo<Dictionary<string, T>> Dictionary<T>(JsonSerializerOptions options, IJsonTypeInfoResolver resolver)
    {
        var info = new JsonCollectionInfoValues<Dictionary<string, T>> { ObjectCreator = static () => new Dictionary<string, T>() };
        JsonTypeInfo<Dictionary<string, T>> typeInfo = JsonMetadataServices.CreateDictionaryInfo<Dictionary<string, T>, string, T>(options, info);
        typeInfo.NumberHandling = null;
        typeInfo.OriginatingResolver = resolver;
        return typeInfo;
    }

    /// <summary>Metadata for a model class, its properties described by <paramref name="describe"/> when first needed.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="options">The options being resolved.</param>
    /// <param name="resolver">The context that made it.</param>
    /// <param name="create">Creates an empty model (with its <c>required</c> members set to default, to be filled by reading).</param>
    /// <param name="sendsNull">Whether an optional property was set with <c>SendNull</c>, by C# name; null when the model has no optional property.</param>
    /// <param name="describe">Adds the properties, in order, to the table it is given.</param>
    /// <returns>The metadata.</returns>
    public static JsonTypeInfo<T> Model<T>(JsonSerializerOptions options, IJsonTypeInfoResolver resolver, Func<T> create, Func<T, string, bool>? sendsNull,
        Action<JsonModelProperties<T>> describe)
        where T : class
    {
        bool lenient = RequiredFields.IsLenient(options);
        JsonModelProperties<T>? described = null;
        var objectInfo = new JsonObjectInfoValues<T>
        {
            ObjectCreator = create,
            PropertyMetadataInitializer = _ =>
            {
                var properties = new JsonModelProperties<T>(options, sendsNull, lenient);
                describe(properties);
                described = properties;
                return properties.ToArray();
            },
        };
        JsonTypeInfo<T> typeInfo = JsonMetadataServices.CreateObjectInfo(options, objectInfo);

        // Left at its default (Strict), the object's number handling would silently override the options'.
        typeInfo.NumberHandling = null;
        typeInfo.OriginatingResolver = resolver;
        if (lenient)
        {
            // The properties are described before the first read, so the required ones are known by then.
            string modelName = typeof(T).Name;
            typeInfo.OnDeserializing = model => RequiredFields.Begin(model, described?.RequiredNames.Count ?? 0);
            typeInfo.OnDeserialized = model => RequiredFields.End(model, modelName, described?.RequiredNames ?? []);
        }

        return typeInfo;
    }

    /// <summary>
    /// New serializer options marked lenient, for the context of a spec read with <c>RequiredFields="Lenient"</c>: a
    /// required field that is missing (or null) reads as its default and is reported, instead of failing the read.
    /// </summary>
    /// <returns>The options, still writable.</returns>
    public static JsonSerializerOptions LenientOptions() => RequiredFields.MarkLenient(new JsonSerializerOptions());
}

/// <summary>The property table of one generated model, filled in declaration order by the generated context.</summary>
/// <typeparam name="T">The model.</typeparam>
/// <remarks>For generated code; not meant to be used by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonModelProperties<T>
    where T : class
{
    private readonly JsonSerializerOptions _options;
    private readonly Func<T, string, bool>? _sendsNull;
    private readonly bool _lenient;
    private readonly List<JsonPropertyInfo> _properties = [];
    private readonly List<string> _requiredNames = [];

    internal JsonModelProperties(JsonSerializerOptions options, Func<T, string, bool>? sendsNull, bool lenient = false)
    {
        _options = options;
        _sendsNull = sendsNull;
        _lenient = lenient;
    }

    /// <summary>The JSON names of the required properties, in order: what a lenient read reports by index.</summary>
    internal IReadOnlyList<string> RequiredNames => _requiredNames;

    /// <summary>
    /// A property the spec requires and never null (the nullability rule in the README): reading fails when it is missing,
    /// and a JSON <c>null</c> for a reference type fails with a <see cref="JsonException"/> naming the field. Over lenient
    /// options (<c>RequiredFields="Lenient"</c>, <see cref="ParagonClientOptions.LenientRequiredFields"/>) either reads as
    /// the default instead, and is reported.
    /// </summary>
    /// <typeparam name="TValue">The property's type.</typeparam>
    /// <param name="jsonName">The JSON name.</param>
    /// <param name="name">The C# name, without <c>@</c>.</param>
    /// <param name="get">Reads the property.</param>
    /// <param name="set">Writes the property.</param>
    public void Required<TValue>(string jsonName, string name, Func<T, TValue> get, Action<T, TValue> set)
    {
        if (_lenient)
        {
            // Lenient: not IsRequired, and null stays the default; what was not given (a value) is reported when the
            // model has been read (RequiredFields.End).
            int index = _requiredNames.Count;
            _requiredNames.Add(jsonName);
            JsonPropertyInfo lenient = Add(jsonName, name, get, (model, value) =>
            {
                // A JSON null read into a number, bool or date arrives here as its default, flagged by NullAsDefault.
                if (value is not null && !NullAsDefault<TValue>.TakeNull())
                {
                    RequiredFields.Seen(model, index);
                }

                set(model, value);
            });
            if (typeof(TValue).IsValueType && Nullable.GetUnderlyingType(typeof(TValue)) is null)
            {
                // System.Text.Json fails on null for a non-nullable value type before any setter runs.
                lenient.CustomConverter = new NullAsDefault<TValue>();
            }

            return;
        }

        string message = "'" + jsonName + "' is required by the spec, but the provider sent null";
        JsonPropertyInfo property = Add(jsonName, name, get, (model, value) => set(model, value ?? throw new JsonException(message)));
        property.IsRequired = true;
    }

    /// <summary>
    /// A property the spec leaves optional: left out while null, so that a partial update (PATCH) sends only what was set,
    /// unless the caller asked for an explicit null with <c>SendNull</c> (how Salesforce, HubSpot and Notion clear a field).
    /// </summary>
    /// <typeparam name="TValue">The property's type.</typeparam>
    /// <param name="jsonName">The JSON name.</param>
    /// <param name="name">The C# name, without <c>@</c>, as <c>SendNull</c> takes it.</param>
    /// <param name="get">Reads the property.</param>
    /// <param name="set">Writes the property.</param>
    public void Optional<TValue>(string jsonName, string name, Func<T, TValue> get, Action<T, TValue> set)
    {
        JsonPropertyInfo property = Add(jsonName, name, get, set);
        Func<T, string, bool>? sendsNull = _sendsNull;
        property.ShouldSerialize = sendsNull is null
            ? static (_, value) => value is not null
            : (model, value) => value is not null || sendsNull((T)model, name);
    }

    /// <summary>A property read and written as it comes: required but nullable, or required and deprecated.</summary>
    /// <typeparam name="TValue">The property's type.</typeparam>
    /// <param name="jsonName">The JSON name.</param>
    /// <param name="name">The C# name, without <c>@</c>.</param>
    /// <param name="get">Reads the property.</param>
    /// <param name="set">Writes the property.</param>
    public void Property<TValue>(string jsonName, string name, Func<T, TValue> get, Action<T, TValue> set) => Add(jsonName, name, get, set);

    /// <summary>The dictionary that keeps the fields the model does not describe, and writes them back.</summary>
    /// <param name="get">Reads the dictionary.</param>
    /// <param name="set">Writes the dictionary.</param>
    public void Extension(Func<T, Dictionary<string, JsonElement>?> get, Action<T, Dictionary<string, JsonElement>?> set)
    {
        if (get is null || set is null)
        {
            throw new ArgumentNullException(get is null ? nameof(get) : nameof(set), "Give both accessors of the extension data property.");
        }

        _properties.Add(JsonMetadataServices.CreatePropertyInfo(_options, new JsonPropertyInfoValues<Dictionary<string, JsonElement>?>
        {
            IsProperty = true,
            IsPublic = true,
            DeclaringType = typeof(T),
            Getter = model => get((T)model),
            Setter = (model, value) => set((T)model, value),
            IsExtensionData = true,
            PropertyName = "AdditionalProperties",

            // Never read or written under a name of its own, but System.Text.Json still refuses two properties of one JSON
            // name: a spec property called "AdditionalProperties" made every (de)serialization of its model throw.
            JsonPropertyName = UnusedName("AdditionalProperties"),
        }));
    }

    internal JsonPropertyInfo[] ToArray() => _properties.ToArray();

    /// <summary><paramref name="name"/>, or it with '_' appended until no property added so far has that JSON name.</summary>
    private string UnusedName(string name)
    {
        while (_properties.Exists(p => string.Equals(p.Name, name, StringComparison.Ordinal)))
        {
            name += "_";
        }

        return name;
    }

    /// <summary>
    /// Over lenient options, reads a JSON <c>null</c> for a required number, bool or date as its default, and flags it so
    /// the setter reports the field as missing instead of seen; anything else is read and written as the options would.
    /// </summary>
    private sealed class NullAsDefault<TValue> : JsonConverter<TValue>
    {
        // The value is read and then set in one synchronous step, so the flag cannot cross to another read.
        [ThreadStatic]
        private static bool _wasNull;

        public override bool HandleNull => true;

        public static bool TakeNull()
        {
            bool wasNull = _wasNull;
            _wasNull = false;
            return wasNull;
        }

        public override TValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                _wasNull = true;
                return default!;
            }

            return JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue)))!;
        }

        public override void Write(Utf8JsonWriter writer, TValue value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue)));
    }

    private JsonPropertyInfo Add<TValue>(string jsonName, string name, Func<T, TValue> get, Action<T, TValue> set)
    {
        if (jsonName is null || name is null || get is null || set is null)
        {
            throw new ArgumentNullException(jsonName is null ? nameof(jsonName) : name is null ? nameof(name) : get is null ? nameof(get) : nameof(set),
                "Give the JSON name, the C# name and both accessors of the property.");
        }

        JsonPropertyInfo property = JsonMetadataServices.CreatePropertyInfo(_options, new JsonPropertyInfoValues<TValue>
        {
            IsProperty = true,
            IsPublic = true,
            DeclaringType = typeof(T),
            Getter = model => get((T)model),
            Setter = (model, value) => set((T)model, value!),
            PropertyName = name,
            JsonPropertyName = jsonName,
        });
        _properties.Add(property);
        return property;
    }
}
