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
/// <c>{api}/projects/{id}{path}</c> for Paragon's own API.
/// </summary>
internal sealed class RequestBuilder
{
    private static readonly string UserAgent = BuildUserAgent();

    private readonly string _proxyPrefix;
    private readonly string _apiPrefix;
    private readonly bool _rawResponse;

    public RequestBuilder(Uri proxyBaseUrl, Uri apiBaseUrl, string projectId, bool rawResponse)
    {
        string project = Uri.EscapeDataString(projectId);
        _proxyPrefix = proxyBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + ProxyContract.ProxyRoot(project);
        _apiPrefix = apiBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + ProxyContract.ProjectRoot(project);
        _rawResponse = rawResponse;
    }

    /// <summary>Checks the description; everything wrong with it is an <see cref="ArgumentException"/> here, before anything is sent.</summary>
    /// <returns>The URL the call goes to.</returns>
    public Uri Check(ProxyRequest request, string? credentialId)
    {
        string pathAndQuery = ProxyPath.Check(request, credentialId);

        // One concatenation either way: the proxy path pays one enum check for the API host.
        return new Uri(request.Target == ProxyTarget.Api ? _apiPrefix + pathAndQuery : _proxyPrefix + request.Integration + pathAndQuery, UriKind.Absolute);
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
