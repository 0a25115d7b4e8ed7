using System.Net.Http;

namespace Paragon.Proxy;

/// <summary>Shared <see cref="HttpMethod"/> instances for generated code (netstandard2.0 has no <c>HttpMethod.Patch</c>).</summary>
/// <remarks>For generated code: public so generated clients can call it, hidden from IntelliSense because users never need to.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class ProxyMethods
{
    /// <summary>GET.</summary>
    public static HttpMethod Get { get; } = HttpMethod.Get;

    /// <summary>POST.</summary>
    public static HttpMethod Post { get; } = HttpMethod.Post;

    /// <summary>PUT.</summary>
    public static HttpMethod Put { get; } = HttpMethod.Put;

    /// <summary>PATCH.</summary>
    public static HttpMethod Patch { get; } = new("PATCH");

    /// <summary>DELETE.</summary>
    public static HttpMethod Delete { get; } = HttpMethod.Delete;

    /// <summary>HEAD.</summary>
    public static HttpMethod Head { get; } = HttpMethod.Head;

    /// <summary>OPTIONS.</summary>
    public static HttpMethod Options { get; } = HttpMethod.Options;

    /// <summary>TRACE.</summary>
    public static HttpMethod Trace { get; } = HttpMethod.Trace;
}
