namespace Paragon.Generator.Model;

/// <summary>How a request body is encoded.</summary>
internal enum BodyKind
{
    Json,
    Form,
    Multipart,
    Binary,
    Text,
}
