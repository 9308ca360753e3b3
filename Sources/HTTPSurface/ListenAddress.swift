import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `http-listen`: where the HTTP surface binds. `HOST:PORT`, `:PORT` (host 127.0.0.1) or
/// `[IPv6]:PORT`. The host is an IP address or `localhost`, so whether the server is reachable
/// from other hosts is known before it starts (a name could resolve to anything).
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    /// 0 lets the kernel choose; the bound port is logged.
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `text`; the error is the sentence to show after the key's name.
    public init(parsing text: String) throws(ListenAddressError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.lastIndex(of: ":") else {
            throw ListenAddressError("'\(text)' is not HOST:PORT (such as 127.0.0.1:8080 or :8080)")
        }
        var host = String(trimmed[..<colon])
        let portText = trimmed[trimmed.index(after: colon)...]
        guard let port = Int(portText), (0...65535).contains(port), portText.allSatisfy(\.isASCII) else {
            throw ListenAddressError("'\(text)': the port must be a number from 0 to 65535")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
            guard Self.isIPv6(host) else { throw ListenAddressError("'\(text)': '\(host)' is not an IPv6 address") }
        } else if host.isEmpty {
            host = "127.0.0.1"
        } else if host == "localhost" {
            host = "127.0.0.1"
        } else if Self.isIPv6(host) {
            throw ListenAddressError("'\(text)': write an IPv6 address in brackets, such as [::1]:\(port)")
        } else if !Self.isIPv4(host) {
            throw ListenAddressError(
                "'\(text)': the host must be an IP address (127.0.0.1, 0.0.0.0, [::1]) or localhost, not a name")
        }
        self.host = host
        self.port = port
    }

    /// True for 127.0.0.0/8 and ::1: only this machine can connect.
    public var isLoopback: Bool {
        if host == "::1" { return true }
        var address = in_addr()
        if inet_pton(AF_INET, host, &address) == 1 {
            return UInt32(bigEndian: address.s_addr) >> 24 == 127
        }
        var address6 = in6_addr()
        if inet_pton(AF_INET6, host, &address6) == 1 {
            // ::ffff:127.x.y.z is loopback too.
            let bytes = withUnsafeBytes(of: address6) { Array($0) }
            let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
            return (bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1) || (mapped && bytes[12] == 127)
        }
        return false
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    private static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    private static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }
}

/// Why an `http-listen` value cannot be used.
public struct ListenAddressError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
