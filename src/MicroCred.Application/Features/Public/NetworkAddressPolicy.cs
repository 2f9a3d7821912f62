using System.Net;
using System.Net.Sockets;

namespace MicroCred.Application.Features.Public;

/// <summary>What kind of network an IP address belongs to, as far as the verifier is concerned.</summary>
public enum AddressKind
{
    /// <summary>A globally routable unicast address: the only kind fetched by default.</summary>
    Public,
    /// <summary>This machine: 127.0.0.0/8, ::1.</summary>
    Loopback,
    /// <summary>RFC 1918: 10/8, 172.16/12, 192.168/16.</summary>
    Private,
    /// <summary>Carrier-grade NAT (RFC 6598): 100.64/10.</summary>
    SharedAddressSpace,
    /// <summary>169.254/16 (including cloud metadata services), fe80::/10.</summary>
    LinkLocal,
    /// <summary>IPv6 unique-local fc00::/7 and the deprecated site-local fec0::/10.</summary>
    UniqueLocal,
    /// <summary>Documentation, benchmarking, protocol-assignment, translation and other special-purpose ranges.</summary>
    Reserved,
    /// <summary>224/4, ff00::/8.</summary>
    Multicast,
    /// <summary>0.0.0.0/8, ::, and the broadcast address.</summary>
    Unspecified,
}

/// <summary>
/// Decides which addresses the verifier may connect to. By default only public unicast addresses; with
/// <see cref="VerifierOptions.AllowPrivateNetworks"/> also loopback, private, shared, link-local, unique-local
/// and reserved unicast ranges (tests, a local demo, an intranet). Multicast, broadcast and unspecified
/// addresses are never connected to. IPv4-mapped and IPv4-embedding IPv6 forms are judged by their IPv4 address.
/// </summary>
public sealed class NetworkAddressPolicy
{
    private static readonly (Cidr Range, AddressKind Kind)[] V4Ranges =
    [
        (Cidr.Parse("0.0.0.0/8"), AddressKind.Unspecified),
        (Cidr.Parse("10.0.0.0/8"), AddressKind.Private),
        (Cidr.Parse("100.64.0.0/10"), AddressKind.SharedAddressSpace),
        (Cidr.Parse("127.0.0.0/8"), AddressKind.Loopback),
        (Cidr.Parse("169.254.0.0/16"), AddressKind.LinkLocal),
        (Cidr.Parse("172.16.0.0/12"), AddressKind.Private),
        (Cidr.Parse("192.0.0.0/24"), AddressKind.Reserved),     // IETF protocol assignments
        (Cidr.Parse("192.0.2.0/24"), AddressKind.Reserved),     // TEST-NET-1
        (Cidr.Parse("192.88.99.0/24"), AddressKind.Reserved),   // 6to4 relay anycast (deprecated)
        (Cidr.Parse("192.168.0.0/16"), AddressKind.Private),
        (Cidr.Parse("198.18.0.0/15"), AddressKind.Reserved),    // benchmarking
        (Cidr.Parse("198.51.100.0/24"), AddressKind.Reserved),  // TEST-NET-2
        (Cidr.Parse("203.0.113.0/24"), AddressKind.Reserved),   // TEST-NET-3
        (Cidr.Parse("224.0.0.0/4"), AddressKind.Multicast),
        (Cidr.Parse("255.255.255.255/32"), AddressKind.Unspecified), // limited broadcast, before 240/4
        (Cidr.Parse("240.0.0.0/4"), AddressKind.Reserved),
    ];

    private static readonly (Cidr Range, AddressKind Kind)[] V6Ranges =
    [
        (Cidr.Parse("::/128"), AddressKind.Unspecified),
        (Cidr.Parse("::1/128"), AddressKind.Loopback),
        (Cidr.Parse("100::/64"), AddressKind.Reserved),         // discard-only
        (Cidr.Parse("2001::/23"), AddressKind.Reserved),        // IETF protocol assignments (Teredo, ORCHID, benchmarking…)
        (Cidr.Parse("2001:db8::/32"), AddressKind.Reserved),    // documentation
        (Cidr.Parse("2002::/16"), AddressKind.Reserved),        // 6to4: tunnels to an embedded IPv4 address
        (Cidr.Parse("3fff::/20"), AddressKind.Reserved),        // documentation (RFC 9637)
        (Cidr.Parse("fc00::/7"), AddressKind.UniqueLocal),
        (Cidr.Parse("fe80::/10"), AddressKind.LinkLocal),
        (Cidr.Parse("fec0::/10"), AddressKind.UniqueLocal),
        (Cidr.Parse("ff00::/8"), AddressKind.Multicast),
    ];

    private static readonly Cidr GlobalUnicastV6 = Cidr.Parse("2000::/3");
    private static readonly Cidr Nat64 = Cidr.Parse("64:ff9b::/96");

    public NetworkAddressPolicy(bool allowPrivateNetworks) => AllowPrivateNetworks = allowPrivateNetworks;

    public bool AllowPrivateNetworks { get; }

    public bool Allows(IPAddress address) => Allows(Classify(address));

    public bool Allows(AddressKind kind) => kind switch
    {
        AddressKind.Public => true,
        AddressKind.Multicast or AddressKind.Unspecified => false,
        _ => AllowPrivateNetworks,
    };

    /// <summary>Which kind of network <paramref name="address"/> belongs to.</summary>
    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6) return Classify(address.MapToIPv4());
            var bytes = address.GetAddressBytes();
            if (Nat64.Contains(bytes))
            {
                // A NAT64 gateway would forward to the embedded IPv4 address: judge that one, but never as public.
                var embedded = Classify(new IPAddress(bytes.AsSpan(12, 4)));
                return embedded == AddressKind.Public ? AddressKind.Reserved : embedded;
            }
            if (IsIPv4Compatible(bytes))
            {
                var embedded = Classify(new IPAddress(bytes.AsSpan(12, 4)));
                return embedded == AddressKind.Public ? AddressKind.Reserved : embedded;
            }
            foreach (var (range, kind) in V6Ranges)
            {
                if (range.Contains(bytes)) return kind;
            }
            return GlobalUnicastV6.Contains(bytes) ? AddressKind.Public : AddressKind.Reserved;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            foreach (var (range, kind) in V4Ranges)
            {
                if (range.Contains(bytes)) return kind;
            }
            return AddressKind.Public;
        }
        return AddressKind.Reserved;
    }

    /// <summary>The words used in refusals: "the address resolves to a private network (10.0.0.1)".</summary>
    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Loopback => "the server's own loopback network",
        AddressKind.Private => "a private network",
        AddressKind.SharedAddressSpace => "a carrier-grade NAT network (100.64.0.0/10)",
        AddressKind.LinkLocal => "a link-local address",
        AddressKind.UniqueLocal => "a private IPv6 network (unique-local)",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Unspecified => "an unspecified or broadcast address",
        AddressKind.Reserved => "a reserved, documentation or special-purpose range",
        _ => "a public address",
    };

    // ::a.b.c.d (deprecated IPv4-compatible form): 96 zero bits, then an IPv4 address other than 0.0.0.0/0.0.0.1.
    private static bool IsIPv4Compatible(byte[] bytes) =>
        bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && (bytes[12] | bytes[13] | bytes[14]) != 0;

    /// <summary>An address prefix, compared bit by bit.</summary>
    private readonly record struct Cidr(byte[] Prefix, int Bits)
    {
        public static Cidr Parse(string text)
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            return new Cidr(IPAddress.Parse(text[..slash]).GetAddressBytes(), int.Parse(text[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        public bool Contains(byte[] address)
        {
            if (address.Length != Prefix.Length) return false;
            var whole = Bits / 8;
            if (!address.AsSpan(0, whole).SequenceEqual(Prefix.AsSpan(0, whole))) return false;
            var rest = Bits % 8;
            if (rest == 0) return true;
            var mask = (byte)(0xFF << (8 - rest));
            return (address[whole] & mask) == (Prefix[whole] & mask);
        }
    }
}
