using System;
using System.Collections.Generic;

namespace Paragon.AI;

/// <summary>
/// Which tools a user's tool set holds and how they answer. The default is the safe one: read-only tools only, writes
/// needing approval once allowed, results capped at <see cref="DefaultMaxResultCharacters"/> characters.
/// </summary>
/// <remarks>
/// Name lists take names or globs, as the generator's operation filters do: an entry is an exact name, or a pattern where
/// <c>*</c> stands for any run of characters (<c>SLACK_*</c>, <c>*_DELETE_*</c>); case is ignored. The set is fixed when
/// the tools are made: nothing a model reads or says later (a provider's text asking it to call a write tool) can add a
/// tool, widen an allow-list or change the user.
/// </remarks>
public sealed class ParagonToolOptions
{
    /// <summary>The default of <see cref="MaxResultCharacters"/>: 32,000 characters, some 8,000 tokens of a model's context.</summary>
    public const int DefaultMaxResultCharacters = 32_000;

    /// <summary>The smallest <see cref="MaxResultCharacters"/> accepted: below it even an error would not fit.</summary>
    public const int MinMaxResultCharacters = 1_000;

    private int _maxResultCharacters = DefaultMaxResultCharacters;

    /// <summary>
    /// Writes the tool set may hold: integration keys (<c>slack</c>, <c>hubspot</c>) or action names
    /// (<c>SLACK_SEND_MESSAGE</c>), or globs of either (<c>*</c> allows every write). Empty (the default): read-only
    /// tools only; a write that is not allowed is not in the set at all, so a model cannot call it.
    /// </summary>
    public IList<string> AllowWrites { get; } = new List<string>();

    /// <summary>
    /// Wraps every allowed write in Microsoft.Extensions.AI's <c>ApprovalRequiredAIFunction</c>, so that a
    /// <c>FunctionInvokingChatClient</c> asks the application for approval before it runs. Default: <see langword="true"/>.
    /// </summary>
    public bool RequireApprovalForWrites { get; set; } = true;

    /// <summary>
    /// Actions to treat as read-only beyond the built-in rule (names or globs), for an action whose name does not say it
    /// reads. See <c>ParagonUserClient.GetActionToolsAsync</c> for the rule.
    /// </summary>
    public IList<string> ReadOnlyActions { get; } = new List<string>();

    /// <summary>Actions to treat as writes whatever their name says (names or globs); this wins over <see cref="ReadOnlyActions"/>.</summary>
    public IList<string> WriteActions { get; } = new List<string>();

    /// <summary>
    /// Only these integrations' actions (ActionKit's keys, for example <c>slack</c>, <c>googleCalendar</c>, or globs such
    /// as <c>google*</c>). Empty: all. Plain names are also sent to ActionKit, so that it describes only those.
    /// </summary>
    public IList<string> Integrations { get; } = new List<string>();

    /// <summary>
    /// The longest result a tool hands to a model, in characters of JSON. A longer result is replaced by an object with
    /// its first characters as text and a note that it was cut. Default: <see cref="DefaultMaxResultCharacters"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than <see cref="MinMaxResultCharacters"/>.</exception>
    public int MaxResultCharacters
    {
        get => _maxResultCharacters;
        set => _maxResultCharacters = value >= MinMaxResultCharacters
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"A tool's results need at least {MinMaxResultCharacters} characters.");
    }
}
