// A customer's project: specs/slack.yaml is picked up by the packaged generator's props; the typed client it produces
// is called through the packaged in-memory IProxyClient, so this runs without a network.
using Paragon;
using Paragon.Integrations.Slack;
using Paragon.Testing;

var proxy = new InMemoryProxyClient()
    .On("POST", "slack", "/auth.test", ParagonResponse.FromJson("""{"ok":true,"url":"https://acme.slack.com/","team":"Acme","user":"ada","team_id":"T1","user_id":"U1"}"""));
AuthTestResponse answer = await new SlackClient(proxy).AuthTestAsync();
if (!answer.Ok || proxy.LastRequest.Path != "/auth.test" || proxy.LastRequest.OperationId != "auth.test")
{
    Console.Error.WriteLine("package consumer: FAILED");
    return 1;
}

Console.WriteLine($"package consumer: OK ({typeof(SlackClient).Assembly.GetName().Name} has {typeof(SlackClient).GetMethods().Count(m => m.Name.EndsWith("Async", StringComparison.Ordinal))} Slack methods; paragon.Slack is {nameof(Access)})");
return 0;

static SlackClient Access(ParagonClient paragon) => paragon.Slack;
