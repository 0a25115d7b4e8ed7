using System.Runtime.CompilerServices;
using Paragon.Proxy;

namespace Paragon.Paging;

/// <summary>What a pageable takes from the client it sends through: the bounds of its enumerations, and whose tokens it makes.</summary>
internal sealed class PagingContext
{
    private static readonly ConditionalWeakTable<IProxyClient, PagingContext> Others = new();

    public PagingContext(int maxPages, int maxEmptyPages, ContinuationTokens tokens)
    {
        MaxPages = maxPages;
        MaxEmptyPages = maxEmptyPages;
        Tokens = tokens;
    }

    public int MaxPages { get; }

    public int MaxEmptyPages { get; }

    public ContinuationTokens Tokens { get; }

    /// <summary>The same bounds and key for one user.</summary>
    public PagingContext ForUser(string user) => new(MaxPages, MaxEmptyPages, Tokens.ForUser(user));

    /// <summary>
    /// The context of <paramref name="proxy"/>: its own when it is one of ours; else (a test double, a caller's decorator)
    /// the default bounds and a random key of that proxy client alone, under which its tokens resume only through it.
    /// </summary>
    public static PagingContext Of(IProxyClient proxy) =>
        proxy is IPagingClient client ? client.Paging
        : Others.GetValue(proxy, static _ => new PagingContext(ParagonPagingOptions.DefaultMaxPages, ParagonPagingOptions.DefaultMaxEmptyPages,
            ContinuationTokens.For(ContinuationTokens.Key(secret: null, signingKey: null), projectId: string.Empty, user: null)));
}

/// <summary>A proxy client that knows how its paged calls are bounded and whose tokens they make (<see cref="ParagonClient"/>, <see cref="ParagonUserClient"/>).</summary>
internal interface IPagingClient
{
    PagingContext Paging { get; }
}
