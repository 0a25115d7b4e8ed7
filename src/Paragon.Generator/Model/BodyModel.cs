namespace Paragon.Generator.Model;

/// <summary>The request body: a model (JSON or form), multipart content, a stream or text.</summary>
internal sealed record BodyModel(BodyKind Kind, TypeRef? Type, string ContentType, string? Description, EquatableArray<string> DeepObjectFields);
