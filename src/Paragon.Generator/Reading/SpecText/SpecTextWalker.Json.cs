using System.Text.Json;

namespace Paragon.Generator.Reading.SpecText;

internal sealed partial class SpecTextWalker
{
    /// <summary>Any JSON text, read by <see cref="Utf8JsonReader"/>: comments and trailing commas as Microsoft.OpenApi allows them.</summary>
    private void WalkJson()
    {
        var reader = new Utf8JsonReader(_source.Utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

        // The last key read: where it is written, and its text (as a string only when escaped, which is rare).
        int keyStart = -1;
        int keyLength = 0;
        string? escapedKey = null;
        while (reader.Read())
        {
            JsonTokenType token = reader.TokenType;
            switch (token)
            {
                case JsonTokenType.PropertyName:
                    keyStart = (int)reader.TokenStartIndex;
                    keyLength = reader.ValueSpan.Length + 2; // with its quotes
                    escapedKey = reader.ValueIsEscaped ? reader.GetString() : null;
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    _visitor.Leave(this);
                    Pop();
                    continue;
            }

            bool isContainer = token is JsonTokenType.StartObject or JsonTokenType.StartArray;
            SpecPosition place;
            if (_depth > 0 && !_path[_depth - 1].IsArray)
            {
                PushKey(escapedKey, keyStart + 1, keyLength - 2, token == JsonTokenType.StartArray);
                place = new SpecPosition(-1, -1, keyStart, keyLength);
            }
            else
            {
                PushItem(token == JsonTokenType.StartArray);
                place = new SpecPosition(-1, -1, (int)reader.TokenStartIndex, 1);
            }

            SpecNodeKind kind = token switch
            {
                JsonTokenType.StartObject => SpecNodeKind.Object,
                JsonTokenType.StartArray => SpecNodeKind.Array,
                JsonTokenType.True => SpecNodeKind.True,
                _ => SpecNodeKind.Scalar,
            };

            if (!_visitor.Enter(this, kind, place) || !isContainer)
            {
                if (isContainer)
                {
                    // Nothing inside is wanted: skipped without a step for each of its nodes.
                    reader.Skip();
                }

                _visitor.Leave(this);
                Pop();
            }
        }
    }
}
