using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;

namespace Paragon;

/// <summary>
/// The call <b>succeeded</b> — the provider answered with a 2xx status and did what was asked — but its body could not be
/// read as the expected type: it was empty where the spec promised a body, it was not valid JSON, or it lacked a field the
/// spec calls required. The status, headers and the body itself are here, so nothing the provider sent is lost.
/// </summary>
/// <remarks>
/// Do not treat this as a failed call: repeating a non-idempotent call (a POST that created something, a message that was
/// posted) would do it twice. It derives from <see cref="JsonException"/> so that code which already catches that keeps working.
/// </remarks>
public sealed class ParagonUnreadableResponseException : JsonException
{
    internal ParagonUnreadableResponseException(
        string message,
        HttpStatusCode statusCode,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        string? contentType,
        string responseBody,
        string? integration,
        string? method,
        string? path,
        string? operationId,
        Exception? innerException)
        : base(message, (innerException as JsonException)?.Path, (innerException as JsonException)?.LineNumber, (innerException as JsonException)?.BytePositionInLine, innerException)
    {
        StatusCode = statusCode;
        Headers = headers;
        ContentType = contentType;
        ResponseBody = responseBody;
        Integration = integration;
        Method = method;
        RequestPath = path;
        OperationId = operationId;
    }

    /// <summary>The provider's success status code (2xx).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Response and content headers, by case-insensitive name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The body's content type, if the response named one.</summary>
    public string? ContentType { get; }

    /// <summary>The body as text (empty when there was none), so that the data can still be read by hand.</summary>
    public string ResponseBody { get; }

    /// <summary>The integration that was called, when known.</summary>
    public string? Integration { get; }

    /// <summary>The HTTP method of the call, when known.</summary>
    public string? Method { get; }

    /// <summary>The provider path (or path template) of the call, without its query string, when known.</summary>
    public string? RequestPath { get; }

    /// <summary>The spec's operation id for a generated call (for example <c>chat.postMessage</c>).</summary>
    public string? OperationId { get; }
}
