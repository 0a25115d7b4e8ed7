using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Paragon.Proxy;

/// <summary>
/// One call described, not yet sent: the integration, method, path (a template with values, or a literal path),
/// query, headers and body. Everything that turns it into HTTP — URL building, escaping, validation, token, headers,
/// errors — happens once, in the client's pipeline.
/// </summary>
/// <remarks>Build one per call; it is not thread-safe and is not changed by sending it.</remarks>
public sealed class ProxyRequest
{
    private List<KeyValuePair<string, string>>? _pathValues;

    /// <summary>Describes a call.</summary>
    /// <param name="integration">The Paragon integration type, for example <c>slack</c> or <c>custom.my-app</c> (or <c>custom/{integrationId}</c>).</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">
    /// The provider path. With <see cref="SetPathValue(string, string)"/> it is a template whose <c>{name}</c> placeholders are
    /// replaced by escaped values; otherwise it is used as written (and may carry a query string).
    /// </param>
    public ProxyRequest(string integration, HttpMethod method, string path)
    {
        Integration = integration ?? throw new ArgumentNullException(nameof(integration));
        Method = method ?? throw new ArgumentNullException(nameof(method));
        Path = path ?? throw new ArgumentNullException(nameof(path));
    }

    /// <summary>The Paragon integration type.</summary>
    public string Integration { get; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The provider path, or path template.</summary>
    public string Path { get; }

    /// <summary>Values for the path template's placeholders, in the order they were set.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PathValues => _pathValues ?? (IReadOnlyList<KeyValuePair<string, string>>)Array.Empty<KeyValuePair<string, string>>();

    /// <summary>Whether <see cref="Path"/> is a template (at least one path value was set).</summary>
    public bool IsTemplate => _pathValues is not null;

    /// <summary>Query parameters, added after any query string in a literal path.</summary>
    public ProxyQuery Query { get; } = new();

    /// <summary>Extra headers for the provider.</summary>
    public ProxyHeaders Headers { get; } = new();

    /// <summary>The body, or <see langword="null"/> for none.</summary>
    public ProxyBody? Body { get; set; }

    /// <summary>Selects one of the user's accounts on this integration, overriding the client's.</summary>
    public string? CredentialId { get; set; }

    /// <summary>The body's content type, replacing the default of its kind.</summary>
    public string? ContentType { get; set; }

    /// <summary>
    /// The spec's operation id when a generated method made the request (for example <c>chat.postMessage</c>): named in
    /// errors, and available to tests and telemetry.
    /// </summary>
    public string? OperationId { get; set; }

    /// <summary>
    /// How the provider says "failed" in a 2xx body, which typed reads then turn into a <see cref="ParagonApiException"/>:
    /// generated code sets the spec's <c>x-paragon-error</c> here. <see langword="null"/> follows the integration's
    /// convention (<see cref="ProxyErrorRule.ForIntegration(string)"/>); <see cref="ProxyErrorRule.None"/> checks nothing.
    /// </summary>
    public ProxyErrorRule? ErrorRule { get; set; }

    /// <summary>The host the request goes to; the proxy unless a platform call (Users API, triggers, events) set it.</summary>
    /// <remarks>
    /// A byte, and <see cref="OutcomeStatus"/> a ushort, so that both fit in the padding after <see cref="StreamResponse"/>:
    /// a proxy call's request object stays the size it was (152 bytes with its query and headers, measured).
    /// </remarks>
    internal ProxyTarget Target { get; set; }

    /// <summary>
    /// A non-2xx status that is an outcome of the call rather than an error (a workflow still running answers 542), read
    /// like a success; 0 for none.
    /// </summary>
    internal ushort OutcomeStatus { get; set; }

    /// <summary>
    /// Ask for the provider's raw answer whatever the client's <see cref="ParagonClientOptions.UseRawResponse"/>: paging
    /// by the provider's <c>Link</c> header needs the provider's headers, which a wrapped answer does not carry.
    /// </summary>
    internal bool RawResponse { get; set; }

    /// <summary>Leave the response body unread until it is streamed. See <see cref="ParagonRequestOptions.StreamResponse"/>.</summary>
    public bool StreamResponse { get; set; }

    /// <summary>Sets the value of the path template's <c>{name}</c> placeholder. The value is escaped as one path segment.</summary>
    /// <param name="name">The placeholder's name as written in the template.</param>
    /// <param name="value">The value; it must not be empty, <c>.</c> or <c>..</c>.</param>
    /// <returns>This request, for chaining.</returns>
    public ProxyRequest SetPathValue(string name, string value)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), $"The path parameter '{name}' of {Method} {Path} needs a value.");
        }

        _pathValues ??= [];
        foreach (KeyValuePair<string, string> existing in _pathValues)
        {
            if (string.Equals(existing.Key, name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The path parameter '{name}' of {Method} {Path} already has a value.", nameof(name));
            }
        }

        _pathValues.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    /// <summary>
    /// Sets a placeholder from a typed value, formatted the way HTTP APIs expect whatever the current culture:
    /// see <see cref="ProxyValue.Format{T}(T)"/> (a list becomes comma-separated values).
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="name">The placeholder's name as written in the template.</param>
    /// <param name="value">The value.</param>
    /// <returns>This request, for chaining.</returns>
    public ProxyRequest SetPathValue<T>(string name, T value) =>
        SetPathValue(name, ProxyValue.Format(value) ?? throw new ArgumentNullException(nameof(value), $"The path parameter '{name}' of {Method} {Path} needs a value."));

    /// <summary>
    /// The provider path and query exactly as they will be sent (escaped, placeholders filled), for example
    /// <c>/conversations.list?limit=100</c>; what a test double can assert on.
    /// </summary>
    /// <returns>The path and query.</returns>
    /// <exception cref="ArgumentException">The path, a path value or a query name is unusable (the call would be refused too).</exception>
    public string ToPathAndQuery() => ProxyPath.BuildPathAndQuery(this);

    /// <summary>The method, integration and path without any query (it may carry a key), for example <c>POST slack /chat.postMessage</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Method.Method + " " + Integration + " " + ProxyPath.StripQuery(Path);
}
