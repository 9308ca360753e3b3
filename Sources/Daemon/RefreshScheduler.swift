import Foundation
import Logging
import Profiles
import Registry
import ServiceLifecycle

/// Refreshes due organisations through the refresh runner (`concurrency` at a time, register
/// lookups batched). Its own loop beats the systemd watchdog's heartbeat (the `Watchdog` thread
/// pings only while it does), so a stuck scheduler (not just a live thread pool) gets the
/// service restarted. On graceful shutdown it starts nothing new and lets refreshes in flight
/// finish their (atomic) writes.
struct RefreshScheduler: Service {
    let core: DaemonCore
    let notifier: SystemdNotifier
    let watchdog: Watchdog?
    let logger: Logger
    /// How often the loop beats the watchdog's heartbeat, updates STATUS= and saves the state at most.
    var tick: Duration = .milliseconds(500)

    func run() async throws {
        let clock = core.clock
        var lastStatus = ""
        var lastPersist = clock.now
        await withDiscardingTaskGroup { group in
            let schedule = DueOrganisations(core: core, logger: logger)
            group.addTask { await RefreshRunner.run(schedule) }
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                watchdog?.beat()
                let status = await core.statusLine()
                if status != lastStatus {
                    notifier.status(status)
                    lastStatus = status
                }
                if clock.now.timeIntervalSince(lastPersist) >= 2 {
                    await core.persist()
                    lastPersist = clock.now
                }
                let sleep = watchdog.map { min(tick, $0.interval) } ?? tick
                // Graceful shutdown ends the sleep: the loop stops at once, not a tick later.
                _ = try? await cancelWhenGracefulShutdown { try await clock.sleep(for: sleep) }
            }
        }
        await core.persist(force: true)
        logger.info("scheduler stopped; state saved")
    }
}

/// The daemon's schedule as the refresh runner's work: due organisations in batches (one register
/// search each), the parts in force when they were taken; nothing new once shutdown begins, and
/// numbers taken but not started are handed back, due for the next start.
struct DueOrganisations: RefreshWorkSource {
    let core: DaemonCore
    let logger: Logger

    func next() async -> RefreshRunner.Next {
        if Task.isShuttingDownGracefully || Task.isCancelled { return .finished }
        let configuration = await core.configuration
        let due = await core.takeDue(limit: min(RegistryClient.maxBatchSize, max(configuration.concurrency * 16, 100)))
        guard !due.isEmpty else { return .idle }
        return .work(RefreshWork(numbers: due, parts: await core.parts, concurrency: configuration.concurrency, lookUpTogether: true))
    }

    /// Sleeps until the next organisation is due or the feed, a reload or a register query makes
    /// one due now; shutdown ends the wait. At most a minute, so a changed clock is noticed.
    func waitForWork() async {
        let seconds = await core.timeUntilNextDue(limit: 60)
        let signal = core.workSignal
        await cancelWhenGracefulShutdown {
            await signal.wait(timeout: .milliseconds(Int(seconds * 1000) + 1), clock: core.clock)
        }
    }

    func finished(_ index: Int, _ outcome: RefreshOutcome) async {
        await core.record(outcome)
        if outcome.result == .written || outcome.result == .removed {
            logger.debug("\(outcome.organisationNumber) refreshed")
        }
    }

    func unstarted(_ numbers: [OrganisationNumber]) async {
        for number in numbers {
            await core.record(RefreshOutcome(organisationNumber: number.digits, result: .cancelled, profile: nil, error: nil))
        }
    }

    func batchLookupFailed(_ error: RegistryError) async -> Bool {
        logger.warning("batch lookup failed (\(error)); looking organisations up one by one")
        return true
    }

    func shouldStop() async -> Bool { Task.isShuttingDownGracefully }
}
