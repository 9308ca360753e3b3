import Foundation
import Testing

@testable import Daemon

/// The scheduler sleeps until the next due time or a signal; these check that a signal ends the
/// sleep (not the timeout), is kept when it comes before the wait, and that cancellation
/// (shutdown) ends it too. They assert on why each wait ended, not on elapsed time: under a
/// loaded machine the cooperative pool can be starved for many seconds, which said nothing about
/// the signal (CI saw a 58 s "at once" wait that way). The timeouts are two minutes, so a wait that
/// reports a signal or a cancellation cannot have ended by its timeout.
@Suite struct WorkSignalTests {
    @Test func aSignalEndsALongWait() async {
        let signal = WorkSignal()
        async let waited = signal.wait(timeout: .seconds(120))
        try? await Task.sleep(for: .milliseconds(200))
        signal.signal()
        #expect(await waited == .signalled)
    }

    @Test func aSignalBeforeTheWaitIsKeptOnce() async {
        let signal = WorkSignal()
        signal.signal()
        #expect(await signal.wait(timeout: .seconds(120)) == .signalled)
        // Used up: the next wait runs to its timeout.
        #expect(await signal.wait(timeout: .milliseconds(300)) == .timedOut)
    }

    @Test func withoutASignalTheWaitTimesOut() async {
        let signal = WorkSignal()
        #expect(await signal.wait(timeout: .milliseconds(50)) == .timedOut)
    }

    @Test func cancellationEndsTheWait() async {
        let signal = WorkSignal()
        let task = Task { await signal.wait(timeout: .seconds(120)) }
        try? await Task.sleep(for: .milliseconds(200))
        task.cancel()
        #expect(await task.value == .cancelled)
        // A cancelled wait leaves no stale state: a later signal still wakes the next wait.
        signal.signal()
        #expect(await signal.wait(timeout: .seconds(120)) == .signalled)
    }
}
