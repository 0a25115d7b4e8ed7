using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Reflection;

namespace Paragon.Runtime.Tests;

/// <summary>
/// The runtime's public types, split into what users are meant to see and what only generated code calls
/// (hidden from IntelliSense with [EditorBrowsable(Never)]). Both lists are written out here so a new public
/// type fails this test until someone decides which side it belongs on.
/// </summary>
public sealed class PublicSurfaceTests
{
    // ProxyRequest and its parts (body, headers, query, style, error rule) stay visible: a user's tests read them off
    // InMemoryProxyClient.Requests, and IProxyClient decorators take them. JsonUnion is the base users see on every
    // generated union; LenientDateTimeOffsetConverter is usable on a user's own models.
    private static readonly string[] Visible =
    [
        "Microsoft.Extensions.DependencyInjection.ParagonServiceCollectionExtensions",
        "Paragon.AI.ParagonTool",
        "Paragon.AI.ParagonToolHints",
        "Paragon.AI.ParagonToolOptions",
        "Paragon.Diagnostics.ParagonTelemetry",
        "Paragon.Paging.ParagonPage`2",
        "Paragon.Paging.ParagonPageable`2",
        "Paragon.Paging.ParagonPagingException",
        "Paragon.Paging.ParagonPagingLimit",
        "Paragon.Paging.ParagonPagingOptions",
        "Paragon.ParagonApiException",
        "Paragon.ParagonClient",
        "Paragon.ParagonClientOptions",
        "Paragon.ParagonErrorSource",
        "Paragon.ParagonFormBody",
        "Paragon.ParagonRequestOptions",
        "Paragon.ParagonResponse",
        "Paragon.ParagonResponseTooLargeException",
        "Paragon.ParagonResponse`1",
        "Paragon.ParagonRetryOptions",
        "Paragon.ParagonUnreadableResponseException",
        "Paragon.ParagonUserClient",
        "Paragon.Platform.ActionKitAction",
        "Paragon.Platform.ActionKitCatalog",
        "Paragon.Platform.ActionKitListOptions",
        "Paragon.Platform.ParagonCredential",
        "Paragon.Platform.ParagonIntegration",
        "Paragon.Platform.ParagonIntegrationMetadata",
        "Paragon.Platform.ParagonUser",
        "Paragon.Platform.ParagonUserIntegration",
        "Paragon.Platform.WorkflowTriggerResult",
        "Paragon.Platform.WorkflowTriggerStatus",
        "Paragon.Proxy.IProxyClient",
        "Paragon.Proxy.ProxyBody",
        "Paragon.Proxy.ProxyErrorRule",
        "Paragon.Proxy.ProxyHeaders",
        "Paragon.Proxy.ProxyQuery",
        "Paragon.Proxy.ProxyQueryStyle",
        "Paragon.Proxy.ProxyRequest",
        "Paragon.Serialization.Expandable`1",
        "Paragon.Serialization.JsonUnion",
        "Paragon.Serialization.LenientDateTimeOffsetConverter",
        "Paragon.Serialization.OrEmpty`1",
        "Paragon.Testing.InMemoryProxyClient",
    ];

    private static readonly string[] Hidden =
    [
        "Paragon.Paging.PagingTokenLocation",
        "Paragon.Paging.ParagonPaging",
        "Paragon.Proxy.IProxyValue",
        "Paragon.Proxy.ProxyCalls",
        "Paragon.Proxy.ProxyMethods",
        "Paragon.Proxy.ProxyValue",
        "Paragon.Serialization.ExpandableConverter`1",
        "Paragon.Serialization.ExtensibleEnumConverter`1",
        "Paragon.Serialization.IExtensibleEnumValue`1",
        "Paragon.Serialization.JsonKinds",
        "Paragon.Serialization.JsonModelConverter`1",
        "Paragon.Serialization.JsonModelMetadata",
        "Paragon.Serialization.JsonShape",
        "Paragon.Serialization.JsonUnionConverter`1",
        "Paragon.Serialization.OrEmptyConverter`1",
    ];

    [Fact]
    public void Types_users_see_are_the_listed_ones()
    {
        Assert.Equal(Visible, Exported(hidden: false));
    }

    [Fact]
    public void Types_only_generated_code_uses_are_hidden_from_IntelliSense()
    {
        Assert.Equal(Hidden, Exported(hidden: true));
    }

    private static IEnumerable<string> Exported(bool hidden) =>
        typeof(ParagonClient).Assembly.GetExportedTypes()
            .Where(type => IsHidden(type) == hidden)
            .Select(type => type.FullName!.Replace('+', '.'))
            .Order(StringComparer.Ordinal);

    // A nested type inside a hidden type is hidden too: IntelliSense never reaches it.
    private static bool IsHidden(Type type) =>
        type.GetCustomAttribute<EditorBrowsableAttribute>() is { State: EditorBrowsableState.Never }
        || (type.DeclaringType is { } outer && IsHidden(outer));
}
