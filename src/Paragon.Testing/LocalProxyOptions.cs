using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace Paragon.Testing;

/// <summary>How the local proxy behaves.</summary>
public sealed class LocalProxyOptions
{
    /// <summary>The project id the proxy serves; tokens must carry <c>aud</c> = <c>useparagon.com/{ProjectId}</c>.</summary>
    public string ProjectId { get; set; } = "11111111-2222-4333-8444-555555555555";

    /// <summary>Public keys whose RS256 signatures the proxy accepts (the project's signing key, and any identity provider's).</summary>
    public List<RSA> TrustedKeys { get; } = [];

    /// <summary>Fake providers by integration type (<c>slack</c>, <c>custom.my-app</c>). Any other integration is "not enabled".</summary>
    public Dictionary<string, FakeProvider> Providers { get; } = new(StringComparer.Ordinal);

    /// <summary>Which users have connected which integration; <see langword="null"/> means every user has connected every provider.</summary>
    public Func<string, string, bool>? IsConnected { get; set; }

    /// <summary>How much clock difference the token checks tolerate. Default: 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Wrap successful bodies as <c>{"output": …}</c> even when the caller asks for the raw response, to check that a client
    /// copes with a proxy that ignores the header. Default: <see langword="false"/>.
    /// </summary>
    public bool AlwaysWrapOutput { get; set; }

    /// <summary>Adds a public key in PEM to <see cref="TrustedKeys"/>.</summary>
    /// <param name="publicKeyPem">An RSA public (or private) key in PEM.</param>
    /// <returns>These options.</returns>
    public LocalProxyOptions TrustKey(string publicKeyPem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        TrustedKeys.Add(rsa);
        return this;
    }

    /// <summary>Adds a fake provider.</summary>
    /// <param name="integration">The integration type.</param>
    /// <param name="provider">The fake.</param>
    /// <returns>These options.</returns>
    public LocalProxyOptions AddProvider(string integration, FakeProvider provider)
    {
        Providers[integration] = provider;
        return this;
    }
}

/// <summary>A throwaway RSA signing key made at run time, for the local proxy and tests: nothing secret is ever committed.</summary>
public sealed class LocalSigningKey : IDisposable
{
    private readonly RSA _rsa;

    private LocalSigningKey(RSA rsa) => _rsa = rsa;

    /// <summary>The private key in PKCS#8 PEM: what <c>ParagonClientOptions.SigningKey</c> takes.</summary>
    public string PrivateKeyPem => _rsa.ExportPkcs8PrivateKeyPem();

    /// <summary>The private key in PKCS#1 PEM (<c>BEGIN RSA PRIVATE KEY</c>).</summary>
    public string RsaPrivateKeyPem => _rsa.ExportRSAPrivateKeyPem();

    /// <summary>The public key in PEM: what the proxy verifies with.</summary>
    public string PublicKeyPem => _rsa.ExportSubjectPublicKeyInfoPem();

    /// <summary>The key itself.</summary>
    public RSA Key => _rsa;

    /// <summary>Makes a new 2048-bit key.</summary>
    /// <returns>The key.</returns>
    public static LocalSigningKey Create() => new(RSA.Create(2048));

    /// <inheritdoc />
    public void Dispose() => _rsa.Dispose();
}
