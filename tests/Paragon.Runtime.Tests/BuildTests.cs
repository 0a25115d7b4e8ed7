using System.Reflection;
using System.Runtime.Versioning;

namespace Paragon.Runtime.Tests;

public sealed class BuildTests
{
    [Fact]
    public void The_tests_run_against_the_intended_build_of_the_runtime()
    {
        string? framework = typeof(ParagonClient).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
#if RUNTIME_NETSTANDARD
        Assert.Equal(".NETStandard,Version=v2.0", framework);
#else
        Assert.Equal(".NETCoreApp,Version=v8.0", framework);
#endif
    }
}
