using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Paragon.Serialization;

/// <summary>
/// Builds the <see cref="JsonTypeInfo{T}"/> of the types a generated <c>JsonSerializerContext</c> serializes: values read
/// whole by a converter (a model's is its generated <see cref="JsonModelConverter{T}"/>), lists and dictionaries. The same
/// <see cref="JsonMetadataServices"/> calls the System.Text.Json source generator makes, written once here instead of in
/// every generated context. No reflection: trim- and AOT-safe.
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

    /// <summary>
    /// New serializer options marked lenient, for the context of a spec read with <c>RequiredFields="Lenient"</c>: a
    /// required field that is missing (or null) reads as its default and is reported, instead of failing the read.
    /// </summary>
    /// <returns>The options, still writable.</returns>
    public static JsonSerializerOptions LenientOptions() => RequiredFields.MarkLenient(new JsonSerializerOptions());
}
