using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Paragon.Generator.Reading.Json;

/// <summary>
/// Builds Microsoft.OpenApi's object model for an OpenAPI 3.0 JSON document straight from a <see cref="JsonDocument"/>.
/// Microsoft.OpenApi first turns the whole text into a <see cref="JsonNode"/> tree and then walks it through its own
/// node wrappers: on GitHub's 13 MB spec that is about 145 MB and most of a second, where this is a third of the memory
/// and a fraction of the time. The rest of the generator reads the same model either way.
/// </summary>
/// <remarks>
/// It is strict on purpose: whatever it does not understand exactly as Microsoft.OpenApi would (another version, YAML,
/// an unknown or ill-typed key, a reference it cannot place, a syntax error) makes it give up, and the caller reads the
/// text with Microsoft.OpenApi instead. Being fast never costs being right; the corpus test compares every generated
/// file and diagnostic of both paths.
/// </remarks>
internal sealed partial class JsonSpecReader
{
    /// <summary>UTF-8 that throws on invalid text, as System.Text.Json's own encoding of a string does.</summary>
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly OpenApiDocument _document = new();
    private readonly List<(string Kind, string Id)> _references = [];

    /// <summary>Whether the schema <see cref="ReadSchema"/> returned last is type-only (see there), for the oneOf/anyOf that lists it.</summary>
    private bool _lastTypeOnly;

    private JsonSpecReader()
    {
    }

    /// <summary>The document, or null when the text is not one this reader handles (the caller then uses Microsoft.OpenApi).</summary>
    public static OpenApiDocument? TryRead(string text) => TryRead(text, out _);

    /// <summary>
    /// As <see cref="TryRead(string)"/>, and the text as UTF-8 (the document is read from it): the walks over the text
    /// (<see cref="SpecText.SpecSource.UseValidUtf8"/>: the typeless nullables, and the locator that places diagnostics)
    /// step through the same bytes instead of encoding 13 MB again. Null unless System.Text.Json parsed them without
    /// error, whether or not the document is returned.
    /// </summary>
    public static OpenApiDocument? TryRead(string text, out byte[]? utf8)
    {
        try
        {
            utf8 = StrictUtf8.GetBytes(text);
        }
        catch (System.Text.EncoderFallbackException)
        {
            // Text that is not valid UTF-16 (a lone surrogate): parsing the string throws for it, as it always did.
            utf8 = null;
        }

        // A syntax error is left to Microsoft.OpenApi as well: its message is the one users see, with the line in it.
        JsonDocument json;
        try
        {
            // Parsed from these bytes, which the document keeps: parsing the string would encode it into a buffer of its own.
            var options = new JsonDocumentOptions { MaxDepth = 256 };
            json = utf8 is null ? JsonDocument.Parse(text, options) : JsonDocument.Parse(utf8, options);
        }
        catch (JsonException)
        {
            // Not handed on: a walk given these bytes takes them for valid JSON (SpecSource.UseValidUtf8).
            utf8 = null;
            return null;
        }

        // Not disposed: values such as enum members and extensions stay views over this document's buffer.
        try
        {
            return new JsonSpecReader().ReadDocument(json.RootElement);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // NotUnderstoodException, or anything the model's own setters reject: either way, Microsoft.OpenApi decides.
            return null;
        }
    }

    private OpenApiDocument? ReadDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("openapi", out JsonElement version)
            || version.ValueKind != JsonValueKind.String || !version.GetString()!.StartsWith("3.0.", StringComparison.Ordinal))
        {
            return null;
        }

        OpenApiDocument document = _document;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            JsonElement value = property.Value;
            switch (property.Name)
            {
                case "openapi":
                    break;
                case "info":
                    document.Info = ReadInfo(value);
                    break;
                case "servers":
                    document.Servers = List(value, ReadServer);
                    break;
                case "paths":
                    document.Paths = ReadPaths(value);
                    break;
                case "components":
                    document.Components = ReadComponents(value);
                    break;
                case "security":
                    document.Security = List(value, ReadSecurityRequirement);
                    break;
                case "tags":
                    document.Tags = ReadTags(value);
                    break;
                case "externalDocs":
                    document.ExternalDocs = ReadExternalDocs(value);
                    break;
                default:
                    AddExtension(document.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        // Every reference must land on a component; one that does not is reported by Microsoft.OpenApi, so let it read.
        foreach ((string kind, string id) in _references)
        {
            bool found = kind switch
            {
                "schemas" => document.Components?.Schemas?.ContainsKey(id) == true,
                "parameters" => document.Components?.Parameters?.ContainsKey(id) == true,
                "responses" => document.Components?.Responses?.ContainsKey(id) == true,
                "requestBodies" => document.Components?.RequestBodies?.ContainsKey(id) == true,
                "headers" => document.Components?.Headers?.ContainsKey(id) == true,
                "securitySchemes" => document.Components?.SecuritySchemes?.ContainsKey(id) == true,
                _ => false,
            };
            if (!found)
            {
                return null;
            }
        }

        // Every reference this reader made is one of its own (References.cs) and points at a component, so its target is the
        // component itself: the tables are filled here, and Microsoft.OpenApi's workspace (RegisterComponents, which walks
        // every schema for identifiers and anchors: a tenth of this reader's time on GitHub's spec) is never asked.
        Remember(document.Components?.Schemas, _schemaTargets);
        Remember(document.Components?.Parameters, _parameterTargets);
        Remember(document.Components?.Responses, _responseTargets);
        Remember(document.Components?.RequestBodies, _requestBodyTargets);
        Remember(document.Components?.Headers, _headerTargets);
        Remember(document.Components?.SecuritySchemes, _securitySchemeTargets);
        return document;
    }

    private static OpenApiInfo ReadInfo(JsonElement element)
    {
        var info = new OpenApiInfo();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "title":
                    info.Title = String(property.Value);
                    break;
                case "version":
                    info.Version = String(property.Value);
                    break;
                case "description":
                    info.Description = String(property.Value);
                    break;
                case "termsOfService":
                    info.TermsOfService = Uri(property.Value);
                    break;
                case "contact":
                    info.Contact = ReadContact(property.Value);
                    break;
                case "license":
                    info.License = ReadLicense(property.Value);
                    break;
                default:
                    AddExtension(info.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return info;
    }

    private static OpenApiContact ReadContact(JsonElement element)
    {
        var contact = new OpenApiContact();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "name":
                    contact.Name = String(property.Value);
                    break;
                case "email":
                    contact.Email = String(property.Value);
                    break;
                case "url":
                    contact.Url = Uri(property.Value);
                    break;
                default:
                    AddExtension(contact.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return contact;
    }

    private static OpenApiLicense ReadLicense(JsonElement element)
    {
        var license = new OpenApiLicense();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "name":
                    license.Name = String(property.Value);
                    break;
                case "url":
                    license.Url = Uri(property.Value);
                    break;
                default:
                    AddExtension(license.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return license;
    }

    private static OpenApiExternalDocs ReadExternalDocs(JsonElement element)
    {
        var docs = new OpenApiExternalDocs();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "description":
                    docs.Description = String(property.Value);
                    break;
                case "url":
                    docs.Url = Uri(property.Value);
                    break;
                default:
                    AddExtension(docs.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return docs;
    }

    private OpenApiServer ReadServer(JsonElement element)
    {
        var server = new OpenApiServer();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "url":
                    server.Url = String(property.Value);
                    break;
                case "description":
                    server.Description = String(property.Value);
                    break;
                case "variables":
                    server.Variables = Map(property.Value, ReadServerVariable);
                    break;
                default:
                    AddExtension(server.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return server;
    }

    private OpenApiServerVariable ReadServerVariable(JsonElement element)
    {
        var variable = new OpenApiServerVariable();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "default":
                    variable.Default = String(property.Value);
                    break;
                case "description":
                    variable.Description = String(property.Value);
                    break;
                case "enum":
                    variable.Enum = List(property.Value, e => String(e)!);
                    break;
                default:
                    AddExtension(variable.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return variable;
    }

    private static HashSet<OpenApiTag> ReadTags(JsonElement element)
    {
        var tags = new HashSet<OpenApiTag>();
        foreach (JsonElement item in Array(element))
        {
            var tag = new OpenApiTag();
            foreach (JsonProperty property in Object(item))
            {
                switch (property.Name)
                {
                    case "name":
                        tag.Name = String(property.Value);
                        break;
                    case "description":
                        tag.Description = String(property.Value);
                        break;
                    case "externalDocs":
                        tag.ExternalDocs = ReadExternalDocs(property.Value);
                        break;
                    default:
                        AddExtension(tag.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                        break;
                }
            }

            tags.Add(tag);
        }

        return tags;
    }

    private OpenApiPaths ReadPaths(JsonElement element)
    {
        var paths = new OpenApiPaths();
        foreach (JsonProperty property in Object(element))
        {
            if (IsExtension(property.Name))
            {
                AddExtension(paths.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
            }
            else
            {
                paths.Add(property.Name, ReadPathItem(property.Value));
            }
        }

        return paths;
    }

    private OpenApiPathItem ReadPathItem(JsonElement element)
    {
        var item = new OpenApiPathItem();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "summary":
                    item.Summary = String(property.Value);
                    break;
                case "description":
                    item.Description = String(property.Value);
                    break;
                case "servers":
                    item.Servers = List(property.Value, ReadServer);
                    break;
                case "parameters":
                    item.Parameters = List(property.Value, ReadParameter);
                    break;
                case "get":
                case "put":
                case "post":
                case "delete":
                case "options":
                case "head":
                case "patch":
                case "trace":
                    item.AddOperation(new HttpMethod(property.Name.ToUpperInvariant()), ReadOperation(property.Value));
                    break;
                default:
                    AddExtension(item.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return item;
    }

    private OpenApiOperation ReadOperation(JsonElement element)
    {
        var operation = new OpenApiOperation();
        foreach (JsonProperty property in Object(element))
        {
            JsonElement value = property.Value;
            switch (property.Name)
            {
                case "tags":
                    var tags = new HashSet<OpenApiTagReference>();
                    foreach (JsonElement tag in Array(value))
                    {
                        tags.Add(new OpenApiTagReference(String(tag)!, _document));
                    }

                    operation.Tags = tags;
                    break;
                case "summary":
                    operation.Summary = String(value);
                    break;
                case "description":
                    operation.Description = String(value);
                    break;
                case "externalDocs":
                    operation.ExternalDocs = ReadExternalDocs(value);
                    break;
                case "operationId":
                    operation.OperationId = String(value);
                    break;
                case "parameters":
                    operation.Parameters = List(value, ReadParameter);
                    break;
                case "requestBody":
                    operation.RequestBody = ReadRequestBody(value);
                    break;
                case "responses":
                    operation.Responses = ReadResponses(value);
                    break;
                case "deprecated":
                    operation.Deprecated = Bool(value);
                    break;
                case "security":
                    operation.Security = List(value, ReadSecurityRequirement);
                    break;
                case "servers":
                    operation.Servers = List(value, ReadServer);
                    break;
                default:
                    // Callbacks, among others: nothing here reads them, and leaving them to Microsoft.OpenApi keeps this small.
                    AddExtension(operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return operation;
    }

    private IOpenApiParameter ReadParameter(JsonElement element)
    {
        if (Reference(element, "parameters") is { } id)
        {
            return new ParameterReference(id, _document, _parameterTargets);
        }

        var parameter = new OpenApiParameter();
        foreach (JsonProperty property in Object(element))
        {
            JsonElement value = property.Value;
            switch (property.Name)
            {
                case "name":
                    parameter.Name = String(value);
                    break;
                case "in":
                    parameter.In = String(value) switch
                    {
                        "query" => ParameterLocation.Query,
                        "header" => ParameterLocation.Header,
                        "path" => ParameterLocation.Path,
                        "cookie" => ParameterLocation.Cookie,
                        _ => throw new NotUnderstoodException(),
                    };
                    break;
                case "description":
                    parameter.Description = String(value);
                    break;
                case "required":
                    parameter.Required = Bool(value);
                    break;
                case "deprecated":
                    parameter.Deprecated = Bool(value);
                    break;
                case "allowEmptyValue":
                    // Obsolete in the model and not read by the generator: only its shape is checked.
                    Bool(value);
                    break;
                case "allowReserved":
                    parameter.AllowReserved = Bool(value);
                    break;
                case "style":
                    parameter.Style = Style(value);
                    break;
                case "explode":
                    parameter.Explode = Bool(value);
                    break;
                case "schema":
                    parameter.Schema = ReadSchema(value);
                    break;
                case "content":
                    parameter.Content = Map(value, ReadMediaType);
                    break;
                case "example":
                    parameter.Example = Any(value);
                    break;
                case "examples":
                    // Examples are not read by the generator; their shape is only checked.
                    Object(value);
                    break;
                default:
                    AddExtension(parameter.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return parameter;
    }

    private IOpenApiRequestBody ReadRequestBody(JsonElement element)
    {
        if (Reference(element, "requestBodies") is { } id)
        {
            return new RequestBodyReference(id, _document, _requestBodyTargets);
        }

        var body = new OpenApiRequestBody();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "description":
                    body.Description = String(property.Value);
                    break;
                case "required":
                    body.Required = Bool(property.Value);
                    break;
                case "content":
                    body.Content = Map(property.Value, ReadMediaType);
                    break;
                default:
                    AddExtension(body.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return body;
    }

    private IOpenApiMediaType ReadMediaType(JsonElement element)
    {
        var media = new OpenApiMediaType();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "schema":
                    media.Schema = ReadSchema(property.Value);
                    break;
                case "example":
                    media.Example = Any(property.Value);
                    break;
                case "examples":
                    Object(property.Value);
                    break;
                case "encoding":
                    media.Encoding = Map(property.Value, ReadEncoding);
                    break;
                default:
                    AddExtension(media.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return media;
    }

    private OpenApiEncoding ReadEncoding(JsonElement element)
    {
        var encoding = new OpenApiEncoding();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "contentType":
                    encoding.ContentType = String(property.Value);
                    break;
                case "headers":
                    encoding.Headers = Map(property.Value, ReadHeader);
                    break;
                case "style":
                    encoding.Style = Style(property.Value);
                    break;
                case "explode":
                    encoding.Explode = Bool(property.Value);
                    break;
                case "allowReserved":
                    encoding.AllowReserved = Bool(property.Value);
                    break;
                default:
                    AddExtension(encoding.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return encoding;
    }

    private OpenApiResponses ReadResponses(JsonElement element)
    {
        var responses = new OpenApiResponses();
        foreach (JsonProperty property in Object(element))
        {
            if (IsExtension(property.Name))
            {
                AddExtension(responses.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
            }
            else
            {
                responses.Add(property.Name, ReadResponse(property.Value));
            }
        }

        return responses;
    }

    private IOpenApiResponse ReadResponse(JsonElement element)
    {
        if (Reference(element, "responses") is { } id)
        {
            return new ResponseReference(id, _document, _responseTargets);
        }

        var response = new OpenApiResponse();
        foreach (JsonProperty property in Object(element))
        {
            switch (property.Name)
            {
                case "description":
                    response.Description = String(property.Value);
                    break;
                case "headers":
                    response.Headers = Map(property.Value, ReadHeader);
                    break;
                case "content":
                    response.Content = Map(property.Value, ReadMediaType);
                    break;
                case "links":
                    Object(property.Value);
                    break;
                default:
                    AddExtension(response.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return response;
    }

    private IOpenApiHeader ReadHeader(JsonElement element)
    {
        if (Reference(element, "headers") is { } id)
        {
            return new HeaderReference(id, _document, _headerTargets);
        }

        var header = new OpenApiHeader();
        foreach (JsonProperty property in Object(element))
        {
            JsonElement value = property.Value;
            switch (property.Name)
            {
                case "description":
                    header.Description = String(value);
                    break;
                case "required":
                    header.Required = Bool(value);
                    break;
                case "deprecated":
                    header.Deprecated = Bool(value);
                    break;
                case "allowEmptyValue":
                    Bool(value);
                    break;
                case "allowReserved":
                    header.AllowReserved = Bool(value);
                    break;
                case "style":
                    header.Style = Style(value);
                    break;
                case "explode":
                    header.Explode = Bool(value);
                    break;
                case "schema":
                    header.Schema = ReadSchema(value);
                    break;
                case "content":
                    header.Content = Map(value, ReadMediaType);
                    break;
                case "example":
                    header.Example = Any(value);
                    break;
                case "examples":
                    Object(value);
                    break;
                default:
                    AddExtension(header.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return header;
    }

    private OpenApiComponents ReadComponents(JsonElement element)
    {
        var components = new OpenApiComponents();
        foreach (JsonProperty property in Object(element))
        {
            JsonElement value = property.Value;
            switch (property.Name)
            {
                case "schemas":
                    components.Schemas = Map(value, ReadSchema);
                    break;
                case "responses":
                    components.Responses = Map(value, ReadResponse);
                    break;
                case "parameters":
                    components.Parameters = Map(value, ReadParameter);
                    break;
                case "requestBodies":
                    components.RequestBodies = Map(value, ReadRequestBody);
                    break;
                case "headers":
                    components.Headers = Map(value, ReadHeader);
                    break;
                case "securitySchemes":
                    components.SecuritySchemes = Map(value, ReadSecurityScheme);
                    break;
                case "examples":
                case "links":
                case "callbacks":
                    // Not read by the generator (see ReadOperation); a component of these kinds is never referenced here.
                    Object(value);
                    break;
                default:
                    AddExtension(components.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return components;
    }

    private IOpenApiSecurityScheme ReadSecurityScheme(JsonElement element)
    {
        if (Reference(element, "securitySchemes") is { } id)
        {
            return new SecuritySchemeReference(id, _document, _securitySchemeTargets);
        }

        var scheme = new OpenApiSecurityScheme();
        foreach (JsonProperty property in Object(element))
        {
            JsonElement value = property.Value;
            switch (property.Name)
            {
                case "type":
                    scheme.Type = String(value) switch
                    {
                        "apiKey" => SecuritySchemeType.ApiKey,
                        "http" => SecuritySchemeType.Http,
                        "oauth2" => SecuritySchemeType.OAuth2,
                        "openIdConnect" => SecuritySchemeType.OpenIdConnect,
                        _ => throw new NotUnderstoodException(),
                    };
                    break;
                case "description":
                    scheme.Description = String(value);
                    break;
                case "name":
                    scheme.Name = String(value);
                    break;
                case "in":
                    scheme.In = String(value) switch
                    {
                        "query" => ParameterLocation.Query,
                        "header" => ParameterLocation.Header,
                        "cookie" => ParameterLocation.Cookie,
                        _ => throw new NotUnderstoodException(),
                    };
                    break;
                case "scheme":
                    scheme.Scheme = String(value);
                    break;
                case "bearerFormat":
                    scheme.BearerFormat = String(value);
                    break;
                case "openIdConnectUrl":
                    scheme.OpenIdConnectUrl = Uri(value);
                    break;
                case "flows":
                    // The generator reads only the kind and the name of a scheme.
                    Object(value);
                    break;
                default:
                    AddExtension(scheme.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal), property);
                    break;
            }
        }

        return scheme;
    }

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

    /// <summary>The component a <c>$ref</c> object names, or null for an object that is not a reference.</summary>
    private string? Reference(JsonElement element, string kind)
    {
        // Asked of every schema, parameter and response: the key as UTF-8, where a string would be encoded on each call.
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("$ref"u8, out JsonElement reference))
        {
            return null;
        }

        // In 3.0 the keys beside $ref are ignored (Microsoft.OpenApi does too); any other form of pointer is left to it.
        // Written as "#/components/" KIND "/" ID, checked in place rather than against a prefix made for each call.
        const string Components = "#/components/";
        string pointer = String(reference) ?? throw new NotUnderstoodException();
        int start = Components.Length + kind.Length + 1;
        if (!pointer.StartsWith(Components, StringComparison.Ordinal) || pointer.Length <= start || pointer[start - 1] != '/'
            || string.CompareOrdinal(pointer, Components.Length, kind, 0, kind.Length) != 0 || pointer.IndexOf('/', start) >= 0
            || pointer.IndexOf('~', start) >= 0 || pointer.IndexOf('%', start) >= 0)
        {
            throw new NotUnderstoodException();
        }

        string id = pointer.Substring(start);
        _references.Add((kind, id));
        return id;
    }

    private static ParameterStyle Style(JsonElement value) => String(value) switch
    {
        "matrix" => ParameterStyle.Matrix,
        "label" => ParameterStyle.Label,
        "form" => ParameterStyle.Form,
        "simple" => ParameterStyle.Simple,
        "spaceDelimited" => ParameterStyle.SpaceDelimited,
        "pipeDelimited" => ParameterStyle.PipeDelimited,
        "deepObject" => ParameterStyle.DeepObject,
        _ => throw new NotUnderstoodException(),
    };

    private static bool IsExtension(string name) => name.StartsWith("x-", StringComparison.OrdinalIgnoreCase);

    /// <summary>An <c>x-</c> key becomes an extension as Microsoft.OpenApi makes it; any other unknown key is an error there, so it is left to it.</summary>
    private static void AddExtension(IDictionary<string, IOpenApiExtension> extensions, JsonProperty property)
    {
        if (!IsExtension(property.Name) || property.Value.ValueKind == JsonValueKind.Null)
        {
            throw new NotUnderstoodException();
        }

        extensions[property.Name] = new JsonNodeExtension(Any(property.Value)!);
    }

    /// <summary>A JSON value kept as a node, as Microsoft.OpenApi keeps examples, defaults and enum members (null as its sentinel).</summary>
    private static JsonNode Any(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element)!,
        JsonValueKind.Array => JsonArray.Create(element)!,
        JsonValueKind.Null => JsonNullSentinel.JsonNull,
        _ => JsonValue.Create(element)!,
    };

    private static JsonElement.ObjectEnumerator Object(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : throw new NotUnderstoodException();

    private static JsonElement.ArrayEnumerator Array(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new NotUnderstoodException();

    private static string? String(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString() : throw new NotUnderstoodException();

    private static bool Bool(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new NotUnderstoodException(),
    };

    private static Uri Uri(JsonElement element) =>
        System.Uri.TryCreate(String(element), UriKind.RelativeOrAbsolute, out Uri? uri) ? uri : throw new NotUnderstoodException();

    private static int Int(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value) ? value : throw new NotUnderstoodException();

    /// <summary>A number as Microsoft.OpenApi keeps it: its text.</summary>
    private static string Number(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetRawText() : throw new NotUnderstoodException();

    private static List<T> List<T>(JsonElement element, Func<JsonElement, T> read)
    {
        var list = new List<T>(element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : 0);
        foreach (JsonElement item in Array(element))
        {
            list.Add(read(item));
        }

        return list;
    }

    private static Dictionary<string, T> Map<T>(JsonElement element, Func<JsonElement, T> read)
    {
        // Sized first (counting steps over each value whole, without reading it): GitHub's maps of properties, schemas and
        // responses grew by rehashing into ever larger arrays, a tenth of the reader's time.
        int count = 0;
        foreach (JsonProperty _ in Object(element))
        {
            count++;
        }

        var map = new Dictionary<string, T>(count, StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            // A repeated key is one JsonNode refuses: leave it to Microsoft.OpenApi to report. The name is read once: each
            // read decodes it into a new string (a schema's properties, responses: hundreds of thousands on GitHub's spec).
            string key = property.Name;
            if (map.ContainsKey(key))
            {
                throw new NotUnderstoodException();
            }

            map.Add(key, read(property.Value));
        }

        return map;
    }

    /// <summary>Thrown wherever the text is not exactly what this reader understands: the caller falls back to Microsoft.OpenApi.</summary>
    private sealed class NotUnderstoodException : Exception
    {
    }
}
