using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Paragon.Testing;

/// <summary>
/// A Paragon-compatible Connect proxy on 127.0.0.1: it serves
/// <c>/projects/{projectId}/sdk/proxy/{integration}/{path}</c>, verifies the RS256 user token (signature, <c>aud</c>,
/// <c>exp</c>), answers 401 for bad tokens and 404 <c>integration_not_enabled</c> for integrations a user has not
/// connected, forwards to fake providers, and answers raw (<c>X-Paragon-Use-Raw-Response: 1</c>) or wrapped as
/// <c>{"output": …}</c>. On the same base URL it serves Paragon's user-scoped API (<see cref="Platform"/>) and ActionKit (<see cref="ActionKit"/>). Every request
/// is recorded for tests.
/// </summary>
public sealed partial class LocalParagonProxy : IAsyncDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Host", "Content-Length", "Connection", "Transfer-Encoding",
    };

    private readonly WebApplication _app;
    private readonly LocalProxyOptions _options;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private readonly ConnectionCounter _connections;

    private LocalParagonProxy(WebApplication app, LocalProxyOptions options, Uri baseUrl, ConnectionCounter connections)
    {
        _app = app;
        _connections = connections;
        _options = options;
        BaseUrl = baseUrl;
    }

    /// <summary>The proxy's base URL, for <c>ParagonClientOptions.ProxyBaseUrl</c>, for example <c>http://127.0.0.1:5123</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The project id the proxy serves.</summary>
    public string ProjectId => _options.ProjectId;

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>The most recent request.</summary>
    public RecordedRequest LastRequest => _requests.LastOrDefault() ?? throw new InvalidOperationException("The proxy has received no request.");

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>How many TCP connections the proxy has accepted since it started (or since <see cref="ResetConnectionCounts"/>).</summary>
    public long AcceptedConnections => Interlocked.Read(ref _connections.Accepted);

    /// <summary>How many TCP connections are open now.</summary>
    public long OpenConnections => Interlocked.Read(ref _connections.Open);

    /// <summary>The most connections open at once since the proxy started (or since <see cref="ResetConnectionCounts"/>).</summary>
    public long PeakOpenConnections => Interlocked.Read(ref _connections.Peak);

    /// <summary>Starts counting accepted and peak connections afresh (the peak from those open now).</summary>
    public void ResetConnectionCounts() => _connections.Reset();

    /// <summary>Starts a proxy on a free loopback port.</summary>
    /// <param name="options">Its project, keys and fake providers.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running proxy; dispose it to stop.</returns>
    public static async Task<LocalParagonProxy> StartAsync(LocalProxyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrustedKeys.Count == 0)
        {
            throw new ArgumentException("Trust at least one public key (TrustKey), or no token can be verified.", nameof(options));
        }

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        var connections = new ConnectionCounter();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            // Counted at the connection level, below HTTP, so that a test can prove how many sockets a client opened.
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => async connection =>
            {
                connections.Opened();
                try
                {
                    await next(connection).ConfigureAwait(false);
                }
                finally
                {
                    connections.Closed();
                }
            }));
            kestrel.AllowSynchronousIO = false;
        });
        builder.Services.AddRoutingCore();

        WebApplication app = builder.Build();
        LocalParagonProxy? proxy = null;
        app.Run(context => proxy!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy = new LocalParagonProxy(app, options, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), connections);
        return proxy;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        byte[] body = await ReadBodyAsync(request).ConfigureAwait(false);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        string? integration = null;
        string? providerTarget = null;
        string? userId = null;
        int status;
        try
        {
            (status, integration, providerTarget, userId) = await RouteAsync(context, rawTarget, headers, body).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            status = 500;
            await WriteJsonAsync(context.Response, 500, new JsonObject { ["message"] = "The fake provider failed: " + ex.Message, ["status"] = 500 }).ConfigureAwait(false);
        }

        _requests.Enqueue(new RecordedRequest(request.Method, rawTarget, headers, body, integration, providerTarget, userId, status));
    }

    private async Task<(int Status, string? Integration, string? ProviderTarget, string? UserId)> RouteAsync(
        HttpContext context, string rawTarget, Dictionary<string, string> headers, byte[] body)
    {
        HttpResponse response = context.Response;
        int queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        string rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        string rawQuery = queryStart < 0 ? string.Empty : rawTarget[(queryStart + 1)..];

        // /projects/{projectId}/sdk/proxy/{integration}/{provider path...}
        string[] segments = rawPath.Split('/');
        if (Paragon.Contract.ProxyContract.IsActionKitRoute(segments))
        {
            return await RouteActionKitAsync(context, segments, rawQuery, headers, body).ConfigureAwait(false);
        }

        if (IsPlatformPath(segments))
        {
            return await RoutePlatformAsync(context, segments, headers, body).ConfigureAwait(false);
        }

        if (!Paragon.Contract.ProxyContract.IsProxyRoute(segments))
        {
            return (await ParagonErrorAsync(response, 404, "Route not found.", "route_not_found", meta: null).ConfigureAwait(false), null, null, null);
        }

        string projectId = Uri.UnescapeDataString(segments[2]);

        // Paragon also routes a custom integration by its id: /sdk/proxy/custom/{integrationId}/{path...}.
        int integrationSegments = segments[5] == "custom" && segments.Length > 7 ? 2 : 1;
        string integration = Uri.UnescapeDataString(string.Join('/', segments.Skip(5).Take(integrationSegments)));
        string providerPath = "/" + string.Join('/', segments.Skip(5 + integrationSegments));
        string providerTarget = providerPath + (queryStart < 0 ? string.Empty : "?" + rawQuery);

        if (!string.Equals(projectId, _options.ProjectId, StringComparison.Ordinal))
        {
            return (await ParagonErrorAsync(response, 404, "Project not found.", "project_not_found", new JsonObject { ["projectId"] = projectId }).ConfigureAwait(false), integration, providerTarget, null);
        }

        string? authorization = headers.GetValueOrDefault("Authorization");
        string? problem = TokenVerifier.Verify(authorization, "useparagon.com/" + _options.ProjectId, _options.TrustedKeys, _options.ClockSkew, out string? userId);
        if (problem is not null)
        {
            return (await ParagonErrorAsync(response, 401, "Unauthorized: " + problem, "unauthorized", new JsonObject { ["projectId"] = _options.ProjectId }).ConfigureAwait(false), integration, providerTarget, null);
        }

        if (!_options.Providers.TryGetValue(integration, out FakeProvider? provider) || !Platform.IsConnected(userId!, integration))
        {
            var meta = new JsonObject { ["projectId"] = _options.ProjectId, ["endUserId"] = userId, ["integrationType"] = integration };
            return (await ParagonErrorAsync(response, 404, "Integration not enabled for user.", "integration_not_enabled", meta).ConfigureAwait(false), integration, providerTarget, userId);
        }

        var forwarded = headers.Where(h => !NotForwarded.Contains(h.Key) && !h.Key.StartsWith("X-Paragon-", StringComparison.OrdinalIgnoreCase))
                               .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        var fakeRequest = new FakeRequest(integration, context.Request.Method, Uri.UnescapeDataString(providerPath), providerTarget,
            ParseQuery(rawQuery), forwarded, body, userId!, headers.GetValueOrDefault("X-Paragon-Credential"), context.RequestAborted);
        FakeResponse answer = await provider(fakeRequest).ConfigureAwait(false);
        if (answer.AbortsConnection)
        {
            context.Abort();
            return (0, integration, providerTarget, userId);
        }

        bool raw = headers.GetValueOrDefault("X-Paragon-Use-Raw-Response") is "1" or "true";
        if (raw && !_options.AlwaysWrapOutput)
        {
            await WriteRawAsync(response, answer, context.RequestAborted).ConfigureAwait(false);
            return (answer.Status, integration, providerTarget, userId);
        }

        return (await WriteWrappedAsync(response, answer).ConfigureAwait(false), integration, providerTarget, userId);
    }

    private static async Task WriteRawAsync(HttpResponse response, FakeResponse answer, CancellationToken aborted)
    {
        response.StatusCode = answer.Status;
        foreach (KeyValuePair<string, string> header in answer.Headers)
        {
            response.Headers[header.Key] = header.Value;
        }

        if (answer.ContentType is not null)
        {
            response.ContentType = answer.ContentType;
        }

        if (answer.GeneratedLength is { } generated)
        {
            await WriteGeneratedAsync(response, generated, aborted).ConfigureAwait(false);
            return;
        }

        if (answer.AbortAfterBytes is { } cut)
        {
            // The headers promise the whole body; the connection dies part-way through it.
            response.ContentLength = answer.Body.Length;
            await response.StartAsync(aborted).ConfigureAwait(false);
            await response.Body.WriteAsync(answer.Body.AsMemory(0, Math.Min(cut, answer.Body.Length)), aborted).ConfigureAwait(false);
            await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            response.HttpContext.Abort();
            return;
        }

        if (answer.BodyDelay > TimeSpan.Zero)
        {
            response.ContentLength = answer.Body.Length;
            await response.StartAsync(aborted).ConfigureAwait(false);
            await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            try
            {
                await Task.Delay(answer.BodyDelay, aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up
            }
        }

        if (answer.Body.Length > 0)
        {
            await response.Body.WriteAsync(answer.Body, aborted).ConfigureAwait(false);
        }
    }

    private static async Task WriteGeneratedAsync(HttpResponse response, long length, CancellationToken aborted)
    {
        response.ContentLength = length;
        byte[] chunk = new byte[64 * 1024];
        for (long written = 0; written < length;)
        {
            int count = (int)Math.Min(chunk.Length, length - written);
            for (int i = 0; i < count; i++)
            {
                chunk[i] = FakeResponse.GeneratedByte(written + i);
            }

            await response.Body.WriteAsync(chunk.AsMemory(0, count), aborted).ConfigureAwait(false);
            written += count;
        }
    }

    /// <summary>Counts the connections Kestrel accepts, and the most open at once.</summary>
    private sealed class ConnectionCounter
    {
        public long Accepted;
        public long Open;
        public long Peak;

        public void Opened()
        {
            Interlocked.Increment(ref Accepted);
            long open = Interlocked.Increment(ref Open);
            long peak;
            while (open > (peak = Interlocked.Read(ref Peak)) && Interlocked.CompareExchange(ref Peak, open, peak) != peak)
            {
            }
        }

        public void Closed() => Interlocked.Decrement(ref Open);

        public void Reset()
        {
            Interlocked.Exchange(ref Accepted, 0);
            Interlocked.Exchange(ref Peak, Interlocked.Read(ref Open));
        }
    }

    /// <summary>Without the raw-response header Paragon parses the provider's answer and wraps it.</summary>
    private static async Task<int> WriteWrappedAsync(HttpResponse response, FakeResponse answer)
    {
        JsonNode? output = null;
        if (answer.Body.Length > 0)
        {
            try
            {
                output = JsonNode.Parse(answer.Body);
            }
            catch (JsonException)
            {
                output = JsonValue.Create(Encoding.UTF8.GetString(answer.Body));
            }
        }

        foreach (KeyValuePair<string, string> header in answer.Headers.Where(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)))
        {
            response.Headers[header.Key] = header.Value;
        }

        if (answer.Status is >= 200 and < 300)
        {
            await WriteJsonAsync(response, 200, new JsonObject { ["output"] = output }).ConfigureAwait(false);
            return 200;
        }

        var error = new JsonObject
        {
            ["message"] = "The integration's API returned an error.",
            ["status"] = answer.Status,
            ["meta"] = new JsonObject { ["isIntegrationError"] = true, ["status"] = answer.Status, ["response"] = output },
        };
        await WriteJsonAsync(response, answer.Status, error).ConfigureAwait(false);
        return answer.Status;
    }

    private static async Task<int> ParagonErrorAsync(HttpResponse response, int status, string message, string code, JsonObject? meta)
    {
        var body = new JsonObject { ["message"] = message, ["code"] = code, ["status"] = status };
        if (meta is not null)
        {
            body["meta"] = meta;
        }

        await WriteJsonAsync(response, status, body).ConfigureAwait(false);
        return status;
    }

    private static async Task WriteJsonAsync(HttpResponse response, int status, JsonNode body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(body.ToJsonString())).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Parses a query string or form body: '+' is a space, %XX is decoded, a repeated name keeps every value.</summary>
    internal static IReadOnlyDictionary<string, string[]> ParseQuery(string text)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Decode(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out List<string>? values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        return result.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }
}
