using System;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Paragon.Tokens;

/// <summary>
/// Reads the project's signing key (an RSA private key in PEM). .NET 5+ has <c>RSA.ImportFromPem</c>; netstandard2.0
/// has not, so <see cref="ParsePem"/> reads PKCS#1 and PKCS#8 with System.Formats.Asn1's <see cref="AsnReader"/>
/// (a package there, in the box on .NET). It is compiled on every target so that the
/// tests, which run on modern .NET, check it against the platform's own importer.
/// </summary>
internal static class RsaKeyReader
{
    private const string InvalidKey = "SigningKey is not a usable RSA private key in PEM";
    private const string RsaEncryption = "1.2.840.113549.1.1.1";

    /// <summary>Creates an RSA key from PEM text, or throws an <see cref="ArgumentException"/> that says what is wrong (never the key).</summary>
    public static RSA Import(string pem)
    {
        string text = Normalize(pem);
#if NET5_0_OR_GREATER
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(text);
            if (rsa.KeySize < 2048)
            {
                throw new ArgumentException($"{InvalidKey}: the key has {rsa.KeySize} bits; Paragon signing keys have at least 2048.", "SigningKey");
            }

            // A public key imports fine but cannot sign; find out now rather than at the first call.
            rsa.ExportParameters(includePrivateParameters: true);
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            if (ex is ArgumentException { ParamName: "SigningKey" })
            {
                throw;
            }

            throw new ArgumentException($"{InvalidKey}: {Describe(text)}", "SigningKey");
        }
#else
        RSAParameters parameters = ParsePem(text);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
            return rsa;
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            throw new ArgumentException($"{InvalidKey}: the key's numbers are inconsistent.", "SigningKey");
        }
#endif
    }

    /// <summary>Parses a PKCS#1 (<c>RSA PRIVATE KEY</c>) or PKCS#8 (<c>PRIVATE KEY</c>) PEM block into RSA parameters.</summary>
    public static RSAParameters ParsePem(string pem)
    {
        string text = Normalize(pem);
        (string label, byte[] der) = ReadPemBlock(text);
        RSAParameters parameters;
        try
        {
            // BER, not DER: the platform importer reads BER too, and the tests hold the two to the same answers.
            var reader = new AsnReader(der, AsnEncodingRules.BER);
            parameters = label == "RSA PRIVATE KEY" ? ReadPkcs1(reader) : ReadPkcs8(reader);
        }
        catch (AsnContentException ex)
        {
            throw new ArgumentException($"{InvalidKey}: the {label} block is not valid DER ({ex.Message}).", "SigningKey");
        }

        if (parameters.Modulus!.Length * 8 < 2048)
        {
            throw new ArgumentException($"{InvalidKey}: the key has {parameters.Modulus.Length * 8} bits; Paragon signing keys have at least 2048.", "SigningKey");
        }

        return parameters;
    }

    /// <summary>Keys kept in environment variables or JSON often carry literal "\n" sequences instead of line breaks.</summary>
    private static string Normalize(string pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new ArgumentException($"{InvalidKey}: it is empty.", "SigningKey");
        }

        return pem.Replace("\\r\\n", "\n").Replace("\\n", "\n").Trim();
    }

    private static string Describe(string text)
    {
        if (text.Contains("ENCRYPTED PRIVATE KEY"))
        {
            return "it is encrypted; decrypt it first (Paragon's signing key is not password-protected).";
        }

        if (text.Contains("PUBLIC KEY"))
        {
            return "it is a public key; the signing key is the private key Paragon gave you.";
        }

        if (!text.Contains("-----BEGIN"))
        {
            return "no PEM 'BEGIN PRIVATE KEY' or 'BEGIN RSA PRIVATE KEY' line was found.";
        }

        return "its content could not be read as an RSA private key.";
    }

    private static (string Label, byte[] Der) ReadPemBlock(string text)
    {
        foreach (string label in new[] { "RSA PRIVATE KEY", "PRIVATE KEY" })
        {
            string begin = "-----BEGIN " + label + "-----";
            string end = "-----END " + label + "-----";
            int start = text.IndexOf(begin, StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            int stop = text.IndexOf(end, start + begin.Length, StringComparison.Ordinal);
            if (stop < 0)
            {
                throw new ArgumentException($"{InvalidKey}: the '{begin}' line has no matching '{end}' line.", "SigningKey");
            }

            string body = text.Substring(start + begin.Length, stop - start - begin.Length);
            if (body.Contains("Proc-Type") || body.Contains("DEK-Info"))
            {
                throw new ArgumentException($"{InvalidKey}: it is encrypted; decrypt it first (Paragon's signing key is not password-protected).", "SigningKey");
            }

            try
            {
                return (label, Convert.FromBase64String(body.Replace("\r", string.Empty).Replace("\n", string.Empty).Replace(" ", string.Empty).Replace("\t", string.Empty)));
            }
            catch (FormatException)
            {
                throw new ArgumentException($"{InvalidKey}: the text between the BEGIN and END lines is not base64.", "SigningKey");
            }
        }

        throw new ArgumentException($"{InvalidKey}: {Describe(text)}", "SigningKey");
    }

    /// <summary>
    /// PKCS#8 PrivateKeyInfo. Like the platform, it takes any version, attributes, and no or NULL algorithm parameters,
    /// and ignores what follows the key.
    /// </summary>
    private static RSAParameters ReadPkcs8(AsnReader reader)
    {
        AsnReader info = reader.ReadSequence();
        info.ReadInteger();
        AsnReader algorithm = info.ReadSequence();
        if (algorithm.ReadObjectIdentifier() != RsaEncryption)
        {
            throw new ArgumentException($"{InvalidKey}: it is a private key of another algorithm (Paragon signs with RS256).", "SigningKey");
        }

        return ReadPkcs1(new AsnReader(info.ReadOctetString(), AsnEncodingRules.BER));
    }

    /// <summary>PKCS#1 RSAPrivateKey: two primes only (version 0) and nothing after the last field, as the platform requires.</summary>
    private static RSAParameters ReadPkcs1(AsnReader reader)
    {
        AsnReader key = reader.ReadSequence();
        if (!key.TryReadInt32(out int version) || version != 0)
        {
            throw new ArgumentException($"{InvalidKey}: it is a multi-prime RSA key (RSAPrivateKey version is not 0); Paragon signing keys have two primes.", "SigningKey");
        }

        ReadOnlySpan<byte> modulus = Trim(key.ReadIntegerBytes().Span);
        ReadOnlySpan<byte> exponent = Trim(key.ReadIntegerBytes().Span);
        ReadOnlyMemory<byte> d = key.ReadIntegerBytes();
        ReadOnlyMemory<byte> p = key.ReadIntegerBytes();
        ReadOnlyMemory<byte> q = key.ReadIntegerBytes();
        ReadOnlyMemory<byte> dp = key.ReadIntegerBytes();
        ReadOnlyMemory<byte> dq = key.ReadIntegerBytes();
        ReadOnlyMemory<byte> inverseQ = key.ReadIntegerBytes();
        key.ThrowIfNotEmpty();

        // RSAParameters wants D as long as the modulus and the CRT values half as long, left-padded.
        int half = (modulus.Length + 1) / 2;
        return new RSAParameters
        {
            Modulus = modulus.ToArray(),
            Exponent = exponent.ToArray(),
            D = Pad(d.Span, modulus.Length),
            P = Pad(p.Span, half),
            Q = Pad(q.Span, half),
            DP = Pad(dp.Span, half),
            DQ = Pad(dq.Span, half),
            InverseQ = Pad(inverseQ.Span, half),
        };
    }

    /// <summary>DER integers carry a leading zero byte when the top bit is set; RSAParameters wants unsigned big-endian.</summary>
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value)
    {
        int start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value.Slice(start);
    }

    private static byte[] Pad(ReadOnlySpan<byte> value, int length)
    {
        ReadOnlySpan<byte> trimmed = Trim(value);
        if (trimmed.Length > length)
        {
            throw new ArgumentException($"{InvalidKey}: an RSA component is longer than the modulus allows.", "SigningKey");
        }

        byte[] padded = new byte[length];
        trimmed.CopyTo(padded.AsSpan(length - trimmed.Length));
        return padded;
    }
}
