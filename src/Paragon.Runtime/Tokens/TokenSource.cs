using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Tokens;

/// <summary>Where a call's Paragon User Token comes from: minted, static, or supplied by the application.</summary>
internal abstract class TokenSource : IDisposable
{
    /// <summary>Whether calls can be made without naming a user (a static token).</summary>
    public virtual bool HasDefaultUser => false;

    /// <summary>Gets the token for a user; <paramref name="userId"/> is <see langword="null"/> for the static token's user.</summary>
    public abstract ValueTask<string> GetTokenAsync(string? userId, CancellationToken cancellationToken);

    /// <summary>Forgets a cached token that Paragon refused, so that the user's next call gets a fresh one.</summary>
    public virtual void Invalidate(string? userId, string token)
    {
    }

    public virtual void Dispose()
    {
    }

    /// <summary>
    /// A token goes into the Authorization header, so it must be a bearer token (RFC 6750: letters, digits and
    /// <c>-._~+/</c>, then <c>=</c> padding). Surrounding whitespace (a token read from a file) is trimmed; a line break or
    /// any other character inside it would split the request, so it is refused.
    /// </summary>
    internal static bool TryNormalize(string? token, out string normalized)
    {
        normalized = token?.Trim() ?? string.Empty;
        if (normalized.Length == 0)
        {
            return false;
        }

        int i = 0;
        while (i < normalized.Length && IsTokenChar(normalized[i]))
        {
            i++;
        }

        if (i == 0)
        {
            return false;
        }

        while (i < normalized.Length && normalized[i] == '=')
        {
            i++;
        }

        return i == normalized.Length;

        static bool IsTokenChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '-' or '.' or '_' or '~' or '+' or '/';
    }

    /// <summary>Reads <c>sub</c> from a JWT's payload without verifying it: only to tell whose continuation tokens a static token's client makes.</summary>
    internal static string? TryReadSubject(string token)
    {
        using JsonDocument? payload = ReadPayload(token);
        return payload is not null && payload.RootElement.TryGetProperty("sub", out JsonElement sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
    }

    /// <summary>A JWT's payload when it is a JSON object, else <see langword="null"/> (the token is opaque).</summary>
    internal static JsonDocument? ReadPayload(string token)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        JsonDocument? payload = null;
        try
        {
            payload = JsonDocument.Parse(Base64Url.Decode(parts[1]));
            if (payload.RootElement.ValueKind == JsonValueKind.Object)
            {
                return payload;
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
        }

        payload?.Dispose();
        return null;
    }
}

internal sealed class StaticTokenSource(string token) : TokenSource
{
    public override bool HasDefaultUser => true;

    public override ValueTask<string> GetTokenAsync(string? userId, CancellationToken cancellationToken) =>
        userId is null
            ? new ValueTask<string>(token)
            : throw new InvalidOperationException("This client was given one UserToken, which belongs to one user. To act for users by id, set SigningKey or TokenProvider instead.");
}

/// <summary>Mints a token per user with the project's signing key and reuses it until shortly before it expires.</summary>
internal sealed class SigningKeyTokenSource(UserTokenSigner signer, TimeSpan lifetime, Func<DateTimeOffset> clock) : TokenSource
{
    private readonly TokenCache _cache = new(clock);

    public override ValueTask<string> GetTokenAsync(string? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            throw new InvalidOperationException("This client mints a token per user: call ForUser(userId) first, then make the call on the user client it returns.");
        }

        if (_cache.TryGet(userId, out string? cached))
        {
            return new ValueTask<string>(cached);
        }

        DateTimeOffset now = clock();
        string token = signer.Mint(userId, now, now + lifetime);
        _cache.Set(userId, token, now + lifetime, lifetime);
        return new ValueTask<string>(token);
    }

    public override void Invalidate(string? userId, string token)
    {
        if (userId is not null)
        {
            _cache.Remove(userId, token);
        }
    }

    public override void Dispose()
    {
        signer.Dispose();
        base.Dispose();
    }
}

/// <summary>Asks the application for a token; tokens that say when they expire are reused until shortly before then.</summary>
internal sealed class ProviderTokenSource(Func<string, CancellationToken, ValueTask<string>> provider, TimeSpan timeout, Func<DateTimeOffset> clock) : TokenSource
{
    private readonly TokenCache _cache = new(clock);

    // One request to the provider per user at a time: a burst of calls for a new user shares the first one's token.
    private readonly ConcurrentDictionary<string, Task<string>> _inFlight = new(StringComparer.Ordinal);

    public override async ValueTask<string> GetTokenAsync(string? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            throw new InvalidOperationException("This client gets tokens from TokenProvider per user: call ForUser(userId) first, then make the call on the user client it returns.");
        }

        if (_cache.TryGet(userId, out string? cached))
        {
            return cached;
        }

        Task<string> task = _inFlight.TryGetValue(userId, out Task<string>? running) ? running : StartFetch(userId);

#if NET6_0_OR_GREATER
        return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
#else
        return await WaitAsync(task, cancellationToken).ConfigureAwait(false);
#endif
    }

    public override void Invalidate(string? userId, string token)
    {
        if (userId is not null)
        {
            _cache.Remove(userId, token);
        }
    }

    private Task<string> StartFetch(string userId)
    {
        var shared = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> winner = _inFlight.GetOrAdd(userId, shared.Task);
        if (winner == shared.Task)
        {
            _ = RunFetchAsync(userId, shared);
        }

        return winner;
    }

    private async Task RunFetchAsync(string userId, TaskCompletionSource<string> shared)
    {
        string? token = null;
        Exception? failure = null;
        try
        {
            token = await FetchAsync(userId).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        // The fetch leaves the table before anyone sees its outcome, so the next call asks the provider again rather than
        // reusing an old failure, even if every caller waiting for it gave up. Only this fetch is removed, never a newer one.
        ((System.Collections.Generic.ICollection<System.Collections.Generic.KeyValuePair<string, Task<string>>>)_inFlight)
            .Remove(new System.Collections.Generic.KeyValuePair<string, Task<string>>(userId, shared.Task));
        if (failure is null)
        {
            shared.TrySetResult(token!);
        }
        else
        {
            shared.TrySetException(failure);
        }
    }

    private async Task<string> FetchAsync(string userId)
    {
        // The shared fetch must not die with the first caller's cancellation (each caller waits with its own token), but a
        // provider stuck on a dead connection must not hold the user forever either: it gets a token cancelled at the limit,
        // and the fetch ends at the limit whether or not the provider notices.
        var limit = new CancellationTokenSource();
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            limit.CancelAfter(timeout);
        }

        string raw;
        Task<string>? call = null;
        bool abandoned = false;
        try
        {
            call = provider(userId, limit.Token).AsTask();
#if NET6_0_OR_GREATER
            raw = await call.WaitAsync(limit.Token).ConfigureAwait(false);
#else
            raw = await WaitAsync(call, limit.Token).ConfigureAwait(false);
#endif
        }
        catch (OperationCanceledException ex) when (limit.IsCancellationRequested)
        {
            if (call is not null && !call.IsCompleted)
            {
                // A provider that ignores its token may still fail later; nobody waits for it any more.
                _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            abandoned = true;
            throw new TimeoutException($"TokenProvider did not return a user's token within {timeout.TotalSeconds:0.###} s. Raise ParagonClientOptions.TokenProviderTimeout if your identity provider needs longer.", ex);
        }
        finally
        {
            // Left undisposed when abandoned: the provider may still register on its token, which must then still work.
            if (!abandoned)
            {
                limit.Dispose();
            }
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new InvalidOperationException("TokenProvider returned no token for a user (null or empty).");
        }

        if (!TryNormalize(raw, out string token))
        {
            // The token itself is never quoted: it is a secret.
            throw new InvalidOperationException("TokenProvider returned a token that is not a bearer token (it has spaces, line breaks or other characters a JWT cannot hold).");
        }

        if (TryReadExpiry(token, out DateTimeOffset expiresAt, out TimeSpan lifetime))
        {
            _cache.Set(userId, token, expiresAt, lifetime);
        }

        return token;
    }

    /// <summary>Reads <c>exp</c> (and <c>iat</c>) from a JWT's payload without verifying it: only to know how long to cache it.</summary>
    internal static bool TryReadExpiry(string token, out DateTimeOffset expiresAt, out TimeSpan lifetime)
    {
        expiresAt = default;
        lifetime = default;
        using JsonDocument? payload = ReadPayload(token);
        if (payload is null || !payload.RootElement.TryGetProperty("exp", out JsonElement exp) || !exp.TryGetInt64(out long expSeconds))
        {
            return false;
        }

        try
        {
            expiresAt = DateTimeOffset.FromUnixTimeSeconds(expSeconds);
            lifetime = payload.RootElement.TryGetProperty("iat", out JsonElement iat) && iat.TryGetInt64(out long iatSeconds)
                ? TimeSpan.FromSeconds(Math.Max(0, expSeconds - iatSeconds))
                : TimeSpan.FromHours(1);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

#if !NET6_0_OR_GREATER
    private static async Task<string> WaitAsync(Task<string> task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || task.IsCompleted)
        {
            return await task.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return await task.ConfigureAwait(false);
    }
#endif
}
