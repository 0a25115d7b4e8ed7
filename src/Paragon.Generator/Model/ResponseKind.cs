namespace Paragon.Generator.Model;

/// <summary>What a method returns.</summary>
internal enum ResponseKind
{
    None,
    Json,
    Text,
    Binary,
}
