using System;
using System.Threading.Tasks;
using Paragon.Tokens;

namespace Paragon.Proxy;

/// <summary>
/// The token stage: the user's token for each attempt, not once per call. The token source's cache hands a token out only
/// while it has a margin of life left, so an attempt after a long wait (a <c>Retry-After</c>, a back-off) gets a fresh
/// token instead of resending one that died during the wait. A token Paragon itself refused is dropped from the cache.
/// </summary>
internal sealed class AttemptTokens(TokenSource source) : IDisposable
{
    private AuthorizationValue? _last;

    public bool HasDefaultUser => source.HasDefaultUser;

    /// <summary>The token for this attempt; the call's time-out firing while it is fetched is a <see cref="TimeoutException"/>.</summary>
    public async ValueTask<string> GetAsync(string? userId, ProxyRequest request, CallDeadline deadline)
    {
        try
        {
            return await source.GetTokenAsync(userId, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.Expired)
        {
            throw deadline.TokenTimedOut(request, ex);
        }
    }

    /// <summary>Paragon refused the token itself: the user's next attempt or call must not send it again.</summary>
    public void Refused(string? userId, string token) => source.Invalidate(userId, token);

    /// <summary>
    /// The Authorization value for a token. A cached token comes back as the same string call after call, so its header
    /// value (a JWT is some 500 characters) is built once rather than per call.
    /// </summary>
    public string Authorization(string token)
    {
        AuthorizationValue? last = _last;
        if (last is not null && ReferenceEquals(last.Token, token))
        {
            return last.Value;
        }

        last = new AuthorizationValue(token, "Bearer " + token);
        _last = last;
        return last.Value;
    }

    public void Dispose() => source.Dispose();

    private sealed class AuthorizationValue(string token, string value)
    {
        public string Token { get; } = token;

        public string Value { get; } = value;
    }
}
