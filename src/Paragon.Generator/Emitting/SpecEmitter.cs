using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Paragon.Generator.Diagnostics;
using Paragon.Generator.Model;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Emits one spec's files: its client, its models (several per file), its serialization context, its model factory and its
/// <c>paragon.X</c> access members. What the consuming project's language cannot compile is reported instead of emitted.
/// </summary>
internal static class SpecEmitter
{
    public static void Emit(SourceProductionContext context, SpecModel spec, LanguageSupport language)
    {
        if (spec.IsFailed)
        {
            return;
        }

        if (!language.RequiredMembers)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NeedsNewerCSharp, DiagnosticReporter.FileLocation(spec.FilePath), language.Display));
            return;
        }

        // The generator never throws: an emitter that fails on some shape becomes PARAGON007 on the spec, and no code.
        try
        {
            // Every file is made before any is added: an emitter that fails half-way adds nothing, so the user sees
            // PARAGON007 and not a half-generated client that does not compile.
            var names = new TypeNames(spec);
            var plan = new ContextPlan(spec, names);
            string prefix = spec.ClassName + ".";
            var sources = new List<(string HintName, string Source)> { (prefix + "Client.g.cs", ClientEmitter.Emit(spec, names, plan)) };
            for (int start = 0, file = 1; start < spec.Types.Count; start += ModelEmitter.ModelsPerFile, file++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                IEnumerable<TypeModel> models = spec.Types.Skip(start).Take(ModelEmitter.ModelsPerFile);
                sources.Add((prefix + "Models." + file.ToString(CultureInfo.InvariantCulture) + ".g.cs", ModelEmitter.Emit(spec, models, names, plan, language)));
            }

            sources.Add((prefix + "JsonContext.g.cs", SerializationEmitter.Emit(spec, names, plan, language)));
            if (spec.ModelFactory)
            {
                sources.Add((prefix + "ModelFactory.g.cs", ModelFactoryEmitter.Emit(spec, names)));
            }

            sources.Add((prefix + "Access.g.cs", AccessEmitter.Emit(spec, language)));
            foreach ((string hintName, string source) in sources)
            {
                Add(context, hintName, source);
            }

            if (!language.ExtensionMembers)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExtensionMembersNeedCSharp14, DiagnosticReporter.FileLocation(spec.FilePath), spec.ClassName, language.Display));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, DiagnosticReporter.FileLocation(spec.FilePath), Path.GetFileName(spec.FilePath), ex.GetType().Name + ": " + ex.Message));
        }
    }

    private static void Add(SourceProductionContext context, string hintName, string source) =>
        context.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
}
