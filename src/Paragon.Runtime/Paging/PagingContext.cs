using Paragon.Proxy;

namespace Paragon.Paging;

/// <summary>What a pageable takes from the client it sends through: the bounds of its enumerations.</summary>
internal sealed class PagingContext
{
    public PagingContext(int maxPages, int maxEmptyPages)
    {
        MaxPages = maxPages;
        MaxEmptyPages = maxEmptyPages;
    }

    public int MaxPages { get; }

    public int MaxEmptyPages { get; }

    /// <summary>
    /// The context of <paramref name="proxy"/>: its own when it is one of ours, else (a test double, a caller's decorator)
    /// the default bounds.
    /// </summary>
    public static PagingContext Of(IProxyClient proxy) =>
        proxy is IPagingClient client ? client.Paging : Fallback;

    private static readonly PagingContext Fallback = new(ParagonPagingOptions.DefaultMaxPages, ParagonPagingOptions.DefaultMaxEmptyPages);
}

/// <summary>A proxy client that knows how its paged calls are bounded (<see cref="ParagonClient"/>, <see cref="ParagonUserClient"/>).</summary>
internal interface IPagingClient
{
    PagingContext Paging { get; }
}
