using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using Paragon.Proxy;

namespace Paragon.Diagnostics;

/// <summary>
/// Watches one logical call through the funnel: its span, its duration measurement and its log line. It exists only
/// when someone listens (<see cref="Start"/> returns <see langword="null"/> otherwise), so an unobserved call pays
/// three boolean checks and allocates nothing.
/// </summary>
internal sealed class CallObserver
{
    private readonly ILogger _logger;
    private readonly Activity? _activity;
    private readonly string _integration;
    private readonly string? _operationId;
    private readonly string _method;
    private readonly long _started;
    private int _attempts;
    private int _handlerRetries;

    private CallObserver(ILogger logger, Activity? activity, ProxyRequest request, string method)
    {
        _logger = logger;
        _activity = activity;
        _integration = request.Integration;
        _operationId = request.OperationId;
        _method = method;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Whether anything would record a call: a sampled span's listener, the histogram or the logger.</summary>
    public static bool IsObserved(ILogger logger) =>
        ParagonTelemetry.Source.HasListeners() || ParagonTelemetry.CallDuration.Enabled
        || logger.IsEnabled(LogLevel.Warning) || logger.IsEnabled(LogLevel.Debug);

    /// <summary>Starts observing a call; the funnel calls it only when <see cref="IsObserved"/> says someone listens.</summary>
    public static CallObserver Start(ProxyRequest request, ILogger logger)
    {
        string method = MethodName(request.Method);

        // Internal, not Client: System.Net.Http already makes a Client span for every attempt, as a child of this one,
        // and OpenTelemetry reads nested Client spans as a client calling through another client. This span is the
        // logical call: all attempts, the waits between them, the token and the body.
        Activity? activity = null;
        if (ParagonTelemetry.Source.HasListeners())
        {
            // Low cardinality: the operation id or the method, never the path (its values may name users or records).
            string name = request.OperationId is { } operationId ? request.Integration + " " + operationId : method + " " + request.Integration;
            activity = ParagonTelemetry.Source.StartActivity(name, ActivityKind.Internal, UndecidedParent());
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(ParagonTelemetry.IntegrationTag, request.Integration);
                if (request.OperationId is not null)
                {
                    activity.SetTag(ParagonTelemetry.OperationIdTag, request.OperationId);
                }

                activity.SetTag(ParagonTelemetry.MethodTag, method);
            }
        }

        return new CallObserver(logger, activity, request, method);
    }

    /// <summary>
    /// The parent to give our span when the current activity was never put to a sampler: ASP.NET Core starts one for
    /// every request that logging or a DiagnosticListener wants, whether or not any ActivitySource listener asked for it
    /// (without <c>AddAspNetCoreInstrumentation</c>, none did). Such an activity is not recorded because nobody decided,
    /// not because a sampler said no; yet OpenTelemetry's default sampler (ParentBased) reads "not recorded" as "dropped"
    /// and would drop every span of ours beneath it. Our span is then the first one a sampler sees, so it is offered as
    /// the trace's first decision: same trace and parent, flagged as wanted. An activity that carries a decision is left
    /// alone: one from an ActivitySource (sampled or not), or one continuing a caller's <c>traceparent</c>, whose
    /// flags are the caller's decision. <see langword="default"/>: the current activity, as usual.
    /// </summary>
    private static ActivityContext UndecidedParent()
    {
        Activity? current = Activity.Current;
        return current is { Recorded: false, ParentId: null, IdFormat: ActivityIdFormat.W3C } && current.Source.Name.Length == 0
            ? new ActivityContext(current.TraceId, current.SpanId, ActivityTraceFlags.Recorded, current.TraceStateString)
            : default;
    }

    /// <summary>The funnel is about to send an attempt.</summary>
    public void OnAttempt() => _attempts++;

    /// <summary>
    /// An attempt of the funnel came back (or failed) after a retrying handler of the application's sent it
    /// <paramref name="handlerAttempts"/> times (0 or 1 when nothing retried it): those retries are retries of the call too.
    /// </summary>
    public void OnHandlerAttempts(int handlerAttempts)
    {
        if (handlerAttempts > 1)
        {
            _handlerRetries += handlerAttempts - 1;
        }
    }

    /// <summary>
    /// The call came back with a success status. For a streamed response that is when the headers arrived: the body is
    /// the caller's to read, after the call.
    /// </summary>
    public void Succeeded(ParagonResponse response)
    {
        int status = (int)response.StatusCode;
        int retries = ParagonTelemetry.RetryCount(_attempts, _handlerRetries);
        double seconds = Elapsed();
        if (_activity is { IsAllDataRequested: true })
        {
            _activity.SetTag(ParagonTelemetry.StatusCodeTag, status);
            _activity.SetTag(ParagonTelemetry.RetryCountTag, retries);
        }

        Record(seconds, status, errorSource: null, errorType: null, retries);
        ParagonLog.CallCompleted(_logger, _integration, _operationId, _method, status, seconds * 1000, retries);
        _activity?.Stop();
    }

    /// <summary>The call failed: an error status, a time-out, a cancellation, the transport or a bad description.</summary>
    public void Failed(Exception exception)
    {
        int? status = null;
        string? errorSource = null;
        string errorType;
        switch (exception)
        {
            case ParagonApiException api:
                status = (int)api.StatusCode;
                errorSource = api.ErrorSource switch
                {
                    ParagonErrorSource.Paragon => "paragon",
                    ParagonErrorSource.Provider => "provider",
                    _ => null,
                };

                // OpenTelemetry's HTTP convention: the status code, as text, is the error type of an error response.
                errorType = status.Value.ToString(CultureInfo.InvariantCulture);
                break;
            case ParagonUnreadableResponseException unreadable:
                // The call came back 2xx, but not with what the spec promised: no value reached the caller.
                status = (int)unreadable.StatusCode;
                errorType = "unreadable_response";
                break;
            case TimeoutException:
                errorType = "timeout";
                break;
            case OperationCanceledException:
                errorType = "canceled";
                break;
            case HttpRequestException:
                errorType = "transport";
                break;
            default:
                errorType = exception.GetType().FullName ?? "_OTHER";
                break;
        }

        int retries = ParagonTelemetry.RetryCount(_attempts, _handlerRetries);
        double seconds = Elapsed();
        if (_activity is { IsAllDataRequested: true })
        {
            if (status is { } code)
            {
                _activity.SetTag(ParagonTelemetry.StatusCodeTag, code);
            }

            if (errorSource is not null)
            {
                _activity.SetTag(ParagonTelemetry.ErrorSourceTag, errorSource);
            }

            _activity.SetTag(ParagonTelemetry.ErrorTypeTag, errorType);
            _activity.SetTag(ParagonTelemetry.RetryCountTag, retries);

            // No description and no exception event: the message quotes the path and a piece of the body.
            _activity.SetStatus(ActivityStatusCode.Error);
        }

        Record(seconds, status, errorSource, errorType, retries);
        if (exception is OperationCanceledException)
        {
            ParagonLog.CallCanceled(_logger, _integration, _operationId, _method, seconds * 1000, retries);
        }
        else
        {
            ParagonLog.CallFailed(_logger, _integration, _operationId, _method, status, errorSource ?? errorType, exception.GetType().FullName ?? "?", seconds * 1000, retries);
        }
        _activity?.Stop();
    }

    private void Record(double seconds, int? status, string? errorSource, string? errorType, int retries)
    {
        if (!ParagonTelemetry.CallDuration.Enabled)
        {
            return;
        }

        // TagList keeps up to eight tags inline: no array.
        var tags = new TagList
        {
            { ParagonTelemetry.IntegrationTag, _integration },
            { ParagonTelemetry.MethodTag, _method },
            { ParagonTelemetry.RetryCountTag, retries },
        };
        if (_operationId is not null)
        {
            tags.Add(ParagonTelemetry.OperationIdTag, _operationId);
        }

        if (status is { } code)
        {
            tags.Add(ParagonTelemetry.StatusCodeTag, code);
        }

        if (errorSource is not null)
        {
            tags.Add(ParagonTelemetry.ErrorSourceTag, errorSource);
        }

        if (errorType is not null)
        {
            tags.Add(ParagonTelemetry.ErrorTypeTag, errorType);
        }

        ParagonTelemetry.CallDuration.Record(seconds, tags);
    }

    private double Elapsed() => (Stopwatch.GetTimestamp() - _started) / (double)Stopwatch.Frequency;

    /// <summary>OpenTelemetry's rule for <c>http.request.method</c>: the known methods as they are, any other as <c>_OTHER</c>.</summary>
    internal static string MethodName(HttpMethod method)
    {
        string name = method.Method;
        return name switch
        {
            "GET" or "POST" or "PUT" or "PATCH" or "DELETE" or "HEAD" or "OPTIONS" or "TRACE" or "CONNECT" => name,
            _ => "_OTHER",
        };
    }
}
