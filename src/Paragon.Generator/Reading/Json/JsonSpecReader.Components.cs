using System.Text.Json;
using Microsoft.OpenApi;

namespace Paragon.Generator.Reading.Json;

internal sealed partial class JsonSpecReader
{
    private static readonly Fields<OpenApiComponents> ComponentsFields = new()
    {
        ["schemas"] = static (reader, components, value) => components.Schemas = Map(value, reader.ReadSchema),
        ["responses"] = static (reader, components, value) => components.Responses = Map(value, reader.ReadResponse),
        ["parameters"] = static (reader, components, value) => components.Parameters = Map(value, reader.ReadParameter),
        ["requestBodies"] = static (reader, components, value) => components.RequestBodies = Map(value, reader.ReadRequestBody),
        ["headers"] = static (reader, components, value) => components.Headers = Map(value, reader.ReadHeader),
        ["securitySchemes"] = static (reader, components, value) => components.SecuritySchemes = Map(value, reader.ReadSecurityScheme),

        // Not read by the generator (see OperationFields); a component of these kinds is never referenced here.
        ["examples"] = static (_, _, value) => Object(value),
        ["links"] = static (_, _, value) => Object(value),
        ["callbacks"] = static (_, _, value) => Object(value),
    };

    private static readonly Fields<OpenApiSecurityScheme> SecuritySchemeFields = new()
    {
        ["type"] = static (_, scheme, value) => scheme.Type = String(value) switch
        {
            "apiKey" => SecuritySchemeType.ApiKey,
            "http" => SecuritySchemeType.Http,
            "oauth2" => SecuritySchemeType.OAuth2,
            "openIdConnect" => SecuritySchemeType.OpenIdConnect,
            _ => throw new NotUnderstoodException(),
        },
        ["description"] = static (_, scheme, value) => scheme.Description = String(value),
        ["name"] = static (_, scheme, value) => scheme.Name = String(value),
        ["in"] = static (_, scheme, value) => scheme.In = String(value) switch
        {
            "query" => ParameterLocation.Query,
            "header" => ParameterLocation.Header,
            "cookie" => ParameterLocation.Cookie,
            _ => throw new NotUnderstoodException(),
        },
        ["scheme"] = static (_, scheme, value) => scheme.Scheme = String(value),
        ["bearerFormat"] = static (_, scheme, value) => scheme.BearerFormat = String(value),
        ["openIdConnectUrl"] = static (_, scheme, value) => scheme.OpenIdConnectUrl = Uri(value),

        // The generator reads only the kind and the name of a scheme.
        ["flows"] = static (_, _, value) => Object(value),
    };

    private IOpenApiSecurityScheme ReadSecurityScheme(JsonElement element) => Reference(element, "securitySchemes") is { } id
        ? new SecuritySchemeReference(id, _document, _securitySchemeTargets)
        : ReadObject(element, new OpenApiSecurityScheme(), SecuritySchemeFields);

    private OpenApiSecurityRequirement ReadSecurityRequirement(JsonElement element)
    {
        var requirement = new OpenApiSecurityRequirement();
        foreach (JsonProperty property in Object(element))
        {
            _references.Add(("securitySchemes", property.Name));
            requirement.Add(new SecuritySchemeReference(property.Name, _document, _securitySchemeTargets), List(property.Value, e => String(e)!));
        }

        return requirement;
    }
}
