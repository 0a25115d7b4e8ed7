using System;
using Microsoft.Extensions.Logging;

namespace Paragon.Diagnostics;

/// <summary>
/// The client's log lines, through the [LoggerMessage] generator: no formatting and no boxing unless the level is on.
/// They carry names, the status, the time and the retries; never a token, a key, a body, a path, a query or a user id
/// (so the exception object itself is not logged: its message quotes the path and the body).
/// </summary>
internal static partial class ParagonLog
{
    [LoggerMessage(EventId = 1, EventName = "CallCompleted", Level = LogLevel.Debug,
        Message = "Paragon call {Integration} {OperationId} {Method} returned {StatusCode} in {DurationMs:0.###} ms after {RetryCount} retries")]
    public static partial void CallCompleted(ILogger logger, string integration, string? operationId, string method, int statusCode, double durationMs, int retryCount);

    [LoggerMessage(EventId = 2, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "Paragon call {Integration} {OperationId} {Method} failed with {StatusCode} (error source {ErrorSource}, {ExceptionType}) in {DurationMs:0.###} ms after {RetryCount} retries")]
    public static partial void CallFailed(ILogger logger, string integration, string? operationId, string method, int? statusCode, string errorSource, string exceptionType, double durationMs, int retryCount);

    // The caller gave up (its CancellationToken): a decision of the application's, not a failure worth a warning.
    [LoggerMessage(EventId = 3, EventName = "CallCanceled", Level = LogLevel.Debug,
        Message = "Paragon call {Integration} {OperationId} {Method} was canceled by the caller after {DurationMs:0.###} ms and {RetryCount} retries")]
    public static partial void CallCanceled(ILogger logger, string integration, string? operationId, string method, double durationMs, int retryCount);
}
