using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Paragon.Serialization;

/// <summary>
/// The lenient read of required fields (issue 15): the opt-out of the nullability rule for providers that break their own
/// spec. Strict is the default and costs nothing here. Lenient is a mark on the serializer options (a converter of its own
/// type, which the options' copy constructor keeps), so that the metadata the generated context builds over them is
/// lenient down to every nested model; a lenient model tracks which required fields it was given and reports the others
/// (and the ones sent as null) when it has been read, never silently.
/// </summary>
internal static class RequiredFields
{
    /// <summary>The span event of a lenient read that found required fields missing.</summary>
    public const string MissingEventName = "paragon.required_fields.missing";

    /// <summary>The tag of that event (and of the call's span) that lists them, <c>Model.field</c>, comma-separated.</summary>
    public const string MissingFieldsTag = "paragon.required_fields.missing";

    /// <summary>At most this many fields are named per call: a list of 10,000 broken items must not make a 10,000-name log line.</summary>
    internal const int MaxNamed = 20;

    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> s_lenientCopies = new();

    [ThreadStatic]
    private static Collector? t_collector;

    /// <summary>Whether models read with these options read a missing required field as its default.</summary>
    public static bool IsLenient(JsonSerializerOptions options)
    {
        // Asked on every typed read: indexed, as foreach over the IList would allocate an enumerator per call.
        IList<JsonConverter> converters = options.Converters;
        for (int i = 0; i < converters.Count; i++)
        {
            if (converters[i] is LenientMark)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks (unlocked) options lenient.</summary>
    public static JsonSerializerOptions MarkLenient(JsonSerializerOptions options)
    {
        options.Converters.Add(LenientMark.Instance);
        return options;
    }

    /// <summary>
    /// The lenient metadata of the same type from the same context: over a lenient copy of its options (made once per
    /// options), whose resolver is still the generated context, so every model it reaches is built lenient too.
    /// </summary>
    public static JsonTypeInfo<T> Lenient<T>(JsonTypeInfo<T> typeInfo)
    {
        if (IsLenient(typeInfo.Options))
        {
            return typeInfo;
        }

        JsonSerializerOptions lenient = s_lenientCopies.GetValue(typeInfo.Options, static options =>
        {
            JsonSerializerOptions copy = MarkLenient(new JsonSerializerOptions(options));
            copy.MakeReadOnly();
            return copy;
        });
        return (JsonTypeInfo<T>)lenient.GetTypeInfo(typeof(T));
    }

    /// <summary>Collects, on this thread, what lenient reads report until disposed (the funnel's synchronous read of a body).</summary>
    public static Collector Collect() => t_collector = new Collector(t_collector);

    /// <summary>Reports a required field a lenient read did not get (<c>Model.field</c>).</summary>
    internal static void Report(string field)
    {
        if (t_collector is { } collector)
        {
            collector.Add(field);
            return;
        }

        // Read outside a call (a lenient context used by hand, a union's alternative): the current span is the one place
        // left to say it, at most MaxNamed times per span, as a call's list is: 10,000 broken items must not make 30,000
        // events on one span.
        if (Activity.Current is not { } span)
        {
            return;
        }

        int reported = 0;
        foreach (ActivityEvent existing in span.Events)
        {
            if (existing.Name == MissingEventName && ++reported >= MaxNamed)
            {
                return;
            }
        }

        span.AddEvent(new ActivityEvent(MissingEventName, tags: new ActivityTagsCollection { { MissingFieldsTag, field } }));
    }

    /// <summary>The fields a read reported, in order, each once, at most <see cref="MaxNamed"/> named.</summary>
    internal sealed class Collector(Collector? outer) : IDisposable
    {
        private List<string>? _fields;

        /// <summary>How many times a required field was missing, counting repeats.</summary>
        public int Count { get; private set; }

        /// <summary>The fields, or null when none was missing.</summary>
        public IReadOnlyList<string>? Fields => _fields;

        public void Add(string field)
        {
            Count++;
            _fields ??= [];
            if (_fields.Count < MaxNamed && !_fields.Contains(field))
            {
                _fields.Add(field);
            }
        }

        public void Dispose() => t_collector = outer;
    }

    /// <summary>The mark: a converter that converts nothing but itself, so that the options' copies keep it.</summary>
    private sealed class LenientMark : JsonConverter<LenientMark>
    {
        public static readonly LenientMark Instance = new();

        public override LenientMark Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("The lenient mark is not a value.");

        public override void Write(Utf8JsonWriter writer, LenientMark value, JsonSerializerOptions options) =>
            throw new NotSupportedException("The lenient mark is not a value.");
    }
}
