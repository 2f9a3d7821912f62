using System.Net;
using MicroCred.Application.Features.Public;

namespace MicroCred.UnitTests.Public;

public sealed class VerifierAddressPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]  // just below carrier-grade NAT
    [InlineData("100.128.0.0")]     // just above it
    [InlineData("172.15.255.255")]  // just below 172.16/12
    [InlineData("172.32.0.0")]      // just above it
    [InlineData("192.167.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_public(string address)
    {
        Assert.Equal(AddressKind.Public, NetworkAddressPolicy.Classify(IPAddress.Parse(address)));
        Assert.True(new NetworkAddressPolicy(allowPrivateNetworks: false).Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.0.1", AddressKind.Private)]
    [InlineData("::ffff:192.168.1.1", AddressKind.Private)]
    [InlineData("64:ff9b::a00:1", AddressKind.Private)]           // NAT64 of 10.0.0.1
    [InlineData("::10.0.0.1", AddressKind.Private)]               // IPv4-compatible form
    [InlineData("100.64.0.0", AddressKind.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressKind.SharedAddressSpace)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("fc00::1", AddressKind.UniqueLocal)]
    [InlineData("fd00:ec2::254", AddressKind.UniqueLocal)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("255.255.255.255", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("192.0.2.1", AddressKind.Reserved)]
    [InlineData("198.18.0.1", AddressKind.Reserved)]
    [InlineData("203.0.113.9", AddressKind.Reserved)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("2001:db8::1", AddressKind.Reserved)]
    [InlineData("2001::1", AddressKind.Reserved)]                 // Teredo
    [InlineData("2002:c0a8:101::1", AddressKind.Reserved)]        // 6to4
    [InlineData("64:ff9b::808:808", AddressKind.Reserved)]        // NAT64 of a public address: still not fetched
    [InlineData("4000::1", AddressKind.Reserved)]                 // outside global unicast 2000::/3
    public void Non_public_addresses_are_classified_and_refused_by_default(string address, AddressKind expected)
    {
        var ip = IPAddress.Parse(address);
        Assert.Equal(expected, NetworkAddressPolicy.Classify(ip));
        Assert.False(new NetworkAddressPolicy(allowPrivateNetworks: false).Allows(ip));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("fd00::1", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("224.0.0.251", false)]
    public void Allowing_private_networks_never_allows_unspecified_broadcast_or_multicast(string address, bool allowed) =>
        Assert.Equal(allowed, new NetworkAddressPolicy(allowPrivateNetworks: true).Allows(IPAddress.Parse(address)));
}
