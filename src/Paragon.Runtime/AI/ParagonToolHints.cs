namespace Paragon.AI;

/// <summary>
/// What a tool may do, as advice for a model, an agent framework or an MCP client (MCP's tool annotations carry the same
/// four). Hints describe; the allow-list in <see cref="ParagonToolOptions"/> decides which tools exist at all.
/// </summary>
public sealed class ParagonToolHints
{
    /// <summary>Describes a tool.</summary>
    /// <param name="readOnly">It only reads.</param>
    /// <param name="destructive">It may delete or overwrite data (meaningful for a tool that writes).</param>
    /// <param name="idempotent">Calling it again with the same arguments has no further effect.</param>
    /// <param name="openWorld">It reaches outside systems (a provider's API), not only this application's.</param>
    public ParagonToolHints(bool readOnly, bool destructive, bool idempotent, bool openWorld)
    {
        ReadOnly = readOnly;
        Destructive = destructive;
        Idempotent = idempotent;
        OpenWorld = openWorld;
    }

    /// <summary>A read of a provider's data: read-only, not destructive, idempotent, open-world.</summary>
    public static ParagonToolHints Read { get; } = new(readOnly: true, destructive: false, idempotent: true, openWorld: true);

    /// <summary>It only reads.</summary>
    public bool ReadOnly { get; }

    /// <summary>It may delete or overwrite data.</summary>
    public bool Destructive { get; }

    /// <summary>Calling it again with the same arguments has no further effect.</summary>
    public bool Idempotent { get; }

    /// <summary>It reaches outside systems (every Paragon tool does: it acts in a user's app).</summary>
    public bool OpenWorld { get; }

    /// <inheritdoc />
    public override string ToString() =>
        ReadOnly ? "read-only" : (Destructive ? "write, destructive" : "write") + (Idempotent ? ", idempotent" : string.Empty);
}
