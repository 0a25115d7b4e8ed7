using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Emitting;
using Paragon.Generator.Model;
using Paragon.Generator.Reading;

namespace Paragon.Generator;

/// <summary>
/// Turns the OpenAPI files under <c>specs/</c> into typed Paragon clients. The pipeline, per spec file:
/// AdditionalFiles + per-file options → <see cref="SpecInput"/> → (read once) <see cref="SpecModel"/> → client, models,
/// JSON metadata and the <c>paragon.X</c> access members; diagnostics are a separate output. Nothing from the
/// compilation enters the pipeline: only the language version, from the parse options.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ParagonGenerator : IIncrementalGenerator
{
    /// <summary>Tracked step: a spec file's text and settings.</summary>
    public const string SpecInputStep = "SpecInput";

    /// <summary>Tracked step: a spec read into the model.</summary>
    public const string SpecModelStep = "SpecModel";

    /// <summary>Tracked step: the project's Paragon properties (root namespace, visibility).</summary>
    public const string SettingsStep = "Settings";

    /// <summary>Tracked step: the model with the language version, ready to emit.</summary>
    public const string EmitInputStep = "EmitInput";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<LanguageSupport> language = context.ParseOptionsProvider
            .Select(static (options, _) => new LanguageSupport(options is CSharpParseOptions csharp ? (int)csharp.LanguageVersion : 0));

        // Project properties are reduced to a small record at once: the options provider itself changes with every build.
        IncrementalValueProvider<GenerationSettings> settings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => GenerationSettings.From(options.GlobalOptions))
            .WithTrackingName(SettingsStep);
        context.RegisterSourceOutput(settings, static (spc, s) => ReportSettings(spc, s));

        IncrementalValuesProvider<SpecInput> inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(settings.Select(static (s, _) => s.RootNamespace))
            .Select(static (pair, cancellationToken) => ToInput(pair.Left.Left, pair.Left.Right.GetOptions(pair.Left.Left), pair.Right, cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(SpecInputStep);

        IncrementalValuesProvider<SpecModel> models = inputs
            .Select(static (input, cancellationToken) => ReadSafely(input, cancellationToken))
            .WithTrackingName(SpecModelStep);

        // Diagnostics are their own output: a spec edit that only moves lines re-reports them without re-emitting code.
        context.RegisterSourceOutput(models.Select(static (model, _) => model.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));

        // Two specs that would produce the same client collide: the later one (by path) is skipped and reported. This is
        // the only cross-spec step; it yields a small equatable value, so other specs' outputs stay cached.
        IncrementalValueProvider<ImmutableArray<(string ClassName, string FilePath)>> clients = models.Select(static (model, _) => (model.ClassName, model.FilePath)).Collect();
        IncrementalValueProvider<EquatableArray<string>> skipped = clients.Select(static (all, _) => Duplicates(all).Select(d => d.FilePath).ToEquatableArray());
        context.RegisterSourceOutput(clients, static (spc, all) => ReportDuplicates(spc, all));

        // Code is emitted from the model without its diagnostics: an edit that only moves lines changes where they
        // point, not what is generated, so nothing is re-emitted.
        IncrementalValuesProvider<(SpecModel Model, LanguageSupport Language, EquatableArray<string> Skipped)> emitInputs = models
            .Select(static (model, _) => model with { Diagnostics = IsFailed(model) ? model.Diagnostics : EquatableArray<DiagnosticInfo>.Empty })
            .Combine(language).Combine(skipped).Combine(settings)
            .Select(static (pair, _) => (pair.Left.Left.Left with { Visibility = pair.Right.Visibility, AccessNamespace = pair.Right.AccessNamespace }, pair.Left.Left.Right, pair.Left.Right))
            .WithTrackingName(EmitInputStep);
        context.RegisterSourceOutput(emitInputs, static (spc, input) =>
        {
            if (!input.Skipped.Contains(input.Model.FilePath))
            {
                Emit(spc, input.Model, input.Language);
            }
        });
    }

    private static SpecInput? ToInput(AdditionalText file, AnalyzerConfigOptions options, string rootNamespace, CancellationToken cancellationToken)
    {
        string extension = Path.GetExtension(file.Path).ToLowerInvariant();
        if (extension is not (".json" or ".yaml" or ".yml"))
        {
            return null;
        }

        if (!options.TryGetValue("build_metadata.AdditionalFiles.ParagonSpec", out string? flag) || !string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return new SpecInput(file.Path, text, Metadata(options, "Integration"), Metadata(options, "ClassName"), Metadata(options, "PathPrefix"),
            Metadata(options, "Namespace"), rootNamespace, OperationFilter.From(name => Metadata(options, name)), Metadata(options, "ModelFactory"), Metadata(options, "RequiredFields"));
    }

    private static string? Metadata(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_metadata.AdditionalFiles." + name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The generator never throws: an unexpected failure becomes PARAGON007 on the spec, and no code.</summary>
    private static SpecModel ReadSafely(SpecInput input, CancellationToken cancellationToken)
    {
        try
        {
            return SpecReader.Read(input, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            string className = input.ClassName ?? Naming.Identifiers.Pascal(Path.GetFileNameWithoutExtension(input.Path), "Integration");
            var diagnostic = new DiagnosticInfo(DiagnosticDescriptors.GeneratorFailure.Id, input.Path, 0, 0, 0, 1, 0, 1,
                new[] { Path.GetFileName(input.Path), ex.GetType().Name + ": " + ex.Message }.ToEquatableArray());
            return new SpecModel(input.Path, className, className, input.RootNamespace + "." + className, null, null, 0,
                EquatableArray<OperationModel>.Empty, EquatableArray<TypeModel>.Empty, new[] { diagnostic }.ToEquatableArray());
        }
    }

    private static void Emit(SourceProductionContext context, SpecModel spec, LanguageSupport language)
    {
        if (IsFailed(spec))
        {
            return;
        }

        if (!language.RequiredMembers)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NeedsNewerCSharp, FileLocation(spec.FilePath), language.Display));
            return;
        }

        try
        {
            var names = new TypeNames(spec);
            var plan = new ContextPlan(spec, names);
            string prefix = spec.ClassName + ".";
            Add(context, prefix + "Client.g.cs", ClientEmitter.Emit(spec, names, plan));
            for (int start = 0, file = 1; start < spec.Types.Count; start += ModelEmitter.ModelsPerFile, file++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                IEnumerable<TypeModel> models = spec.Types.Skip(start).Take(ModelEmitter.ModelsPerFile);
                Add(context, prefix + "Models." + file.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".g.cs", ModelEmitter.Emit(spec, models, names, plan, language));
            }

            Add(context, prefix + "JsonContext.g.cs", SerializationEmitter.Emit(spec, names, plan, language));
            if (spec.ModelFactory)
            {
                Add(context, prefix + "ModelFactory.g.cs", ModelFactoryEmitter.Emit(spec, names));
            }

            Add(context, prefix + "Access.g.cs", AccessEmitter.Emit(spec, language));
            if (!language.ExtensionMembers)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExtensionMembersNeedCSharp14, FileLocation(spec.FilePath), spec.ClassName, language.Display));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, FileLocation(spec.FilePath), Path.GetFileName(spec.FilePath), ex.GetType().Name + ": " + ex.Message));
        }
    }

    /// <summary>Whether reading failed (nothing to emit): the model then keeps its failure diagnostic for the emit step.</summary>
    private static bool IsFailed(SpecModel model) =>
        model.Operations.Count == 0 && model.Types.Count == 0 && model.Diagnostics.Any(d => DiagnosticDescriptors.IsFatal(d.Id));

    private static void Add(SourceProductionContext context, string hintName, string source) =>
        context.AddSource(hintName, SourceText.From(source, Encoding.UTF8));

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo info in diagnostics)
        {
            if (!DiagnosticDescriptors.TryFind(info.Id, out DiagnosticDescriptor descriptor))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, FileLocation(info.FilePath), Path.GetFileName(info.FilePath), "no diagnostic has the id " + info.Id));
                continue;
            }

            var span = new TextSpan(Math.Max(0, info.Start), Math.Max(0, info.Length));
            var lines = new LinePositionSpan(new LinePosition(Math.Max(0, info.StartLine), Math.Max(0, info.StartColumn)), new LinePosition(Math.Max(0, info.EndLine), Math.Max(0, info.EndColumn)));
            context.ReportDiagnostic(Diagnostic.Create(descriptor, Location.Create(info.FilePath, span, lines), info.Arguments.Cast<object>().ToArray()));
        }
    }

    /// <summary>Every spec whose client another spec (first by path) already generates, with that first spec.</summary>
    private static IEnumerable<(string ClassName, string FilePath, string FirstPath)> Duplicates(ImmutableArray<(string ClassName, string FilePath)> all) =>
        // Ignoring case: hint names are compared so (and files on a case-insensitive disk), and the class name's casing
        // comes from the spec's title, so GitHub and Github are the same client.
        all.GroupBy(s => s.ClassName, StringComparer.OrdinalIgnoreCase)
           .Where(g => g.Count() > 1)
           .SelectMany(g =>
           {
               var ordered = g.OrderBy(s => s.FilePath, StringComparer.Ordinal).ToList();
               return ordered.Skip(1).Select(s => (ClassName: s.ClassName, FilePath: s.FilePath, FirstPath: ordered[0].FilePath));
           })
           .OrderBy(d => d.FilePath, StringComparer.Ordinal);

    private static void ReportDuplicates(SourceProductionContext context, ImmutableArray<(string ClassName, string FilePath)> all)
    {
        foreach ((string className, string filePath, string firstPath) in Duplicates(all))
        {
            // Two files of the same name (a project's specs/slack.yaml and the package's curated one) are told apart by folder.
            bool sameName = string.Equals(Path.GetFileName(filePath), Path.GetFileName(firstPath), StringComparison.Ordinal);
            string shown = sameName ? filePath : Path.GetFileName(filePath);
            string first = sameName ? firstPath : Path.GetFileName(firstPath);
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateIntegration, FileLocation(filePath), shown, className + "Client", first));
        }
    }

    /// <summary>A bad project property belongs to no spec file: it is reported once, without a location.</summary>
    private static void ReportSettings(SourceProductionContext context, GenerationSettings settings)
    {
        if (settings.InvalidRootNamespace is { } root)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidSetting, Location.None, "ParagonRootNamespace", root,
                "use a dotted C# name such as Contoso.Integrations; " + GenerationSettings.DefaultRootNamespace + " is used until then"));
        }

        if (settings.InvalidVisibility is { } visibility)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidSetting, Location.None, "ParagonGeneratedVisibility", visibility,
                "use public or internal; public is used until then"));
        }
    }

    private static Location FileLocation(string path) => Location.Create(path, new TextSpan(0, 0), new LinePositionSpan(LinePosition.Zero, LinePosition.Zero));
}
