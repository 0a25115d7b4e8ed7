using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Paragon.Proxy;

/// <summary>
/// A response's headers, taken once, for every reader: a buffered success, a streamed one, an error and the attempt
/// guard's kept copy. The content headers are copied at once (they may not outlive their content, which the funnel
/// releases); the response headers stay on the message, which disposal leaves alone, and the dictionary is made only when
/// someone asks (most typed calls never look at headers). A struct: taking it allocates only the content headers' copy.
/// </summary>
internal readonly struct ResponseHeaderSnapshot
{
    private readonly HttpResponseHeaders? _response;
    private readonly List<KeyValuePair<string, IReadOnlyList<string>>>? _content;

    private ResponseHeaderSnapshot(HttpResponseHeaders? response, List<KeyValuePair<string, IReadOnlyList<string>>>? content, string? contentType)
    {
        _response = response;
        _content = content;
        ContentType = contentType;
    }

    /// <summary>The content type the content headers name, if any.</summary>
    public string? ContentType { get; }

    /// <summary>Takes the headers of a response whose content is still alive.</summary>
    public static ResponseHeaderSnapshot Take(HttpResponseMessage response)
    {
        List<KeyValuePair<string, IReadOnlyList<string>>>? content = null;
        string? contentType = null;
        if (response.Content is { } body)
        {
#if NET6_0_OR_GREATER
            // The values as they came, before anything parses them: the non-validating view enumerates without an
            // enumerator object or a string[] per header, and a single value is the header's own string. One array per
            // header is the copy; with the list's, that was four allocations a header on every call (most have two).
            foreach (KeyValuePair<string, HeaderStringValues> header in body.Headers.NonValidated)
            {
                HeaderStringValues values = header.Value;
                string[] copy = new string[values.Count];
                int i = 0;
                foreach (string value in values)
                {
                    copy[i++] = value;
                }

                (content ??= new(2)).Add(new KeyValuePair<string, IReadOnlyList<string>>(header.Key, copy));
            }

            contentType = body.Headers.ContentType?.ToString();
#else
            contentType = body.Headers.ContentType?.ToString();
            foreach (KeyValuePair<string, IEnumerable<string>> header in body.Headers)
            {
                (content ??= []).Add(new KeyValuePair<string, IReadOnlyList<string>>(header.Key, new List<string>(header.Value)));
            }
#endif
        }

        return new ResponseHeaderSnapshot(response.Headers, content, contentType);
    }

    /// <summary>The response headers, as pairs (to re-create a message from them).</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> ResponsePart()
    {
        if (_response is null)
        {
            yield break;
        }

        foreach (KeyValuePair<string, IEnumerable<string>> header in _response)
        {
            yield return new KeyValuePair<string, IReadOnlyList<string>>(header.Key, new List<string>(header.Value));
        }
    }

    /// <summary>The content headers as they were taken.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> ContentPart =>
        (IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>?)_content ?? [];

    /// <summary>
    /// Every header by case-insensitive name, each value through <paramref name="map"/> when given (redaction); a content
    /// header wins over a response header of the same name.
    /// </summary>
    public Dictionary<string, IReadOnlyList<string>> ToDictionary(Func<string, string>? map = null)
    {
        var all = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in ResponsePart())
        {
            all[header.Key] = Mapped(header.Value, map);
        }

        foreach (KeyValuePair<string, IReadOnlyList<string>> header in ContentPart)
        {
            all[header.Key] = Mapped(header.Value, map);
        }

        return all;
    }

    private static IReadOnlyList<string> Mapped(IReadOnlyList<string> values, Func<string, string>? map)
    {
        if (map is null)
        {
            return values;
        }

        var mapped = new List<string>(values.Count);
        foreach (string value in values)
        {
            mapped.Add(map(value));
        }

        return mapped;
    }
}
