namespace Paragon.Generator.Reading;

/// <summary>JSON pointer tokens (RFC 6901), as diagnostics name places in a spec: '~' is "~0" and '/' is "~1".</summary>
internal static class JsonPointer
{
    public static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");
}
