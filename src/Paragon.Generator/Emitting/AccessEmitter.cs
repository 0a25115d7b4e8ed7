using Paragon.Generator.Model;

namespace Paragon.Generator.Emitting;

/// <summary>
/// Emits <c>paragon.Slack</c>: C# 14 extension properties on the runtime's client types, in the runtime's namespace so
/// that no <c>using</c> is needed. Older language versions get extension methods (<c>paragon.Slack()</c>) and a warning.
/// The integration client is made once per Paragon client and kept (<c>IntegrationClient</c>): not a new one per call.
/// </summary>
internal static class AccessEmitter
{
    public static string Emit(SpecModel spec, LanguageSupport language)
    {
        string client = "global::" + spec.Namespace + "." + spec.ClientName;
        var w = new SourceWriter().Header();
        w.Open("namespace " + spec.AccessNamespace);
        w.Line($"/// <summary>Reaches the {spec.ClassName} client from Paragon's clients: <c>paragon.{spec.ClassName}</c>.</summary>");
        w.Line(TypeNames.GeneratedCode);
        w.Open($"{spec.Visibility} static class {spec.ClassName}ParagonExtensions");
        if (language.ExtensionMembers)
        {
            foreach (string receiver in new[] { "ParagonClient", "ParagonUserClient" })
            {
                w.Open($"extension(global::Paragon.{receiver} client)");
                w.Line($"/// <summary>Typed calls to {spec.ClassName} for this client's user.</summary>");
                w.Line($"public {client} {spec.ClassName} => client.IntegrationClient(static c => new {client}(c));");
                w.Close();
            }
        }
        else
        {
            foreach (string receiver in new[] { "ParagonClient", "ParagonUserClient" })
            {
                w.Line($"/// <summary>Typed calls to {spec.ClassName} for this client's user.</summary>");
                w.Line("/// <param name=\"client\">The Paragon client.</param>");
                w.Line("/// <returns>The integration's client.</returns>");
                w.Line($"public static {client} {spec.ClassName}(this global::Paragon.{receiver} client) => client.IntegrationClient(static c => new {client}(c));");
            }
        }

        w.Close();
        w.Close();
        return w.ToString();
    }
}
