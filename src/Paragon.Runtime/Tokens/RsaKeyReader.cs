using System;
using System.Security.Cryptography;

namespace Paragon.Tokens;

/// <summary>
/// Reads the project's signing key (an RSA private key in PEM). .NET 5+ has <c>RSA.ImportFromPem</c>; netstandard2.0
/// has not, so <see cref="ParsePem"/> reads PKCS#1 and PKCS#8 DER itself. It is compiled on every target so that the
/// tests, which run on modern .NET, check it against the platform's own importer.
/// </summary>
internal static class RsaKeyReader
{
    private const string InvalidKey = "SigningKey is not a usable RSA private key in PEM";

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
        try
        {
            var reader = new DerReader(der);
            RSAParameters parameters = label == "RSA PRIVATE KEY" ? ReadPkcs1(ref reader) : ReadPkcs8(ref reader);
            if (parameters.Modulus!.Length * 8 < 2048)
            {
                throw new ArgumentException($"{InvalidKey}: the key has {parameters.Modulus.Length * 8} bits; Paragon signing keys have at least 2048.", "SigningKey");
            }

            return parameters;
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"{InvalidKey}: the {label} block is not valid DER ({ex.Message}).", "SigningKey");
        }
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

    private static RSAParameters ReadPkcs8(ref DerReader reader)
    {
        DerReader info = reader.ReadSequence();
        info.ReadInteger(); // version
        DerReader algorithm = info.ReadSequence();
        byte[] oid = algorithm.ReadTagged(0x06);
        byte[] rsaEncryption = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];
        if (!oid.AsSpan().SequenceEqual(rsaEncryption))
        {
            throw new ArgumentException($"{InvalidKey}: it is a private key of another algorithm (Paragon signs with RS256).", "SigningKey");
        }

        var inner = new DerReader(info.ReadTagged(0x04));
        return ReadPkcs1(ref inner);
    }

    private static RSAParameters ReadPkcs1(ref DerReader reader)
    {
        DerReader key = reader.ReadSequence();
        key.ReadInteger(); // version
        byte[] modulus = Trim(key.ReadInteger());
        byte[] exponent = Trim(key.ReadInteger());
        byte[] d = key.ReadInteger();
        byte[] p = key.ReadInteger();
        byte[] q = key.ReadInteger();
        byte[] dp = key.ReadInteger();
        byte[] dq = key.ReadInteger();
        byte[] inverseQ = key.ReadInteger();

        // RSAParameters wants D as long as the modulus and the CRT values half as long, left-padded.
        int half = (modulus.Length + 1) / 2;
        return new RSAParameters
        {
            Modulus = modulus,
            Exponent = exponent,
            D = Pad(d, modulus.Length),
            P = Pad(p, half),
            Q = Pad(q, half),
            DP = Pad(dp, half),
            DQ = Pad(dq, half),
            InverseQ = Pad(inverseQ, half),
        };
    }

    private static byte[] Trim(byte[] value)
    {
        int start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return start == 0 ? value : value.AsSpan(start).ToArray();
    }

    private static byte[] Pad(byte[] value, int length)
    {
        byte[] trimmed = Trim(value);
        if (trimmed.Length > length)
        {
            throw new FormatException("an RSA component is longer than the modulus allows");
        }

        if (trimmed.Length == length)
        {
            return trimmed;
        }

        byte[] padded = new byte[length];
        Buffer.BlockCopy(trimmed, 0, padded, length - trimmed.Length, trimmed.Length);
        return padded;
    }

    /// <summary>The few DER rules an RSA key needs: definite lengths, SEQUENCE, INTEGER, OCTET STRING, OID, NULL.</summary>
    private ref struct DerReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private int _position;

        public DerReader(ReadOnlySpan<byte> data)
        {
            _data = data;
            _position = 0;
        }

        public DerReader ReadSequence() => new(ReadTagged(0x30));

        public byte[] ReadInteger() => ReadTagged(0x02);

        public byte[] ReadTagged(byte tag)
        {
            if (_position >= _data.Length)
            {
                throw new FormatException("unexpected end of data");
            }

            if (_data[_position] != tag)
            {
                throw new FormatException($"expected tag 0x{tag:X2}, found 0x{_data[_position]:X2}");
            }

            _position++;
            int length = ReadLength();
            if (length > _data.Length - _position)
            {
                throw new FormatException("a length runs past the end of the data");
            }

            byte[] value = _data.Slice(_position, length).ToArray();
            _position += length;
            return value;
        }

        private int ReadLength()
        {
            if (_position >= _data.Length)
            {
                throw new FormatException("unexpected end of data");
            }

            byte first = _data[_position++];
            if (first < 0x80)
            {
                return first;
            }

            int count = first & 0x7F;
            if (count is 0 or > 3)
            {
                throw new FormatException("unsupported length encoding");
            }

            int length = 0;
            for (int i = 0; i < count; i++)
            {
                if (_position >= _data.Length)
                {
                    throw new FormatException("unexpected end of data");
                }

                length = (length << 8) | _data[_position++];
            }

            return length;
        }
    }
}
