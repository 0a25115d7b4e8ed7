using System;
using System.Collections.Generic;
using System.Text;
using Paragon.Contract;
using Paragon.Internal;

namespace Paragon.Proxy;

/// <summary>
/// Validates and builds the part of the URL after <c>/sdk/proxy/</c>. Everything a caller or a spec can put into a path
/// passes through here, so that nothing can leave <c>/sdk/proxy/{integration}/</c> or reach another project.
/// </summary>
internal static class ProxyPath
{
    /// <summary>
    /// Checks an integration type such as <c>slack</c>, <c>googleCalendar</c> or <c>custom.my-app</c>, or a custom
    /// integration named by its id, <c>custom/{integrationId}</c>.
    /// </summary>
    public static void ValidateIntegration(string? integration)
    {
        if (integration is null)
        {
            throw new ArgumentNullException(nameof(integration), "Name the integration, for example \"slack\" or \"custom.my-app\".");
        }

        if (integration.Length == 0 || integration.Trim().Length == 0)
        {
            throw new ArgumentException("The integration name is empty. Name the integration, for example \"slack\" or \"custom.my-app\".", nameof(integration));
        }

        if (ProxyContract.IsCustomIntegrationById(integration))
        {
            return;
        }

        if (integration.Length > ProxyContract.MaxIntegrationLength)
        {
            throw new ArgumentException($"The integration name is {integration.Length} characters long; Paragon's integration types are at most {ProxyContract.MaxIntegrationLength}.", nameof(integration));
        }

        foreach (char c in integration)
        {
            if (!ProxyContract.IsIntegrationCharacter(c))
            {
                throw new ArgumentException(
                    $"The integration name '{Printable(integration)}' contains '{Printable(c.ToString())}'. Integration types use letters, digits, '.', '-' and '_' only (for example \"googleCalendar\" or \"custom.my-app\").",
                    nameof(integration));
            }
        }

        // The decision is the contract's (the generator applies the same one at build time); the messages above only explain it.
        if (!ProxyContract.IsIntegrationName(integration))
        {
            throw new ArgumentException($"The integration name '{integration}' has a misplaced '.': a custom integration is written \"custom.<slug>\".", nameof(integration));
        }
    }

    /// <summary>
    /// Everything that can be wrong with a request description, checked before a token is fetched or a byte is sent: the
    /// integration, the path and query, the credential, the caller's headers and the content type. The funnel and the
    /// in-memory test double both call this, so a test cannot pass with a call Paragon would never receive.
    /// </summary>
    /// <returns>The provider path and query as they will be sent.</returns>
    public static string Check(ProxyRequest request, string? credentialId)
    {
        ValidateIntegration(request.Integration);
        string pathAndQuery = BuildPathAndQuery(request);
        if (credentialId is not null)
        {
            ProxyHeaderRules.CheckCredentialId(credentialId);
        }

        ProxyHeaderRules.CheckCallerHeaders(request.Headers.Items, hasBody: request.Body is not null);
        if (request.Body?.CallerContent is { } content)
        {
            ProxyHeaderRules.CheckBodyHeaders(content.Headers);
        }

        if (request.ContentType is not null)
        {
            ProxyHeaderRules.CheckContentType(request.ContentType);
        }

        return pathAndQuery;
    }

    /// <summary>A path without its query string, which may hold secrets: what errors and messages name.</summary>
    public static string StripQuery(string path)
    {
        int query = path.IndexOf('?');
        return query < 0 ? path : path.Substring(0, query);
    }

    /// <summary>Builds the provider path with its query, for example <c>/chat.postMessage?x=1</c>, from a validated request.</summary>
    public static string BuildPathAndQuery(ProxyRequest request)
    {
        string path = request.Path;
        if (path.IndexOf('#') >= 0)
        {
            throw new ArgumentException($"The path '{Printable(path)}' contains '#': a fragment is never sent to a server. Escape it as %23 if it is part of a value.", "path");
        }

        if (ProxyEscaping.HasControlCharacter(path))
        {
            throw new ArgumentException($"The path '{Printable(path)}' contains a control character (such as a line break).", "path");
        }

        int queryStart = path.IndexOf('?');
        string pathPart = queryStart < 0 ? path : path.Substring(0, queryStart);
        string? literalQuery = queryStart < 0 ? null : path.Substring(queryStart + 1);

        if (queryStart == 0)
        {
            throw new ArgumentException($"The path '{Printable(path)}' starts with '?': write the provider path first, for example \"/files/1?alt=media\".", "path");
        }

        if (literalQuery is not null && request.IsTemplate)
        {
            throw new ArgumentException("A path template cannot carry a query string; add query parameters to the request's Query.", "path");
        }

        pathPart = CheckPath(pathPart);
        if (request.IsTemplate && ProxyPathRules.TemplateProblem(pathPart) is { } templateProblem)
        {
            throw new ArgumentException(templateProblem, "path");
        }

        string builtPath = request.IsTemplate ? FillTemplate(pathPart, request) : ProxyEscaping.EncodeLiteral(pathPart, "path");

        IReadOnlyList<ProxyQuery.QueryPart> parts = request.Query.Parts;
        string? encodedQuery = string.IsNullOrEmpty(literalQuery) ? null : ProxyEscaping.EncodeLiteral(literalQuery!, "query string");
        if (parts.Count == 0)
        {
            // The common call: nothing to add, and a literal path that needed no escaping is sent as it was given.
            if (encodedQuery is null)
            {
                return builtPath;
            }

            return ReferenceEquals(builtPath, pathPart) && ReferenceEquals(encodedQuery, literalQuery) && queryStart == pathPart.Length
                ? path
                : builtPath + "?" + encodedQuery;
        }

        // This thread's builder: a new one and its buffer were most of what a typed call with a query spent on its URL.
        StringBuilder result = StringBuilderCache.Acquire(builtPath.Length + 64).Append(builtPath);
        bool first = true;
        if (encodedQuery is not null)
        {
            result.Append('?').Append(encodedQuery);
            first = false;
        }

        for (int i = 0; i < parts.Count; i++)
        {
            ProxyQuery.QueryPart part = parts[i];
            result.Append(first ? '?' : '&');
            first = false;
            result.Append(ProxyEscaping.EscapeQueryComponent(part.Name)).Append('=')
                  .Append(part.EscapeValue ? ProxyEscaping.EscapeQueryComponent(part.Value) : part.Value);
        }

        return StringBuilderCache.GetStringAndRelease(result);
    }

    private static string CheckPath(string pathPart)
    {
        if (pathPart.Length == 0)
        {
            return "/";
        }

        return ProxyPathRules.PathProblem(ref pathPart) is { } problem ? throw new ArgumentException(problem, "path") : pathPart;
    }

    private static string FillTemplate(string template, ProxyRequest request)
    {
        // The template, the names and the values are read where they are, into this thread's builder: a templated call
        // copied out every piece, name and segment to look at it, and kept a set of the names, about a kilobyte a call.
        IReadOnlyList<KeyValuePair<string, string>> values = request.PathValues;
        StringBuilder result = StringBuilderCache.Acquire(template.Length + 32);

        // Which values a placeholder took: a bit each (SetPathValue keeps their names distinct).
        ulong used = 0;
        bool[]? usedMany = values.Count > 64 ? new bool[values.Count] : null;
        int position = 0;
        while (position < template.Length)
        {
            int open = template.IndexOf('{', position);
            if (open < 0)
            {
                ProxyEscaping.AppendLiteral(result, template, position, template.Length - position, "path template");
                break;
            }

            // TemplateProblem has checked that every '{' is closed, around a name without braces.
            int close = template.IndexOf('}', open + 1);
            ProxyEscaping.AppendLiteral(result, template, position, open - position, "path template");
            int index = FindValue(request, template, open + 1, close - open - 1);
            if (usedMany is null)
            {
                used |= 1UL << index;
            }
            else
            {
                usedMany[index] = true;
            }

            result.Append(ProxyEscaping.EscapeSegment(values[index].Value));
            position = close + 1;
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (usedMany is null ? (used & (1UL << i)) == 0 : !usedMany[i])
            {
                throw new ArgumentException($"A value was set for '{values[i].Key}', but the path template '{template}' has no such placeholder.", "path");
            }
        }

        return StringBuilderCache.GetStringAndRelease(result);
    }

    /// <summary>The index among the request's path values of the one named <c>template[nameStart..nameStart+nameLength]</c>, checked.</summary>
    private static int FindValue(ProxyRequest request, string template, int nameStart, int nameLength)
    {
        IReadOnlyList<KeyValuePair<string, string>> values = request.PathValues;
        for (int index = 0; index < values.Count; index++)
        {
            KeyValuePair<string, string> pair = values[index];
            if (pair.Key.Length == nameLength && string.CompareOrdinal(pair.Key, 0, template, nameStart, nameLength) == 0)
            {
                string name = pair.Key;
                string value = pair.Value;
                string decoded = ProxyEscaping.DecodeRepeatedly(value, rounds: 3);
                if (value.Length == 0)
                {
                    throw new ArgumentException($"The path parameter '{name}' is empty; {template} needs a value there.", name);
                }

                if (decoded is "." or "..")
                {
                    throw new ArgumentException($"The path parameter '{name}' is '{Printable(value)}', which would change the route of {template} instead of naming a resource.", name);
                }

                // The value is escaped as one segment, but a proxy that decodes the path before forwarding it would see
                // what is decoded here: no '.' or '..' segments, no backslashes, no control characters inside it either.
                if (ProxyEscaping.HasControlCharacter(decoded))
                {
                    throw new ArgumentException($"The path parameter '{name}' contains a control character (possibly percent-encoded).", name);
                }

                if (ProxyPathRules.DotSegment(decoded) is { } segment)
                {
                    throw new ArgumentException($"The path parameter '{name}' is '{Printable(value)}', which contains a '{segment}' segment that could change the route of {template}.", name);
                }

                return index;
            }
        }

        string missing = template.Substring(nameStart, nameLength);
        throw new ArgumentException($"The path template '{template}' needs a value for '{{{missing}}}'.", missing);
    }

    /// <summary>Shows a value in an error message with control characters made visible.</summary>
    internal static string Printable(string text) => ProxyPathRules.Printable(text);
}
