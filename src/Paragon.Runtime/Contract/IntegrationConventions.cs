using System;

namespace Paragon.Contract;

/// <summary>
/// What Paragon knows about a provider's API that its own public spec does not say: how it answers a failure with a 2xx
/// and how its lists page. The one table of per-integration conventions, so that a provider's public spec dropped into
/// <c>specs/</c> (with its integration type) gets what the curated spec declares. A spec's own <c>x-paragon-error</c> or
/// <c>x-paragon-pagination</c> always wins. Compiled into the runtime (which applies the error rule to every typed call of
/// the integration) and into the generator (which gives matching list operations a paged form), as a linked file: plain
/// data, netstandard2.0 C#, no dependencies.
/// </summary>
internal static class IntegrationConventions
{
    /// <summary>Slack's <c>{"ok": false, "error": "missing_scope", "needed": "…", "provided": "…"}</c>; Slack's own SDKs throw on it.</summary>
    private static readonly ErrorConvention SlackErrors = new("ok", true, "error", null, ["needed", "provided"]);

    /// <summary>
    /// Slack's cursor: every list method takes <c>cursor</c> and answers <c>response_metadata.next_cursor</c>. Its public
    /// spec declares <c>response_metadata</c> on most list answers; the two history methods it leaves out (but Slack sends)
    /// are named, with the <c>has_more</c> the curated spec also reads.
    /// </summary>
    private static readonly PagingConvention SlackPaging = new(
        PagingConventionKind.Cursor, httpMethod: null, parameter: "cursor", nextPath: "response_metadata.next_cursor",
        whenParameters: ["cursor"], whenResponseProperty: "response_metadata", whenArrayResponse: false,
        methods:
        [
            new PagingConventionMethod("/conversations.history", "messages", "has_more"),
            new PagingConventionMethod("/conversations.replies", "messages", "has_more"),
        ]);

    /// <summary>
    /// GitHub's <c>Link: &lt;…?page=2&gt;; rel="next"</c> on every list: a GET that answers an array, or that takes
    /// <c>per_page</c> or <c>page</c> (the search and Actions lists answer an object around one array).
    /// </summary>
    private static readonly PagingConvention GitHubPaging = new(
        PagingConventionKind.LinkHeader, httpMethod: "GET", parameter: null, nextPath: null,
        whenParameters: ["per_page", "page"], whenResponseProperty: null, whenArrayResponse: true, methods: []);

    /// <summary>How <paramref name="integration"/> answers a failure with a 2xx, or <see langword="null"/> when it does not (the status says it).</summary>
    /// <param name="integration">The integration type, for example <c>slack</c>.</param>
    public static ErrorConvention? Errors(string integration) =>
        string.Equals(integration, "slack", StringComparison.Ordinal) ? SlackErrors : null;

    /// <summary>How <paramref name="integration"/>'s lists page, or <see langword="null"/> when Paragon knows no convention.</summary>
    /// <param name="integration">The integration type, for example <c>github</c>.</param>
    public static PagingConvention? Paging(string integration) => integration switch
    {
        "slack" => SlackPaging,
        "github" => GitHubPaging,
        _ => null,
    };
}

/// <summary>An in-body error rule (<c>x-paragon-error</c>'s keys): <see cref="Field"/> is <see cref="MustBe"/> on success.</summary>
internal sealed class ErrorConvention
{
    public ErrorConvention(string field, bool mustBe, string code, string? message, string[] details)
    {
        Field = field;
        MustBe = mustBe;
        Code = code;
        Message = message;
        Details = details;
    }

    public string Field { get; }

    public bool MustBe { get; }

    public string Code { get; }

    public string? Message { get; }

    public string[] Details { get; }
}

/// <summary>The strategies a convention uses (<c>x-paragon-pagination</c>'s <c>cursor</c> and <c>linkHeader</c>).</summary>
internal enum PagingConventionKind
{
    Cursor,
    LinkHeader,
}

/// <summary>
/// How an integration's lists page, and which operations are its lists. An operation that declares no paging of its own is
/// one when it has the <see cref="HttpMethod"/> (any when <see langword="null"/>) and either is named in <see cref="Methods"/>,
/// or has a query parameter of <see cref="WhenParameters"/> and a JSON answer with the top-level property
/// <see cref="WhenResponseProperty"/> (when set), or answers an array (when <see cref="WhenArrayResponse"/>). Its items
/// are the answer itself when it is an array, else what <see cref="Methods"/> names, else the answer's one array
/// property; an operation whose items cannot be found that way is left unpaged, silently (a convention is a guess, not
/// the spec's word).
/// </summary>
internal sealed class PagingConvention
{
    public PagingConvention(PagingConventionKind kind, string? httpMethod, string? parameter, string? nextPath, string[] whenParameters, string? whenResponseProperty,
        bool whenArrayResponse, PagingConventionMethod[] methods)
    {
        Kind = kind;
        HttpMethod = httpMethod;
        Parameter = parameter;
        NextPath = nextPath;
        WhenParameters = whenParameters;
        WhenResponseProperty = whenResponseProperty;
        WhenArrayResponse = whenArrayResponse;
        Methods = methods;
    }

    public PagingConventionKind Kind { get; }

    public string? HttpMethod { get; }

    /// <summary>The query parameter that takes the next token (a cursor).</summary>
    public string? Parameter { get; }

    /// <summary>The dotted path to the next token in the page body (a cursor).</summary>
    public string? NextPath { get; }

    public string[] WhenParameters { get; }

    public string? WhenResponseProperty { get; }

    public bool WhenArrayResponse { get; }

    public PagingConventionMethod[] Methods { get; }

    /// <summary>The method named for <paramref name="path"/>, or <see langword="null"/>.</summary>
    public PagingConventionMethod? Method(string path)
    {
        foreach (PagingConventionMethod method in Methods)
        {
            if (string.Equals(method.Path, path, StringComparison.Ordinal))
            {
                return method;
            }
        }

        return null;
    }
}

/// <summary>One list the convention names by its path: where its items are, and the boolean that is false on its last page.</summary>
internal sealed class PagingConventionMethod
{
    public PagingConventionMethod(string path, string items, string? hasMore)
    {
        Path = path;
        Items = items;
        HasMore = hasMore;
    }

    public string Path { get; }

    public string Items { get; }

    public string? HasMore { get; }
}
