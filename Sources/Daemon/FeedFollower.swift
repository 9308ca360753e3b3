import Foundation
import Logging
import Profiles
import Registry
import ServiceLifecycle

/// Follows the register's update feeds (enheter and underenheter): a tracked organisation that changed becomes due at once,
/// `Fjernet` (removed from open data) purges our copy at once. The cursor (next id to read) is
/// stored with the schedule, so a restart continues where it stopped. The first poll reads by
/// date, from `bootstrapOverlap` before the start, so nothing published around the start is missed.
struct FeedFollower: Service {
    let core: DaemonCore
    let logger: Logger
    var bootstrapOverlap: TimeInterval = 3600

    func run() async throws {
        let clock = core.clock
        let started = clock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let configuration = await core.configuration
            var fullPage = false
            if configuration.followFeed {
                fullPage = await poll(since: started.addingTimeInterval(-bootstrapOverlap), retry: configuration.feedInterval)
            }
            if !fullPage {
                let wait = Duration.milliseconds(Int(configuration.feedInterval * 1000))
                _ = try? await cancelWhenGracefulShutdown { try await clock.sleep(for: wait) }
            }
        }
    }

    /// Reads one page of each feed; true when one was full (more may be waiting).
    private func poll(since bootstrap: Date, retry: TimeInterval) async -> Bool {
        let cursors = await core.state.feedCursors
        let registry = await core.registry
        let page = await UpdateFeedReader.read(registry, from: cursors, since: bootstrap)
        for error in page.failures { logger.warning("update feed: \(error); next try in \(Int(retry)) s") }
        if page.failures.isEmpty { core.metrics.feedRead(at: core.clock.now) }
        let fresh = page.updates
        var due: [String] = []
        for update in fresh where await core.isTracked(update.organisationNumber) {
            switch update.change {
            case .removed:
                // Copies must be deleted: write the tombstone without waiting for the schedule.
                guard let number = try? OrganisationNumber(validating: update.organisationNumber) else { continue }
                guard await core.beginPurge(number, removedOn: update.date) else {
                    logger.notice(
                        "\(number): removed from the register's open data (feed id \(update.id)); purged when the refresh in flight ends")
                    continue
                }
                let refresher = await core.refresher
                let outcome = await refresher.refresh(
                    number, prefetched: .removed(organisationNumber: number.digits, removedOn: update.date))
                await core.record(outcome)
                logger.notice("\(number): removed from the register's open data (feed id \(update.id)); profile purged")
            case .new, .changed, .deleted, .unknown:
                due.append(update.organisationNumber)
            }
        }
        if !due.isEmpty {
            await core.makeDueNow(due)
            logger.info("update feed: \(due.count) tracked organisation(s) changed: \(due.prefix(10).joined(separator: ", "))")
        }
        if page.cursors != cursors {
            await core.setFeedCursors(page.cursors)
            await core.persist()
        }
        return page.full
    }
}
