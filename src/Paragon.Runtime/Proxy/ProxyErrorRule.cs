using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Paragon.Proxy;

/// <summary>
/// How a provider says "failed" inside a 2xx answer: a boolean field that must have one value on success (Slack's
/// <c>ok: true</c>), and the field that carries the error code (Slack's <c>error</c>). A spec declares it with
/// <c>x-paragon-error</c>, which the generated code passes on as <see cref="ProxyRequest.ErrorRule"/>; a request with none
/// follows its integration's convention (<see cref="ForIntegration(string)"/>). Typed reads (<see cref="ProxyCalls"/> and
/// paging) then throw a <see cref="ParagonApiException"/> with the 2xx status; the raw <c>RequestAsync</c> never checks.
/// </summary>
/// <remarks>
/// Only a field that is there and is the other boolean is a failure: a body without it (or not an object) is a success, so
/// that a rule never turns an answer it does not understand into an error. Other fields (Slack's <c>warning</c>) are not read.
/// </remarks>
public sealed class ProxyErrorRule
{
    /// <summary>
    /// The rules of the conventions table, built once each: keyed by the table's own (static) entries, so it holds at most
    /// one rule per row whatever integration names calls use.
    /// </summary>
    private static readonly ConcurrentDictionary<Contract.ErrorConvention, ProxyErrorRule> Conventions = new();

    private readonly string[] _details;

    /// <summary>Describes the rule.</summary>
    /// <param name="field">The top-level boolean field that says whether the call worked, for example <c>ok</c>.</param>
    /// <param name="mustBe">Its value on success (<see langword="true"/> for Slack's <c>ok</c>).</param>
    /// <param name="code">The top-level field that carries the error code, for example <c>error</c>.</param>
    /// <param name="message">The top-level field that carries a human-readable message, if there is one.</param>
    /// <param name="details">Top-level fields quoted in the exception's message (Slack's <c>needed</c> and <c>provided</c> scopes).</param>
    public ProxyErrorRule(string field, bool mustBe, string code, string? message = null, IReadOnlyList<string>? details = null)
    {
        Field = string.IsNullOrEmpty(field) ? throw new ArgumentException("Name the boolean field, for example \"ok\".", nameof(field)) : field;
        MustBe = mustBe;
        Code = string.IsNullOrEmpty(code) ? throw new ArgumentException("Name the field that carries the error code, for example \"error\".", nameof(code)) : code;
        Message = message;
        _details = details is null ? [] : [.. details];
    }

    private ProxyErrorRule()
    {
        Field = Code = string.Empty;
        _details = [];
    }

    /// <summary>No check: every 2xx is a success (a spec's <c>x-paragon-error: false</c>).</summary>
    public static ProxyErrorRule None { get; } = new();

    /// <summary>The boolean field that says whether the call worked; empty for <see cref="None"/>.</summary>
    public string Field { get; }

    /// <summary>The value of <see cref="Field"/> on success.</summary>
    public bool MustBe { get; }

    /// <summary>The field that carries the error code.</summary>
    public string Code { get; }

    /// <summary>The field that carries a human-readable message, if any.</summary>
    public string? Message { get; }

    /// <summary>Fields quoted in the exception's message.</summary>
    public IReadOnlyList<string> Details => _details;

    /// <summary>
    /// The convention of an integration whose spec declares no rule, from the one table of per-integration conventions
    /// (shared with the generator, which reads its paging conventions there). Today only <c>slack</c> (Slack's own SDKs
    /// throw on <c>ok: false</c>), so that a user who drops Slack's public spec in gets the behaviour of the curated one.
    /// </summary>
    /// <param name="integration">The integration type.</param>
    /// <returns>The rule, or <see cref="None"/>.</returns>
    public static ProxyErrorRule ForIntegration(string integration) =>
        Contract.IntegrationConventions.Errors(integration) is { } convention
            ? Conventions.GetOrAdd(convention, static c => new ProxyErrorRule(c.Field, c.MustBe, c.Code, c.Message, c.Details))
            : None;

    /// <summary>Throws when <paramref name="response"/>'s buffered JSON body says the call failed.</summary>
    internal static void Check(ParagonResponse response, ProxyRequest request)
    {
        ProxyErrorRule rule = request.ErrorRule ?? ForIntegration(request.Integration);
        if (ReferenceEquals(rule, None) || rule.Field.Length == 0 || !response.IsBuffered || response.IsBlank)
        {
            return;
        }

        ArraySegment<byte> body = response.BufferedBody;
        if (!rule.Failed(body))
        {
            return;
        }

        throw rule.Exception(response, request, body);
    }

    /// <summary>A scan of the top level only, without building a document: the success path costs no allocation.</summary>
    private bool Failed(ArraySegment<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body.AsSpan());
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals(Field);
                reader.Read();
                if (match)
                {
                    return reader.TokenType is JsonTokenType.True or JsonTokenType.False && (reader.TokenType == JsonTokenType.True) != MustBe;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the typed read reports it as unreadable; that is not this rule's to say.
        }

        return false;
    }

    private ParagonApiException Exception(ParagonResponse response, ProxyRequest request, ArraySegment<byte> body)
    {
        using JsonDocument document = JsonDocument.Parse(body.AsMemory());
        JsonElement root = document.RootElement;
        string? code = Text(root, Code);
        var message = new StringBuilder();
        if (Message is not null && Text(root, Message) is { } said)
        {
            message.Append(said);
        }

        foreach (string detail in _details)
        {
            if (Text(root, detail) is { } value)
            {
                message.Append(message.Length == 0 ? string.Empty : "; ").Append(detail).Append(": ").Append(value);
            }
        }

        string? errorMessage = message.Length == 0 ? null : message.ToString();
        // The code and details were read from the whole body; what the exception keeps of it is cut as an error body is.
        string text = response.ReadAsString(response.ErrorBodyCap);
        if (body.Count > response.ErrorBodyCap)
        {
            text += $"… [truncated: the body was longer than {response.ErrorBodyCap} bytes (ParagonClientOptions.MaxErrorBodySize)]";
        }

        string path = ProxyPath.StripQuery(request.Path);
        string because = $"\"{Field}\": {(MustBe ? "false" : "true")} in the body";
        string formatted = ParagonApiException.FormatMessage(request.Integration, request.Method.Method, path, response.StatusCode, code, errorMessage,
            ParagonErrorSource.Provider, text, because);
        return new ParagonApiException(formatted, response.StatusCode, request.Integration, request.Method.Method, path, code, errorMessage,
            ParagonErrorSource.Provider, response.Headers, text, retryAfter: null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;
}
