using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Certificates;

namespace DaysOfClusters.UnitTests.Certificates;

public sealed class CertificateTokenTests
{
    private static readonly CertificatePayload Payload = new(42, 7, 2, 3, 4, new DateOnly(2027, 3, 12), CertificateToken.HashName("Ana Đorđević"));

    [Fact]
    public void TryRead_WhenSignedByTheEventsKey_ReturnsThePayloadUnchanged()
    {
        using var key = EditionSigningKeys.Create();
        var code = CertificateToken.Encode(Payload, key);

        Assert.Equal(CertificateCodeStatus.Valid, CertificateToken.TryRead(code, key, out var read));
        Assert.Equal(Payload, read);
        Assert.True(code.Length <= CertificateToken.MaxTextLength);
    }

    [Fact]
    public void TryRead_WhenAnyPayloadByteChanges_RefusesTheSignature()
    {
        using var key = EditionSigningKeys.Create();
        var code = CertificateToken.Encode(Payload, key);
        CertificateToken.TryParseUnverified(code, out _, out var signed, out var signature);

        for (var i = 1; i < signed!.Length; i++)
        {
            var changed = (byte[])signed.Clone();
            changed[i] ^= 0x01;
            var tampered = CertificateToken.Prefix + Convert.ToBase64String([.. changed, .. signature!]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            Assert.NotEqual(CertificateCodeStatus.Valid, CertificateToken.TryRead(tampered, key, out var payload));
            Assert.Null(payload);
        }
    }

    [Fact]
    public void TryRead_WhenSignedByAnotherKey_RefusesTheSignature()
    {
        using var key = EditionSigningKeys.Create();
        using var other = EditionSigningKeys.Create();

        Assert.Equal(CertificateCodeStatus.BadSignature, CertificateToken.TryRead(CertificateToken.Encode(Payload, other), key, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("B1.abc")]
    [InlineData("C1.not base64!")]
    [InlineData("C1.AAAA")]
    public void TryParseUnverified_WhenTheTextIsNotACode_SaysMalformedWithoutThrowing(string? text) =>
        Assert.Equal(CertificateCodeStatus.Malformed, CertificateToken.TryParseUnverified(text, out _, out _, out _));

    [Fact]
    public void HashName_WhenTheSameNameIsComposedDifferently_IsTheSame() =>
        Assert.Equal(CertificateToken.HashName("Ana \u0110or\u0111evi\u0107"), CertificateToken.HashName(" Ana \u0110or\u0111evic\u0301 "));

    [Theory]
    [InlineData(3, 75, 3)]
    [InlineData(3, 60, 2)]
    [InlineData(4, 75, 3)]
    [InlineData(10, 80, 8)]
    [InlineData(1, 1, 1)]
    public void SessionsNeeded_WhenTheShareIsNotWhole_RoundsUpSoTheThresholdIsNeverUndercut(int total, int percent, int needed) =>
        Assert.Equal(needed, CertificateService.SessionsNeeded(total, percent));
}
