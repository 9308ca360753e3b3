import Foundation
import Synchronization
import Testing

@testable import Daemon

/// The scheduler sleeps until the next due time or a signal; these check, on a manual clock that
/// never reaches the timeout unless told to, that a signal ends the sleep at once, is kept when it
/// comes before the wait, that cancellation (shutdown) ends it, and that the timeout does.
@Suite struct WorkSignalTests {
    @Test func aSignalEndsALongWaitAtOnce() async {
        let signal = WorkSignal()
        let clock = ManualClock()
        let waited = Waiting { await signal.wait(timeout: .seconds(60), clock: clock) }
        #expect(await clock.waitForSleepers(1))
        signal.signal()
        #expect(await eventually(timeout: 10) { waited.ended }, "a signal did not end the wait")
        #expect(clock.sleeperCount == 0, "the timeout's sleep was left behind")
    }

    @Test func aSignalBeforeTheWaitIsKept() async {
        let signal = WorkSignal()
        let clock = ManualClock()
        signal.signal()
        await signal.wait(timeout: .seconds(60), clock: clock)
        // Used up: the next wait runs to its timeout.
        let again = Waiting { await signal.wait(timeout: .seconds(60), clock: clock) }
        #expect(await clock.waitForSleepers(1))
        clock.advance(by: .seconds(59))
        try? await Task.sleep(for: .milliseconds(50))
        #expect(!again.ended, "the wait ended before its timeout")
        clock.advance(by: .seconds(1))
        #expect(await eventually(timeout: 10) { again.ended }, "the timeout did not end the wait")
    }

    @Test func cancellationEndsTheWait() async {
        let signal = WorkSignal()
        let clock = ManualClock()
        let waited = Waiting { await signal.wait(timeout: .seconds(60), clock: clock) }
        #expect(await clock.waitForSleepers(1))
        waited.task.cancel()
        #expect(await eventually(timeout: 10) { waited.ended }, "cancellation did not end the wait")
        #expect(clock.sleeperCount == 0)
    }
}

/// A wait running in a task of its own, and whether it has ended (readable without awaiting it,
/// so a wait that never ends fails the test instead of hanging it).
struct Waiting {
    private final class Flag: Sendable {
        let value = Mutex(false)
    }
    let task: Task<Void, Never>
    private let done = Flag()

    init(_ wait: @escaping @Sendable () async -> Void) {
        let done = done
        task = Task {
            await wait()
            done.value.withLock { $0 = true }
        }
    }

    var ended: Bool { done.value.withLock { $0 } }
}
