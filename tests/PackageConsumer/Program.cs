// A customer's project: specs/slack.yaml is picked up by the packaged generator's props; the typed client it produces
// is called through a stand-in IProxyClient, so this runs without a network.
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Paragon;
using Paragon.Integrations.Slack;
using Paragon.Proxy;

var proxy = new CannedProxy();
AuthTestResponse answer = await new SlackClient(proxy).AuthTestAsync();
if (!answer.Ok || proxy.LastPath != "/auth.test" || proxy.LastIntegration != "slack")
{
    Console.Error.WriteLine("package consumer: FAILED");
    return 1;
}

Console.WriteLine($"package consumer: OK ({typeof(SlackClient).Assembly.GetName().Name} has {typeof(SlackClient).GetMethods().Count(m => m.Name.EndsWith("Async", StringComparison.Ordinal))} Slack methods; paragon.Slack is {nameof(Access)})");
return 0;

static SlackClient Access(ParagonClient paragon) => paragon.Slack;

internal sealed class CannedProxy : IProxyClient
{
    public string? LastPath { get; private set; }

    public string? LastIntegration { get; private set; }

    public Task<ParagonResponse> SendAsync(ProxyRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<T> SendAsync<T>(ProxyRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken = default)
    {
        LastPath = request.Path;
        LastIntegration = request.Integration;
        return Task.FromResult(JsonSerializer.Deserialize("""{"ok":true,"url":"https://acme.slack.com/","team":"Acme","user":"ada","team_id":"T1","user_id":"U1"}""", responseType)!);
    }
}
