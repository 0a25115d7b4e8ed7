using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Paragon.Proxy;

namespace Paragon.Platform;

/// <summary>
/// The platform calls' request bodies, written with a <see cref="Utf8JsonWriter"/>: the caller's value goes in as it is
/// (a node, an element, or a <c>T</c> with its source-generated metadata), so nothing is serialized by reflection.
/// </summary>
internal static class PlatformBodies
{
    /// <summary><c>{"meta": …}</c> for <c>PATCH /sdk/me</c>.</summary>
    public static ProxyBody Meta(Action<Utf8JsonWriter> writeMeta) => Object("meta", writeMeta, null, null);

    /// <summary><c>{"name": …, "payload": …}</c> for <c>POST /sdk/events/trigger</c>.</summary>
    public static ProxyBody Event(string name, Action<Utf8JsonWriter> writePayload) => Object("payload", writePayload, "name", name);

    /// <summary><c>{"action": …, "parameters": …}</c> for ActionKit's <c>POST /actions</c>.</summary>
    public static ProxyBody Action(string action, Action<Utf8JsonWriter> writeParameters) => Object("parameters", writeParameters, "action", action);

    public static Action<Utf8JsonWriter> Write(JsonNode? value) => writer =>
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    };

    public static Action<Utf8JsonWriter> Write(JsonElement value) => writer =>
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    };

    public static Action<Utf8JsonWriter> Write<T>(T value, JsonTypeInfo<T> typeInfo) => writer => JsonSerializer.Serialize(writer, value, typeInfo);

    /// <summary>A string as a JSON element: what a workflow's Response step sent as text.</summary>
    public static JsonElement TextElement(string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static ProxyBody Object(string property, Action<Utf8JsonWriter> writeValue, string? stringProperty, string? stringValue)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (stringProperty is not null)
            {
                writer.WriteString(stringProperty, stringValue);
            }

            writer.WritePropertyName(property);
            writeValue(writer);
            writer.WriteEndObject();
        }

        return ProxyBody.RawJson(buffer.ToArray());
    }
}
