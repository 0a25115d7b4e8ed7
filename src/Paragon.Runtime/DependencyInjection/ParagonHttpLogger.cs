using System;
using System.Net.Http;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;
using Paragon.Diagnostics;

namespace Paragon.DependencyInjection;

/// <summary>
/// Replaces IHttpClientFactory's default loggers on the client <c>AddParagon</c> registers. Those log every request at
/// Information with its full URL, and a proxy URL's path carries the provider's values (a user's email address, a record
/// id) into the logs. This one logs each attempt at Debug under <c>Paragon.Typed</c>, by method, host and status only.
/// </summary>
internal sealed class ParagonHttpLogger(ILogger logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            string host = Host(request);
            ParagonLog.AttemptCompleted(logger, request.Method.Method, host, (int)response.StatusCode, elapsed.TotalMilliseconds);
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            string host = Host(request);
            string type = exception.GetType().Name;
            ParagonLog.AttemptFailed(logger, request.Method.Method, host, type, elapsed.TotalMilliseconds);
        }
    }

    private static string Host(HttpRequestMessage request) => request.RequestUri?.Authority ?? string.Empty;
}
