using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Emitting;
using Paragon.Generator.Model;
using Paragon.Generator.Modeling;
using Paragon.Generator.Reading;

namespace Paragon.Generator;

/// <summary>
/// Turns the OpenAPI files under <c>specs/</c> into typed Paragon clients. The pipeline, per spec file:
/// AdditionalFiles + per-file options + project settings → <see cref="SpecInput"/> → (read once) <see cref="SpecModel"/> →
/// client, models, JSON metadata and the <c>paragon.X</c> access members; diagnostics are a separate output. Nothing from
/// the compilation enters the pipeline: only the language version, from the parse options.
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
        context.RegisterSourceOutput(settings, static (spc, s) => DiagnosticReporter.ReportSettings(spc, s));

        // The settings join each input where it is made, and are applied once, by SpecModeler: they name the types.
        IncrementalValuesProvider<SpecInput> inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(settings)
            .Select(static (pair, cancellationToken) => SpecFiles.ToInput(pair.Left.Left, pair.Left.Right.GetOptions(pair.Left.Left), pair.Right, cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(SpecInputStep);

        IncrementalValuesProvider<SpecModel> models = inputs
            .Select(static (input, cancellationToken) => SpecModeler.ReadSafely(input, cancellationToken))
            .WithTrackingName(SpecModelStep);

        // Diagnostics are their own output: a spec edit that only moves lines re-reports them without re-emitting code.
        context.RegisterSourceOutput(models.Select(static (model, _) => model.Diagnostics), static (spc, diagnostics) => DiagnosticReporter.Report(spc, diagnostics));

        // The only cross-spec step: it yields a small equatable value, so other specs' outputs stay cached.
        IncrementalValueProvider<ImmutableArray<(string ClassName, string FilePath)>> clients = models.Select(static (model, _) => (model.ClassName, model.FilePath)).Collect();
        IncrementalValueProvider<EquatableArray<string>> skipped = clients.Select(static (all, _) => DuplicateClients.Find(all).Select(d => d.FilePath).ToEquatableArray());
        context.RegisterSourceOutput(clients, static (spc, all) => DiagnosticReporter.ReportDuplicates(spc, all));

        // Code is emitted from the model without its diagnostics: an edit that only moves lines changes where they
        // point, not what is generated, so nothing is re-emitted. A failed model keeps its fatal diagnostic: it emits nothing.
        IncrementalValuesProvider<(SpecModel Model, LanguageSupport Language, EquatableArray<string> Skipped)> emitInputs = models
            .Select(static (model, _) => model.IsFailed ? model : model with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty })
            .Combine(language).Combine(skipped)
            .Select(static (pair, _) => (pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(EmitInputStep);
        context.RegisterSourceOutput(emitInputs, static (spc, input) =>
        {
            if (!input.Skipped.Contains(input.Model.FilePath))
            {
                SpecEmitter.Emit(spc, input.Model, input.Language);
            }
        });
    }
}
