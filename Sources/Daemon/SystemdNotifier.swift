import Foundation

/// The sender half of systemd's notify protocol (`sd_notify(3)`) without libsystemd: one
/// `AF_UNIX` datagram of newline-separated `KEY=VALUE` lines to `$NOTIFY_SOCKET`. A path starting
/// with `@` is a Linux abstract socket. When the variable is unset every call does nothing.
public struct SystemdNotifier: Sendable {
    /// The socket address as given (`/run/systemd/notify` or `@name`); nil when not under systemd.
    public let socketPath: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let value = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = value.hasPrefix("/") || value.hasPrefix("@") ? value : nil
    }

    /// Sends one datagram; returns false when there is no socket or the send failed.
    @discardableResult
    public func send(_ fields: [String]) -> Bool {
        guard let socketPath else { return false }
        var name = Array(socketPath.utf8)
        let abstract = name.first == UInt8(ascii: "@")
        if abstract { name[0] = 0 }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in name.enumerated() { buffer[index] = byte }
        }
        // An abstract name is exactly its bytes: padding the length to sizeof(sockaddr_un) names a
        // different socket. A path carries its terminating NUL.
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count + (abstract ? 0 : 1)
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let message = Array(fields.joined(separator: "\n").utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes { bytes in
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, socklen_t(length))
                }
            }
        }
        return sent == message.count
    }

    public func ready(status: String? = nil) { send(["READY=1"] + (status.map { ["STATUS=\($0)"] } ?? [])) }
    public func reloading() { send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"]) }
    public func stopping() { send(["STOPPING=1"]) }
    public func status(_ text: String) { send(["STATUS=\(text)"]) }
    public func watchdog() { send(["WATCHDOG=1"]) }

    /// `CLOCK_MONOTONIC` in microseconds, the clock systemd compares `MONOTONIC_USEC` with.
    /// (Swift's `ContinuousClock` on Linux is `CLOCK_BOOTTIME`, which differs after a suspend.)
    public static func monotonicMicroseconds() -> UInt64 {
        // Read as its two `long` fields (seconds, nanoseconds; the layout of `timespec` on 64-bit
        // Linux): in a release build with HTTPSurface linked, `timespec`'s members count as
        // CDispatch's, which MemberImportVisibility refuses, while the type itself is fine.
        var fields: (Int, Int) = (0, 0)
        withUnsafeMutablePointer(to: &fields) { pointer in
            pointer.withMemoryRebound(to: timespec.self, capacity: 1) { _ = clock_gettime(CLOCK_MONOTONIC, $0) }
        }
        return UInt64(fields.0) * 1_000_000 + UInt64(fields.1) / 1_000
    }

    /// Half of `WATCHDOG_USEC` when the watchdog is on and meant for this process, else nil.
    public static func watchdogPingInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"], let value = Int32(pid), value != getpid() { return nil }
        return .microseconds(Int64(usec / 2))
    }
}
