using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Paragon.AI;

/// <summary>
/// What a tool hands back to a model: the provider's payload (capped), or an error as a result the model reads and can
/// act on (<c>{"error": …}</c>) rather than an exception that ends the agent's run. Results are JSON elements, written
/// with a <see cref="Utf8JsonWriter"/>: nothing is serialized by reflection.
/// </summary>
internal static class ToolResults
{
    /// <summary>The longest provider message put into an error result: enough to act on, not a page of HTML.</summary>
    private const int MaxMessageCharacters = 2_000;

    /// <summary>Room kept for the note around a cut result.</summary>
    private const int NoteRoom = 400;

    public static JsonElement InvalidArguments(IReadOnlyList<string> problems) => Write(writer =>
    {
        writer.WriteStartObject("error");
        writer.WriteString("kind", "invalid_arguments");
        writer.WriteString("message", "The arguments do not match the tool's parameters: " + string.Join(" ", problems) + " Fix them and call the tool again.");
        writer.WriteStartArray("problems");
        foreach (string problem in problems)
        {
            writer.WriteStringValue(problem);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static JsonElement ApiError(ParagonApiException error) => Write(writer =>
    {
        writer.WriteStartObject("error");
        writer.WriteString("kind", "api_error");
        writer.WriteNumber("status", (int)error.StatusCode);
        if (error.ErrorCode is { } code)
        {
            writer.WriteString("code", Cap(code, 200));
        }

        writer.WriteString("message", Cap(error.ErrorMessage ?? error.StatusCode.ToString(), MaxMessageCharacters));
        writer.WriteEndObject();
    });

    public static JsonElement Error(string kind, string message) => Write(writer =>
    {
        writer.WriteStartObject("error");
        writer.WriteString("kind", kind);
        writer.WriteString("message", Cap(message, MaxMessageCharacters));
        writer.WriteEndObject();
    });

    /// <summary>The payload as it is when its JSON fits in <paramref name="maxCharacters"/>; else its first characters as text, with a note.</summary>
    public static JsonElement Capped(JsonElement payload, int maxCharacters)
    {
        if (payload.ValueKind == JsonValueKind.Undefined)
        {
            return Write(writer => writer.WriteBoolean("ok", true));
        }

        string text = payload.GetRawText();
        if (text.Length <= maxCharacters)
        {
            return payload;
        }

        // The limit bounds what the model reads: the cut text as a JSON string, quotes escaped, with the note around it.
        // Escaping makes that longer than the text kept, by an amount known only once written: shrink by the excess.
        int keep = Math.Max(0, maxCharacters - NoteRoom);
        JsonElement cut = default;
        for (int attempt = 0; attempt < 8; attempt++)
        {
            if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
            {
                keep--; // never half a character
            }

            int kept = keep;
            cut = Write(writer =>
            {
                writer.WriteBoolean("truncated", true);
                writer.WriteString("note", string.Format(CultureInfo.InvariantCulture,
                    "The result was {0:N0} characters of JSON; only the first {1:N0} are in 'partial' (the tool's limit is {2:N0}). Ask for less, for example with a filter or a smaller page.",
                    text.Length, kept, maxCharacters));
                writer.WriteString("partial", text.AsSpan(0, kept));
            });
            int length = cut.GetRawText().Length;
            if (length <= maxCharacters || keep == 0)
            {
                break;
            }

            keep = Math.Max(0, keep - (length - maxCharacters));
        }

        return cut;
    }

    private static string Cap(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";

    private static JsonElement Write(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping: a model reads this, not a browser, and "\u0022" for every quote would spend its context.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
