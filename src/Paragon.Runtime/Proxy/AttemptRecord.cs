using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Proxy;

/// <summary>
/// The contract between the funnel and an attempt guard in the <see cref="HttpClient"/>'s chain (the one
/// <c>AddParagon</c> registers implements it). The funnel attaches a record to each message before any handler sees it;
/// a retrying handler of the application's sends copies that share it; the guard counts the attempts in it, keeps the
/// first answer, and refuses an attempt of a non-idempotent call once an earlier one may have reached the provider
/// (<see cref="RetryRefusedException"/>). The funnel reads the count for telemetry and turns a refusal back into the first
/// attempt's outcome.
/// </summary>
internal sealed class AttemptRecord
{
#if NET5_0_OR_GREATER
    private static readonly HttpRequestOptionsKey<AttemptRecord> Key = new("Paragon.Attempts");
#else
    private const string Key = "Paragon.Attempts";
#endif

    /// <summary>How many attempts the guard let out or refused.</summary>
    public int Count;

    /// <summary>The attempt of a non-idempotent call that is on its way now, if any; it completes when that attempt has its answer.</summary>
    public TaskCompletionSource<bool>? Sending;

    /// <summary>Whether an attempt of a non-idempotent call may have reached the provider (anything but a connection never made).</summary>
    public volatile bool Reached;

    /// <summary>The first attempt's error answer, kept so that a refused retry can still report it.</summary>
    public KeptResponse? FirstResponse;

    /// <summary>The first attempt's failure on the connection, if it failed.</summary>
    public Exception? FirstFailure;

    /// <summary>Gives a message its record before any handler sees it (a hedging handler's copies keep the message's options, and so the record).</summary>
    public static AttemptRecord Attach(HttpRequestMessage request)
    {
        var record = new AttemptRecord();
#if NET5_0_OR_GREATER
        request.Options.Set(Key, record);
#else
        request.Properties[Key] = record;
#endif
        return record;
    }

    /// <summary>The message's record, if the funnel attached one.</summary>
    public static AttemptRecord? Find(HttpRequestMessage request)
    {
#if NET5_0_OR_GREATER
        return request.Options.TryGetValue(Key, out AttemptRecord? record) ? record : null;
#else
        return request.Properties.TryGetValue(Key, out object? record) ? record as AttemptRecord : null;
#endif
    }

    /// <summary>How many times a guard saw this message go out (1 for a call no outer handler retried); 0 without a guard.</summary>
    public static int CountOf(HttpRequestMessage request) => Find(request)?.Count ?? 0;
}

/// <summary>
/// An outer handler tried to send a call that is not idempotent a second time after an earlier attempt may have reached
/// the provider. Deliberately not an <see cref="HttpRequestException"/>: retry predicates do not match it.
/// </summary>
internal sealed class RetryRefusedException(string method, int attempt, KeptResponse? firstResponse, Exception? firstFailure)
    : Exception($"Attempt {attempt} of this {method} call was refused: {method} is not idempotent and an earlier attempt may have reached the provider, so a retrying handler must not send it again.", firstFailure)
{
    /// <summary>The first attempt's error response, kept by the guard; <see langword="null"/> when it failed or succeeded.</summary>
    public KeptResponse? FirstResponse { get; } = firstResponse;

    /// <summary>The first attempt's failure, if it failed.</summary>
    public Exception? FirstFailure { get; } = firstFailure;
}

/// <summary>A capped copy of an error response: status, headers and the start of the body.</summary>
internal sealed class KeptResponse
{
    private readonly HttpStatusCode _status;
    private readonly string? _reason;
    private readonly ResponseHeaderSnapshot _headers;
    private readonly byte[] _body;

    private KeptResponse(HttpResponseMessage response, ResponseHeaderSnapshot headers, byte[] body)
    {
        _status = response.StatusCode;
        _reason = response.ReasonPhrase;
        _headers = headers;
        _body = body;
    }

    /// <summary>
    /// Copies a response and disposes it, keeping one byte more of the body than <paramref name="cap"/>, so that the
    /// funnel's error stage still sees a body it must cut.
    /// </summary>
    public static async Task<KeptResponse> CopyAsync(HttpResponseMessage response, int cap, CancellationToken cancellationToken)
    {
        using (response)
        {
            ResponseHeaderSnapshot headers = ResponseHeaderSnapshot.Take(response);
            (byte[] body, _) = await BodyReader.ReadCappedAsync(response, cap + 1, cancellationToken).ConfigureAwait(false);
            return new KeptResponse(response, headers, body);
        }
    }

    /// <summary>A fresh response from the copy (each reader gets its own content).</summary>
    public HttpResponseMessage Create(HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(_status) { ReasonPhrase = _reason, RequestMessage = request, Content = new ByteArrayContent(_body) };
        foreach (KeyValuePair<string, IReadOnlyList<string>> header in _headers.ResponsePart())
        {
            response.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (KeyValuePair<string, IReadOnlyList<string>> header in _headers.ContentPart)
        {
            // The copy's length is its own; the original's may be longer than what was kept.
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return response;
    }
}
