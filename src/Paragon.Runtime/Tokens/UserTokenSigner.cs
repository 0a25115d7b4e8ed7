using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Paragon.Tokens;

/// <summary>
/// Mints Paragon User Tokens: RS256 JWTs with <c>sub</c>, <c>aud</c> = <c>useparagon.com/{projectId}</c>, <c>iat</c> and <c>exp</c>.
/// No JWT library is needed for this: the header is fixed and the claims are four.
/// </summary>
internal sealed class UserTokenSigner : IDisposable
{
    // {"alg":"RS256","typ":"JWT"}, base64url-encoded once.
    private const string EncodedHeader = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9";

    private readonly RSA _key;
    private readonly string _audience;
    private readonly object _signLock = new();

    public UserTokenSigner(RSA key, string projectId)
    {
        _key = key;
        _audience = "useparagon.com/" + projectId;
    }

    public string Mint(string userId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("sub", userId);
            writer.WriteString("aud", _audience);
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            writer.WriteEndObject();
        }

        string signingInput = EncodedHeader + "." + Base64Url.Encode(new ReadOnlySpan<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
        byte[] signature;

        // One RSA instance is shared by every user's token; platform RSA objects are not documented as thread-safe.
        lock (_signLock)
        {
            signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        return signingInput + "." + Base64Url.Encode(signature);
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>base64url without padding (RFC 7515).</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) =>
        Convert.ToBase64String(data.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        switch (padded.Length % 4)
        {
            case 2: padded += "=="; break;
            case 3: padded += "="; break;
        }

        return Convert.FromBase64String(padded);
    }
}
