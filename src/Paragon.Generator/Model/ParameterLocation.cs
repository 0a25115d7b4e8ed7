namespace Paragon.Generator.Model;

/// <summary>Where a parameter goes.</summary>
internal enum ParameterLocation
{
    Path,
    Query,
    Header,
}
