import Foundation
import Testing

@testable import Daemon

/// The scheduler sleeps until the next due time or a signal; these check that a signal ends the
/// sleep at once (not at the timeout), is kept when it comes before the wait, and that
/// cancellation (shutdown) ends it too.
@Suite struct WorkSignalTests {
    @Test func aSignalEndsALongWaitAtOnce() async {
        let signal = WorkSignal()
        let started = ContinuousClock.now
        async let waited: Void = signal.wait(timeout: .seconds(60))
        try? await Task.sleep(for: .milliseconds(200))
        signal.signal()
        await waited
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func aSignalBeforeTheWaitIsKept() async {
        let signal = WorkSignal()
        signal.signal()
        let started = ContinuousClock.now
        await signal.wait(timeout: .seconds(60))
        #expect(ContinuousClock.now - started < .seconds(30))
        // Used up: the next wait runs to its timeout.
        let again = ContinuousClock.now
        await signal.wait(timeout: .milliseconds(300))
        #expect(ContinuousClock.now - again >= .milliseconds(300))
    }

    @Test func cancellationEndsTheWait() async {
        let signal = WorkSignal()
        let started = ContinuousClock.now
        let task = Task { await signal.wait(timeout: .seconds(60)) }
        try? await Task.sleep(for: .milliseconds(200))
        task.cancel()
        await task.value
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
