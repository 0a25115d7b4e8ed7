using System;
using System.Threading;

namespace Paragon.Proxy;

/// <summary>
/// The generated integration clients (<c>paragon.Slack</c>) made over one Paragon client, kept so that each access does not
/// allocate a new one. A generated client holds nothing but the client it was made over, so sharing it is safe.
/// </summary>
/// <remarks>
/// <para>The first integration goes in a field of the owner, so a user client made for one request (<c>ForUser(id)</c>) and
/// one integration costs nothing more; a second integration allocates a few more slots, once.</para>
/// <para>Slots are filled first come first served and never replaced: bounded whatever the application does, and a lookup
/// is a short scan with no lock. Past <see cref="Slots"/> integrations on one client, the rest are made per access, as
/// before. Two threads that race on an empty slot may each make a client; one is kept, both work.</para>
/// </remarks>
internal struct IntegrationClientCache
{
    /// <summary>How many integration clients one Paragon client keeps.</summary>
    internal const int Slots = 8;

    private object? _first;
    private object?[]? _more;

    public T GetOrAdd<T>(IProxyClient owner, Func<IProxyClient, T> create)
        where T : class
    {
        if (create is null)
        {
            throw new ArgumentNullException(nameof(create), "Pass the integration client's constructor, for example static c => new SlackClient(c).");
        }

        object? first = Volatile.Read(ref _first);
        if (first is T hit)
        {
            return hit;
        }

        if (first is null)
        {
            T made = create(owner);
            return Interlocked.CompareExchange(ref _first, made, null) switch
            {
                null => made,
                T other => other,
                _ => Keep(made),
            };
        }

        object?[] more = Volatile.Read(ref _more) ?? Interlocked.CompareExchange(ref _more, new object?[Slots - 1], null) ?? _more!;
        for (int i = 0; i < more.Length; i++)
        {
            object? slot = Volatile.Read(ref more[i]);
            if (slot is T found)
            {
                return found;
            }

            if (slot is null)
            {
                return Keep(create(owner));
            }
        }

        return create(owner);
    }

    /// <summary>Puts a client made for a type that is not kept yet in the first free slot, or returns the one kept meanwhile.</summary>
    private T Keep<T>(T made)
        where T : class
    {
        object?[] more = Volatile.Read(ref _more) ?? Interlocked.CompareExchange(ref _more, new object?[Slots - 1], null) ?? _more!;
        for (int i = 0; i < more.Length; i++)
        {
            object? slot = Interlocked.CompareExchange(ref more[i], made, null);
            if (slot is null)
            {
                return made;
            }

            if (slot is T found)
            {
                return found;
            }
        }

        return made;
    }
}
