import Foundation
import Logging
import Profiles
import Registry
import ServiceLifecycle

/// Follows the register's update feed: a tracked organisation that changed becomes due at once,
/// `Fjernet` (removed from open data) purges our copy at once. The cursor (next id to read) is
/// stored with the schedule, so a restart continues where it stopped. The first poll reads by
/// date, from `bootstrapOverlap` before the start, so nothing published around the start is missed.
struct FeedFollower: Service {
    let core: DaemonCore
    let logger: Logger
    var bootstrapOverlap: TimeInterval = 3600

    func run() async throws {
        let started = Date()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let configuration = await core.configuration
            var fullPage = false
            if configuration.followFeed {
                do {
                    fullPage = try await poll(since: started.addingTimeInterval(-bootstrapOverlap))
                } catch {
                    logger.warning("update feed: \(error); next try in \(Int(configuration.feedInterval)) s")
                }
            }
            if !fullPage {
                let wait = Duration.milliseconds(Int(configuration.feedInterval * 1000))
                _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            }
        }
    }

    /// Reads one page; true when it was full (more may be waiting).
    private func poll(since bootstrap: Date) async throws(RegistryError) -> Bool {
        let cursor = await core.state.feedCursor
        let registry = await core.registry
        let size = 10_000
        let updates = try await registry.updates(from: cursor.map { .fromID($0) } ?? .since(bootstrap), size: size)
        let fresh = updates.filter { cursor == nil || $0.id >= cursor! }
        var due: [String] = []
        for update in fresh where await core.isTracked(update.organisationNumber) {
            switch update.change {
            case .removed:
                // Copies must be deleted: write the tombstone without waiting for the schedule.
                guard let number = try? OrganisationNumber(validating: update.organisationNumber) else { continue }
                let refresher = await core.refresher
                let outcome = await refresher.refresh(
                    number, prefetched: .removed(organisationNumber: number.digits, removedOn: update.date))
                await core.finish(outcome)
                logger.notice("\(number): removed from the register's open data (feed id \(update.id)); profile purged")
            case .new, .changed, .deleted, .unknown:
                due.append(update.organisationNumber)
            }
        }
        if !due.isEmpty {
            await core.makeDueNow(due)
            logger.info("update feed: \(due.count) tracked organisation(s) changed: \(due.prefix(10).joined(separator: ", "))")
        }
        if let last = updates.last?.id, last + 1 > (cursor ?? 0) {
            await core.setFeedCursor(last + 1)
            await core.persist()
        }
        return updates.count >= size
    }
}
