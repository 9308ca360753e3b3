import Hummingbird
import Logging
import ServiceLifecycle

/// The HTTP surface as one service of `serve`'s group: binds `address`, logs
/// `listening on http://HOST:PORT` with the port it bound, and stops accepting on graceful
/// shutdown (requests in flight finish).
public struct HTTPServer: Service {
    let application: Application<RouterResponder<SurfaceContext>>

    public init(address: ListenAddress, router: Router<SurfaceContext>, logger: Logger) {
        // Hummingbird's own lines (one per request at debug, "server started") stay below ours.
        var quiet = logger
        if quiet.logLevel < .notice { quiet.logLevel = .notice }
        let display = address.host.contains(":") ? "[\(address.host)]" : address.host
        application = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                logger.info("HTTP surface listening on http://\(display):\(port)")
            },
            logger: quiet)
    }

    public func run() async throws {
        try await application.run()
    }
}
