using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;
using Paragon.Tokens;

namespace Paragon.DependencyInjection;

/// <summary>
/// Checks a registered client's options when the application starts (<c>ValidateOnStart</c>), with the rules the
/// <see cref="ParagonClient"/> constructor applies, so that a bad setting stops the start-up with every problem named
/// rather than the first call with one.
/// </summary>
internal sealed class ParagonOptionsValidator(string name) : IValidateOptions<ParagonClientOptions>
{
    public ValidateOptionsResult Validate(string? name1, ParagonClientOptions options)
    {
        if (!string.Equals(name1 ?? Options.DefaultName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        Check(failures, () => ParagonClient.CheckProjectId(options.ProjectId));
        Check(failures, () => ParagonClient.CheckBaseUrl(options.ProxyBaseUrl, nameof(ParagonClientOptions.ProxyBaseUrl)));
        Check(failures, () => ParagonClient.CheckBaseUrl(options.ApiBaseUrl, nameof(ParagonClientOptions.ApiBaseUrl)));
        Check(failures, () => ParagonClient.CheckBaseUrl(options.ActionKitBaseUrl, nameof(ParagonClientOptions.ActionKitBaseUrl)));
        Check(failures, () => ParagonClient.CheckSettings(options));
        Check(failures, () => ParagonClient.CheckTokenSourceCount(options));
        if (options.UserToken is not null)
        {
            Check(failures, () => ParagonClient.CheckUserToken(options.UserToken));
        }

        if (options.SigningKey is not null)
        {
            // Read the key as the client will; its message says what is wrong with it and never quotes it.
            Check(failures, () => RsaKeyReader.Import(options.SigningKey).Dispose());
        }

        if (failures.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        string which = name.Length == 0 ? "The Paragon client" : $"The Paragon client '{name}'";
        for (int i = 0; i < failures.Count; i++)
        {
            failures[i] = $"{which}: {failures[i]}";
        }

        return ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException ex)
        {
            // ArgumentException appends "(Parameter '…')"; the rule's own sentence already names the setting.
            failures.Add(ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty));
        }
    }
}
