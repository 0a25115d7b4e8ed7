namespace Paragon.Generator.Model;

/// <summary>What the consuming project's language version allows.</summary>
internal readonly record struct LanguageSupport(int Version)
{
    /// <summary>C# 14: <c>extension(...)</c> blocks with properties.</summary>
    public bool ExtensionMembers => Version >= 1400;

    /// <summary>C# 11: <c>required</c> members and raw string literals.</summary>
    public bool RequiredMembers => Version >= 1100;

    public string Display => Version >= 100 && Version % 100 == 0 ? (Version / 100).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : (Version / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + (Version % 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
