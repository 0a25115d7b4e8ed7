using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Paragon.Integrations.Metadata;
using Record = Paragon.Integrations.Metadata.Record;

namespace Paragon.Integration.Tests;

/// <summary>
/// The generated context's compact property tables (read by the runtime's JsonModelMetadata) end to end, on a model with
/// every kind of property: required, required and nullable, deprecated, optional, dates, enums, nested lists and
/// dictionaries, unknown fields.
/// </summary>
public sealed class JsonMetadataTests
{
    private const string Full =
        """{"id":"r1","count":3,"note":null,"legacy":"old","when":"2024-01-15T10:30:00Z","kind":"large","score":1.5,"tags":[["a","b"],[]],"groups":{"g":[{"name":"n1"},{"name":"n2","extra":1}]},"item":{"name":"i"},"unknown":{"kept":[1,2]}}""";

    [Fact]
    public void A_model_with_every_kind_of_property_round_trips_byte_for_byte()
    {
        Record record = JsonSerializer.Deserialize(Full, MetadataJsonContext.Default.Record)!;

        Assert.Equal("r1", record.Id);
        Assert.Equal(3, record.Count);
        Assert.Null(record.Note);
#pragma warning disable CS0618 // the deprecated field is read and written like any other
        Assert.Equal("old", record.Legacy);
#pragma warning restore CS0618
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 30, 0, TimeSpan.Zero), record.When);
        Assert.Equal(RecordKind.Large, record.Kind);
        Assert.Equal(1.5, record.Score);
        Assert.Equal(["a", "b"], record.Tags![0]);
        Assert.Empty(record.Tags[1]);
        Assert.Equal("n2", record.Groups!["g"][1].Name);
        Assert.Equal(1, record.Groups["g"][1].AdditionalProperties!["extra"].GetInt32());
        Assert.Equal("i", record.Item!.Name);
        Assert.Equal("""{"kept":[1,2]}""", record.AdditionalProperties!["unknown"].GetRawText());

        Assert.Equal(Full, JsonSerializer.Serialize(record, MetadataJsonContext.Default.Record));
    }

    [Fact]
    public void Metadata_comes_from_the_context_and_reads_fields_in_any_order_and_case_the_options_allow()
    {
        // A model's metadata is its generated converter's (issue 16): the context still made it, and it still resolves the
        // nested types through the options.
        Assert.Same(MetadataJsonContext.Default, MetadataJsonContext.Default.Record.OriginatingResolver);
        Assert.Same(MetadataJsonContext.Default, MetadataJsonContext.Default.ListOfListOfString.OriginatingResolver);

        Record reversed = JsonSerializer.Deserialize("""{"unknown":1,"legacy":"x","note":null,"count":2,"id":"r"}""", MetadataJsonContext.Default.Record)!;
        Assert.Equal(("r", 2L), (reversed.Id, reversed.Count));
        Assert.Equal(1, reversed.AdditionalProperties!["unknown"].GetInt32());

        // Case-insensitive options reach the model's own names, not only System.Text.Json's.
        var insensitive = new MetadataJsonContext(new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
        Record cased = JsonSerializer.Deserialize("""{"ID":"r","Count":2,"note":null,"legacy":"x"}""", insensitive.Record)!;
        Assert.Equal(("r", 2L), (cased.Id, cased.Count));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"ID":"r","Count":2,"note":null,"legacy":"x"}""", MetadataJsonContext.Default.Record));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_model_read_from_a_stream_round_trips_as_from_a_string()
    {
        using var stream = new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes(Full));
        Record record = (await JsonSerializer.DeserializeAsync(stream, MetadataJsonContext.Default.Record))!;
        Assert.Equal(Full, JsonSerializer.Serialize(record, MetadataJsonContext.Default.Record));
    }

    [Fact]
    public void A_null_for_a_required_number_fails_naming_the_json_field()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"r","count":null,"note":null,"legacy":"x"}""", MetadataJsonContext.Default.Record));
        Assert.Contains("'count' is required by the spec, but the provider sent null", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"count":3,"note":null,"legacy":"x"}""", "id")]
    [InlineData("""{"id":"r1","note":null,"legacy":"x"}""", "count")]
    public void A_missing_required_field_fails_naming_it(string json, string field)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, MetadataJsonContext.Default.Record));
        Assert.Contains("'" + field + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_for_a_required_non_null_field_fails_naming_the_json_field()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":null,"count":1,"note":null,"legacy":"x"}""", MetadataJsonContext.Default.Record));
        Assert.Contains("'id' is required by the spec, but the provider sent null", error.Message, StringComparison.Ordinal);

        // Nested: the item's name, inside a dictionary of lists.
        error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"r","count":1,"note":null,"legacy":"x","groups":{"g":[{"name":null}]}}""", MetadataJsonContext.Default.Record));
        Assert.Contains("'name' is required by the spec, but the provider sent null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_fields_are_left_out_while_null_unless_SendNull_asks_for_null()
    {
        var record = new Record { Id = "r1", Count = 0, Note = null };
        Assert.Equal("""{"id":"r1","count":0,"note":null,"legacy":null}""", JsonSerializer.Serialize(record, MetadataJsonContext.Default.Record));

        record.SendNull(nameof(Record.Score)).SendNull(nameof(Record.Tags));
        Assert.Equal("""{"id":"r1","count":0,"note":null,"legacy":null,"score":null,"tags":null}""", JsonSerializer.Serialize(record, MetadataJsonContext.Default.Record));

        record.Score = 2;
        Assert.Equal("""{"id":"r1","count":0,"note":null,"legacy":null,"score":2,"tags":null}""", JsonSerializer.Serialize(record, MetadataJsonContext.Default.Record));
    }

    [Fact]
    public void The_options_number_handling_reaches_properties_lists_and_dictionaries()
    {
        var context = new MetadataJsonContext(new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowReadingFromString });
        Record record = JsonSerializer.Deserialize("""{"id":"r","count":"7","note":"n","legacy":"x","score":"0.5","counts":["1",2]}""", context.Record)!;
        Assert.Equal(7, record.Count);
        Assert.Equal(0.5, record.Score);
        Assert.Equal([1L, 2L], record.Counts);

        // And without it, a number in a string is refused, as the options say.
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"r","count":"7","note":"n","legacy":"x"}""", MetadataJsonContext.Default.Record));
    }
}
