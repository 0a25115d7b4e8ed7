namespace Paragon.Generator.Model;

/// <summary>How a query parameter is serialized (OpenAPI <c>style</c>).</summary>
internal enum QueryStyle
{
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}
