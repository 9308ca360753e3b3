import CurlHTTP
import Foundation
import HTTPSurface
import Logging
import Profiles
import Prometheus
import Registry
import ServiceLifecycle
import UnixSignals

/// `orgprofile serve`: checks the configuration and the cache directory, then runs the services
/// in one `ServiceGroup` until SIGTERM/SIGINT.
public enum OrgProfileDaemon {
    /// Seconds the group waits for refreshes in flight after SIGTERM before cancelling them; keep
    /// systemd's `TimeoutStopSec=` above it.
    public static let gracefulShutdownSeconds = 20

    /// `metricsRegistry`: the Prometheus registry the process bootstrapped swift-metrics with,
    /// shown at `/metrics` when the HTTP surface is on.
    public static func run(
        sources: ConfigurationSources, extraOrganisations: [OrganisationNumber], logger: Logger,
        metricsRegistry: PrometheusCollectorRegistry? = nil
    ) async throws {
        let configuration = try DaemonConfiguration.load(sources)
        let core = try DaemonCore(configuration: configuration, extraOrganisations: extraOrganisations, logger: logger)
        let notifier = SystemdNotifier()

        // The write test: READY=1 means the service can work. A cache directory that cannot be
        // written is reported and retried by the scheduler, not a crash loop.
        do {
            let orphans = try await core.parts.sweepCacheDirectory(writeTest: true)
            if orphans > 0 { logger.notice("removed \(orphans) logo file(s) no profile names (left by an interrupted write)") }
        } catch {
            logger.error("cache directory: \(error); profiles cannot be written until this is fixed (retrying)")
            await core.noteStoreProblem("\(error)")
        }

        // Trap SIGHUP before READY=1, so a reload request is never the default "terminate".
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        // The token file in force; a reload reads it again (tokens can be rotated without a restart).
        let tokens = TokenStore(configuration.httpTokenFile)
        let watchdog = SystemdNotifier.watchdogPingInterval().map { Watchdog(notifier: notifier, interval: $0) }
        var services: [any Service] = [
            QueryResolver(core: core, logger: logger),
            FeedFollower(core: core, logger: logger),
            RefreshScheduler(core: core, notifier: notifier, watchdog: watchdog, logger: logger),
            ConfigurationReloader(
                sources: sources, core: core, notifier: notifier, logger: logger, hangups: hangups,
                applied: { tokens.replace(with: $0.httpTokenFile) }),
        ]
        let store = ProfileStore(root: configuration.cacheDirectory)
        let index = ProfileIndex(profilesDirectory: store.profilesDirectory)
        services.append(IndexWriter(core: core, index: index, store: store, logger: logger))
        // After the services it reads from, so graceful shutdown stops accepting requests first.
        var listening: WorkSignal?
        if let address = configuration.httpListen {
            let surface = Surface(
                cacheDirectory: configuration.cacheDirectory, stateDirectory: configuration.stateDirectory,
                overridesDirectory: configuration.overridesDirectory, logger: logger,
                refreshNow: { numbers in await core.makeDueNow(numbers) })
            let metrics = metricsRegistry.map { registry in
                MetricsEndpoint(registry: registry, beforeScrape: { core.metrics.updateFeedLag() })
            }
            let router = SurfaceRouter.make(surface: surface, index: index, tokens: tokens, metrics: metrics)
            let listened = WorkSignal()
            listening = listened
            services.append(HTTPServer(address: address, router: router, logger: logger, onListening: { listened.signal() }))
        }
        services.append(ReadinessNotifier(notifier: notifier, core: core, logger: logger, listening: listening))
        // The watchdog first, so that graceful shutdown (in reverse order) stops it last.
        if let watchdog { services.insert(watchdog, at: 0) }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(gracefulShutdownSeconds)
        groupConfiguration.maximumCancellationDuration = .seconds(5)
        let group = ServiceGroup(configuration: groupConfiguration)
        let count = await core.trackedCount
        logger.info("serving \(count) organisations; cache \(configuration.cacheDirectory), state \(configuration.stateDirectory)")
        // The transfer thread ends, freeing libcurl's handles, before the process exits (see
        // `CurlHTTPClient.closing`); the client of the last reload is the one in use.
        do {
            try await group.run()
        } catch {
            await core.parts.http.shutdown()
            throw error
        }
        await core.parts.http.shutdown()
    }
}
