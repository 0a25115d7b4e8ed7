namespace Paragon.Generator.Model;

/// <summary>
/// The successful response. <see cref="MayBeEmpty"/> when an empty answer is an answer: the spec also lists a 204/205 for
/// the operation, or its schema allows null. A <see cref="ResponseKind.Json"/> body that is not allowed to be empty and
/// arrives empty is reported as a success that could not be read, never as a bare JSON error.
/// </summary>
internal sealed record ResponseModel(ResponseKind Kind, TypeRef? Type, string? Description, bool MayBeEmpty = false);
