// netstandard2.0 lacks the type that records' init accessors need; the compiler matches it by name.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
