using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Paragon.Serialization;

namespace Paragon.Runtime.Tests;

/// <summary>
/// The base of the generated model converters on what the generated ones in the integration tests do not reach: a model
/// with more than 64 required fields (Stripe has them), whose given fields are tracked in an array instead of one word, and
/// one converter shared by several options.
/// </summary>
public sealed class ModelConverterTests
{
    private const int Count = 70;

    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new WideConverter() },
    };

    [Fact]
    public void A_model_with_more_than_64_required_fields_reads_them_all_and_names_the_missing_ones()
    {
        string all = "{" + string.Join(",", Enumerable.Range(0, Count).Select(i => $"\"f{i}\":\"v{i}\"")) + "}";
        Wide wide = JsonSerializer.Deserialize<Wide>(all, Options)!;
        Assert.Equal("v69", wide.Values[69]);
        Assert.Equal(all, JsonSerializer.Serialize(wide, Options));

        string without = "{" + string.Join(",", Enumerable.Range(0, Count).Where(i => i is not (3 or 66)).Select(i => $"\"f{i}\":\"v{i}\"")) + "}";
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Wide>(without, Options));
        Assert.Contains("'f3', 'f66'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_converter_shared_by_many_options_reads_with_each_ones_own_metadata_and_settings()
    {
        // One converter instance in several options' Converters (copies of options share their converters): each read must
        // use the nested metadata and the number handling of the options it is given, the first few kept and the rest looked
        // up, in any order.
        var shared = new PairConverter();
        JsonSerializerOptions[] all = [.. Enumerable.Range(0, JsonModelConverter<Pair>.MaxBoundOptions + 3).Select(i => new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            NumberHandling = i % 2 == 0 ? System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString : System.Text.Json.Serialization.JsonNumberHandling.Strict,
            Converters = { shared, new PrefixConverter(i + ":") },
        })];

        for (int round = 0; round < 2; round++)
        {
            foreach (int i in Enumerable.Range(0, all.Length).Reverse().Concat(Enumerable.Range(0, all.Length)))
            {
                Pair pair = JsonSerializer.Deserialize<Pair>("""{"a":"x","n":5}""", all[i])!;
                Assert.Equal(i + ":x", pair.A);
                Assert.Equal(5, pair.N);
                if (i % 2 == 0)
                {
                    Assert.Equal(7, JsonSerializer.Deserialize<Pair>("""{"n":"7"}""", all[i])!.N);
                }
                else
                {
                    Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Pair>("""{"n":"7"}""", all[i]));
                }
            }
        }
    }

    private sealed class Pair
    {
        public string? A { get; set; }

        public long N { get; set; }
    }

    private sealed class PairConverter() : JsonModelConverter<Pair>(["a", "n"], "--")
    {
        protected override Pair Create() => new();

        protected override void ReadProperty(ref Utf8JsonReader reader, Pair model, int index, JsonSerializerOptions options)
        {
            switch (index)
            {
                case 0: model.A = ReadValue<string?>(ref reader, 0, options); break;
                case 1: model.N = ReadValue<long>(ref reader, 1, options); break;
                default: ReadExtension(ref reader, null); break;
            }
        }

        protected override void WriteProperties(Utf8JsonWriter writer, Pair model, JsonSerializerOptions options)
        {
            WriteValue(writer, 0, model.A, options);
            WriteValue(writer, 1, model.N, options);
        }
    }

    /// <summary>Reads a string with a prefix of its options' own: which options' metadata a read used shows in the value.</summary>
    private sealed class PrefixConverter(string prefix) : System.Text.Json.Serialization.JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => prefix + reader.GetString();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>
    /// The non-generic reads and writes the generated converters call for strings, integers and booleans (cheaper for the
    /// consumer's compiler) behave as the generic ones: the same values, nulls, omissions, errors and number handling.
    /// </summary>
    [Theory]
    [InlineData("{\"id\":\"a\",\"name\":\"n\",\"count\":3,\"limit\":4,\"live\":true,\"paid\":false,\"x\":1}")]
    [InlineData("{\"id\":\"a\",\"count\":3,\"live\":false}")]
    [InlineData("{\"id\":\"a\",\"name\":null,\"count\":3,\"limit\":null,\"live\":true,\"paid\":null}")]
    [InlineData("{\"id\":null,\"count\":3,\"live\":true}")]
    [InlineData("{\"count\":3,\"live\":true}")]
    [InlineData("{\"id\":\"a\",\"count\":null,\"live\":true}")]
    [InlineData("{\"id\":\"a\",\"count\":\"7\",\"limit\":\"8\",\"live\":true}")]
    [InlineData("{\"id\":\"a\",\"count\":3,\"live\":\"yes\"}")]
    public void The_typed_reads_and_writes_match_the_generic_ones(string json)
    {
        foreach (System.Text.Json.Serialization.JsonNumberHandling numbers in new[] { System.Text.Json.Serialization.JsonNumberHandling.Strict, System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString })
        {
            var generic = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver(), NumberHandling = numbers, Converters = { new SmallConverter(typed: false) } };
            var typed = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver(), NumberHandling = numbers, Converters = { new SmallConverter(typed: true) } };
            Assert.Equal(Outcome(json, generic), Outcome(json, typed));
        }
    }

    private static string Outcome(string json, JsonSerializerOptions options)
    {
        try
        {
            Small small = JsonSerializer.Deserialize<Small>(json, options)!;
            return JsonSerializer.Serialize(small, options);
        }
        catch (JsonException e)
        {
            return "JsonException: " + e.Message;
        }
    }

    private sealed class Small
    {
        public string Id { get; set; } = "";
        public string? Name { get; set; }
        public long Count { get; set; }
        public long? Limit { get; set; }
        public bool Live { get; set; }
        public bool? Paid { get; set; }
    }

    private sealed class SmallConverter(bool typed) : JsonModelConverter<Small>(["id", "name", "count", "limit", "live", "paid"], "r-r-r-")
    {
        protected override Small Create() => new();

        protected override void ReadProperty(ref Utf8JsonReader reader, Small model, int index, JsonSerializerOptions options)
        {
            switch (index)
            {
                case 0: model.Id = typed ? ReadString(ref reader, 0, options)! : ReadValue<string>(ref reader, 0, options); break;
                case 1: model.Name = typed ? ReadString(ref reader, 1, options) : ReadValue<string?>(ref reader, 1, options); break;
                case 2: model.Count = typed ? ReadInt64(ref reader, 2, options) : ReadValue<long>(ref reader, 2, options); break;
                case 3: model.Limit = typed ? ReadNullableInt64(ref reader, 3, options) : ReadValue<long?>(ref reader, 3, options); break;
                case 4: model.Live = typed ? ReadBoolean(ref reader, 4, options) : ReadValue<bool>(ref reader, 4, options); break;
                case 5: model.Paid = typed ? ReadNullableBoolean(ref reader, 5, options) : ReadValue<bool?>(ref reader, 5, options); break;
                default: ReadExtension(ref reader, null); break;
            }
        }

        protected override void WriteProperties(Utf8JsonWriter writer, Small model, JsonSerializerOptions options)
        {
            if (typed)
            {
                WriteString(writer, 0, model.Id, options);
                WriteOptionalString(writer, 1, model.Name, options);
                WriteInt64(writer, 2, model.Count, options);
                if (model.Limit is not null) WriteNullableInt64(writer, 3, model.Limit, options);
                WriteBoolean(writer, 4, model.Live, options);
                WriteNullableBoolean(writer, 5, model.Paid, options);
            }
            else
            {
                WriteValue(writer, 0, model.Id, options);
                if (model.Name is not null) WriteValue(writer, 1, model.Name, options);
                WriteValue(writer, 2, model.Count, options);
                if (model.Limit is not null) WriteValue(writer, 3, model.Limit, options);
                WriteValue(writer, 4, model.Live, options);
                WriteValue(writer, 5, model.Paid, options);
            }
        }
    }

    private sealed class Wide
    {
        public string?[] Values { get; } = new string?[Count];
    }

    private sealed class WideConverter() : JsonModelConverter<Wide>(Enumerable.Range(0, Count).Select(i => "f" + i).ToArray(), new string('r', Count))
    {
        protected override Wide Create() => new();

        protected override void ReadProperty(ref Utf8JsonReader reader, Wide model, int index, JsonSerializerOptions options)
        {
            if (index < 0)
            {
                ReadExtension(ref reader, null);
                return;
            }

            model.Values[index] = ReadValue<string>(ref reader, index, options);
        }

        protected override void WriteProperties(Utf8JsonWriter writer, Wide model, JsonSerializerOptions options)
        {
            for (int i = 0; i < Count; i++)
            {
                WriteValue(writer, i, model.Values[i], options);
            }
        }
    }
}
