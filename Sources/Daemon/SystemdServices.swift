import Foundation
import Logging
import Registry
import ServiceLifecycle
import UnixSignals

/// Tells systemd the service is ready when the group has started and the HTTP surface, if any,
/// listens (so a unit ordered after this one finds the port open, and a port that cannot be bound
/// never reports ready), and that it is stopping as soon as graceful shutdown begins. Listed last in
/// the group, so shutdown reaches it first and `STOPPING=1` goes out before anything else stops.
struct ReadinessNotifier: Service {
    let notifier: SystemdNotifier
    let core: DaemonCore
    let logger: Logger
    /// Signalled when the HTTP surface listens; nil without one.
    var listening: WorkSignal? = nil

    func run() async throws {
        if let listening {
            // A failed bind ends the group (cancelling this wait); so does a stop during start-up.
            guard await cancelWhenGracefulShutdown({ await listening.waitForSignal() }) else { return }
        }
        notifier.ready(status: await core.statusLine())
        logger.info("ready")
        try? await gracefulShutdown()
        notifier.stopping()
        logger.info("stopping: letting refreshes in flight finish")
    }
}

/// SIGHUP: `RELOADING=1` with `MONOTONIC_USEC`, read the configuration again, put it in force,
/// `READY=1`. A configuration that does not load is logged and the one in force stays.
struct ConfigurationReloader: Service {
    let sources: ConfigurationSources
    let core: DaemonCore
    let notifier: SystemdNotifier
    let logger: Logger
    let hangups: UnixSignalsSequence
    /// Hears a configuration once it is in force (the HTTP surface takes its token file from it).
    var applied: @Sendable (DaemonConfiguration) -> Void = { _ in }

    func run() async throws {
        for await _ in hangups.cancelOnGracefulShutdown() {
            notifier.reloading()
            logger.info("SIGHUP: reloading \(sources.filePath ?? "the configuration")")
            do {
                let configuration = try DaemonConfiguration.load(sources)
                try await core.apply(configuration)
                applied(configuration)
                logger.info("configuration reloaded")
            } catch {
                logger.error("reload failed, the previous configuration stays in force: \(error)")
            }
            notifier.ready(status: await core.statusLine())
        }
    }
}

/// Resolves the configured register queries (`organisation-queries`) in the background, so a
/// slow register never delays `READY=1`; retried until it succeeds, and again after a reload.
struct QueryResolver: Service {
    let core: DaemonCore
    let logger: Logger

    func run() async throws {
        var resolved: [[String: String]]? = nil
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let configuration = await core.configuration
            var wait = configuration.retryDelay
            if resolved != configuration.organisationQueries {
                do {
                    let registry = await core.registry
                    let numbers = try await RegisterQueries.resolve(configuration.organisationQueries, registry: registry) {
                        switch $0 {
                        case .truncated(let query):
                            logger.warning("register query \(query) has more than 10 000 results; split it (by kommunenummer, say)")
                        case .skipped(let query, let problem):
                            logger.warning("register query \(query) returned \(problem); skipped")
                        }
                    }
                    await core.setQueryResults(numbers.map(\.digits).sorted())
                    resolved = configuration.organisationQueries
                    if !configuration.organisationQueries.isEmpty { logger.info("register queries: \(numbers.count) organisations") }
                    wait = 5
                } catch {
                    logger.warning("register queries failed (\(error.error)); retrying in \(Int(wait)) s")
                }
            } else {
                wait = 5
            }
            let pause = Duration.milliseconds(Int(wait * 1000))
            _ = try? await cancelWhenGracefulShutdown { try await core.clock.sleep(for: pause) }
        }
    }
}
