using System.Security.Cryptography;
using DaysOfClusters.Web.Features.Badges;

namespace DaysOfClusters.UnitTests.Badges;

public sealed class BadgeTokenTests : IDisposable
{
    private readonly ECDsa _key = EditionSigningKeys.Create();
    private readonly BadgeTokenPayload _payload = new(8, 0x7A3F_0012_9BCD_E401UL, 3, 2);

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Encode_When_ReadBackWithPublicKey_Expected_SamePayload()
    {
        var text = BadgeToken.Encode(_payload, _key);
        using var publicKey = EditionSigningKeys.ImportSpkiBase64(EditionSigningKeys.ExportSpkiBase64(_key));

        var result = BadgeToken.TryRead(text, publicKey);

        Assert.Equal(BadgeTokenReadStatus.Valid, result.Status);
        Assert.Equal(_payload, result.Payload);
        Assert.StartsWith("DOC1:", text, StringComparison.Ordinal);
        Assert.Equal(BadgeToken.TextLength, text.Length);
        Assert.All(text, c => Assert.Contains(c, Base45.Alphabet));
    }

    [Fact]
    public void SerializePayload_When_Called_Expected_DocumentedByteLayout()
    {
        var bytes = BadgeToken.SerializePayload(_payload);
        Assert.Equal(Convert.FromHexString("01" + "00000008" + "7A3F00129BCDE401" + "0003" + "02"), bytes);
    }

    [Fact]
    public void TryRead_When_AnySingleByteOfTokenFlipped_Expected_Refused()
    {
        var text = BadgeToken.Encode(_payload, _key);
        var raw = Base45.Decode(text[BadgeToken.Prefix.Length..]);
        foreach (var mask in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (var i = 0; i < raw.Length; i++)
            {
                var forged = (byte[])raw.Clone();
                forged[i] ^= mask;
                var result = BadgeToken.TryRead(BadgeToken.Prefix + Base45.Encode(forged), _key);
                Assert.False(result.IsValid, $"byte {i} ^ {mask:X2} was accepted");
                Assert.Null(result.Payload);
            }
        }
    }

    [Fact]
    public void TryRead_When_SignedWithAnotherEditionsKey_Expected_BadSignature()
    {
        using var otherEdition = EditionSigningKeys.Create();
        var text = BadgeToken.Encode(_payload, otherEdition);
        Assert.Equal(BadgeTokenReadStatus.BadSignature, BadgeToken.TryRead(text, _key).Status);
    }

    [Fact]
    public void TryRead_When_Truncated_Expected_Malformed()
    {
        var text = BadgeToken.Encode(_payload, _key);
        for (var length = 0; length < text.Length; length++)
        {
            var result = BadgeToken.TryRead(text[..length], _key);
            Assert.False(result.IsValid);
            Assert.Equal(BadgeTokenReadStatus.Malformed, result.Status);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("hello world")]
    [InlineData("https://example.org/ticket/123")]
    [InlineData("DOC1:")]
    [InlineData("DOC1:not base45 at all!")]
    [InlineData("DOC1:ÄÖÜ")]
    public void TryRead_When_RandomText_Expected_Malformed(string? text) =>
        Assert.Equal(BadgeTokenReadStatus.Malformed, BadgeToken.TryRead(text, _key).Status);

    [Fact]
    public void TryRead_When_RandomBytes_Expected_NeverValidNeverThrows()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 120)];
            random.NextBytes(bytes);
            if (bytes.Length > 0) bytes[0] = BadgeToken.FormatVersion;
            Assert.False(BadgeToken.TryRead(BadgeToken.Prefix + Base45.Encode(bytes), _key).IsValid);
        }
    }

    [Theory]
    [InlineData("doc1:")]
    [InlineData("DOC:")]
    [InlineData("XYZ1:")]
    [InlineData("")]
    public void TryRead_When_WrongPrefix_Expected_Malformed(string prefix)
    {
        var body = BadgeToken.Encode(_payload, _key)[BadgeToken.Prefix.Length..];
        Assert.Equal(BadgeTokenReadStatus.Malformed, BadgeToken.TryRead(prefix + body, _key).Status);
    }

    [Fact]
    public void TryRead_When_NewerPrefixOrVersionByte_Expected_UnsupportedVersion()
    {
        var text = BadgeToken.Encode(_payload, _key);
        Assert.Equal(BadgeTokenReadStatus.UnsupportedVersion, BadgeToken.TryRead("DOC2:" + text[5..], _key).Status);

        var raw = Base45.Decode(text[5..]);
        raw[0] = 0x02;
        Assert.Equal(BadgeTokenReadStatus.UnsupportedVersion, BadgeToken.TryRead(BadgeToken.Prefix + Base45.Encode(raw), _key).Status);
    }

    [Fact]
    public void TryRead_When_ScannerAddsWhitespace_Expected_Valid() =>
        Assert.True(BadgeToken.TryRead("  " + BadgeToken.Encode(_payload, _key) + "\r\n", _key).IsValid);

    [Fact]
    public void PeekEditionId_When_ValidOrGarbage_Expected_EditionOrNull()
    {
        using var otherEdition = EditionSigningKeys.Create();
        Assert.Equal(8, BadgeToken.PeekEditionId(BadgeToken.Encode(_payload, otherEdition)));
        Assert.Null(BadgeToken.PeekEditionId("garbage"));
    }

    [Fact]
    public void TryRead_When_WorkedExampleFromDocs_Expected_Valid()
    {
        // Copied from docs/badge-qr-format.md: keeps the document honest.
        using var key = EditionSigningKeys.ImportSpkiBase64("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9Kj456msyeEZVdZu0Wold/xoWH+hS2MGEB+pKPcgSDYmds7lXIIz2ogFUt371SyEyeQpaZVUBof+jQBEuqHdEw==");
        const string text = "DOC1:V50000A31I/7%F2D1QV505H0BO1/-GF.3P9EJ%L1:HM+1W2H/:RPXO-03%W5G*Q RL.YJ5SI:S5U:PM:9D8CN*CIP3%2UI/LVYR1FEU4ND73N+5G$TXZL:04";

        var result = BadgeToken.TryRead(text, key);

        Assert.Equal(BadgeTokenReadStatus.Valid, result.Status);
        Assert.Equal(_payload, result.Payload);
        Assert.Equal("7MFR-02AD-WVS01", result.Payload!.ShortCode);
    }

    [Fact]
    public void Encode_When_NegativeEdition_Expected_ArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BadgeToken.Encode(_payload with { EditionId = -1 }, _key));
}
