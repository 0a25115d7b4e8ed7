using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Paragon.Proxy;

/// <summary>
/// A response's headers, taken once, for every reader: a buffered success, a streamed one, an error and the attempt
/// guard's kept copy. The content headers are copied at once (they may not outlive their content, which the funnel
/// releases); the response headers stay on the message, which disposal leaves alone, and the dictionary is made only when
/// someone asks (most typed calls never look at headers).
/// </summary>
internal sealed class ResponseHeaderSnapshot
{
    private readonly HttpResponseHeaders? _response;
    private readonly List<KeyValuePair<string, IReadOnlyList<string>>>? _content;
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _all;

    private ResponseHeaderSnapshot(HttpResponseHeaders? response, List<KeyValuePair<string, IReadOnlyList<string>>>? content)
    {
        _response = response;
        _content = content;
    }

    /// <summary>An empty snapshot.</summary>
    public static ResponseHeaderSnapshot None { get; } = new(null, null);

    /// <summary>The content type the content headers name, if any.</summary>
    public string? ContentType { get; private set; }

    /// <summary>Takes the headers of a response whose content is still alive.</summary>
    public static ResponseHeaderSnapshot Take(HttpResponseMessage response)
    {
        List<KeyValuePair<string, IReadOnlyList<string>>>? content = null;
        string? contentType = null;
        if (response.Content is { } body)
        {
            contentType = body.Headers.ContentType?.ToString();
            foreach (KeyValuePair<string, IEnumerable<string>> header in body.Headers)
            {
                (content ??= []).Add(new KeyValuePair<string, IReadOnlyList<string>>(header.Key, new List<string>(header.Value)));
            }
        }

        return new ResponseHeaderSnapshot(response.Headers, content) { ContentType = contentType };
    }

    /// <summary>Every header by case-insensitive name; a content header wins over a response header of the same name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> All => _all ??= Gather();

    /// <summary>The response headers, then the content headers, as pairs (to re-create a message from them).</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> ResponsePart()
    {
        if (_response is not null)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in _response)
            {
                yield return new KeyValuePair<string, IReadOnlyList<string>>(header.Key, new List<string>(header.Value));
            }
        }
    }

    /// <summary>The content headers as they were taken.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> ContentPart =>
        (IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>?)_content ?? [];

    /// <summary>A snapshot whose every value went through <paramref name="map"/> (redaction).</summary>
    public ResponseHeaderSnapshot Map(Func<string, string> map)
    {
        var all = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in All)
        {
            var values = new List<string>(header.Value.Count);
            foreach (string value in header.Value)
            {
                values.Add(map(value));
            }

            all[header.Key] = values;
        }

        return new ResponseHeaderSnapshot(null, null) { _all = all, ContentType = ContentType };
    }

    private Dictionary<string, IReadOnlyList<string>> Gather()
    {
        var all = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in ResponsePart())
        {
            all[header.Key] = header.Value;
        }

        foreach (KeyValuePair<string, IReadOnlyList<string>> header in ContentPart)
        {
            all[header.Key] = header.Value;
        }

        return all;
    }
}
