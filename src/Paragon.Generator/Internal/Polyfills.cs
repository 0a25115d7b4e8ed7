// netstandard2.0 lacks the type that records' init accessors need; the compiler matches it by name.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }

    /// <summary>Lets <c>SourceWriter.Line($"…")</c> write its parts straight into the text (the compiler matches it by name).</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    internal sealed class InterpolatedStringHandlerAttribute : Attribute
    {
    }

    /// <summary>Names the arguments an interpolated string handler is made with (the compiler matches it by name).</summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    internal sealed class InterpolatedStringHandlerArgumentAttribute : Attribute
    {
        public InterpolatedStringHandlerArgumentAttribute(string argument) => Arguments = [argument];

        public InterpolatedStringHandlerArgumentAttribute(params string[] arguments) => Arguments = arguments;

        public string[] Arguments { get; }
    }
}
