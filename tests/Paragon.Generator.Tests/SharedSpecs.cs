using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Paragon.Generator.Tests;

/// <summary>
/// The real-world specs beside the repository (<c>../shared</c>): the corpus and the wide set. A clone with nothing
/// beside it has none of them; the tests that need them are then reported as skipped with the reason, never failed
/// (and CI, which has them, fails when anything was skipped).
/// </summary>
public static class SharedSpecs
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(GeneratorHarness.RepoRoot, "..", "shared"));

    public static string CorpusFolder { get; } = Path.Combine(Root, "specs-corpus");

    public static string WideFolder { get; } = Path.Combine(Root, "specs-wide");

    /// <summary>Why a test that needs <paramref name="folder"/> cannot run here, or null when it can.</summary>
    public static string? MissingReason(string folder) =>
        Directory.Exists(folder) ? null : $"needs the real-world specs in {folder}, which is not beside this clone";

    /// <summary>The spec files of a shared folder by name (JSON and YAML), sorted; none when the folder is absent.</summary>
    public static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder).Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
                .Select(f => Path.GetFileName(f)!).OrderBy(f => f, StringComparer.Ordinal)
            : [];
}

/// <summary>A fact that is skipped, with the reason, when ../shared/specs-corpus is not beside the clone.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute() => Skip = SharedSpecs.MissingReason(SharedSpecs.CorpusFolder);
}

/// <summary>
/// A theory that is skipped, with the reason, when its shared folder is not beside the clone. xunit does not enumerate
/// the data of a skipped theory, so a MemberData over the missing folder neither fails nor reports "no data".
/// </summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute(string folder) =>
        Skip = SharedSpecs.MissingReason(folder switch
        {
            "specs-corpus" => SharedSpecs.CorpusFolder,
            "specs-wide" => SharedSpecs.WideFolder,
            _ => throw new ArgumentException("Unknown shared folder '" + folder + "'; use specs-corpus or specs-wide.", nameof(folder)),
        });
}
