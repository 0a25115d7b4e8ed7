using System.Text.Json;
using System.Threading.Tasks;
using Paragon.Integrations.Edge;

namespace Paragon.Integration.Tests;

/// <summary>Providers send null where their specs promise an enum value: it reads as default, and the rest of the answer still reads.</summary>
public sealed class EnumNullTests(IntegrationFixture fixture) : IClassFixture<IntegrationFixture>
{
    [Fact]
    public async Task A_null_enum_reads_as_default_in_a_field_a_list_and_a_dictionary()
    {
        KindReport report = await fixture.User.Edge.KindsGetAsync();

        Assert.Equal(3, report.Count);
        Assert.Equal(default, report.Primary);
        Assert.Equal([PetKind.Dog, default, PetKind.Cat], report.All);
        Assert.Equal(PetKind.Dog, report.ByName["rex"]);
        Assert.Equal(default, report.ByName["ghost"]);
    }

    [Fact]
    public void A_default_enum_is_empty_text_but_not_an_empty_value_and_writes_null()
    {
        PetKind none = default;
        Assert.Equal(string.Empty, none.Value);
        Assert.Equal(string.Empty, none.ToString());
        Assert.True(none.Equals(default(PetKind)));
        Assert.Equal(default(PetKind).GetHashCode(), none.GetHashCode());

        // "" is a value a provider can send; null is not one, so the two stay apart and each round-trips as itself.
        Assert.NotEqual(new PetKind(string.Empty), none);
        Assert.Equal("null", JsonSerializer.Serialize(none, EdgeJsonContext.Default.PetKind));
        Assert.Equal("\"\"", JsonSerializer.Serialize(new PetKind(string.Empty), EdgeJsonContext.Default.PetKind));

        const string Json = """{"primary":null,"all":["dog",null,"cat"],"byName":{"ghost":null},"count":1}""";
        KindReport report = JsonSerializer.Deserialize(Json, EdgeJsonContext.Default.KindReport)!;
        Assert.Equal(Json, JsonSerializer.Serialize(report, EdgeJsonContext.Default.KindReport));
    }
}
