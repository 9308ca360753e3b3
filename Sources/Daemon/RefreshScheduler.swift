import Foundation
import Logging
import Profiles
import Registry
import ServiceLifecycle
import Synchronization

/// Refreshes due organisations, `concurrency` at a time, with register lookups batched. Its own
/// loop beats the systemd watchdog's heartbeat (the `Watchdog` thread pings only while it does),
/// so a stuck scheduler (not just a live thread pool) gets the service restarted. On graceful
/// shutdown it starts nothing new and lets refreshes in flight finish their (atomic) writes.
struct RefreshScheduler: Service {
    let core: DaemonCore
    let notifier: SystemdNotifier
    let watchdog: Watchdog?
    let logger: Logger
    /// How often the loop wakes at most; also bounds how late a due organisation starts.
    var tick: Duration = .milliseconds(500)

    func run() async throws {
        let clock = ContinuousClock()
        var lastStatus = ""
        var lastPersist = clock.now
        let waveRunning = WaveFlag()
        await withDiscardingTaskGroup { group in
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                watchdog?.beat()
                if !waveRunning.isSet {
                    let configuration = await core.configuration
                    let due = await core.takeDue(limit: min(RegistryClient.maxBatchSize, max(configuration.concurrency * 16, 100)))
                    if !due.isEmpty {
                        waveRunning.set(true)
                        let refresher = await core.refresher
                        let registry = await core.registry
                        group.addTask {
                            await runWave(due, refresher: refresher, registry: registry, concurrency: configuration.concurrency)
                            waveRunning.set(false)
                        }
                    }
                }
                let status = await core.statusLine()
                if status != lastStatus {
                    notifier.status(status)
                    lastStatus = status
                }
                if clock.now - lastPersist >= .seconds(2) {
                    await core.persist()
                    lastPersist = clock.now
                }
                let sleep = watchdog.map { min(tick, $0.interval) } ?? tick
                try? await Task.sleep(for: sleep)
            }
        }
        await core.persist(force: true)
        logger.info("scheduler stopped; state saved")
    }

    /// One batch: a register search for all numbers (2000 per request), single lookups for the
    /// ones the search did not return, then discovery and the write, `concurrency` at a time.
    private func runWave(_ numbers: [OrganisationNumber], refresher: ProfileRefresher, registry: RegistryClient, concurrency: Int) async {
        var prefetched: [String: RegistryLookup] = [:]
        do {
            prefetched = try await registry.batchLookup(numbers)
        } catch {
            logger.warning("batch lookup failed (\(error)); looking organisations up one by one")
        }
        await withTaskGroup(of: RefreshOutcome.self) { group in
            var next = 0
            func add() {
                let number = numbers[next]
                next += 1
                let known = prefetched[number.digits]
                group.addTask { await refresher.refresh(number, prefetched: known) }
            }
            while next < min(concurrency, numbers.count) { add() }
            for await outcome in group {
                await core.finish(outcome)
                if outcome.result == .written || outcome.result == .removed {
                    logger.debug("\(outcome.organisationNumber) refreshed")
                }
                if next < numbers.count {
                    if Task.isShuttingDownGracefully {
                        // Hand the rest back: they stay due for the next start.
                        for number in numbers[next...] {
                            await core.finish(
                                RefreshOutcome(organisationNumber: number.digits, result: .cancelled, profile: nil, error: nil))
                        }
                        next = numbers.count
                    } else {
                        add()
                    }
                }
            }
        }
    }
}

/// A flag shared between the scheduler loop and its wave task.
final class WaveFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set(_ newValue: Bool) { value.withLock { $0 = newValue } }
}
