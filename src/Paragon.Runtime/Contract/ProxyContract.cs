using System;

namespace Paragon.Contract;

/// <summary>
/// The rules the generator and the runtime must apply alike. This one file is compiled into both Paragon.Runtime and
/// Paragon.Generator (a linked file), so the two cannot drift: what the generator accepts at build time the runtime
/// accepts at run time. Keep it netstandard2.0 C# with no dependencies.
/// </summary>
internal static class ProxyContract
{
    /// <summary>
    /// The proxy's route for a project, <c>/projects/{projectId}/sdk/proxy/</c>; the integration and the provider's path
    /// follow. The runtime builds its URLs with it and the local proxy routes by it.
    /// </summary>
    /// <param name="escapedProjectId">The project id, escaped for a path segment.</param>
    public static string ProxyRoot(string escapedProjectId) => ProjectRoot(escapedProjectId) + "/sdk/proxy/";

    /// <summary>The root of Paragon's user-scoped API for a project, <c>/projects/{projectId}</c> (<c>/sdk/me</c> and the like follow).</summary>
    /// <param name="escapedProjectId">The project id, escaped for a path segment.</param>
    public static string ProjectRoot(string escapedProjectId) => "/projects/" + escapedProjectId;

    /// <summary>
    /// ActionKit's route under <see cref="ProjectRoot"/> on its own host: <c>GET</c> lists the actions, <c>POST</c> runs one.
    /// </summary>
    public const string ActionsPath = "/actions";

    /// <summary>Whether the segments of a request path are ActionKit's route: <c>["", "projects", id, "actions"]</c>.</summary>
    /// <param name="segments">The path's segments.</param>
    public static bool IsActionKitRoute(string[] segments) =>
        segments.Length == 4 && segments[0].Length == 0 && segments[1] == "projects" && segments[3] == "actions";

    /// <summary>
    /// Whether the segments of a request path (split on '/', so the first is empty) are the proxy's route with an
    /// integration: <c>["", "projects", id, "sdk", "proxy", integration, …]</c>.
    /// </summary>
    /// <param name="segments">The path's segments.</param>
    public static bool IsProxyRoute(string[] segments) =>
        segments.Length >= 6 && segments[0].Length == 0 && segments[1] == "projects" && segments[3] == "sdk" && segments[4] == "proxy" && segments[5].Length != 0;

    /// <summary>Paragon's integration types are at most this long.</summary>
    public const int MaxIntegrationLength = 128;

    /// <summary>Headers with this prefix talk to Paragon itself (credential, raw response); only the client sets them.</summary>
    public const string ParagonHeaderPrefix = "X-Paragon-";

    /// <summary>
    /// Headers the client sets on every call (the Paragon User Token, the content type, and what HttpClient owns for the
    /// connection). No caller sets them: the runtime refuses them, and the generator never makes them parameters.
    /// </summary>
    public static readonly string[] ClientOwnedHeaders =
    [
        "Authorization", "Proxy-Authorization", "Content-Type", "Host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "Expect",
    ];

    /// <summary>
    /// Headers a generated call sets itself, because it decides how the response is read: <c>Accept</c> follows the
    /// response the method returns (JSON by default, <c>text/*</c> for text, <c>*/*</c> for binary). A spec's Accept
    /// parameter is therefore not exposed (a caller-chosen media type could make the typed read fail), while a raw call
    /// may set Accept, because it reads the body itself.
    /// </summary>
    public static readonly string[] TypedCallOwnedHeaders = ["Accept"];

    /// <summary>Whether only the client may set this header (see <see cref="ClientOwnedHeaders"/>).</summary>
    public static bool IsOwnedByTheClient(string name) =>
        name.StartsWith(ParagonHeaderPrefix, StringComparison.OrdinalIgnoreCase) || Contains(ClientOwnedHeaders, name);

    /// <summary>
    /// Whether a header describes a request body (<c>Content-*</c>): sent only with a body, so the runtime refuses it on a
    /// call without one and the generator does not make it a parameter of an operation without one.
    /// </summary>
    public static bool DescribesABody(string name) => name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a header cannot be a parameter of a generated call: the client or the generated code sets it.</summary>
    public static bool IsOwnedByTypedCalls(string name) => IsOwnedByTheClient(name) || Contains(TypedCallOwnedHeaders, name);

    /// <summary>A character an integration type may have: ASCII letters and digits, '.', '-' and '_'.</summary>
    public static bool IsIntegrationCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' or '_';

    /// <summary>
    /// Whether <paramref name="name"/> is an integration type Paragon can route (<c>slack</c>, <c>googleCalendar</c>,
    /// <c>custom.my-app</c>): 1 to 128 of <see cref="IsIntegrationCharacter"/>, no leading, trailing or double '.'.
    /// </summary>
    public static bool IsIntegrationName(string? name)
    {
        if (name is null || name.Length is 0 or > MaxIntegrationLength)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!IsIntegrationCharacter(c))
            {
                return false;
            }
        }

        return name[0] != '.' && name[name.Length - 1] != '.' && name.IndexOf("..", StringComparison.Ordinal) < 0;
    }

    /// <summary>The prefix of a custom integration named by its id rather than its slug.</summary>
    public const string CustomIntegrationByIdPrefix = "custom/";

    /// <summary>
    /// Whether <paramref name="name"/> names a custom integration by its id, as Paragon's docs also route it
    /// (<c>/sdk/proxy/custom/{integrationId}/…</c>): <c>custom/</c> and one segment of ASCII letters, digits, '-' and '_'.
    /// The runtime sends it as given; the generator names integrations by type (<c>custom.{slug}</c>) and does not use this.
    /// </summary>
    public static bool IsCustomIntegrationById(string? name)
    {
        if (name is null || name.Length <= CustomIntegrationByIdPrefix.Length || name.Length > MaxIntegrationLength
            || !name.StartsWith(CustomIntegrationByIdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (int i = CustomIntegrationByIdPrefix.Length; i < name.Length; i++)
        {
            char c = name[i];
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(string[] names, string name)
    {
        foreach (string candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
