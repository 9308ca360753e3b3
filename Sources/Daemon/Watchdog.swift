import Foundation
import ServiceLifecycle
import Synchronization

/// systemd's watchdog: `WATCHDOG=1` every `interval` (half of `WatchdogSec=`) from a thread of its
/// own, so a cooperative pool busy parsing pages cannot make a ping late. It pings only while the
/// scheduler loop proves it is alive by calling `beat()`; a loop that has not beaten for two
/// intervals (one whole `WatchdogSec=`) gets no more pings, and systemd restarts the service.
final class Watchdog: Service, Sendable {
    let notifier: SystemdNotifier
    let interval: Duration
    /// `CLOCK_MONOTONIC` microseconds of the last beat; 0 before the first.
    private let lastBeat = Atomic<UInt64>(0)
    private let stopped = Mutex(false)
    /// Wakes the thread early when it is stopped.
    private let wakeup = NSCondition()

    init(notifier: SystemdNotifier, interval: Duration) {
        self.notifier = notifier
        self.interval = interval
    }

    /// The scheduler loop calls this on every turn.
    func beat() {
        lastBeat.store(SystemdNotifier.monotonicMicroseconds(), ordering: .relaxed)
    }

    /// Whether the loop beat within the last two intervals.
    var loopIsAlive: Bool {
        let beat = lastBeat.load(ordering: .relaxed)
        return beat > 0 && SystemdNotifier.monotonicMicroseconds() - beat <= 2 * microseconds(interval)
    }

    func run() async throws {
        start()
        try? await gracefulShutdown()
        stop()
    }

    func start() {
        let thread = Thread { [self] in pingUntilStopped() }
        thread.name = "orgprofile-wdog"
        thread.start()
    }

    func stop() {
        wakeup.lock()
        stopped.withLock { $0 = true }
        wakeup.signal()
        wakeup.unlock()
    }

    private func pingUntilStopped() {
        let seconds = Double(microseconds(interval)) / 1_000_000
        var next = Date().addingTimeInterval(seconds)
        while true {
            wakeup.lock()
            while !stopped.withLock({ $0 }) && Date() < next { _ = wakeup.wait(until: next) }
            wakeup.unlock()
            if stopped.withLock({ $0 }) { return }
            if loopIsAlive { notifier.watchdog() }
            next = max(next.addingTimeInterval(seconds), Date())
        }
    }

    private func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1_000_000 + UInt64(max(0, attoseconds)) / 1_000_000_000_000
    }
}
