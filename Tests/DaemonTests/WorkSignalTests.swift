import Foundation
import Synchronization
import Testing

@testable import Daemon

/// The scheduler sleeps until the next due time or a signal; these check that a signal ends the
/// sleep (not the timeout), is kept when it comes before the wait, that cancellation (shutdown)
/// ends it too, and that the timeout does. They run on a manual clock, which reaches a timeout
/// only when a test advances it, and assert on why each wait ended, never on elapsed time: a
/// loaded machine can starve the cooperative pool for many seconds (CI saw a 58 s "at once").
/// A wait that never ends fails its test (after 10 s) instead of hanging it.
@Suite struct WorkSignalTests {
    @Test func aSignalEndsALongWait() async {
        let signal = WorkSignal()
        let clock = ManualClock()
        let waited = Waiting { await signal.wait(timeout: .seconds(120), clock: clock) }
        #expect(await clock.waitForSleepers(1))
        signal.signal()
        #expect(await waited.reason(within: 10) == .signalled)
        #expect(clock.sleeperCount == 0, "the timeout's sleep was left behind")
    }

    @Test func aSignalBeforeTheWaitIsKeptOnce() async {
        let signal = WorkSignal()
        let clock = ManualClock()
        signal.signal()
        #expect(await signal.wait(timeout: .seconds(120), clock: clock) == .signalled)
        // Used up: the next wait runs to its timeout.
        let again = Waiting { await signal.wait(timeout: .seconds(120), clock: clock) }
        #expect(await clock.waitForSleepers(1))
        clock.advance(by: .seconds(119))
        #expect(await again.reason(within: 0.2) == nil, "the wait ended before its timeout")
        clock.advance(by: .seconds(1))
        #expect(await again.reason(within: 10) == .timedOut)
    }

    @Test func cancellationEndsTheWait() async {
        let signal = WorkSignal()
        let clock = ManualClock()
        let waited = Waiting { await signal.wait(timeout: .seconds(120), clock: clock) }
        #expect(await clock.waitForSleepers(1))
        waited.task.cancel()
        #expect(await waited.reason(within: 10) == .cancelled)
        #expect(clock.sleeperCount == 0)
        // A cancelled wait leaves no stale state: a later signal still wakes the next wait.
        signal.signal()
        #expect(await signal.wait(timeout: .seconds(120), clock: clock) == .signalled)
    }
}

/// A wait running in a task of its own, and why it ended, readable without awaiting the task.
struct Waiting {
    private final class Box: Sendable {
        let reason = Mutex<WorkSignal.WakeReason?>(nil)
    }
    let task: Task<Void, Never>
    private let box = Box()

    init(_ wait: @escaping @Sendable () async -> WorkSignal.WakeReason) {
        let box = box
        task = Task {
            let reason = await wait()
            box.reason.withLock { $0 = reason }
        }
    }

    /// Why the wait ended, waiting up to `seconds` (real time) for it to end; nil if it has not.
    func reason(within seconds: TimeInterval) async -> WorkSignal.WakeReason? {
        _ = await eventually(timeout: seconds) { box.reason.withLock { $0 } != nil }
        return box.reason.withLock { $0 }
    }
}
