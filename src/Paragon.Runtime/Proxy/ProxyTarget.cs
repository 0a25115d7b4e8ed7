namespace Paragon.Proxy;

/// <summary>Which of Paragon's hosts a request goes to (a byte: see <see cref="ProxyRequest.Target"/>). Both go through the same funnel: token, headers, errors, retries, telemetry.</summary>
internal enum ProxyTarget : byte
{
    /// <summary><c>{ProxyBaseUrl}/projects/{id}/sdk/proxy/{integration}{path}</c>: a provider's API through Paragon's proxy.</summary>
    Proxy = 0,

    /// <summary>
    /// <c>{ApiBaseUrl}/projects/{id}{path}</c> with a path such as <c>/sdk/me</c>: Paragon's own user-scoped API. Its answers
    /// are never wrapped in <c>{"output": …}</c> and its errors are Paragon's.
    /// </summary>
    Api = 1,

    /// <summary>
    /// <c>{ActionKitBaseUrl}/projects/{id}{path}</c> with a path such as <c>/actions</c>: Paragon's ActionKit, which runs
    /// prebuilt actions for the token's user. Like the API its answers are never wrapped; its errors are Paragon's unless
    /// the body says they are the provider's.
    /// </summary>
    ActionKit = 2,
}
