using System.Collections.Generic;
using Microsoft.OpenApi;

namespace Paragon.Generator.Reading.Json;

internal sealed partial class JsonSpecReader
{
    // Targets already resolved, by kind and component id, shared by every reference this reader made to the same component.
    private readonly Dictionary<string, IOpenApiSchema> _schemaTargets = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, IOpenApiParameter> _parameterTargets = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, IOpenApiResponse> _responseTargets = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, IOpenApiRequestBody> _requestBodyTargets = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, IOpenApiHeader> _headerTargets = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, IOpenApiSecurityScheme> _securitySchemeTargets = new(System.StringComparer.Ordinal);

    /// <summary>
    /// Microsoft.OpenApi resolves a reference again on every property read through it (every getter asks <c>Target</c>, which
    /// builds a URI and looks it up in the workspace): on GitHub's spec that was a quarter of the model stage and 45 MB.
    /// The references this reader makes point only at components (checked before the document is returned), so the target
    /// of an id is the component of that id, and never changes: the tables are filled from the components once the document
    /// is read, which also spares registering them in Microsoft.OpenApi's workspace. A reference whose id is not in its table
    /// (none, after that check) asks Microsoft.OpenApi as before; only a target found is kept, and anything thrown is thrown
    /// again on the next read.
    /// </summary>
    private static void Remember<T>(IDictionary<string, T>? components, Dictionary<string, T> targets)
        where T : class
    {
        if (components is null)
        {
            return;
        }

        foreach (KeyValuePair<string, T> component in components)
        {
            targets[component.Key] = component.Value;
        }
    }

    private static T? Remembered<T>(Dictionary<string, T> targets, string id, T? resolved)
        where T : class
    {
        if (resolved is not null)
        {
            targets[id] = resolved;
        }

        return resolved;
    }

    private sealed class SchemaReference(string id, OpenApiDocument document, Dictionary<string, IOpenApiSchema> targets) : OpenApiSchemaReference(id, document)
    {
        public override IOpenApiSchema? Target => targets.TryGetValue(Reference.Id!, out IOpenApiSchema? known) ? known : Remembered(targets, Reference.Id!, base.Target);
    }

    private sealed class ParameterReference(string id, OpenApiDocument document, Dictionary<string, IOpenApiParameter> targets) : OpenApiParameterReference(id, document)
    {
        public override IOpenApiParameter? Target => targets.TryGetValue(Reference.Id!, out IOpenApiParameter? known) ? known : Remembered(targets, Reference.Id!, base.Target);
    }

    private sealed class ResponseReference(string id, OpenApiDocument document, Dictionary<string, IOpenApiResponse> targets) : OpenApiResponseReference(id, document)
    {
        public override IOpenApiResponse? Target => targets.TryGetValue(Reference.Id!, out IOpenApiResponse? known) ? known : Remembered(targets, Reference.Id!, base.Target);
    }

    private sealed class RequestBodyReference(string id, OpenApiDocument document, Dictionary<string, IOpenApiRequestBody> targets) : OpenApiRequestBodyReference(id, document)
    {
        public override IOpenApiRequestBody? Target => targets.TryGetValue(Reference.Id!, out IOpenApiRequestBody? known) ? known : Remembered(targets, Reference.Id!, base.Target);
    }

    private sealed class HeaderReference(string id, OpenApiDocument document, Dictionary<string, IOpenApiHeader> targets) : OpenApiHeaderReference(id, document)
    {
        public override IOpenApiHeader? Target => targets.TryGetValue(Reference.Id!, out IOpenApiHeader? known) ? known : Remembered(targets, Reference.Id!, base.Target);
    }

    private sealed class SecuritySchemeReference(string id, OpenApiDocument document, Dictionary<string, IOpenApiSecurityScheme> targets) : OpenApiSecuritySchemeReference(id, document)
    {
        public override IOpenApiSecurityScheme? Target => targets.TryGetValue(Reference.Id!, out IOpenApiSecurityScheme? known) ? known : Remembered(targets, Reference.Id!, base.Target);
    }
}
