using System.Net;
using System.Text.Json;

namespace Paragon.Platform;

/// <summary>How a request-triggered workflow answered.</summary>
public enum WorkflowTriggerStatus
{
    /// <summary>The workflow has no Response step: Paragon queued the run (202 Accepted).</summary>
    Enqueued,

    /// <summary>The workflow reached its Response step: <see cref="WorkflowTriggerResult.Result"/> holds what it sent.</summary>
    Completed,

    /// <summary>
    /// The workflow has a Response step it did not reach within Paragon's 55 seconds (542): it goes on running, under
    /// <see cref="WorkflowTriggerResult.ExecutionId"/>.
    /// </summary>
    StillRunning,
}

/// <summary>
/// The outcome of triggering a workflow. Each of the three is a normal outcome rather than an error; a failure (the
/// workflow does not exist, the token is refused, a Response step that sends an error status) is a
/// <see cref="ParagonApiException"/>.
/// </summary>
public sealed class WorkflowTriggerResult
{
    internal WorkflowTriggerResult(WorkflowTriggerStatus status, HttpStatusCode statusCode, JsonElement? result, string? executionId)
    {
        Status = status;
        StatusCode = statusCode;
        Result = result;
        ExecutionId = executionId;
    }

    /// <summary>Queued, completed with a result, or still running.</summary>
    public WorkflowTriggerStatus Status { get; }

    /// <summary>The HTTP status Paragon answered with (202, the Response step's 2xx, or 542).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The body Paragon answered with, when it was JSON: the Response step's data for <see cref="WorkflowTriggerStatus.Completed"/>.</summary>
    public JsonElement? Result { get; }

    /// <summary>The id of the run, when Paragon names it (always for <see cref="WorkflowTriggerStatus.StillRunning"/>).</summary>
    public string? ExecutionId { get; }
}
