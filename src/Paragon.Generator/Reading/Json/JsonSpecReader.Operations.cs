using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using Microsoft.OpenApi;

namespace Paragon.Generator.Reading.Json;

internal sealed partial class JsonSpecReader
{
    private static readonly Fields<OpenApiPathItem> PathItemFields = new()
    {
        ["summary"] = static (_, item, value) => item.Summary = String(value),
        ["description"] = static (_, item, value) => item.Description = String(value),
        ["servers"] = static (reader, item, value) => item.Servers = List(value, reader.ReadServer),
        ["parameters"] = static (reader, item, value) => item.Parameters = List(value, reader.ReadParameter),
        ["get"] = Operation("GET"),
        ["put"] = Operation("PUT"),
        ["post"] = Operation("POST"),
        ["delete"] = Operation("DELETE"),
        ["options"] = Operation("OPTIONS"),
        ["head"] = Operation("HEAD"),
        ["patch"] = Operation("PATCH"),
        ["trace"] = Operation("TRACE"),
    };

    // Callbacks, among others, are not here: nothing reads them, and leaving them to Microsoft.OpenApi keeps this small.
    private static readonly Fields<OpenApiOperation> OperationFields = new()
    {
        ["tags"] = static (reader, operation, value) => operation.Tags = reader.ReadTagReferences(value),
        ["summary"] = static (_, operation, value) => operation.Summary = String(value),
        ["description"] = static (_, operation, value) => operation.Description = String(value),
        ["externalDocs"] = static (reader, operation, value) => operation.ExternalDocs = reader.ReadExternalDocs(value),
        ["operationId"] = static (_, operation, value) => operation.OperationId = String(value),
        ["parameters"] = static (reader, operation, value) => operation.Parameters = List(value, reader.ReadParameter),
        ["requestBody"] = static (reader, operation, value) => operation.RequestBody = reader.ReadRequestBody(value),
        ["responses"] = static (reader, operation, value) => ReadEntries(value, operation.Responses = new OpenApiResponses(), reader.ReadResponse),
        ["deprecated"] = static (_, operation, value) => operation.Deprecated = Bool(value),
        ["security"] = static (reader, operation, value) => operation.Security = List(value, reader.ReadSecurityRequirement),
        ["servers"] = static (reader, operation, value) => operation.Servers = List(value, reader.ReadServer),
    };

    private static readonly Fields<OpenApiParameter> ParameterFields = new()
    {
        ["name"] = static (_, parameter, value) => parameter.Name = String(value),
        ["in"] = static (_, parameter, value) => parameter.In = String(value) switch
        {
            "query" => ParameterLocation.Query,
            "header" => ParameterLocation.Header,
            "path" => ParameterLocation.Path,
            "cookie" => ParameterLocation.Cookie,
            _ => throw new NotUnderstoodException(),
        },
        ["description"] = static (_, parameter, value) => parameter.Description = String(value),
        ["required"] = static (_, parameter, value) => parameter.Required = Bool(value),
        ["deprecated"] = static (_, parameter, value) => parameter.Deprecated = Bool(value),

        // Obsolete in the model and not read by the generator: only its shape is checked.
        ["allowEmptyValue"] = static (_, _, value) => Bool(value),
        ["allowReserved"] = static (_, parameter, value) => parameter.AllowReserved = Bool(value),
        ["style"] = static (_, parameter, value) => parameter.Style = Style(value),
        ["explode"] = static (_, parameter, value) => parameter.Explode = Bool(value),
        ["schema"] = static (reader, parameter, value) => parameter.Schema = reader.ReadSchema(value),
        ["content"] = static (reader, parameter, value) => parameter.Content = Map(value, reader.ReadMediaType),
        ["example"] = static (_, parameter, value) => parameter.Example = Any(value),

        // Examples are not read by the generator; their shape is only checked.
        ["examples"] = static (_, _, value) => Object(value),
    };

    private static readonly Fields<OpenApiRequestBody> RequestBodyFields = new()
    {
        ["description"] = static (_, body, value) => body.Description = String(value),
        ["required"] = static (_, body, value) => body.Required = Bool(value),
        ["content"] = static (reader, body, value) => body.Content = Map(value, reader.ReadMediaType),
    };

    private static readonly Fields<OpenApiMediaType> MediaTypeFields = new()
    {
        ["schema"] = static (reader, media, value) => media.Schema = reader.ReadSchema(value),
        ["example"] = static (_, media, value) => media.Example = Any(value),
        ["examples"] = static (_, _, value) => Object(value),
        ["encoding"] = static (reader, media, value) => media.Encoding = Map(value, reader.ReadEncoding),
    };

    private static readonly Fields<OpenApiEncoding> EncodingFields = new()
    {
        ["contentType"] = static (_, encoding, value) => encoding.ContentType = String(value),
        ["headers"] = static (reader, encoding, value) => encoding.Headers = Map(value, reader.ReadHeader),
        ["style"] = static (_, encoding, value) => encoding.Style = Style(value),
        ["explode"] = static (_, encoding, value) => encoding.Explode = Bool(value),
        ["allowReserved"] = static (_, encoding, value) => encoding.AllowReserved = Bool(value),
    };

    private static readonly Fields<OpenApiResponse> ResponseFields = new()
    {
        ["description"] = static (_, response, value) => response.Description = String(value),
        ["headers"] = static (reader, response, value) => response.Headers = Map(value, reader.ReadHeader),
        ["content"] = static (reader, response, value) => response.Content = Map(value, reader.ReadMediaType),
        ["links"] = static (_, _, value) => Object(value),
    };

    private static readonly Fields<OpenApiHeader> HeaderFields = new()
    {
        ["description"] = static (_, header, value) => header.Description = String(value),
        ["required"] = static (_, header, value) => header.Required = Bool(value),
        ["deprecated"] = static (_, header, value) => header.Deprecated = Bool(value),
        ["allowEmptyValue"] = static (_, _, value) => Bool(value),
        ["allowReserved"] = static (_, header, value) => header.AllowReserved = Bool(value),
        ["style"] = static (_, header, value) => header.Style = Style(value),
        ["explode"] = static (_, header, value) => header.Explode = Bool(value),
        ["schema"] = static (reader, header, value) => header.Schema = reader.ReadSchema(value),
        ["content"] = static (reader, header, value) => header.Content = Map(value, reader.ReadMediaType),
        ["example"] = static (_, header, value) => header.Example = Any(value),
        ["examples"] = static (_, _, value) => Object(value),
    };

    /// <summary>The reader of a path item's key for one method: the operation under that method.</summary>
    private static Action<JsonSpecReader, OpenApiPathItem, JsonElement> Operation(string method) =>
        (reader, item, value) => item.AddOperation(new HttpMethod(method), reader.ReadObject(value, new OpenApiOperation(), OperationFields));

    private OpenApiPathItem ReadPathItem(JsonElement element) => ReadObject(element, new OpenApiPathItem(), PathItemFields);

    private HashSet<OpenApiTagReference> ReadTagReferences(JsonElement element)
    {
        var tags = new HashSet<OpenApiTagReference>();
        foreach (JsonElement tag in Array(element))
        {
            tags.Add(new OpenApiTagReference(String(tag)!, _document));
        }

        return tags;
    }

    // A parameter, request body, response or header is a $ref to a component or the object itself.
    private IOpenApiParameter ReadParameter(JsonElement element) => Reference(element, "parameters") is { } id
        ? new ParameterReference(id, _document, _parameterTargets)
        : ReadObject(element, new OpenApiParameter(), ParameterFields);

    private IOpenApiRequestBody ReadRequestBody(JsonElement element) => Reference(element, "requestBodies") is { } id
        ? new RequestBodyReference(id, _document, _requestBodyTargets)
        : ReadObject(element, new OpenApiRequestBody(), RequestBodyFields);

    private IOpenApiResponse ReadResponse(JsonElement element) => Reference(element, "responses") is { } id
        ? new ResponseReference(id, _document, _responseTargets)
        : ReadObject(element, new OpenApiResponse(), ResponseFields);

    private IOpenApiHeader ReadHeader(JsonElement element) => Reference(element, "headers") is { } id
        ? new HeaderReference(id, _document, _headerTargets)
        : ReadObject(element, new OpenApiHeader(), HeaderFields);

    private IOpenApiMediaType ReadMediaType(JsonElement element) => ReadObject(element, new OpenApiMediaType(), MediaTypeFields);

    private OpenApiEncoding ReadEncoding(JsonElement element) => ReadObject(element, new OpenApiEncoding(), EncodingFields);
}
