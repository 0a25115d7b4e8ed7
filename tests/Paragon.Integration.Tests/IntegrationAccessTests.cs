using System.Threading.Tasks;
using Paragon.Integrations.Slack;

namespace Paragon.Integration.Tests;

/// <summary><c>paragon.Slack</c> is made once per client and kept (issue 16: a new client per access was an allocation per call).</summary>
public sealed class IntegrationAccessTests(IntegrationFixture fixture) : IClassFixture<IntegrationFixture>
{
    [Fact]
    public async Task The_generated_integration_client_is_kept_per_client_and_per_user_and_still_calls()
    {
        ParagonUserClient user = fixture.User;
        SlackClient slack = user.Slack;
        Assert.Same(slack, user.Slack);
        Assert.Same(user.HubSpot, user.HubSpot);
        Assert.Same(slack, user.Slack);

        ParagonUserClient other = user.WithCredential("cred-other");
        Assert.NotSame(slack, other.Slack);
        Assert.Same(other.Slack, other.Slack);

        ChatPostMessageResponse response = await user.Slack.ChatPostMessageAsync(new ChatPostMessageRequest { Channel = "C1", Text = "kept" });
        Assert.True(response.Ok);
    }
}
