import Foundation

/// An IPv4 or IPv6 network, written as `ADDRESS/PREFIX` (`127.0.0.0/8`, `fd00::/8`).
public struct CIDRRange: Sendable, Hashable, CustomStringConvertible {
    /// 16 bytes; IPv4 ranges are stored IPv4-mapped (`::ffff:a.b.c.d`) with the prefix shifted by 96.
    let network: [UInt8]
    let prefixLength: Int
    public let description: String

    /// Parses `ADDRESS/PREFIX`; nil when either part is malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]) else { return nil }
        let addressText = String(parts[0])
        if let v4 = IPAddress.parseIPv4(addressText) {
            guard (0...32).contains(prefix) else { return nil }
            self.init(bytes: IPAddress.mapped(v4), prefix: prefix + 96, description: text)
        } else if let v6 = IPAddress.parseIPv6(addressText) {
            guard (0...128).contains(prefix) else { return nil }
            self.init(bytes: v6, prefix: prefix, description: text)
        } else {
            return nil
        }
    }

    private init(bytes: [UInt8], prefix: Int, description: String) {
        var masked = bytes
        for index in 0..<16 {
            let bitsInByte = max(0, min(8, prefix - index * 8))
            let mask: UInt8 = bitsInByte == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsInByte))
            masked[index] &= mask
        }
        self.network = masked
        self.prefixLength = prefix
        self.description = description
    }

    /// `address` is 16 bytes (IPv4 addresses IPv4-mapped).
    func contains(_ address: [UInt8]) -> Bool {
        for index in 0..<16 {
            let bitsInByte = max(0, min(8, prefixLength - index * 8))
            if bitsInByte == 0 { return true }
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bitsInByte))
            if address[index] & mask != network[index] { return false }
        }
        return true
    }
}

/// Decides whether curl may connect to an address. Everything that is not a public unicast
/// address is refused unless the operator allowed it, so a website (or a redirect, or a DNS
/// answer) cannot point the fetcher at the host itself or at the operator's internal network.
public struct AddressGuard: Sendable {
    /// IPv4 ranges that are never public (IANA IPv4 special-purpose registry, whose 0.0.0.0/32,
    /// 192.0.0.x, 192.88.99.2/32 and 255.255.255.255/32 entries sit inside the blocks below, plus
    /// multicast). Checked against IPv4 and IPv4-mapped addresses: they are one address to the kernel.
    public static let ipv4Ranges: [CIDRRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
        "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
    ].map { CIDRRange($0)! }

    /// IPv6 ranges that are never public: the IANA IPv6 special-purpose registry (2001::/23 whole,
    /// with Teredo, benchmarking, AMT, AS112, ORCHID and DRIP inside; AS112's direct delegation
    /// too, like its IPv4 twin), and from the IPv6 address space registry the rest of the
    /// IETF-reserved ::/8 (IPv4-compatible ::/96 and SIIT's IPv4-translated ::ffff:0:0:0/96 named
    /// on their own), deprecated site-local and multicast. The more specific range comes first, so
    /// that a refusal names it. NAT64's 64:ff9b::/96 (inside ::/8) is `nat64Prefix`.
    public static let ipv6Ranges: [CIDRRange] = [
        "::/128", "::1/128", "::/96", "::ffff:0:0:0/96", "64:ff9b:1::/48", "::/8", "100::/64", "100:0:0:1::/64",
        "2001::/23", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48", "3fff::/20", "5f00::/16", "fc00::/7",
        "fe80::/10", "fec0::/10", "ff00::/8",
    ].map { CIDRRange($0)! }

    /// The NAT64 well-known prefix is globally reachable: an address in it is judged only by the
    /// IPv4 address it carries.
    static let nat64Prefix = CIDRRange("64:ff9b::/96")!

    public static var specialRanges: [CIDRRange] { ipv4Ranges + ipv6Ranges }

    public var allowPrivateAddresses: Bool
    public var allowedRanges: [CIDRRange]

    public init(allowPrivateAddresses: Bool = false, allowedRanges: [CIDRRange] = []) {
        self.allowPrivateAddresses = allowPrivateAddresses
        self.allowedRanges = allowedRanges
    }

    /// nil when allowed, else the special range that refuses it. An IPv4 address that the
    /// address carries for a translator or tunnel is judged too, by the same allow list: allowing
    /// 127.0.0.0/8 allows neither `::127.0.0.1` (refused as ::/96) nor `2002:7f00:1::` (2002::/16),
    /// and allowing such a carrier range does not allow the loopback or private address inside it.
    public func refusal(for address: [UInt8]) -> CIDRRange? {
        if allowPrivateAddresses { return nil }
        for candidate in [address] + IPAddress.embeddedIPv4(in: address).map(IPAddress.mapped) {
            if allowedRanges.contains(where: { $0.contains(candidate) }) || Self.nat64Prefix.contains(candidate) { continue }
            let ranges = IPAddress.isMapped(candidate) ? Self.ipv4Ranges : Self.ipv6Ranges
            if let range = ranges.first(where: { $0.contains(candidate) }) { return range }
        }
        return nil
    }
}

/// Address parsing and formatting without touching the resolver.
enum IPAddress {
    static func mapped(_ v4: [UInt8]) -> [UInt8] { [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + v4 }

    static func isMapped(_ address: [UInt8]) -> Bool {
        address.count == 16 && address[0..<12].elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF])
    }

    /// The IPv4 addresses an IPv6 address carries: IPv4-compatible `::a.b.c.d` (RFC 4291),
    /// IPv4-translated `::ffff:0:a.b.c.d` (RFC 2765), NAT64 `64:ff9b::a.b.c.d` (RFC 6052), 6to4
    /// `2002:AABB:CCDD::` (RFC 3056), and Teredo's server and (inverted) client (RFC 4380).
    static func embeddedIPv4(in address: [UInt8]) -> [[UInt8]] {
        guard address.count == 16 else { return [] }
        let prefix = address[0..<12]
        let last = Array(address[12..<16])
        if prefix.allSatisfy({ $0 == 0 }) { return [last] }
        if prefix.elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0]) { return [last] }
        if prefix.elementsEqual([0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) { return [last] }
        if address[0] == 0x20, address[1] == 0x02 { return [Array(address[2..<6])] }
        if address[0..<4].elementsEqual([0x20, 0x01, 0, 0]) { return [Array(address[4..<8]), last.map { ~$0 }] }
        return []
    }

    static func parseIPv4(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    /// Human form of a 16-byte address (IPv4-mapped shown as dotted quad).
    static func format(_ bytes: [UInt8]) -> String {
        if bytes[0..<12].elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]) {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
