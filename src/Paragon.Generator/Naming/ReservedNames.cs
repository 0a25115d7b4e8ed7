using System.Collections.Generic;

namespace Paragon.Generator.Naming;

/// <summary>
/// Names a spec's class name may not take, because the runtime or the code generated around it already uses them: the
/// class name becomes <c>paragon.{ClassName}</c> on <c>ParagonClient</c> and <c>ParagonUserClient</c>, and the types
/// <c>{ClassName}Client</c>, <c>{ClassName}JsonContext</c> and <c>{ClassName}ParagonExtensions</c>. A test keeps these
/// lists equal to the runtime's public surface.
/// </summary>
internal static class ReservedNames
{
    /// <summary>The runtime's public type names (generic arity dropped), in any of its namespaces.</summary>
    public static readonly HashSet<string> RuntimeTypes = new(System.StringComparer.Ordinal)
    {
        "ActionKitAction", "ActionKitCatalog", "ActionKitListOptions", "Expandable", "ExpandableConverter", "ExtensibleEnumConverter", "IExtensibleEnumValue", "IProxyClient", "IProxyValue", "InMemoryProxyClient", "JsonKinds", "JsonModelConverter", "JsonModelMetadata",
        "JsonShape", "JsonUnion", "JsonUnionConverter", "LenientDateTimeOffsetConverter", "OrEmpty", "OrEmptyConverter", "PagingTokenLocation", "ParagonApiException", "ParagonClient",
        "ParagonClientOptions", "ParagonCredential", "ParagonErrorSource", "ParagonFormBody", "ParagonIntegration", "ParagonIntegrationMetadata",
        "ParagonPage", "ParagonPageable", "ParagonPaging", "ParagonPagingException", "ParagonPagingLimit", "ParagonPagingOptions",
        "ParagonRequestOptions", "ParagonResponse", "ParagonResponseTooLargeException", "ParagonRetryOptions",
        "ParagonServiceCollectionExtensions", "ParagonTelemetry", "ParagonTool", "ParagonToolHints", "ParagonToolOptions", "ParagonUnreadableResponseException", "ParagonUser", "ParagonUserClient",
        "ParagonUserIntegration", "ProxyBody", "ProxyCalls", "ProxyErrorRule", "ProxyHeaders", "ProxyMethods", "ProxyQuery", "ProxyQueryStyle", "ProxyRequest",
        "ProxyValue", "WorkflowTriggerResult", "WorkflowTriggerStatus",
    };

    /// <summary>The public members of <c>ParagonClient</c> and <c>ParagonUserClient</c>, which an extension property of the same name could never be reached past.</summary>
    public static readonly HashSet<string> ClientMembers = new(System.StringComparer.Ordinal)
    {
        "ActionKitBaseUrl", "ApiBaseUrl", "CreateActionTools", "CredentialId", "DeleteWorkflowAsync", "DisconnectAsync", "Dispose", "Equals", "ForUser", "GetHashCode",
        "GetActionToolsAsync", "GetMeAsync", "GetMetadataAsync", "GetType", "IntegrationClient", "IsConnectedAsync", "ListActionsAsync", "ListCredentialsAsync", "ListIntegrationsAsync", "ProjectId", "ProxyBaseUrl",
        "RequestAsync", "RunActionAsync", "SendAsync", "SendEventAsync", "ToString", "TriggerWorkflowAsync", "UpdateCredentialAsync", "UpdateMetadataAsync", "UserId",
        "WithCredential",
    };

    /// <summary>What <paramref name="className"/> would clash with, or <see langword="null"/> when it is free.</summary>
    public static string? Clash(string className)
    {
        if (ClientMembers.Contains(className))
        {
            return "paragon." + className + " is a member of ParagonClient or ParagonUserClient";
        }

        foreach (string type in new[] { className, className + "Client", className + "JsonContext", className + "ParagonExtensions" })
        {
            if (RuntimeTypes.Contains(type))
            {
                return type + " is a Paragon runtime type";
            }
        }

        return null;
    }
}
