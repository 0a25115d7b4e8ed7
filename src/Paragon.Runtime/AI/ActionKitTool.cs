using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.AI;

/// <summary>An ActionKit action as a tool: invoking it runs the action for the user the tool was made for.</summary>
internal sealed class ActionKitTool : ParagonTool
{
    private readonly ParagonUserClient _user;

    public ActionKitTool(ParagonUserClient user, string name, string description, JsonElement schema, ParagonToolHints hints, string integration, string action, int maxResultCharacters)
        : base(name, description, schema, hints, integration, action, maxResultCharacters) => _user = user;

    private protected override Task<JsonElement> CallAsync(JsonObject parameters, CancellationToken cancellationToken) =>
        _user.RunActionAsync(Operation, parameters, cancellationToken);
}
