using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Paragon.Testing;

/// <summary>Checks a Paragon User Token the way Paragon does: RS256 only, a trusted signature, the project's audience, not expired.</summary>
internal static class TokenVerifier
{
    /// <summary>Returns <see langword="null"/> when the token is good, else what is wrong with it.</summary>
    public static string? Verify(string? authorization, string audience, IReadOnlyList<RSA> keys, TimeSpan skew, out string? userId)
    {
        userId = null;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return "missing Bearer token";
        }

        string[] parts = authorization["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
        {
            return "the token is not a JWT";
        }

        try
        {
            using JsonDocument header = JsonDocument.Parse(Decode(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out JsonElement alg) || alg.GetString() != "RS256")
            {
                return "the token is not signed with RS256";
            }

            byte[] signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            byte[] signature = Decode(parts[2]);
            bool valid = false;
            foreach (RSA key in keys)
            {
                valid |= key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            if (!valid)
            {
                return "the signature does not match the project's signing key";
            }

            using JsonDocument payload = JsonDocument.Parse(Decode(parts[1]));
            JsonElement claims = payload.RootElement;
            if (!HasAudience(claims, audience))
            {
                return "the token's aud is not " + audience;
            }

            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (!claims.TryGetProperty("exp", out JsonElement exp) || !exp.TryGetInt64(out long expires) || expires + (long)skew.TotalSeconds < now)
            {
                return "the token has expired";
            }

            if (claims.TryGetProperty("iat", out JsonElement iat) && iat.TryGetInt64(out long issued) && issued - (long)skew.TotalSeconds > now)
            {
                return "the token was issued in the future";
            }

            if (!claims.TryGetProperty("sub", out JsonElement sub) || sub.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(sub.GetString()))
            {
                return "the token has no sub";
            }

            userId = sub.GetString();
            return null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or CryptographicException)
        {
            return "the token cannot be read";
        }
    }

    private static bool HasAudience(JsonElement claims, string audience)
    {
        if (!claims.TryGetProperty("aud", out JsonElement aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return aud.GetString() == audience;
        }

        if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in aud.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() == audience)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static byte[] Decode(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        return Convert.FromBase64String(padded);
    }
}
