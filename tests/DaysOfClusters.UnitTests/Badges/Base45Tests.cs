using System.Text;
using DaysOfClusters.Web.Features.Badges;

namespace DaysOfClusters.UnitTests.Badges;

public class Base45Tests
{
    [Theory]
    [InlineData("AB", "BB8")]
    [InlineData("Hello!!", "%69 VD92EX0")]
    [InlineData("base-45", "UJCLQE7W581")]
    [InlineData("ietf!", "QED8WEX0")]
    [InlineData("", "")]
    public void Encode_When_Rfc9285Vector_Expected_RfcText(string plain, string encoded) =>
        Assert.Equal(encoded, Base45.Encode(Encoding.ASCII.GetBytes(plain)));

    [Theory]
    [InlineData("BB8", "AB")]
    [InlineData("%69 VD92EX0", "Hello!!")]
    [InlineData("UJCLQE7W581", "base-45")]
    [InlineData("QED8WEX0", "ietf!")]
    public void TryDecode_When_Rfc9285Vector_Expected_Plain(string encoded, string plain)
    {
        Assert.True(Base45.TryDecode(encoded, out var bytes));
        Assert.Equal(plain, Encoding.ASCII.GetString(bytes));
    }

    [Theory]
    [InlineData("GGW")] // 65536: one above the largest 16-bit group
    [InlineData("ZZZ")]
    [InlineData("ZZ")] // 1610: a trailing pair must be ≤ 255
    [InlineData("A")] // length 1 mod 3
    [InlineData("BB8A")]
    [InlineData("bb8")] // lower case is not in the alphabet
    [InlineData("BB!")]
    [InlineData("BBé")]
    [InlineData(null)]
    public void TryDecode_When_InvalidInput_Expected_FalseWithoutException(string? text) =>
        Assert.False(Base45.TryDecode(text, out _));

    [Fact]
    public void Decode_When_InvalidInput_Expected_FormatException() =>
        Assert.Throws<FormatException>(() => Base45.Decode("GGW"));

    [Fact]
    public void Encode_When_AllByteValues_Expected_RoundTrip()
    {
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(new byte[] { 0xFF, 0xFF, 0x00 }).ToArray();
        Assert.True(Base45.TryDecode(Base45.Encode(data), out var back));
        Assert.Equal(data, back);
    }
}
