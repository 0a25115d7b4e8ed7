using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Paragon.Proxy;

/// <summary>Turns a raw call's <see cref="ParagonRequestOptions"/> into the same <see cref="ProxyRequest"/> that generated code builds.</summary>
internal static class RequestOptionsTranslator
{
    public static ProxyRequest Translate(string integration, string path, ParagonRequestOptions? options, JsonSerializerOptions jsonOptions)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path), "Pass the provider path, for example \"/chat.postMessage\".");
        }

        var request = new ProxyRequest(integration ?? throw new ArgumentNullException(nameof(integration), "Name the integration, for example \"slack\"."),
            options?.Method ?? HttpMethod.Get, path);
        if (options is null)
        {
            return request;
        }

        if (options.Query is not null)
        {
            foreach (KeyValuePair<string, string?> pair in options.Query)
            {
                request.Query.Add(pair.Key, pair.Value);
            }
        }

        if (options.Headers is not null)
        {
            foreach (KeyValuePair<string, string> pair in options.Headers)
            {
                request.Headers.Add(pair.Key, pair.Value);
            }
        }

        request.Body = ToBody(options.Body, jsonOptions);
        request.ContentType = options.ContentType;
        request.CredentialId = options.CredentialId;
        request.StreamResponse = options.StreamResponse;
        return request;
    }

    private static ProxyBody? ToBody(object? body, JsonSerializerOptions jsonOptions) => body switch
    {
        null => null,
        ProxyBody proxyBody => proxyBody,
        HttpContent content => ProxyBody.Content(content),
        JsonNode node => ProxyBody.Json(node),
        JsonElement element => ProxyBody.Json(element),
        JsonDocument document => ProxyBody.Json(document.RootElement),
        string text => ProxyBody.Text(text),
        byte[] bytes => ProxyBody.Bytes(bytes),
        ReadOnlyMemory<byte> memory => ProxyBody.Bytes(memory),
        Memory<byte> memory => ProxyBody.Bytes(memory),
        Stream stream => ProxyBody.Stream(stream),
        ParagonFormBody form => ProxyBody.Form(form),

        // Any other object is JSON, with metadata from the configured resolver: reflection by default, or a
        // source-generated context in trimmed and AOT applications (where reflection is switched off).
        _ => SerializeObject(body, jsonOptions),
    };

    private static ProxyBody SerializeObject(object body, JsonSerializerOptions jsonOptions)
    {
        JsonTypeInfo typeInfo;
        try
        {
            typeInfo = jsonOptions.GetTypeInfo(body.GetType());
        }
        catch (NotSupportedException ex)
        {
            throw new ArgumentException(
                $"The body is a {body.GetType().Name}, for which no JSON metadata is available (reflection is off in trimmed and native AOT applications). " +
                "Set ParagonClientOptions.JsonSerializerOptions to the options of a JsonSerializerContext that includes the type, or pass a JsonNode or ProxyBody.Json(value, typeInfo).",
                "options", ex);
        }

        return ProxyBody.RawJson(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
    }
}
