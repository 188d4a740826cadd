using System.Security.Cryptography;
using DaysOfClusters.Web.Features.Badges;

namespace DaysOfClusters.UnitTests.Badges;

public class BadgeKeysAndIdsTests
{
    [Fact]
    public void ImportPkcs8_When_ExportedKey_Expected_SignsVerifiably()
    {
        using var key = EditionSigningKeys.Create();
        using var restored = EditionSigningKeys.ImportPkcs8(EditionSigningKeys.ExportPkcs8(key));
        var payload = new BadgeTokenPayload(1, 42, 1, 0);

        var text = BadgeToken.Encode(payload, restored);

        Assert.True(BadgeToken.TryRead(text, key).IsValid);
        Assert.Equal(EditionSigningKeys.ExportSpkiBase64(key), EditionSigningKeys.ExportSpkiBase64(restored));
    }

    [Fact]
    public void ImportSpki_When_NotP256_Expected_CryptographicException()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<CryptographicException>(() => EditionSigningKeys.ImportSpki(p384.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void ToCheckinKeyResponse_When_Serialised_Expected_DocumentedJsonShape()
    {
        using var key = EditionSigningKeys.Create();
        var json = System.Text.Json.JsonSerializer.Serialize(EditionSigningKeys.ToCheckinKeyResponse(key), System.Text.Json.JsonSerializerOptions.Web);
        Assert.StartsWith("{\"algorithm\":\"ES256\",\"spki\":\"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0UL, "0000-0000-00000")]
    [InlineData(ulong.MaxValue, "FZZZ-ZZZZ-ZZZZZ")]
    [InlineData(0x7A3F_0012_9BCD_E401UL, "7MFR-02AD-WVS01")]
    public void ToShortCode_When_Id_Expected_GroupedCrockford(ulong id, string code)
    {
        Assert.Equal(code, BadgeTicketId.ToShortCode(id));
        Assert.True(BadgeTicketId.TryParseShortCode(code, out var back));
        Assert.Equal(id, back);
    }

    [Theory]
    [InlineData("7mfr 02ad wvsol")] // lower case, spaces, l for 1
    [InlineData("7MFRO2ADWVS0I")] // O for 0, I for 1, no hyphens
    public void TryParseShortCode_When_TypedLoosely_Expected_SameId(string typed)
    {
        Assert.True(BadgeTicketId.TryParseShortCode(typed, out var id));
        Assert.Equal(0x7A3F_0012_9BCD_E401UL, id);
    }

    [Theory]
    [InlineData("GZZZ-ZZZZ-ZZZZZ")] // 65 bits
    [InlineData("7MFR-02AD-WVS0")] // too short
    [InlineData("7MFR-02AD-WVS011")] // too long
    [InlineData("7MFR-02AD-WVS0U")] // U is not Crockford
    [InlineData(null)]
    public void TryParseShortCode_When_Invalid_Expected_False(string? code) =>
        Assert.False(BadgeTicketId.TryParseShortCode(code, out _));

    [Fact]
    public void NewId_When_Generated_Expected_HexRoundTrip()
    {
        var id = BadgeTicketId.NewId();
        var hex = BadgeTicketId.ToHex(id);
        Assert.Equal(16, hex.Length);
        Assert.True(BadgeTicketId.TryParseHex(hex, out var back));
        Assert.Equal(id, back);
    }
}
