import Foundation
import Testing

@testable import Daemon

/// The watchdog pings from a thread of its own, so a busy cooperative pool cannot delay it, and
/// only while the scheduler loop beats, so a stuck loop still gets the service restarted.
@Suite struct WatchdogTests {
    static func pings(_ receiver: NotifyReceiver) -> Int { receiver.all.filter { $0 == "WATCHDOG=1" }.count }

    @Test func pingsWhileTheLoopBeatsEvenWithThePoolBusyAndStopsWhenTheLoopStops() async throws {
        let receiver = try NotifyReceiver(abstract: true)
        defer { receiver.close() }
        let watchdog = Watchdog(notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address]), interval: .milliseconds(100))
        watchdog.start()
        defer { watchdog.stop() }

        // The loop's stand-in beats from a thread of its own while every cooperative thread is
        // blocked for 1.5 s: pings must keep coming all the same.
        let beating = Beater(watchdog)
        beating.start()
        let blockers = ProcessInfo.processInfo.activeProcessorCount
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<blockers { group.addTask { usleep(1_500_000) } }
        }
        let whileBusy = Self.pings(receiver)
        // 15 intervals; a loaded machine may lose some, a starved pinger would send none or one.
        #expect(whileBusy >= 5, "only \(whileBusy) pings while the pool was busy")

        // The loop stops: after two intervals without a beat, no more pings.
        beating.stop()
        try await Task.sleep(for: .milliseconds(500))
        let afterStop = Self.pings(receiver)
        try await Task.sleep(for: .milliseconds(1000))
        #expect(Self.pings(receiver) == afterStop, "pinged although the loop stopped beating")
        #expect(!watchdog.loopIsAlive)
    }

    @Test func noPingBeforeTheFirstBeat() async throws {
        let receiver = try NotifyReceiver(abstract: true)
        defer { receiver.close() }
        let watchdog = Watchdog(notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address]), interval: .milliseconds(50))
        watchdog.start()
        defer { watchdog.stop() }
        try await Task.sleep(for: .milliseconds(500))
        #expect(Self.pings(receiver) == 0)
        watchdog.beat()
        #expect(await receiver.wait(timeout: 10) { $0 == "WATCHDOG=1" } != nil, "no ping after a beat")
    }
}

/// Beats every 20 ms on a thread of its own until stopped.
private final class Beater: @unchecked Sendable {
    let watchdog: Watchdog
    private let lock = NSLock()
    private var running = true
    private var finished = false

    init(_ watchdog: Watchdog) { self.watchdog = watchdog }

    func start() {
        Thread { [self] in
            while lock.withLock({ running }) {
                watchdog.beat()
                usleep(20_000)
            }
            lock.withLock { finished = true }
        }.start()
    }

    func stop() {
        lock.withLock { running = false }
        while !lock.withLock({ finished }) { usleep(5_000) }
    }
}
