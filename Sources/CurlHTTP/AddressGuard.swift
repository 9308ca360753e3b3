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
    /// Ranges that are never public: private, loopback, link-local, CGNAT, documentation,
    /// benchmarking, multicast, reserved, and the IPv6 equivalents (IANA special-purpose registries).
    public static let specialRanges: [CIDRRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
        "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16",
        "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ].map { CIDRRange($0)! }

    public var allowPrivateAddresses: Bool
    public var allowedRanges: [CIDRRange]

    public init(allowPrivateAddresses: Bool = false, allowedRanges: [CIDRRange] = []) {
        self.allowPrivateAddresses = allowPrivateAddresses
        self.allowedRanges = allowedRanges
    }

    /// nil when allowed, else the special range that refuses it.
    public func refusal(for address: [UInt8]) -> CIDRRange? {
        if allowPrivateAddresses { return nil }
        var candidates = [address]
        // NAT64 (64:ff9b::/96) embeds an IPv4 address in its last 4 bytes: judge that one too.
        if address.count == 16, address[0..<12].elementsEqual([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]) {
            candidates.append(IPAddress.mapped(Array(address[12..<16])))
        }
        for candidate in candidates {
            if allowedRanges.contains(where: { $0.contains(candidate) }) { continue }
            if let range = Self.specialRanges.first(where: { $0.contains(candidate) }) { return range }
        }
        return nil
    }
}

/// Address parsing and formatting without touching the resolver.
enum IPAddress {
    static func mapped(_ v4: [UInt8]) -> [UInt8] { [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + v4 }

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
