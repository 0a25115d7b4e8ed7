using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Paragon.Integrations.GitHub;
using Paragon.Integrations.Slack;
using Paragon.Proxy;
using Paragon.Testing;

namespace Paragon.Integration.Tests;

// The README's "Testing your code" example, compiled and run as it is written there.

/// <summary>Application code under test: it takes a SlackClient (in production, <c>paragon.ForUser(id).Slack</c>).</summary>
public sealed class DeployNotifier(SlackClient slack)
{
    public async Task<string> NotifyAsync(string channel, string version)
    {
        ChatPostMessageResponse sent = await slack.ChatPostMessageAsync(new ChatPostMessageRequest { Channel = channel, Text = $"Deployed {version}" });
        return sent.Ts!;
    }
}

public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task The_notifier_posts_the_version_to_the_channel()
    {
        var paragon = new InMemoryProxyClient()
            .On("POST", "slack", "/chat.postMessage", ParagonResponse.FromJson("""{"ok":true,"channel":"C1","ts":"1700000000.000100"}"""));

        string ts = await new DeployNotifier(new SlackClient(paragon)).NotifyAsync("C1", "v2.1");

        ProxyRequest sent = Assert.Single(paragon.Requests);
        Assert.Equal("chat.postMessage", sent.OperationId);
        Assert.Equal("/chat.postMessage", sent.ToPathAndQuery());
        Assert.Equal("""{"channel":"C1","text":"Deployed v2.1"}""", sent.Body!.ReadAsString());
        Assert.Equal("1700000000.000100", ts);
    }

    [Fact]
    public async Task A_stubbed_error_reaches_the_code_as_the_real_client_would_raise_it()
    {
        var paragon = new InMemoryProxyClient()
            .On("POST", "slack", "/chat.postMessage", ParagonResponse.FromJson("""{"message":"not connected","code":"integration_not_enabled"}""", System.Net.HttpStatusCode.NotFound));

        var error = await Assert.ThrowsAsync<ParagonApiException>(() => new DeployNotifier(new SlackClient(paragon)).NotifyAsync("C1", "v2.1"));
        Assert.Equal("integration_not_enabled", error.ErrorCode);
        Assert.True(error.IsParagonError);
        Assert.Equal("/chat.postMessage", error.Path);
    }

    [Fact]
    public async Task A_call_nobody_set_up_says_how_to_set_it_up()
    {
        var paragon = new InMemoryProxyClient();
        var error = await Assert.ThrowsAsync<System.InvalidOperationException>(() => new SlackClient(paragon).AuthTestAsync());
        Assert.Contains("On(\"POST\", \"slack\", \"/auth.test\"", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fake_made_by_the_model_factory_reads_back()
    {
        Issue issue = GitHubModelFactory.Issue(title: "Crash on start", number: 7);   // id, state: placeholders
        var paragon = new InMemoryProxyClient().On("GET", "github", "/repos/{owner}/{repo}/issues",
            ParagonResponse.FromJson(JsonSerializer.Serialize([issue], GitHubJsonContext.Default.ListOfIssue)));

        List<Issue> issues = await new GitHubClient(paragon).IssuesListForRepoAsync("octo", "hello");   // reads back strictly

        Issue read = Assert.Single(issues);
        Assert.Equal("Crash on start", read.Title);
        Assert.Equal(7, read.Number);
        Assert.Equal(string.Empty, read.State);
        Assert.Null(read.User);
    }
}
