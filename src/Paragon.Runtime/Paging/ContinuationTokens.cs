using System;
using System.Security.Cryptography;
using System.Text;
using Paragon.Proxy;
using Paragon.Tokens;

namespace Paragon.Paging;

/// <summary>
/// Seals a provider's cursor or link into a continuation token that resumes only for one user of one project and one
/// paged operation, and opens it again. A token is handed to browsers and queues and comes back from them: unsealed, it
/// would be any path on the integration, sent as whoever resumes it.
/// </summary>
/// <remarks>
/// <c>p1.</c> + base64url(user tag · operation tag · the provider's token · HMAC-SHA256 over the version and all before it).
/// The tags are keyed hashes (16 bytes each), so the token tells which binding failed without carrying the user id; the
/// provider's token is readable, not encrypted. No expiry: a provider's cursor expires by itself, and the binding is what
/// keeps a token to its owner.
/// </remarks>
internal sealed class ContinuationTokens
{
    private const string Version = "p1";
    private const int TagLength = 16;
    private const int MacLength = 32;

    /// <summary>The longest token opened: 64 KiB of text, far past any provider's cursor or link.</summary>
    internal const int MaxTokenLength = 64 * 1024;

    private static readonly byte[] KeyLabel = Encoding.UTF8.GetBytes("Paragon.Typed continuation tokens v1");

    private readonly byte[] _key;
    private readonly string _projectId;
    private readonly byte[] _userTag;

    private ContinuationTokens(byte[] key, string projectId, string? user)
    {
        _key = key;
        _projectId = projectId;
        _userTag = Tag(key, "user", projectId, user ?? string.Empty);
    }

    /// <summary>The tokens of <paramref name="user"/> (<see langword="null"/>: the project only) under <paramref name="key"/>.</summary>
    public static ContinuationTokens For(byte[] key, string projectId, string? user) => new(key, projectId, user);

    /// <summary>A key from the caller's secret, the project's RSA signing key, or else a random one for this client alone.</summary>
    public static byte[] Key(string? secret, RSA? signingKey)
    {
        if (secret is not null)
        {
            return Hmac(Encoding.UTF8.GetBytes(secret), KeyLabel);
        }

        if (signingKey is not null)
        {
            // The private exponent keys an HMAC of a fixed label: the key material itself never leaves the RSA object.
            return Hmac(signingKey.ExportParameters(includePrivateParameters: true).D!, KeyLabel);
        }

        var random = new byte[32];
        using (RandomNumberGenerator generator = RandomNumberGenerator.Create())
        {
            generator.GetBytes(random);
        }

        return random;
    }

    /// <summary>The tokens of the same key and project for another user.</summary>
    public ContinuationTokens ForUser(string user) => new(_key, _projectId, user);

    /// <summary>What binds a token to one operation: its integration, method, path template, operation id and way of paging.</summary>
    public byte[] OperationTag(ProxyRequest first, ParagonPaging paging) =>
        Tag(_key, "operation", first.Integration, first.Method.Method, first.Path, first.OperationId ?? string.Empty, paging.GetType().Name);

    public string Seal(byte[] operationTag, string providerToken)
    {
        byte[] token = Encoding.UTF8.GetBytes(providerToken);
        var payload = new byte[TagLength * 2 + token.Length + MacLength];
        Buffer.BlockCopy(_userTag, 0, payload, 0, TagLength);
        Buffer.BlockCopy(operationTag, 0, payload, TagLength, TagLength);
        Buffer.BlockCopy(token, 0, payload, TagLength * 2, token.Length);
        Buffer.BlockCopy(Mac(payload), 0, payload, payload.Length - MacLength, MacLength);
        return Version + "." + Base64Url.Encode(payload);
    }

    /// <summary>The provider's token inside <paramref name="token"/>, or an <see cref="ArgumentException"/> saying what is wrong (never the token or a user).</summary>
    public string Open(byte[] operationTag, string token, string parameterName)
    {
        if (token.Length > MaxTokenLength)
        {
            // A token comes back from browsers and queues: one that large is not ours, and is not decoded.
            throw new ArgumentException($"The continuation token is {token.Length} characters long, more than any this library makes ({MaxTokenLength}).", parameterName);
        }

        byte[]? payload = Decode(token);
        if (payload is null)
        {
            throw new ArgumentException("The continuation token is not a continuation token of this library: pass back a ParagonPage.ContinuationToken unchanged (the provider's own cursor or link is not accepted).", parameterName);
        }

        if (!FixedTimeEquals(Mac(payload), payload, payload.Length - MacLength))
        {
            throw new ArgumentException("The continuation token was altered, or was made by a client with another key: to resume tokens across processes, give every client the same SigningKey or ParagonClientOptions.Paging.ContinuationTokenKey.", parameterName);
        }

        if (!FixedTimeEquals(_userTag, payload, 0))
        {
            throw new ArgumentException("The continuation token belongs to another user (or project): a token resumes only for the user whose pages it came from.", parameterName);
        }

        if (!FixedTimeEquals(operationTag, payload, TagLength))
        {
            throw new ArgumentException("The continuation token belongs to another operation: a token resumes only the paged operation (and way of paging) it came from.", parameterName);
        }

        return Encoding.UTF8.GetString(payload, TagLength * 2, payload.Length - TagLength * 2 - MacLength);
    }

    private static byte[]? Decode(string token)
    {
        if (!token.StartsWith(Version + ".", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            byte[] payload = Base64Url.Decode(token.Substring(Version.Length + 1));
            return payload.Length > TagLength * 2 + MacLength ? payload : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The MAC of everything but the MAC's own place at the end, the version included.</summary>
    private byte[] Mac(byte[] payload)
    {
        using var hmac = new HMACSHA256(_key);
        byte[] version = Encoding.ASCII.GetBytes(Version);
        hmac.TransformBlock(version, 0, version.Length, null, 0);
        hmac.TransformFinalBlock(payload, 0, payload.Length - MacLength);
        return hmac.Hash!;
    }

    private static byte[] Tag(byte[] key, params string[] parts)
    {
        // Parts are joined with NUL, which none of them holds (names and ids are checked for control characters).
        byte[] tag = new byte[TagLength];
        Buffer.BlockCopy(Hmac(key, Encoding.UTF8.GetBytes(string.Join("\0", parts))), 0, tag, 0, TagLength);
        return tag;
    }

    private static byte[] Hmac(byte[] key, byte[] data)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(data);
    }

    private static bool FixedTimeEquals(byte[] expected, byte[] actual, int offset)
    {
        int difference = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            difference |= expected[i] ^ actual[offset + i];
        }

        return difference == 0;
    }
}
