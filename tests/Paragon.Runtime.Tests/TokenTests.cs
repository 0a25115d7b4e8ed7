using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Testing;
using Paragon.Tokens;

namespace Paragon.Runtime.Tests;

/// <summary>Minted, static and provider tokens, their caching, and the signing key formats.</summary>
public sealed class TokenTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task A_minted_token_is_RS256_with_sub_aud_iat_exp_and_a_one_hour_default_lifetime()
    {
        using ParagonClient client = fixture.Client();
        using ParagonResponse response = await client.ForUser("user-mint").RequestAsync("echo", "/mint");

        string token = Token(fixture.Proxy.Requests.Last(r => r.RawTarget.EndsWith("/mint", StringComparison.Ordinal)));
        (JsonElement header, JsonElement claims) = Decode(token);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal("user-mint", claims.GetProperty("sub").GetString());
        Assert.Equal("useparagon.com/" + fixture.Proxy.ProjectId, claims.GetProperty("aud").GetString());
        long iat = claims.GetProperty("iat").GetInt64();
        Assert.InRange(iat, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal(3600, claims.GetProperty("exp").GetInt64() - iat);
        Assert.True(Verify(token, fixture.Key.Key));
    }

    [Fact]
    public async Task The_lifetime_is_configurable()
    {
        using ParagonClient client = fixture.Client(o => o.TokenLifetime = TimeSpan.FromMinutes(10));
        using ParagonResponse response = await client.ForUser("user-short").RequestAsync("echo", "/short");
        (_, JsonElement claims) = Decode(Token(fixture.Proxy.LastRequest));
        Assert.Equal(600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task A_minted_token_is_reused_per_user_until_shortly_before_it_expires()
    {
        // The fake clock starts 57 minutes in the past so that every token it mints is still valid at the real proxy.
        var now = DateTimeOffset.UtcNow.AddMinutes(-57);
        using ParagonClient client = fixture.Client(() => now);
        ParagonUserClient alice = client.ForUser("alice-cache");

        async Task<string> CallAsync(ParagonUserClient user)
        {
            using ParagonResponse r = await user.RequestAsync("echo", "/cache");
            return Token(fixture.Proxy.LastRequest);
        }

        string first = await CallAsync(alice);
        Assert.Equal(first, await CallAsync(alice));
        Assert.Equal(first, await CallAsync(client.ForUser("alice-cache")));
        Assert.NotEqual(first, await CallAsync(client.ForUser("bob-cache")));

        now += TimeSpan.FromMinutes(54); // 6 minutes left, outside the 5-minute refresh margin: still reused.
        Assert.Equal(first, await CallAsync(alice));

        now += TimeSpan.FromMinutes(2); // 4 minutes left: inside the margin, so a fresh token is minted.
        string second = await CallAsync(alice);
        Assert.NotEqual(first, second);
        (_, JsonElement claims) = Decode(second);
        Assert.Equal(now.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task A_static_user_token_is_sent_as_it_is_without_ForUser()
    {
        string token = MintWith(fixture.Key.Key, "static-user", fixture.Proxy.ProjectId, TimeSpan.FromMinutes(5));
        using var client = new ParagonClient(new ParagonClientOptions { ProjectId = fixture.Proxy.ProjectId, UserToken = token, ProxyBaseUrl = fixture.Proxy.BaseUrl });

        using ParagonResponse response = await client.RequestAsync("echo", "/static");
        Assert.Equal("static-user", response.ReadAsJson().GetProperty("userId").GetString());
        Assert.Equal(token, Token(fixture.Proxy.LastRequest));

        using ParagonResponse withCredential = await client.WithCredential("c-1").RequestAsync("echo", "/static");
        Assert.Equal("c-1", withCredential.ReadAsJson().GetProperty("credentialId").GetString());

        var error = Assert.Throws<InvalidOperationException>(() => client.ForUser("someone-else"));
        Assert.Contains("SigningKey or TokenProvider", error.Message);
    }

    [Fact]
    public async Task A_minting_client_needs_ForUser_and_says_so_before_sending()
    {
        using ParagonClient client = fixture.Client();
        int before = fixture.Proxy.Requests.Count;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.RequestAsync("echo", "/x"));
        Assert.Contains("ForUser", error.Message);
        Assert.Equal(before, fixture.Proxy.Requests.Count);
    }

    [Fact]
    public async Task Provider_tokens_from_another_issuer_are_used_and_cached_until_their_exp()
    {
        using var idp = LocalSigningKey.Create();
        await using LocalParagonProxy proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions { ProjectId = fixture.Proxy.ProjectId }
            .TrustKey(idp.PublicKeyPem).AddProvider("echo", FakeProviders.Echo()));

        var calls = new ConcurrentDictionary<string, int>();
        using var client = new ParagonClient(new ParagonClientOptions
        {
            ProjectId = proxy.ProjectId,
            ProxyBaseUrl = proxy.BaseUrl,
            TokenProvider = async (userId, ct) =>
            {
                calls.AddOrUpdate(userId, 1, (_, n) => n + 1);
                await Task.Delay(50, ct); // a round trip to the identity provider
                return MintWith(idp.Key, userId, proxy.ProjectId, TimeSpan.FromHours(1));
            },
        });

        // A burst of calls for one new user asks the identity provider once.
        ParagonUserClient carol = client.ForUser("carol");
        ParagonResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => carol.RequestAsync("echo", "/p")));
        Assert.All(responses, r => Assert.Equal("carol", r.ReadAsJson().GetProperty("userId").GetString()));
        using (ParagonResponse again = await carol.RequestAsync("echo", "/p"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal(1, calls["carol"]);
        Assert.Single(proxy.Requests.Select(r => r.Header("Authorization")).Distinct());
    }

    [Fact]
    public async Task Provider_tokens_that_are_not_JWTs_are_requested_per_call()
    {
        int calls = 0;
        using ParagonClient client = fixture.Client(o =>
        {
            o.SigningKey = null;
            o.TokenProvider = (userId, ct) => new ValueTask<string>("opaque-" + Interlocked.Increment(ref calls));
        });

        var first = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("dave").RequestAsync("echo", "/opaque"));
        var second = await Assert.ThrowsAsync<ParagonApiException>(() => client.ForUser("dave").RequestAsync("echo", "/opaque"));
        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.True(first.IsParagonError);
        Assert.Equal(2, calls);
        Assert.DoesNotContain("opaque-", first.Message + second.Message);
    }

    [Fact]
    public async Task A_provider_that_fails_or_returns_nothing_fails_the_call_before_sending()
    {
        int before = fixture.Proxy.Requests.Count;
        using ParagonClient empty = fixture.Client(o => { o.SigningKey = null; o.TokenProvider = (_, _) => new ValueTask<string>(""); });
        await Assert.ThrowsAsync<InvalidOperationException>(() => empty.ForUser("erin").RequestAsync("echo", "/x"));

        using ParagonClient failing = fixture.Client(o => { o.SigningKey = null; o.TokenProvider = (_, _) => throw new TimeoutException("idp down"); });
        await Assert.ThrowsAsync<TimeoutException>(() => failing.ForUser("erin").RequestAsync("echo", "/x"));
        Assert.Equal(before, fixture.Proxy.Requests.Count);
    }

    [Fact]
    public async Task Pkcs1_pkcs8_and_escaped_newline_keys_all_mint_valid_tokens()
    {
        foreach (string pem in new[] { fixture.Key.PrivateKeyPem, fixture.Key.RsaPrivateKeyPem, fixture.Key.PrivateKeyPem.Replace("\n", "\\n"), "\n  " + fixture.Key.RsaPrivateKeyPem + "\n" })
        {
            using ParagonClient client = fixture.Client(o => o.SigningKey = pem);
            using ParagonResponse response = await client.ForUser("pem-user").RequestAsync("echo", "/pem");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public void The_netstandard_key_reader_agrees_with_the_platform_importer()
    {
        // netstandard2.0 has no RSA.ImportFromPem; our reader must produce the same key from both PEM forms.
        foreach (int bits in new[] { 2048, 3072, 4096 })
        {
            using var rsa = RSA.Create(bits);
            RSAParameters expected = rsa.ExportParameters(true);
            foreach (string pem in new[] { rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportRSAPrivateKeyPem(), rsa.ExportRSAPrivateKeyPem().Replace("\n", "\\n") })
            {
                RSAParameters actual = RsaKeyReader.ParsePem(pem);
                Assert.Equal(expected.Modulus, actual.Modulus);
                Assert.Equal(expected.Exponent, actual.Exponent);
                Assert.Equal(expected.D, actual.D);
                Assert.Equal(expected.P, actual.P);
                Assert.Equal(expected.Q, actual.Q);
                Assert.Equal(expected.DP, actual.DP);
                Assert.Equal(expected.DQ, actual.DQ);
                Assert.Equal(expected.InverseQ, actual.InverseQ);

                using var imported = RSA.Create();
                imported.ImportParameters(actual);
                byte[] data = Encoding.UTF8.GetBytes("x");
                byte[] signature = imported.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                Assert.True(rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            }
        }
    }

    [Fact]
    public void The_key_reader_explains_what_is_wrong_without_echoing_the_key()
    {
        using var ec = ECDsa.Create();
        using var small = RSA.Create(1024);
        var cases = new (string Pem, string Expected)[]
        {
            ("", "empty"),
            ("not a key at all", "BEGIN PRIVATE KEY"),
            (fixture.Key.PublicKeyPem, "public key"),
            ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI\n-----END ENCRYPTED PRIVATE KEY-----", "encrypted"),
            (Pem("RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA"), "encrypted"),
            (Pem("PRIVATE KEY", "!!!notbase64!!!"), "base64"),
            (Pem("PRIVATE KEY", "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA"), "DER"),
            (fixture.Key.PrivateKeyPem.Substring(0, 200), "END"),
            (ec.ExportPkcs8PrivateKeyPem(), "another algorithm"),
            (small.ExportPkcs8PrivateKeyPem(), "1024 bits"),
        };

        foreach ((string pem, string expected) in cases)
        {
            var error = Assert.Throws<ArgumentException>(() => RsaKeyReader.ParsePem(pem));
            Assert.Equal("SigningKey", error.ParamName);
            Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
            if (pem.Length > 80)
            {
                Assert.DoesNotContain(pem.Split('\n')[1], error.Message);
            }
        }
    }

    [Fact]
    public void The_key_reader_accepts_and_refuses_unusual_DER_as_the_platform_importer_does()
    {
        using var rsa = RSA.Create(2048);
        byte[] pkcs1 = rsa.ExportRSAPrivateKey();
        byte[] pkcs8 = rsa.ExportPkcs8PrivateKey();
        var cases = new (string Name, string Label, byte[] Der)[]
        {
            ("PKCS#8 with attributes", "PRIVATE KEY", Pkcs8(pkcs1, version: 0, withAttributes: true)),
            ("PKCS#8 without the NULL algorithm parameters", "PRIVATE KEY", Pkcs8(pkcs1, version: 0, withNullParameters: false)),
            ("PKCS#8 version 2", "PRIVATE KEY", Pkcs8(pkcs1, version: 2)),
            ("PKCS#1 with trailing data", "RSA PRIVATE KEY", [.. pkcs1, 0x05, 0x00]),
            ("PKCS#8 with trailing data", "PRIVATE KEY", [.. pkcs8, 0x05, 0x00]),
            ("PKCS#1 with an extra field", "RSA PRIVATE KEY", Rewrite(pkcs1, version: 0, extra: true)),
            ("PKCS#1 multi-prime version", "RSA PRIVATE KEY", Rewrite(pkcs1, version: 1, extra: false)),
            ("PKCS#1 truncated inside PKCS#8", "PRIVATE KEY", Pkcs8(pkcs1[..^40], version: 0)),
            ("PKCS#1 with a long-form length for a short value", "RSA PRIVATE KEY", LongFormVersion(pkcs1)),
        };

        var disagreements = new List<string>();
        foreach ((string name, string label, byte[] der) in cases)
        {
            string pem = Pem(label, Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks));
            RSAParameters? expected = null;
            try
            {
                using var platform = RSA.Create();
                platform.ImportFromPem(pem);
                expected = platform.ExportParameters(true);
            }
            catch (CryptographicException)
            {
            }

            if (expected is { } want)
            {
                RSAParameters actual = RsaKeyReader.ParsePem(pem);
                if (!want.Modulus!.SequenceEqual(actual.Modulus!) || !want.D!.SequenceEqual(actual.D!) || !want.InverseQ!.SequenceEqual(actual.InverseQ!))
                {
                    disagreements.Add(name + ": the platform reads it, ours reads another key");
                }
            }
            else
            {
                ArgumentException? error = null;
                try
                {
                    RsaKeyReader.ParsePem(pem);
                }
                catch (ArgumentException ex)
                {
                    error = ex;
                }

                if (error is null)
                {
                    disagreements.Add(name + ": the platform refuses it, ours accepts it");
                    continue;
                }

                Assert.Equal("SigningKey", error.ParamName);
                Assert.DoesNotContain(pem.Split('\n')[1], error.Message, StringComparison.Ordinal);
            }
        }

        Assert.Empty(disagreements);
    }

    private static byte[] Pkcs8(byte[] pkcs1, int version, bool withAttributes = false, bool withNullParameters = true)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(version);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.1.1");
                if (withNullParameters)
                {
                    writer.WriteNull();
                }
            }

            writer.WriteOctetString(pkcs1);
            if (withAttributes)
            {
                using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0)))
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.9.20"); // friendlyName
                    using (writer.PushSetOf())
                    {
                        writer.WriteCharacterString(UniversalTagNumber.BMPString, "key");
                    }
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>The same PKCS#1 key with another version number, and optionally one more INTEGER at the end.</summary>
    private static byte[] Rewrite(byte[] pkcs1, int version, bool extra)
    {
        AsnReader fields = new AsnReader(pkcs1, AsnEncodingRules.DER).ReadSequence();
        fields.ReadInteger();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(version);
            while (fields.HasData)
            {
                writer.WriteEncodedValue(fields.ReadEncodedValue().Span);
            }

            if (extra)
            {
                writer.WriteInteger(7);
            }
        }

        return writer.Encode();
    }

    /// <summary>The version INTEGER's length written as 0x81 0x01: valid BER, not DER.</summary>
    private static byte[] LongFormVersion(byte[] pkcs1)
    {
        // 30 82 LL LL | 02 01 00 | ...: the outer length grows by one.
        int length = (pkcs1[2] << 8) | pkcs1[3];
        byte[] result = [0x30, 0x82, (byte)((length + 1) >> 8), (byte)(length + 1), 0x02, 0x81, 0x01, 0x00, .. pkcs1.AsSpan(7)];
        return result;
    }

    /// <summary>A PEM block built at run time, so that no key-shaped text is committed (secret scanners flag it).</summary>
    internal static string Pem(string label, string body) => "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----";

    internal static string Token(RecordedRequest request) => request.Header("Authorization")!["Bearer ".Length..];

    internal static (JsonElement Header, JsonElement Claims) Decode(string token)
    {
        string[] parts = token.Split('.');
        return (JsonDocument.Parse(Base64Url.Decode(parts[0])).RootElement, JsonDocument.Parse(Base64Url.Decode(parts[1])).RootElement);
    }

    internal static bool Verify(string token, RSA key)
    {
        string[] parts = token.Split('.');
        return key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>Mints a token independently of the client, as another issuer would.</summary>
    internal static string MintWith(RSA key, string sub, string projectId, TimeSpan lifetime, string? audience = null, DateTimeOffset? now = null, string alg = "RS256")
    {
        DateTimeOffset issued = now ?? DateTimeOffset.UtcNow;
        string header = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg, typ = "JWT" }));
        string payload = B64(JsonSerializer.SerializeToUtf8Bytes(new { sub, aud = audience ?? "useparagon.com/" + projectId, iat = issued.ToUnixTimeSeconds(), exp = (issued + lifetime).ToUnixTimeSeconds() }));
        byte[] signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + B64(signature);

        static string B64(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
