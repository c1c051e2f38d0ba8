using System.Net;
using System.Net.Sockets;

namespace MixLab.Curation.Safety;

/// <summary>
/// Tells globally routable ("public") IP addresses from special-purpose ones, for the PII step (curation spec §2.1:
/// datatrove redacts only public IPs). IPv4 excludes this-network, private (RFC 1918), shared/CGNAT, loopback,
/// link-local, IETF protocol assignments, documentation (TEST-NET-1/2/3), 6to4 relay, benchmarking, multicast,
/// reserved and broadcast. IPv6 is public only inside 2000::/3, minus 2001::/23 (protocol assignments),
/// 2001:db8::/32 and 3fff::/20 (documentation); IPv4-mapped addresses follow the IPv4 rule.
/// </summary>
public static class PublicIp
{
    /// <summary>True when <paramref name="address"/> is globally routable.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return IsPublicV4(b[0], b[1], b[2], b[3]);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (address.IsIPv4MappedToIPv6) return IsPublic(address.MapToIPv4());
        Span<byte> a = stackalloc byte[16];
        address.TryWriteBytes(a, out _);
        if ((a[0] & 0xE0) != 0x20) return false; // outside 2000::/3
        if (a[0] == 0x20 && a[1] == 0x01 && a[2] < 0x02) return false; // 2001::/23
        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) return false; // 2001:db8::/32
        if (a[0] == 0x3f && a[1] == 0xff && a[2] < 0x10) return false; // 3fff::/20
        return true;
    }

    /// <summary>The IPv4 rule on the four octets.</summary>
    public static bool IsPublicV4(byte a, byte b, byte c, byte d)
    {
        _ = d;
        if (a == 0 || a == 10 || a == 127) return false;
        if (a >= 224) return false; // multicast 224/4, reserved 240/4, broadcast
        if (a == 100 && (b & 0xC0) == 64) return false; // 100.64/10 CGNAT
        if (a == 169 && b == 254) return false; // link-local
        if (a == 172 && (b & 0xF0) == 16) return false; // 172.16/12
        if (a == 192 && b == 168) return false;
        if (a == 192 && b == 0 && (c == 0 || c == 2)) return false; // protocol assignments, TEST-NET-1
        if (a == 192 && b == 88 && c == 99) return false; // 6to4 relay anycast
        if (a == 198 && (b & 0xFE) == 18) return false; // benchmarking 198.18/15
        if (a == 198 && b == 51 && c == 100) return false; // TEST-NET-2
        if (a == 203 && b == 0 && c == 113) return false; // TEST-NET-3
        return true;
    }
}
