using System;
using System.Collections.Generic;

namespace Paragon.Testing;

/// <summary>A request as it reached the proxy, kept for tests to assert what went over the wire.</summary>
public sealed record RecordedRequest(
    string Method,
    string RawTarget,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? Integration,
    string? ProviderPathAndQuery,
    string? UserId,
    int Status)
{
    /// <summary>The first value of a request header, or <see langword="null"/>.</summary>
    /// <param name="name">The name, in any case.</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
