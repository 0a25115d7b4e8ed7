using System;
using System.Text;
using System.Text.Json;

namespace Paragon.Proxy;

/// <summary>
/// Paragon wraps a provider's JSON as <c>{"output": …}</c> unless asked for the raw response; only then is this applied
/// (a raw body is the provider's own and is never touched). A body is taken for the envelope only when it is an object
/// whose one and only property is <c>output</c>: Paragon's official SDK unwraps any object that has such a key, which
/// would take apart a body that merely has an <c>output</c> field next to others.
/// </summary>
internal static class OutputEnvelope
{
    private static readonly byte[] OutputName = Encoding.UTF8.GetBytes("output");

    /// <summary>
    /// Unwraps without copying: a JSON value comes back as a slice of <paramref name="body"/>, JSON <c>null</c> as an empty
    /// slice, and only a string (a provider's text answer) as an array of its own, decoded.
    /// </summary>
    public static bool TryUnwrap(ArraySegment<byte> body, out ArraySegment<byte> inner, out bool isText)
    {
        inner = body;
        isText = false;
        ReadOnlySpan<byte> bytes = body.AsSpan();
        int start = 0;
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start >= bytes.Length || bytes[start] != (byte)'{')
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(OutputName)
                || !reader.Read())
            {
                return false;
            }

            JsonTokenType valueType = reader.TokenType;
            int valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            int valueEnd = (int)reader.BytesConsumed;
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }

            switch (valueType)
            {
                case JsonTokenType.Null:
                    inner = new ArraySegment<byte>(body.Array!, body.Offset, 0);
                    return true;
                case JsonTokenType.String:
                    // A provider's non-JSON answer comes wrapped as a JSON string: hand back the text itself.
                    using (JsonDocument document = JsonDocument.Parse(body.AsMemory(valueStart, valueEnd - valueStart)))
                    {
                        inner = new ArraySegment<byte>(Encoding.UTF8.GetBytes(document.RootElement.GetString()!));
                    }

                    isText = true;
                    return true;
                default:
                    inner = new ArraySegment<byte>(body.Array!, body.Offset + valueStart, valueEnd - valueStart);
                    return true;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not an envelope we can unwrap (a lone surrogate in the string, say): the body is returned as it came.
            inner = body;
            isText = false;
            return false;
        }
    }
}
