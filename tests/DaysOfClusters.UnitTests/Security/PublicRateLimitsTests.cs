using System.Net;
using DaysOfClusters.Web.Features.Security;

namespace DaysOfClusters.UnitTests.Security;

public sealed class PublicRateLimitsTests
{
    [Fact]
    public void ClientPartition_WhenTwoIpv6AddressesShareA64BitPrefix_GivesTheSameKey()
    {
        // One customer's /64 holds 2^64 addresses: an attacker rotating through them must stay one client.
        var a = PublicRateLimits.ClientPartition(IPAddress.Parse("2001:db8:1234:5678::1"));
        var b = PublicRateLimits.ClientPartition(IPAddress.Parse("2001:db8:1234:5678:ffff:eeee:dddd:cccc"));
        var otherNetwork = PublicRateLimits.ClientPartition(IPAddress.Parse("2001:db8:1234:5679::1"));

        Assert.Equal(a, b);
        Assert.NotEqual(a, otherNetwork);
    }

    [Fact]
    public void ClientPartition_WhenIpv4OrIpv4MappedIpv6_KeepsEachAddressApart()
    {
        var a = PublicRateLimits.ClientPartition(IPAddress.Parse("192.0.2.10"));
        var b = PublicRateLimits.ClientPartition(IPAddress.Parse("192.0.2.11"));
        var mapped = PublicRateLimits.ClientPartition(IPAddress.Parse("::ffff:192.0.2.10"));

        Assert.NotEqual(a, b);
        Assert.Equal(a, mapped);
        Assert.Equal("unknown", PublicRateLimits.ClientPartition(null));
    }
}
