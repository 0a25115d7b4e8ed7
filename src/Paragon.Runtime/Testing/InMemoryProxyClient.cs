using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Proxy;

namespace Paragon.Testing;

/// <summary>
/// An in-memory stand-in for Paragon, for unit tests of code that makes typed or raw calls: give it to a generated client
/// (<c>new SlackClient(fake)</c>), answer calls with <see cref="On(string, string, string, ParagonResponse)"/>, and assert
/// on <see cref="Requests"/>. It checks each request the way the real client does (integration, path, headers), so a
/// call the real client would refuse fails here too; an answer with a non-success status becomes a
/// <see cref="ParagonApiException"/>, as it would over the wire. Safe for concurrent use.
/// </summary>
/// <example>
/// <code>
/// var fake = new InMemoryProxyClient()
///     .On("POST", "slack", "/chat.postMessage", ParagonResponse.FromJson("{\"ok\":true}"));
/// await new SlackClient(fake).ChatPostMessageAsync(new ChatPostMessageRequest { Channel = "C1", Text = "hi" });
/// Assert.Equal("{\"channel\":\"C1\",\"text\":\"hi\"}", fake.LastRequest.Body!.ReadAsString());
/// </code>
/// </example>
public sealed class InMemoryProxyClient : IProxyClient
{
    private readonly object _gate = new();
    private readonly List<ProxyRequest> _requests = [];
    private readonly List<Route> _routes = [];
    private Func<ProxyRequest, ParagonResponse>? _fallback;

    /// <summary>Every request sent so far, in order (a snapshot).</summary>
    public IReadOnlyList<ProxyRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>The last request sent.</summary>
    /// <exception cref="InvalidOperationException">Nothing was sent yet.</exception>
    public ProxyRequest LastRequest
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count > 0 ? _requests[_requests.Count - 1] : throw new InvalidOperationException("No request was sent to this InMemoryProxyClient.");
            }
        }
    }

    /// <summary>Answers calls to one operation with the same response each time.</summary>
    /// <param name="method">The HTTP method, for example <c>POST</c>.</param>
    /// <param name="integration">The integration, for example <c>slack</c>.</param>
    /// <param name="path">The path as the request writes it: a template (<c>/pets/{petId}</c>) or the path sent (<c>/pets/7</c>), without the query.</param>
    /// <param name="response">The answer; a non-success status is raised as a <see cref="ParagonApiException"/>.</param>
    /// <returns>This client, for chaining.</returns>
    public InMemoryProxyClient On(string method, string integration, string path, ParagonResponse response)
    {
        if (response is null)
        {
            throw new ArgumentNullException(nameof(response));
        }

        return On(method, integration, path, _ => response);
    }

    /// <summary>Answers calls to one operation by computing the response from the request.</summary>
    /// <param name="method">The HTTP method, for example <c>POST</c>.</param>
    /// <param name="integration">The integration, for example <c>slack</c>.</param>
    /// <param name="path">The path as the request writes it: a template (<c>/pets/{petId}</c>) or the path sent (<c>/pets/7</c>), without the query.</param>
    /// <param name="respond">Makes the answer; it may also throw, for example a <see cref="ParagonApiException"/> made with <see cref="ParagonApiException.Create"/>.</param>
    /// <returns>This client, for chaining.</returns>
    public InMemoryProxyClient On(string method, string integration, string path, Func<ProxyRequest, ParagonResponse> respond)
    {
        if (string.IsNullOrWhiteSpace(method) || string.IsNullOrWhiteSpace(integration) || string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("Name the method, integration and path of the call to answer, for example (\"POST\", \"slack\", \"/chat.postMessage\").");
        }

        lock (_gate)
        {
            _routes.Add(new Route(method, integration, path, respond ?? throw new ArgumentNullException(nameof(respond))));
        }

        return this;
    }

    /// <summary>Answers every call that no <see cref="On(string, string, string, ParagonResponse)"/> route matches.</summary>
    /// <param name="respond">Makes the answer.</param>
    /// <returns>This client, for chaining.</returns>
    public InMemoryProxyClient OnAnyOther(Func<ProxyRequest, ParagonResponse> respond)
    {
        lock (_gate)
        {
            _fallback = respond ?? throw new ArgumentNullException(nameof(respond));
        }

        return this;
    }

    /// <inheritdoc />
    public Task<ParagonResponse> SendAsync(ProxyRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        cancellationToken.ThrowIfCancellationRequested();

        // The same checks as the real funnel, so that a test does not pass with a call Paragon would never receive.
        string pathAndQuery = ProxyPath.Check(request, request.CredentialId);

        string sentPath = ProxyPath.StripQuery(pathAndQuery);
        Func<ProxyRequest, ParagonResponse>? respond;
        lock (_gate)
        {
            _requests.Add(request);
            respond = _fallback;
            for (int i = _routes.Count - 1; i >= 0; i--)
            {
                Route route = _routes[i];
                if (string.Equals(route.Method, request.Method.Method, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(route.Integration, request.Integration, StringComparison.Ordinal)
                    && (string.Equals(route.Path, ProxyPath.StripQuery(request.Path), StringComparison.Ordinal) || string.Equals(route.Path, sentPath, StringComparison.Ordinal)
                        || string.Equals(route.Path, Uri.UnescapeDataString(sentPath), StringComparison.Ordinal)))
                {
                    respond = route.Respond;
                    break;
                }
            }
        }

        if (respond is null)
        {
            throw new InvalidOperationException($"No answer was set up for {request.Method.Method} {request.Integration} {ProxyPath.StripQuery(request.Path)}: call On(\"{request.Method.Method}\", \"{request.Integration}\", \"{ProxyPath.StripQuery(request.Path)}\", …) first.");
        }

        ParagonResponse response = respond(request) ?? throw new InvalidOperationException($"The answer for {request.Method.Method} {request.Integration} {ProxyPath.StripQuery(request.Path)} was null.");
        if ((int)response.StatusCode is < 200 or > 299)
        {
            string body = response.IsBuffered ? response.ReadAsString() : string.Empty;
            throw ParagonApiException.Create(response.StatusCode, request.Integration, request.Method.Method, ProxyPath.StripQuery(request.Path), body, response.Headers);
        }

        // The canned response may answer many calls, so it is not told which one this is: ProxyCalls names the call itself.
        return Task.FromResult(response);
    }


    private sealed record Route(string Method, string Integration, string Path, Func<ProxyRequest, ParagonResponse> Respond);
}
