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

    // A lenient read (ParagonClientOptions.LenientRequiredFields, RequiredFields="Lenient") met a provider's answer without
    // fields its spec requires: the call succeeded, but with defaults in their place. Field names only, never values.
    [LoggerMessage(EventId = 6, EventName = "RequiredFieldsMissing", Level = LogLevel.Warning,
        Message = "Paragon call {Integration} {OperationId} {Method} was read leniently: {MissingCount} required fields were missing or null and read as their default ({MissingFields})")]
    public static partial void RequiredFieldsMissing(ILogger logger, string integration, string? operationId, string method, int missingCount, string missingFields);

    // One attempt on the wire, as IHttpClientFactory's own loggers would log it, but by host only: their lines carry the
    // whole URL, whose path holds the provider's values (an email address, a record id) at Information.
    [LoggerMessage(EventId = 4, EventName = "AttemptCompleted", Level = LogLevel.Debug,
        Message = "HTTP {Method} to {Host} answered {StatusCode} in {DurationMs:0.###} ms")]
    public static partial void AttemptCompleted(ILogger logger, string method, string host, int statusCode, double durationMs);

    [LoggerMessage(EventId = 5, EventName = "AttemptFailed", Level = LogLevel.Debug,
        Message = "HTTP {Method} to {Host} failed ({ExceptionType}) after {DurationMs:0.###} ms")]
    public static partial void AttemptFailed(ILogger logger, string method, string host, string exceptionType, double durationMs);
}
