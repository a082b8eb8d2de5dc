using Eps.Core.Tokens;

namespace Eps.Tests.Core.Tokens;

public sealed class IdentifierTests
{
    [Fact]
    public void Prescription_ids_have_the_seed_format_and_vary()
    {
        var ids = Enumerable.Range(0, 1_000).Select(_ => PrescriptionIds.New()).ToList();

        Assert.All(ids, id => Assert.Matches("^PHB-RX-[0-9]{8}$", id));
        Assert.All(ids, id => Assert.True(PrescriptionIds.IsValid(id)));
        Assert.True(ids.Distinct().Count() > 990);
        Assert.Matches("^XY-[0-9]{8}$", PrescriptionIds.New("XY-"));
    }

    [Theory]
    [InlineData("PHB-RX-00000123", true)]
    [InlineData("PHB-RX-0000012", false)]
    [InlineData("PHB-RX-000001234", false)]
    [InlineData("PHB-RX-0000012a", false)]
    [InlineData("PHB-RX-0000012٣", false)] // a non-ASCII digit
    [InlineData("phb-rx-00000123", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Prescription_id_validation(string? id, bool valid) => Assert.Equal(valid, PrescriptionIds.IsValid(id!));

    [Fact]
    public void Nonces_are_random_version_4_uuids()
    {
        var nonces = Enumerable.Range(0, 1_000).Select(_ => Nonces.New()).ToList();

        Assert.Equal(1_000, nonces.Distinct().Count());
        Assert.All(nonces, n => Assert.Equal(4, n.Version));
        Assert.All(nonces, n => Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", n.ToString()));
    }
}
