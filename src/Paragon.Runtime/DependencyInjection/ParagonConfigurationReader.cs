using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Paragon.Paging;

namespace Paragon.DependencyInjection;

/// <summary>
/// Reads <see cref="ParagonClientOptions"/> from a configuration section by hand: no reflection (the options hold a
/// delegate and JSON settings that configuration cannot express), safe for trimming and native AOT, and a value that does
/// not parse is reported with its key.
/// </summary>
internal static class ParagonConfigurationReader
{
    public static void Read(IConfiguration section, ParagonClientOptions options)
    {
        options.ProjectId = section[nameof(ParagonClientOptions.ProjectId)] ?? options.ProjectId;
        options.SigningKey = section[nameof(ParagonClientOptions.SigningKey)] ?? options.SigningKey;
        options.UserToken = section[nameof(ParagonClientOptions.UserToken)] ?? options.UserToken;
        options.ProxyBaseUrl = ReadUri(section, nameof(ParagonClientOptions.ProxyBaseUrl)) ?? options.ProxyBaseUrl;
        options.ApiBaseUrl = ReadUri(section, nameof(ParagonClientOptions.ApiBaseUrl)) ?? options.ApiBaseUrl;
        options.ActionKitBaseUrl = ReadUri(section, nameof(ParagonClientOptions.ActionKitBaseUrl)) ?? options.ActionKitBaseUrl;
        options.UseRawResponse = ReadBool(section, nameof(ParagonClientOptions.UseRawResponse)) ?? options.UseRawResponse;
        options.LenientRequiredFields = ReadBool(section, nameof(ParagonClientOptions.LenientRequiredFields)) ?? options.LenientRequiredFields;
        options.Timeout = ReadTimeSpan(section, nameof(ParagonClientOptions.Timeout)) ?? options.Timeout;
        options.TokenLifetime = ReadTimeSpan(section, nameof(ParagonClientOptions.TokenLifetime)) ?? options.TokenLifetime;
        options.TokenProviderTimeout = ReadTimeSpan(section, nameof(ParagonClientOptions.TokenProviderTimeout)) ?? options.TokenProviderTimeout;
        options.MaxResponseBodySize = ReadInt(section, nameof(ParagonClientOptions.MaxResponseBodySize)) ?? options.MaxResponseBodySize;
        options.MaxErrorBodySize = ReadInt(section, nameof(ParagonClientOptions.MaxErrorBodySize)) ?? options.MaxErrorBodySize;

        IConfigurationSection retry = section.GetSection(nameof(ParagonClientOptions.Retry));
        options.Retry.MaxRetries = ReadInt(retry, nameof(ParagonRetryOptions.MaxRetries)) ?? options.Retry.MaxRetries;
        options.Retry.MaxDelay = ReadTimeSpan(retry, nameof(ParagonRetryOptions.MaxDelay)) ?? options.Retry.MaxDelay;
        options.Retry.BaseDelay = ReadTimeSpan(retry, nameof(ParagonRetryOptions.BaseDelay)) ?? options.Retry.BaseDelay;

        IConfigurationSection paging = section.GetSection(nameof(ParagonClientOptions.Paging));
        options.Paging.MaxPages = ReadInt(paging, nameof(ParagonPagingOptions.MaxPages)) ?? options.Paging.MaxPages;
        options.Paging.MaxEmptyPages = ReadInt(paging, nameof(ParagonPagingOptions.MaxEmptyPages)) ?? options.Paging.MaxEmptyPages;
        options.Paging.ContinuationTokenKey = paging[nameof(ParagonPagingOptions.ContinuationTokenKey)] ?? options.Paging.ContinuationTokenKey;
    }

    private static Uri? ReadUri(IConfiguration section, string key) =>
        Value(section, key) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri
        : throw Invalid(section, key, "an absolute URL such as https://proxy.useparagon.com");

    private static bool? ReadBool(IConfiguration section, string key) =>
        Value(section, key) is not { } text ? null
        : bool.TryParse(text, out bool value) ? value
        : throw Invalid(section, key, "true or false");

    private static int? ReadInt(IConfiguration section, string key) =>
        Value(section, key) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value
        : throw Invalid(section, key, "a whole number");

    private static TimeSpan? ReadTimeSpan(IConfiguration section, string key) =>
        Value(section, key) is not { } text ? null
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) ? value
        : throw Invalid(section, key, "a time span such as 00:01:40 (hh:mm:ss)");

    private static string? Value(IConfiguration section, string key) =>
        section[key] is { } text && text.Trim().Length > 0 ? text.Trim() : null;

    // The value is not quoted: a mistyped key could put a secret in any setting.
    private static InvalidOperationException Invalid(IConfiguration section, string key, string expected) =>
        new($"The Paragon setting '{Path(section, key)}' is not {expected}.");

    private static string Path(IConfiguration section, string key) =>
        section is IConfigurationSection { Path: { Length: > 0 } path } ? path + ":" + key : key;
}
