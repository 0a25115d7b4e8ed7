using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using Paragon.Contract;

namespace Paragon.Proxy;

/// <summary>
/// The first stage: checks a call's description before a token is fetched or a byte is sent (integration, path, query,
/// every header wherever it was set, credential, content type), then builds one <see cref="HttpRequestMessage"/> per
/// attempt on the contract's URL shape: <c>{proxy}/projects/{id}/sdk/proxy/{integration}{path}</c>, or
/// <c>{api}/projects/{id}{path}</c> for Paragon's own API, <c>{actionkit}/projects/{id}{path}</c> for ActionKit.
/// </summary>
internal sealed class RequestBuilder
{
    private static readonly string UserAgent = BuildUserAgent();

    /// <summary>How many literal paths keep their URL (<see cref="Check"/>): a generated client has one per operation.</summary>
    internal const int MaxCachedUris = 512;

    /// <summary>The longest path whose URL is kept: the cache's memory is bounded by count and by length.</summary>
    internal const int MaxCachedPathLength = 256;

    private readonly string _proxyPrefix;
    private readonly string _apiPrefix;
    private readonly string _actionKitPrefix;
    private readonly bool _rawResponse;

    // The URL of a proxy call whose path is literal and has no query (every generated call without path or query
    // parameters, chat.postMessage say): the concatenation, the Uri and the path the handler takes from it were some 400
    // bytes of each such call. A Uri is immutable and safe to share between messages and threads. Keyed by integration and
    // path only: neither names a user, and a query (which may carry a key) is never cached. Bounded: past the limit a call
    // builds its URL as before.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Integration, string Path), Uri> _uris = new();
    private int _cachedUris;

    public RequestBuilder(Uri proxyBaseUrl, Uri apiBaseUrl, Uri actionKitBaseUrl, string projectId, bool rawResponse)
    {
        string project = Uri.EscapeDataString(projectId);
        _proxyPrefix = proxyBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + ProxyContract.ProxyRoot(project);
        _apiPrefix = apiBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + ProxyContract.ProjectRoot(project);
        _actionKitPrefix = actionKitBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + ProxyContract.ProjectRoot(project);
        _rawResponse = rawResponse;
    }

    /// <summary>Checks the description; everything wrong with it is an <see cref="ArgumentException"/> here, before anything is sent.</summary>
    /// <returns>The URL the call goes to.</returns>
    public Uri Check(ProxyRequest request, string? credentialId)
    {
        string pathAndQuery = ProxyPath.Check(request, credentialId);
        if (request.Target == ProxyTarget.Api)
        {
            return new Uri(_apiPrefix + pathAndQuery, UriKind.Absolute);
        }

        if (request.Target == ProxyTarget.ActionKit)
        {
            return new Uri(_actionKitPrefix + pathAndQuery, UriKind.Absolute);
        }

        // The checked path is the given string itself only when it was literal, needed no escaping and gained no query.
        if (!ReferenceEquals(pathAndQuery, request.Path) || pathAndQuery.IndexOf('?') >= 0)
        {
            return new Uri(_proxyPrefix + request.Integration + pathAndQuery, UriKind.Absolute);
        }

        if (_uris.TryGetValue((request.Integration, pathAndQuery), out Uri? cached))
        {
            return cached;
        }

        var uri = new Uri(_proxyPrefix + request.Integration + pathAndQuery, UriKind.Absolute);

        // Only a path that is a constant of some code (a generated operation's, or a literal in the caller's) is kept: a path
        // made at run time ($"/users/{email}") would hold the first 512 users' data for the client's life and fill the
        // cache with paths never asked for again. A constant is in the runtime's intern pool; data almost never is.
        if (pathAndQuery.Length > MaxCachedPathLength || string.IsInterned(pathAndQuery) is null)
        {
            return uri;
        }

        if (System.Threading.Interlocked.Increment(ref _cachedUris) > MaxCachedUris || !_uris.TryAdd((request.Integration, pathAndQuery), uri))
        {
            System.Threading.Interlocked.Decrement(ref _cachedUris);
        }

        return uri;
    }

    /// <summary>Whether a proxy call asks for the provider's raw answer (the client's setting, or the request's own need).</summary>
    public bool IsRaw(ProxyRequest request) => (_rawResponse || request.RawResponse) && request.Target == ProxyTarget.Proxy;

    /// <summary>The message for one attempt, with the token's Authorization value.</summary>
    public HttpRequestMessage Build(ProxyRequest request, Uri uri, string authorization, string? credentialId)
    {
        var message = new HttpRequestMessage(request.Method, uri);
        HttpRequestHeaders headers = message.Headers;
        headers.TryAddWithoutValidation("Authorization", authorization);
        headers.TryAddWithoutValidation("User-Agent", UserAgent);

        // Paragon's own API answers as it is; the header is the proxy's.
        if (IsRaw(request))
        {
            headers.TryAddWithoutValidation("X-Paragon-Use-Raw-Response", "1");
        }

        if (credentialId is not null)
        {
            headers.TryAddWithoutValidation("X-Paragon-Credential", credentialId);
        }

        if (request.Body is not null)
        {
            message.Content = request.Body.CreateContent(request.ContentType);
        }

        bool acceptGiven = false;
        IReadOnlyList<KeyValuePair<string, string>> extra = request.Headers.Items;
        for (int i = 0; i < extra.Count; i++)
        {
            KeyValuePair<string, string> header = extra[i];
            if (ProxyContract.DescribesABody(header.Key))
            {
                message.Content!.Headers.TryAddWithoutValidation(header.Key, header.Value);
                continue;
            }

            acceptGiven |= string.Equals(header.Key, "Accept", StringComparison.OrdinalIgnoreCase);
            headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (!acceptGiven)
        {
            headers.TryAddWithoutValidation("Accept", "application/json");
        }

        return message;
    }

    private static string BuildUserAgent()
    {
        Assembly assembly = typeof(RequestBuilder).Assembly;
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        int plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version.Substring(0, plus);
        }

        return $"Paragon.Typed/{version} ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.Replace('(', '[').Replace(')', ']')})";
    }
}
