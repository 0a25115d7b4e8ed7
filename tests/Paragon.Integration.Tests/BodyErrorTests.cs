using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Paragon.Integrations.Slack;
using Paragon.Paging;
using Paragon.Testing;

namespace Paragon.Integration.Tests;

/// <summary>
/// Errors answered with HTTP 200: Slack's <c>{"ok": false, "error": …}</c>. A typed call and a paged enumeration throw
/// <see cref="ParagonApiException"/> (status 200, the provider's code, the body kept); a success with a warning stays a
/// success; the raw <c>RequestAsync</c> hands back what Slack sent.
/// </summary>
public sealed class BodyErrorTests(IntegrationFixture fixture) : IClassFixture<IntegrationFixture>
{
    [Fact]
    public async Task Slack_ok_false_is_a_ParagonApiException_with_the_providers_code_and_body()
    {
        var thrown = await Assert.ThrowsAsync<ParagonApiException>(() =>
            fixture.User.Slack.ChatPostMessageAsync(new ChatPostMessageRequest { Channel = "C_MISSING", Text = "lost?" }));

        Assert.Equal(HttpStatusCode.OK, thrown.StatusCode);
        Assert.Equal("channel_not_found", thrown.ErrorCode);
        Assert.Equal(ParagonErrorSource.Provider, thrown.ErrorSource);
        Assert.Equal("slack", thrown.Integration);
        Assert.Equal("/chat.postMessage", thrown.Path);
        Assert.False(JsonDocument.Parse(thrown.ResponseBody).RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains("\"ok\": false", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("(channel_not_found)", thrown.Message, StringComparison.Ordinal);

        var withResponse = await Assert.ThrowsAsync<ParagonApiException>(() =>
            fixture.User.Slack.ChatPostMessageWithResponseAsync(new ChatPostMessageRequest { Channel = "C_MISSING", Text = "lost?" }));
        Assert.Equal("channel_not_found", withResponse.ErrorCode);
    }

    [Fact]
    public async Task A_success_with_a_warning_stays_a_success()
    {
        ChatPostMessageResponse response = await fixture.User.Slack.ChatPostMessageAsync(new ChatPostMessageRequest { Channel = "C_WARN", Text = "hi" });
        Assert.True(response.Ok);
        Assert.Equal("C_WARN", response.Channel);
    }

    [Fact]
    public async Task A_spec_of_the_slack_integration_that_declares_nothing_gets_Slacks_rule_from_the_runtime()
    {
        var thrown = await Assert.ThrowsAsync<ParagonApiException>(() =>
            fixture.User.SlackBare.ChatPostMessageAsync(new Paragon.Integrations.SlackBare.ChatPostMessageRequest { Channel = "C_MISSING" }));
        Assert.Equal(HttpStatusCode.OK, thrown.StatusCode);
        Assert.Equal("channel_not_found", thrown.ErrorCode);
        Assert.Equal(ParagonErrorSource.Provider, thrown.ErrorSource);

        var posted = await fixture.User.SlackBare.ChatPostMessageAsync(new Paragon.Integrations.SlackBare.ChatPostMessageRequest { Channel = "C0001" });
        Assert.True(posted.Ok);
    }

    [Fact]
    public async Task The_raw_RequestAsync_returns_what_Slack_sent()
    {
        using ParagonResponse response = await fixture.User.RequestAsync("slack", "/chat.postMessage",
            new ParagonRequestOptions { Method = System.Net.Http.HttpMethod.Post, Body = JsonDocument.Parse("""{"channel":"C_MISSING"}""").RootElement });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("channel_not_found", response.ReadAsJson().GetProperty("error").GetString());
    }
}

/// <summary>A paged enumeration whose later page is Slack's <c>missing_scope</c> ends with the error, never quietly.</summary>
public sealed class BodyErrorPagingTests(PagingFixture fixture) : IClassFixture<PagingFixture>
{
    [Fact]
    public async Task Slack_missing_scope_on_a_later_page_throws_after_the_items_before_it_with_the_scopes_in_the_message()
    {
        var items = new List<Conversation>();
        var thrown = await Assert.ThrowsAsync<ParagonApiException>(async () =>
        {
            await foreach (Conversation channel in fixture.Client.ForUser("scope-" + Guid.NewGuid().ToString("N")).Slack.ConversationsListPagedAsync(teamId: "no_scope"))
            {
                items.Add(channel);
            }
        });

        Assert.Equal(["channel-1", "channel-2"], items.Select(c => c.Name));
        Assert.Equal(HttpStatusCode.OK, thrown.StatusCode);
        Assert.Equal("missing_scope", thrown.ErrorCode);
        Assert.Equal(ParagonErrorSource.Provider, thrown.ErrorSource);
        Assert.Contains("needed: channels:read", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("provided: chat:write", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("\"missing_scope\"", thrown.ResponseBody, StringComparison.Ordinal);
    }
}
