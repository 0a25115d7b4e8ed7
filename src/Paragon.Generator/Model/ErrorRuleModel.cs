namespace Paragon.Generator.Model;

/// <summary>
/// A spec's <c>x-paragon-error</c>: the boolean <see cref="Field"/> that is <see cref="MustBe"/> on success, and the
/// <see cref="Code"/> field that carries the error code. <see cref="None"/> is the spec's <c>x-paragon-error: false</c>.
/// Emitted as the runtime's <c>ProxyErrorRule</c>, which does the checking.
/// </summary>
internal sealed record ErrorRuleModel(string Field, bool MustBe, string Code, string? Message, EquatableArray<string> Details)
{
    public static ErrorRuleModel None { get; } = new(string.Empty, true, string.Empty, null, EquatableArray<string>.Empty);

    public bool IsNone => Field.Length == 0;
}
