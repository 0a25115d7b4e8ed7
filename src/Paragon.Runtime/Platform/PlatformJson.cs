using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Paragon.Platform;

/// <summary>
/// Source-generated metadata for the platform models: the runtime is trim- and AOT-safe, so nothing here is read by
/// reflection. Request bodies are written by hand (<see cref="PlatformBodies"/>), so only responses are listed.
/// </summary>
[JsonSerializable(typeof(ParagonUser))]
[JsonSerializable(typeof(List<ParagonIntegration>))]
[JsonSerializable(typeof(List<ParagonIntegrationMetadata>))]
[JsonSerializable(typeof(List<ParagonCredential>))]
internal sealed partial class PlatformJson : JsonSerializerContext
{
}
