using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Paragon.Generator.Diagnostics;

/// <summary>Every diagnostic Paragon.Generator reports. Each points at the line in the spec file it is about.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Paragon.Generator";

    // Every descriptor registers itself as it is made (Create), so a new one cannot be missing from the lookup that turns a
    // model's DiagnosticInfo back into it. Declared before the descriptors: static fields initialize in text order.
    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new(StringComparer.Ordinal);
    private static readonly HashSet<string> FatalIds = new(StringComparer.Ordinal);

    public static readonly DiagnosticDescriptor UnreadableSpec = Create(
        "PARAGON001", "The spec cannot be read",
        "'{0}' cannot be read as an OpenAPI document: {1}",
        DiagnosticSeverity.Error,
        "The file is not valid JSON or YAML, or not an OpenAPI 2.0/3.0/3.1 document. No client is generated for it.",
        fatal: true);

    public static readonly DiagnosticDescriptor SpecProblem = Create(
        "PARAGON002", "The spec has a problem",
        "{0} (at {1})",
        DiagnosticSeverity.Warning,
        "The OpenAPI reader found something the specification does not allow. Generation continues with what could be read.");

    public static readonly DiagnosticDescriptor UnresolvedReference = Create(
        "PARAGON003", "A $ref cannot be resolved",
        "The reference '{0}' cannot be resolved; the value is kept as JsonElement",
        DiagnosticSeverity.Warning,
        "A $ref points at nothing in the document. The value is typed as System.Text.Json.JsonElement so that no data is lost.");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Create(
        "PARAGON004", "A schema cannot be expressed in C#",
        "{0} at '{1}' has no C# equivalent; the value is kept as JsonElement",
        DiagnosticSeverity.Warning,
        "Tuples (items as an array), mixed type lists and similar constructs are typed as System.Text.Json.JsonElement, which keeps every field the provider sends.");

    public static readonly DiagnosticDescriptor NameCollision = Create(
        "PARAGON005", "Two names collide",
        "{0} '{1}' is already used; this one is generated as '{2}'",
        DiagnosticSeverity.Warning,
        "Two operations or schemas produce the same C# name. The later one gets a numeric suffix; give it a distinct operationId or schema name to choose its name.");

    public static readonly DiagnosticDescriptor ExtensionMembersNeedCSharp14 = Create(
        "PARAGON006", "paragon.{0} needs C# 14",
        "C# {1} has no extension properties, so the {0} client is reached with paragon.{0}() instead of paragon.{0}. Set <LangVersion>14</LangVersion> (or latest) to use the property.",
        DiagnosticSeverity.Warning,
        "Extension properties arrived in C# 14 (the default for net10.0). Older language versions get an extension method of the same name.");

    public static readonly DiagnosticDescriptor GeneratorFailure = Create(
        "PARAGON007", "Generation failed",
        "Generating the client for '{0}' failed: {1}",
        DiagnosticSeverity.Error,
        "An unexpected error in Paragon.Generator. The spec's client was not generated; please report the spec and this message.",
        fatal: true);

    public static readonly DiagnosticDescriptor ParameterSkipped = Create(
        "PARAGON008", "A parameter is not exposed",
        "The {0} parameter '{1}' is not exposed: {2}",
        DiagnosticSeverity.Info,
        "Credential parameters belong to Paragon, which adds the user's credentials; cookie parameters are not supported.");

    public static readonly DiagnosticDescriptor DuplicateIntegration = Create(
        "PARAGON009", "Two specs generate the same client",
        "'{0}' would generate the client {1} that '{2}' already generates; it is skipped. Give one of them a different ClassName.",
        DiagnosticSeverity.Error,
        "Each spec becomes one client class; two specs with the same class name would collide.");

    public static readonly DiagnosticDescriptor NeedsNewerCSharp = Create(
        "PARAGON010", "Generated clients need C# 11 or later",
        "The generated clients use C# 11 features but the project uses C# {0}. Set <LangVersion>latest</LangVersion>.",
        DiagnosticSeverity.Error,
        "Generated models use required members and other C# 11 features.");

    public static readonly DiagnosticDescriptor InvalidName = Create(
        "PARAGON011", "The integration or class name is not valid",
        "'{0}' gives the integration name '{1}' and class name '{2}'; an integration name has letters, digits, '.', '-' and '_' only (custom ones are 'custom.<slug>'), and a class name must be a C# identifier. Rename the file or set Integration/ClassName metadata.",
        DiagnosticSeverity.Error,
        "The integration name comes from the file name, the spec's x-paragon-integration or Integration metadata; the class name from ClassName metadata or the integration name. Every call with an invalid integration name would be refused at run time.",
        fatal: true);

    public static readonly DiagnosticDescriptor NestingTooDeep = Create(
        "PARAGON012", "Schema nesting too deep",
        "Schemas nest more than {0} levels deep here; the value is kept as JsonElement",
        DiagnosticSeverity.Warning,
        "Inline schemas and the references between them are followed to a fixed depth, so that no spec can overflow the compiler's stack. Deeper values are typed as System.Text.Json.JsonElement, which keeps every field the provider sends.");

    public static readonly DiagnosticDescriptor IndistinguishableVariants = Create(
        "PARAGON013", "A union's alternatives cannot be told apart",
        "The union '{0}' cannot tell '{1}' from '{2}': JSON that fits one fits the other, so Is{1} and Is{2} both answer yes. Add a discriminator, or make their required properties or property types differ, or give them a tag property (an enum of one value, or const) of different values.",
        DiagnosticSeverity.Warning,
        "Without a discriminator, a union's IsX and TryGetX check the JSON's shape: the alternative's required properties are present, its properties have the right JSON kind, and a property that allows one value holds it. Two alternatives with the same required properties and compatible property types, or two of the same primitive JSON kind, pass each other's checks.");

    public static readonly DiagnosticDescriptor InvalidSetting = Create(
        "PARAGON014", "A Paragon build setting is not valid",
        "{0} is '{1}', which is not valid: {2}",
        DiagnosticSeverity.Error,
        "ParagonRootNamespace and per-spec Namespace metadata must be dotted C# names (Contoso.Integrations); ParagonGeneratedVisibility is public or internal; "
        + "ModelFactory is true or false; RequiredFields (or x-paragon-required-fields) is Strict or Lenient.",
        fatal: true);

    public static readonly DiagnosticDescriptor FilterMatchesNothing = Create(
        "PARAGON015", "A filter matches no operation",
        "{0} entry '{1}' matches no operation of {2}; check its spelling (tags, operation ids and path globs such as /repos/** are matched as written)",
        DiagnosticSeverity.Warning,
        "IncludeTags, ExcludeTags, IncludeOperations, ExcludeOperations, IncludePaths and ExcludePaths select the operations of a spec. An entry that matches nothing is most likely misspelt, and would silently leave out what was meant.");

    // PARAGON016 is taken by an MSBuild error (the compiler is older than Roslyn 4.14, so this generator is never loaded):
    // src/Paragon.Runtime/buildTransitive/Paragon.Typed.targets. The next diagnostic here is PARAGON023.

    public static readonly DiagnosticDescriptor InvalidPagination = Create(
        "PARAGON017", "A pagination extension cannot be used",
        "{0} of '{1}' cannot be used: {2}. The operation is generated without paging.",
        DiagnosticSeverity.Warning,
        "x-paragon-pagination (or x-ms-pageable, x-speakeasy-pagination) says how a list operation pages: a strategy (cursor, nextUrl, linkHeader, offset, page), where the next token is, and where the items are. One that cannot be followed leaves the operation's ordinary method in place and generates no ...PagedAsync method.");

    public static readonly DiagnosticDescriptor ReservedClassName = Create(
        "PARAGON018", "The class name is taken by Paragon",
        "The class name '{0}' of '{1}' cannot be used: {2}. Set another ClassName metadata on the spec.",
        DiagnosticSeverity.Error,
        "A spec's class name becomes paragon.{ClassName} on ParagonClient and ParagonUserClient and the types {ClassName}Client, {ClassName}JsonContext and {ClassName}ParagonExtensions; none of them may meet a member of those clients or a Paragon runtime type. A class name made from the file name gets the suffix Integration instead (with PARAGON005); one given as ClassName metadata is an error, and no client is generated for the spec.",
        fatal: true);

    public static readonly DiagnosticDescriptor InvalidPathTemplate = Create(
        "PARAGON019", "A path template cannot be called",
        "The path '{0}' cannot be called: {1}. Its operations are skipped.",
        DiagnosticSeverity.Warning,
        "The runtime checks every path before it sends a request: placeholders are {name} with a name and no braces inside, and the path has no '..' or '.' segment, empty segment, backslash, control character or broken %-escape. The operations of a path it would refuse whatever the values get no method, instead of one that always throws; the rest of the client is generated.");

    public static readonly DiagnosticDescriptor FilterSummary = Create(
        "PARAGON020", "What a spec's operation filters keep",
        "The filters on '{0}' ({1}) keep {2} of {3} operations; {4}",
        DiagnosticSeverity.Info,
        "Reported once for every spec with IncludeTags, ExcludeTags, IncludeOperations, ExcludeOperations, IncludePaths or ExcludePaths: the entries as the generator read them, how many of the spec's operations became methods, and the entries that matched nothing (each also PARAGON015). Entries are separated by ';' or ','.");

    public static readonly DiagnosticDescriptor InvalidErrorRule = Create(
        "PARAGON021", "An error rule extension cannot be used",
        "x-paragon-error of {0} cannot be used: {1}. It is generated as if the spec declared none.",
        DiagnosticSeverity.Warning,
        "x-paragon-error says how a provider answers a failure with a 2xx: {field: ok, mustBe: true, code: error, message: ..., details: [...]}, or false for no check. One that cannot be read is left out: the calls follow the integration's convention (Slack's ok: false is known to the runtime), and no other 2xx is an error.");

    public static readonly DiagnosticDescriptor NoPaging = Create(
        "PARAGON022", "The spec declares no paging",
        "No ...PagedAsync methods are generated for '{0}': it declares no paging{1}. A list operation gets one with x-paragon-pagination (see the README's Paging section).",
        DiagnosticSeverity.Info,
        "A list operation gets a ...PagedAsync form that enumerates every item when it declares how it pages: x-paragon-pagination {strategy: cursor|nextUrl|linkHeader|offset|page, ...}, Azure's x-ms-pageable or Speakeasy's x-speakeasy-pagination. Slack's and GitHub's own specs page by Paragon's per-integration conventions without a declaration. Reported once per spec that has operations and says nothing about paging; x-paragon-pagination: false at the root says no paging on purpose, and silences it.");

    /// <summary>
    /// The descriptor with this id. An id no descriptor has is a bug in the generator, reported as
    /// <see cref="GeneratorFailure"/> by the caller, never silently as another diagnostic.
    /// </summary>
    public static bool TryFind(string id, out DiagnosticDescriptor descriptor) => ById.TryGetValue(id, out descriptor!);

    /// <summary>
    /// Whether a diagnostic with this id stops generation for its spec: it cannot be read, its names or settings are
    /// unusable, or generation failed.
    /// </summary>
    public static bool IsFatal(string id) => FatalIds.Contains(id);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description, bool fatal = false)
    {
        var descriptor = new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true, description: description);
        ById.Add(id, descriptor);
        if (fatal)
        {
            FatalIds.Add(id);
        }

        return descriptor;
    }
}
