using System;
using System.Diagnostics;
using Paragon.Generator.Naming;

namespace Paragon.Generator.Tests;

/// <summary>The unique-name builder that names every generated type, method and member: the same names, in linear time.</summary>
public sealed class UniqueNameBuilderTests
{
    [Fact]
    public void CollidingNamesGetTheNextFreeSuffix()
    {
        var names = new UniqueNameBuilder(StringComparer.OrdinalIgnoreCase, "Item3");
        Assert.Equal("Item", names.Claim("Item"));
        Assert.Equal("item2", names.Claim("item"));
        Assert.Equal("Item4", names.Claim("Item", out bool renamed));
        Assert.True(renamed);
        names.Reserve("Item5");
        Assert.Equal("Item6", names.Claim("Item"));
        Assert.Equal("Item2X", names.Claim("Item2X"));
    }

    /// <summary>
    /// Stripe's spec names thousands of inline schemas from the same few hints: each collision used to search the suffixes from
    /// 2 again, so n names cost n² look-ups (40,000 took minutes; now milliseconds).
    /// </summary>
    [Fact]
    public void ManyCollidingNamesAreClaimedInLinearTime()
    {
        var names = new UniqueNameBuilder();
        var watch = Stopwatch.StartNew();
        string last = string.Empty;
        for (int i = 0; i < 40_000; i++)
        {
            last = names.Claim("Object");
        }

        Assert.Equal("Object40000", last);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "40,000 colliding claims took " + watch.Elapsed);
    }
}
