import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// The HTTP surface as one service of `serve`'s group: binds `address`, logs
/// `listening on http://HOST:PORT` with the port it bound, and stops accepting on graceful
/// shutdown (requests in flight finish). An address it cannot bind ends `serve` with
/// `HTTPServerError`, one sentence naming the address.
public struct HTTPServer: Service {
    let application: Application<RouterResponder<SurfaceContext>>
    let address: ListenAddress

    /// `onListening` is called once the listener is bound (`serve` sends `READY=1` only then).
    public init(
        address: ListenAddress, router: Router<SurfaceContext>, logger: Logger, onListening: @escaping @Sendable () -> Void = {}
    ) {
        self.address = address
        // Hummingbird's own lines (one per request at debug, "server started") stay below ours.
        var quiet = logger
        if quiet.logLevel < .notice { quiet.logLevel = .notice }
        application = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                logger.info("HTTP surface listening on \(ListenAddress(host: address.host, port: port).url)")
                onListening()
            },
            logger: quiet)
    }

    public func run() async throws {
        do {
            try await application.run()
        } catch let error as IOError {
            throw HTTPServerError(address: address, errno: error.errnoCode)
        }
    }
}

/// The listener could not be opened.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public let address: ListenAddress
    public let errno: Int32

    /// True when waiting may help (the port is taken by another process); false when the
    /// configuration or the sandbox must change.
    public var isTransient: Bool { errno == EADDRINUSE }

    public var description: String {
        let reason = String(cString: strerror(errno)).lowercased()
        switch errno {
        case EADDRINUSE:
            return "http-listen \(address): the address is already in use by another process; stop it or choose another port"
        case EACCES, EPERM:
            return "http-listen \(address): binding was refused (\(reason)); under systemd allow the port with a drop-in "
                + "'SocketBindAllow=tcp:\(address.port)' (README, The HTTP surface), and ports below 1024 need privileges"
        case EADDRNOTAVAIL:
            return "http-listen \(address): no interface of this machine has that address"
        default:
            return "http-listen \(address): cannot listen (\(reason))"
        }
    }
}

extension ListenAddress {
    /// `http://HOST:PORT`, IPv6 hosts in brackets.
    public var url: String { "http://\(self)" }
}
