using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Paragon.Proxy;
using Paragon.Testing;

namespace Paragon.Runtime.Tests;

/// <summary>No token and no piece of the signing key in anything the fault suite shows a caller or an operator: exception messages and ToString(), every log line (ours and IHttpClientFactory's, at Trace), every activity name, tag and event.</summary>
[Collection(FaultSuite.Name)]
public sealed class SecretTests(FaultFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Neither_a_token_nor_the_signing_key_appears_in_any_fault_message_exception_or_response()
    {
        var scenarios = new FaultScenarios(fixture);
        await scenarios.DroppedMidResponseAsync(HttpMethod.Get);
        await scenarios.DroppedMidResponseAsync(HttpMethod.Post);
        await scenarios.RefusedAsync();
        await scenarios.TimedOutAsync();
        await scenarios.CancelledAsync();
        await scenarios.TruncatedJsonAsync();
        foreach (int status in new[] { 429, 503 })
        {
            foreach (string retryAfter in new[] { "0", "-1", "86400", "past" })
            {
                await scenarios.RetryAfterWaitsAsync(status, retryAfter);
            }
        }

        // A successful call's response and request, as a log line would print them.
        using (ParagonClient client = fixture.CreateClient())
        {
            var request = new ProxyRequest("nonce", HttpMethod.Get, "/call");
            using ParagonResponse response = await client.ForUser("u-secret").SendAsync(request);
            fixture.Exposed.Enqueue(response.ToString()!);
            fixture.Exposed.Enqueue(request.ToString());
        }

        string[] tokens = fixture.Proxy.Requests.Select(r => r.Header("Authorization"))
            .OfType<string>().Select(a => a["Bearer ".Length..]).Distinct(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(tokens);

        // The whole token, and its signature alone (a cut-off token still leaks it); each line of the key's PEM body.
        var secrets = new List<string>();
        foreach (string token in tokens)
        {
            secrets.Add(token);
            secrets.Add(token[(token.LastIndexOf('.') + 1)..]);
        }

        secrets.AddRange(fixture.Key.PrivateKeyPem.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith("-----", StringComparison.Ordinal)));
        secrets.Add(string.Concat(secrets.Skip(tokens.Length * 2)));
        Assert.True(secrets.Count >= tokens.Length * 2 + 20, "The key's PEM body was not split into its lines.");
        string[] exposed = [.. fixture.Exposed];
        Assert.True(exposed.Length >= 20, $"Only {exposed.Length} texts were captured: the scenarios did not run.");
        Assert.Contains(exposed, text => text.StartsWith("Paragon.Typed Warning: ", StringComparison.Ordinal)); // our log lines
        Assert.Contains(exposed, text => text.StartsWith("Paragon.Typed Debug: HTTP ", StringComparison.Ordinal)); // each attempt (in place of the factory's loggers)
        Assert.Contains(exposed, text => text.StartsWith("paragon.integration=", StringComparison.Ordinal)); // our span's tags
        Assert.Contains(exposed, text => text.StartsWith("url.full=", StringComparison.Ordinal)); // System.Net.Http's span

        var hits = (from text in exposed from secret in secrets where text.Contains(secret, StringComparison.Ordinal) select text).ToList();
        output.WriteLine($"searched {exposed.Length} texts ({exposed.Count(t => t.StartsWith("Paragon.Typed ", StringComparison.Ordinal) || t.StartsWith("System.Net.Http.", StringComparison.Ordinal))} log lines; " +
            $"{exposed.Count(t => t.Contains('=', StringComparison.Ordinal) && !t.Contains(' ', StringComparison.Ordinal))} activity tags) for {secrets.Count} secrets " +
            $"({tokens.Length} tokens and their signatures, {secrets.Count - tokens.Length * 2} pieces of the key): {hits.Count} hits");
        Assert.True(hits.Count == 0, "A secret appears in: " + string.Join("\n---\n", hits.Take(3)));
    }
}
