import CoreMetrics
import CurlHTTP
import Foundation
import OrgModel
import Profiles
import Synchronization

/// What `serve` reports through swift-metrics (shown at `/metrics` when the process bootstrapped a
/// Prometheus factory; nothing is recorded otherwise). The factory is handed in, so tests can
/// read the values from a registry of their own.
public final class DaemonMetrics: Sendable {
    let factory: any MetricsFactory
    private let lastFeedRead = Mutex<Date?>(nil)

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// `orgprofile_refreshes_total{outcome}`, `orgprofile_problems_total{code}` (every problem of
    /// every refreshed profile) and `orgprofile_last_successful_refresh_timestamp_seconds`.
    func refreshFinished(_ outcome: RefreshOutcome, at now: Date) {
        Counter(label: "orgprofile_refreshes_total", dimensions: [("outcome", outcome.result.rawValue)], factory: factory).increment()
        for problem in outcome.profile?.problems ?? [] {
            Counter(label: "orgprofile_problems_total", dimensions: [("code", problem.code.rawValue)], factory: factory).increment()
        }
        if outcome.result == .written || outcome.result == .removed {
            Gauge(label: "orgprofile_last_successful_refresh_timestamp_seconds", factory: factory).record(now.timeIntervalSince1970)
        }
    }

    /// `orgprofile_profiles` and `orgprofile_profiles_with{value="logo|email|phone"}`, from the index.
    func profilesIndexed(_ snapshot: ProfileIndex.Snapshot) {
        Gauge(label: "orgprofile_profiles", factory: factory).record(snapshot.entries.count)
        let counts = [
            ("logo", snapshot.entries.count { $0.hasLogo }), ("email", snapshot.entries.count { $0.hasEmail }),
            ("phone", snapshot.entries.count { $0.hasPhone }),
        ]
        for (value, count) in counts {
            Gauge(label: "orgprofile_profiles_with", dimensions: [("value", value)], factory: factory).record(count)
        }
    }

    /// The update feed was read.
    func feedRead(at date: Date) { lastFeedRead.withLock { $0 = date } }

    /// `orgprofile_feed_lag_seconds`: time since the update feed was last read, so a feed that
    /// stopped answering shows as a growing number. Brought up to date before each scrape.
    public func updateFeedLag(now: Date = Date()) {
        guard let last = lastFeedRead.withLock({ $0 }) else { return }
        Gauge(label: "orgprofile_feed_lag_seconds", factory: factory).record(max(0, now.timeIntervalSince(last)))
    }

    /// `orgprofile_fetch_duration_seconds{kind="registry|page|image|other"}`: a histogram of HTTP
    /// transfers, failures included.
    func fetched(_ kind: ResourceKind, duration: Duration) {
        Timer(label: "orgprofile_fetch_duration_seconds", dimensions: [("kind", kind.rawValue)], factory: factory)
            .recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}

/// Times every transfer of the fetcher it wraps, by kind, into `DaemonMetrics`.
struct TimedFetcher: HTTPFetching {
    let wrapped: any HTTPFetching
    let metrics: DaemonMetrics

    func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        let start = ContinuousClock.now
        defer { metrics.fetched(request.kind, duration: ContinuousClock.now - start) }
        return try await wrapped.fetch(request)
    }
}
