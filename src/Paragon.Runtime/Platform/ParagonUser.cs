using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paragon.Platform;

/// <summary>A Connected User as Paragon's Users API describes them (<c>GET /sdk/me</c>).</summary>
public sealed class ParagonUser
{
    /// <summary>The user's id: the <c>sub</c> of their Paragon User Token.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The metadata associated with the user (see <c>UpdateMetadataAsync</c>).</summary>
    [JsonPropertyName("meta")]
    public Dictionary<string, JsonElement>? Meta { get; set; }

    /// <summary>The user's state per integration type (<c>slack</c>, <c>custom.my-app</c>, …).</summary>
    [JsonPropertyName("integrations")]
    public Dictionary<string, ParagonUserIntegration>? Integrations { get; set; }

    /// <summary>Whatever else Paragon returns, kept as it came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Whether the user has the integration enabled; <see langword="false"/> when Paragon does not list it for them.</summary>
    /// <param name="integration">The integration type, for example <c>slack</c>.</param>
    /// <returns>Whether it is enabled.</returns>
    public bool IsConnected(string integration) =>
        integration is not null && Integrations is not null && Integrations.TryGetValue(integration, out ParagonUserIntegration? state) && state is { Enabled: true };
}

/// <summary>One integration's state for a Connected User.</summary>
public sealed class ParagonUserIntegration
{
    /// <summary>Whether the user has connected and enabled the integration.</summary>
    [JsonPropertyName("enabled")]
    public bool Enabled { get; set; }

    /// <summary>The credential (connected account) used by default.</summary>
    [JsonPropertyName("credentialId")]
    public string? CredentialId { get; set; }

    /// <summary>The default credential's status, for example <c>VALID</c> or <c>INVALID</c>.</summary>
    [JsonPropertyName("credentialStatus")]
    public string? CredentialStatus { get; set; }

    /// <summary>Every account the user connected on this integration (select one with <c>WithCredential</c>).</summary>
    [JsonPropertyName("allCredentials")]
    public List<ParagonCredential>? AllCredentials { get; set; }

    /// <summary>Whatever else Paragon returns (provider id and data, configured workflows, …), kept as it came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A connected account of a user on an integration (<c>GET /sdk/credentials</c>).</summary>
public sealed class ParagonCredential
{
    /// <summary>The credential id: what <c>X-Paragon-Credential</c> and <c>WithCredential</c> take.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The id of the integration it belongs to.</summary>
    [JsonPropertyName("integrationId")]
    public string? IntegrationId { get; set; }

    /// <summary>Its status, for example <c>VALID</c> or <c>INVALID</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>The account's id at the provider, when Paragon knows it.</summary>
    [JsonPropertyName("providerId")]
    public string? ProviderId { get; set; }

    /// <summary>Whatever else Paragon returns, kept as it came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>An integration of the project (<c>GET /sdk/integrations</c>).</summary>
public sealed class ParagonIntegration
{
    /// <summary>The integration's id: what <c>DisconnectAsync</c> takes.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The integration type, for example <c>slack</c> or <c>custom.my-app</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Whether the integration is active in the project.</summary>
    [JsonPropertyName("isActive")]
    public bool? IsActive { get; set; }

    /// <summary>Whatever else Paragon returns, kept as it came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>How an integration presents itself (<c>GET /sdk/metadata</c>): for building your own integrations page.</summary>
public sealed class ParagonIntegrationMetadata
{
    /// <summary>The integration type.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Its display name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Its brand colour, for example <c>#4A154B</c>.</summary>
    [JsonPropertyName("brandColor")]
    public string? BrandColor { get; set; }

    /// <summary>The URL of its icon.</summary>
    [JsonPropertyName("icon")]
    public string? Icon { get; set; }

    /// <summary>Whatever else Paragon returns, kept as it came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
