using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Paragon.Proxy;

namespace Paragon.Runtime.Tests;

/// <summary>
/// <c>paragon.Slack</c> gives the same integration client each time (issue 16: a new one per access was an allocation on
/// every call), per Paragon client and per user client, never one made over another user's client.
/// </summary>
public sealed class IntegrationClientCacheTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public void The_same_client_and_the_same_user_client_give_the_same_integration_client_each_time()
    {
        ParagonClient paragon = fixture.Client();
        Integration<int> first = paragon.IntegrationClient(static c => new Integration<int>(c));
        Assert.Same(first, paragon.IntegrationClient(static c => new Integration<int>(c)));
        Assert.Same(paragon, first.Owner);

        ParagonUserClient user = paragon.ForUser("user-cache");
        Integration<int> forUser = user.IntegrationClient(static c => new Integration<int>(c));
        Assert.Same(forUser, user.IntegrationClient(static c => new Integration<int>(c)));
        Assert.Same(user, forUser.Owner);
        Assert.NotSame(first, forUser);
    }

    [Fact]
    public void Another_user_or_another_credential_never_gets_a_client_made_for_someone_else()
    {
        ParagonClient paragon = fixture.Client();
        ParagonUserClient alice = paragon.ForUser("alice");
        ParagonUserClient bob = paragon.ForUser("bob");
        ParagonUserClient aliceWork = alice.WithCredential("cred-work");

        Assert.Same(alice, alice.IntegrationClient(static c => new Integration<int>(c)).Owner);
        Assert.Same(bob, bob.IntegrationClient(static c => new Integration<int>(c)).Owner);
        Assert.Same(aliceWork, aliceWork.IntegrationClient(static c => new Integration<int>(c)).Owner);
    }

    [Fact]
    public void Many_integrations_on_one_client_are_kept_up_to_the_bound_and_the_rest_still_work()
    {
        ParagonUserClient user = fixture.Client().ForUser("user-many");
        object[] first = Many(user);
        object[] second = Many(user);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.Equal(i < 8, ReferenceEquals(first[i], second[i]));
            Assert.Same(user, ((IOwned)second[i]).Owner);
        }
    }

    [Fact]
    public async Task Threads_that_race_for_the_first_access_all_get_a_working_client_and_one_is_kept()
    {
        for (int round = 0; round < 20; round++)
        {
            ParagonUserClient user = fixture.Client().ForUser("user-race-" + round);
            var seen = new ConcurrentBag<object>();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            {
                object client = (i % 3) switch
                {
                    0 => user.IntegrationClient(static c => new Integration<int>(c)),
                    1 => user.IntegrationClient(static c => new Integration<long>(c)),
                    _ => user.IntegrationClient(static c => new Integration<string>(c)),
                };
                Assert.Same(user, ((IOwned)client).Owner);
                seen.Add(client);
            })));

            // After the race each type has exactly one kept client, the same from now on.
            Assert.Same(user.IntegrationClient(static c => new Integration<int>(c)), user.IntegrationClient(static c => new Integration<int>(c)));
            Assert.Same(user.IntegrationClient(static c => new Integration<long>(c)), user.IntegrationClient(static c => new Integration<long>(c)));
            Assert.Same(user.IntegrationClient(static c => new Integration<string>(c)), user.IntegrationClient(static c => new Integration<string>(c)));
            Assert.Equal(3, seen.Select(c => c.GetType()).Distinct().Count());
        }
    }

    [Fact]
    public void A_missing_constructor_is_refused_with_what_to_pass()
    {
        var error = Assert.Throws<ArgumentNullException>(() => fixture.Client().IntegrationClient<Integration<int>>(null!));
        Assert.Contains("new SlackClient(c)", error.Message, StringComparison.Ordinal);
    }

    private static object[] Many(ParagonUserClient user) =>
    [
        user.IntegrationClient(static c => new Integration<byte>(c)), user.IntegrationClient(static c => new Integration<sbyte>(c)),
        user.IntegrationClient(static c => new Integration<short>(c)), user.IntegrationClient(static c => new Integration<ushort>(c)),
        user.IntegrationClient(static c => new Integration<int>(c)), user.IntegrationClient(static c => new Integration<uint>(c)),
        user.IntegrationClient(static c => new Integration<long>(c)), user.IntegrationClient(static c => new Integration<ulong>(c)),
        user.IntegrationClient(static c => new Integration<float>(c)), user.IntegrationClient(static c => new Integration<double>(c)),
    ];

    private interface IOwned
    {
        IProxyClient Owner { get; }
    }

    /// <summary>Stands for a generated integration client: one type per integration, made over the client it is given.</summary>
    private sealed class Integration<TTag>(IProxyClient owner) : IOwned
    {
        public IProxyClient Owner { get; } = owner;
    }
}
