using System.Collections.Generic;
using System.Text.Json;
using Microsoft.OpenApi;

namespace Paragon.Generator.Reading.Json;

internal sealed partial class JsonSpecReader
{
    private static readonly Fields<OpenApiContact> ContactFields = new()
    {
        ["name"] = static (_, contact, value) => contact.Name = String(value),
        ["email"] = static (_, contact, value) => contact.Email = String(value),
        ["url"] = static (_, contact, value) => contact.Url = Uri(value),
    };

    private static readonly Fields<OpenApiLicense> LicenseFields = new()
    {
        ["name"] = static (_, license, value) => license.Name = String(value),
        ["url"] = static (_, license, value) => license.Url = Uri(value),
    };

    private static readonly Fields<OpenApiInfo> InfoFields = new()
    {
        ["title"] = static (_, info, value) => info.Title = String(value),
        ["version"] = static (_, info, value) => info.Version = String(value),
        ["description"] = static (_, info, value) => info.Description = String(value),
        ["termsOfService"] = static (_, info, value) => info.TermsOfService = Uri(value),
        ["contact"] = static (reader, info, value) => info.Contact = reader.ReadObject(value, new OpenApiContact(), ContactFields),
        ["license"] = static (reader, info, value) => info.License = reader.ReadObject(value, new OpenApiLicense(), LicenseFields),
    };

    private static readonly Fields<OpenApiExternalDocs> ExternalDocsFields = new()
    {
        ["description"] = static (_, docs, value) => docs.Description = String(value),
        ["url"] = static (_, docs, value) => docs.Url = Uri(value),
    };

    private static readonly Fields<OpenApiServer> ServerFields = new()
    {
        ["url"] = static (_, server, value) => server.Url = String(value),
        ["description"] = static (_, server, value) => server.Description = String(value),
        ["variables"] = static (reader, server, value) => server.Variables = Map(value, reader.ReadServerVariable),
    };

    private static readonly Fields<OpenApiServerVariable> ServerVariableFields = new()
    {
        ["default"] = static (_, variable, value) => variable.Default = String(value),
        ["description"] = static (_, variable, value) => variable.Description = String(value),
        ["enum"] = static (_, variable, value) => variable.Enum = List(value, e => String(e)!),
    };

    private static readonly Fields<OpenApiTag> TagFields = new()
    {
        ["name"] = static (_, tag, value) => tag.Name = String(value),
        ["description"] = static (_, tag, value) => tag.Description = String(value),
        ["externalDocs"] = static (reader, tag, value) => tag.ExternalDocs = reader.ReadExternalDocs(value),
    };

    private static readonly Fields<OpenApiDocument> DocumentFields = new()
    {
        ["openapi"] = static (_, _, _) => { }, // checked before the document is read
        ["info"] = static (reader, document, value) => document.Info = reader.ReadObject(value, new OpenApiInfo(), InfoFields),
        ["servers"] = static (reader, document, value) => document.Servers = List(value, reader.ReadServer),
        ["paths"] = static (reader, document, value) => ReadEntries(value, document.Paths = new OpenApiPaths(), reader.ReadPathItem),
        ["components"] = static (reader, document, value) => document.Components = reader.ReadObject(value, new OpenApiComponents(), ComponentsFields),
        ["security"] = static (reader, document, value) => document.Security = List(value, reader.ReadSecurityRequirement),
        ["tags"] = static (reader, document, value) => document.Tags = reader.ReadTags(value),
        ["externalDocs"] = static (reader, document, value) => document.ExternalDocs = reader.ReadExternalDocs(value),
    };

    private OpenApiExternalDocs ReadExternalDocs(JsonElement element) => ReadObject(element, new OpenApiExternalDocs(), ExternalDocsFields);

    private OpenApiServer ReadServer(JsonElement element) => ReadObject(element, new OpenApiServer(), ServerFields);

    private OpenApiServerVariable ReadServerVariable(JsonElement element) => ReadObject(element, new OpenApiServerVariable(), ServerVariableFields);

    private HashSet<OpenApiTag> ReadTags(JsonElement element)
    {
        var tags = new HashSet<OpenApiTag>();
        foreach (JsonElement item in Array(element))
        {
            tags.Add(ReadObject(item, new OpenApiTag(), TagFields));
        }

        return tags;
    }
}
