using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Paragon.Serialization;

namespace Paragon.Runtime.Tests;

/// <summary>
/// The base of the generated model converters on what the generated ones in the integration tests do not reach: a model
/// with more than 64 required fields (Stripe has them), whose given fields are tracked in an array instead of one word.
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
