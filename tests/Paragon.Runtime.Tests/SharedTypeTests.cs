using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Paragon.Proxy;
using Paragon.Serialization;

namespace Paragon.Runtime.Tests;

/// <summary>
/// The runtime bases that generated extensible enums and unions stand on, used here as the generator uses them (a one-line
/// nested converter, one-line accessors), so that their behaviour is pinned without the generator in the loop.
/// </summary>
public sealed class SharedTypeTests
{
    private static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    [Fact]
    public void An_enum_round_trips_known_and_unknown_values()
    {
        Assert.Equal(Color.Red, JsonSerializer.Deserialize("\"red\"", Info<Color>()));
        Color added = JsonSerializer.Deserialize("\"ultraviolet\"", Info<Color>());
        Assert.Equal("ultraviolet", added.Value);
        Assert.Equal("\"ultraviolet\"", JsonSerializer.Serialize(added, Info<Color>()));
        Assert.Equal("\"\"", JsonSerializer.Serialize(new Color(string.Empty), Info<Color>()));
        Assert.Equal("[\"red\",\"blue\"]", JsonSerializer.Serialize(new List<Color> { Color.Red, "blue" }, Info<List<Color>>()));
    }

    [Fact]
    public void A_null_enum_reads_as_default_and_default_writes_null()
    {
        Assert.Equal(default, JsonSerializer.Deserialize("null", Info<Color>()));
        Assert.Equal([Color.Red, default], JsonSerializer.Deserialize("[\"red\",null]", Info<Color[]>())!);
        Assert.Equal("null", JsonSerializer.Serialize(default(Color), Info<Color>()));
        Assert.Equal("{\"a\":null}", JsonSerializer.Serialize(new Dictionary<string, Color> { ["a"] = default }, Info<Dictionary<string, Color>>()));
    }

    [Fact]
    public void An_enum_that_is_not_a_string_says_which_type_and_what_it_found()
    {
        var thrown = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("42", Info<Color>()));
        Assert.Contains("Color", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Number", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_union_keeps_its_json_and_reads_the_alternative_that_fits()
    {
        Contact email = JsonSerializer.Deserialize("""{"email":"a@b.c","extra":[1,2]}""", Info<Contact>())!;
        Assert.True(email.TryGetEmail(out EmailContact? read));
        Assert.Equal("a@b.c", read!.Email);
        Assert.Equal("a@b.c", email.AsEmail().Email);
        Assert.Equal("""{"email":"a@b.c","extra":[1,2]}""", JsonSerializer.Serialize(email, Info<Contact>()));
        Assert.Equal("""{"email":"a@b.c","extra":[1,2]}""", email.ToString());
        Assert.Equal("""{"email":"a@b.c","extra":[1,2]}""", ProxyValue.Format(email));
        Assert.Null(JsonSerializer.Deserialize("null", Info<Contact>()));
    }

    [Fact]
    public void A_union_says_no_to_the_wrong_shape_and_As_throws()
    {
        Contact phone = JsonSerializer.Deserialize("""{"phone":"+1"}""", Info<Contact>())!;
        Assert.False(phone.TryGetEmail(out EmailContact? email));
        Assert.Null(email);
        var thrown = Assert.Throws<JsonException>(() => phone.AsEmail());
        Assert.Contains("IsEmail", thrown.Message, StringComparison.Ordinal);

        Contact number = Contact.FromRaw(JsonDocument.Parse("7").RootElement);
        Assert.True(number.TryGetCount(out long? count));
        Assert.Equal(7, count);
        Assert.False(phone.TryGetCount(out long? none));
        Assert.Null(none);
    }

    [Fact]
    public void A_union_whose_shape_fits_but_a_value_does_not_read_is_not_that_alternative()
    {
        // The shape check looks at kinds only: "soon" is a string, but not a date-time.
        Contact contact = Contact.FromRaw(JsonDocument.Parse("""{"email":"a@b.c","since":"soon"}""").RootElement);
        Assert.False(contact.TryGetEmail(out EmailContact? email));
        Assert.Null(email);
        Assert.Throws<JsonException>(() => contact.AsEmail());
    }

    [Fact]
    public void A_union_made_from_an_alternative_serializes_it()
    {
        Contact contact = new EmailContact { Email = "x@y.z" };
        Assert.True(contact.IsEmail);
        Assert.Equal("""{"email":"x@y.z","since":null}""", contact.Raw.GetRawText());
        Assert.Equal("3", JsonSerializer.Serialize(Contact.FromCount(3), Info<Contact>()));
        Assert.Equal("discriminated", Contact.FromRaw(JsonDocument.Parse("""{"type":"discriminated"}""").RootElement).Kind);
        Assert.Null(Contact.FromRaw(JsonDocument.Parse("""{"type":1}""").RootElement).Kind);
    }

    /// <summary>Written as the generator writes an extensible enum.</summary>
    [JsonConverter(typeof(ExtensibleEnumConverter<Color>))]
    public readonly record struct Color : IExtensibleEnumValue<Color>
    {
        private readonly string? _value;

        public Color(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

        public static Color Red { get; } = new Color("red");

        public string Value => _value ?? string.Empty;

        public override string ToString() => Value;

        public static implicit operator Color(string value) => new Color(value);

        Color IExtensibleEnumValue<Color>.Create(string value) => new Color(value);

        string? IProxyValue.ToProxyValue() => _value;
    }

    public sealed class EmailContact
    {
        [JsonPropertyName("email")]
        public string? Email { get; set; }

        [JsonPropertyName("since")]
        public DateTimeOffset? Since { get; set; }
    }

    /// <summary>Written as the generator writes a union.</summary>
    [JsonConverter(typeof(Converter))]
    public sealed class Contact : JsonUnion
    {
        private Contact(JsonElement raw) : base(raw) { }

        public string? Kind => ReadKind(Raw, "type");

        public static Contact FromRaw(JsonElement raw) => new Contact(raw.Clone());

        public sealed class Converter : JsonUnionConverter<Contact> { public Converter() : base(raw => new Contact(raw)) { } }

        public static Contact FromEmail(EmailContact value) => new Contact(ToJson(value, Info<EmailContact>()));

        public static implicit operator Contact(EmailContact value) => FromEmail(value);

        public bool IsEmail => JsonShape.HasProperty(Raw, "email", JsonKinds.String, required: true);

        public bool TryGetEmail(out EmailContact? value) => TryRead(IsEmail, Info<EmailContact>(), out value);

        public EmailContact AsEmail() => Read(IsEmail, Info<EmailContact>(), "Email");

        public static Contact FromCount(long value) => new Contact(ToJson(value, Info<long>()));

        public bool IsCount => JsonShape.Is(Raw, JsonKinds.Integer);

        public bool TryGetCount(out long? value) => TryReadValue(IsCount, Info<long>(), out value);
    }
}
