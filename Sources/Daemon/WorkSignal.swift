import Synchronization

/// Wakes the one task waiting for work (the scheduler's refresh runner) when organisations become
/// due outside the schedule: an update-feed change, new organisations from a reload or a register
/// query; and `READY=1`'s wait for the HTTP listener. A signal given while nobody waits is kept for
/// the next wait.
final class WorkSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Bool, Never>?
        var cancelled = false
    }
    private let state = Mutex(State())

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: true)
    }

    /// Why a wait ended.
    enum WakeReason: Sendable, Equatable {
        case signalled, timedOut, cancelled
    }

    /// Returns after a signal, after `timeout` of `clock`'s time, or when the task is cancelled,
    /// whichever is first, and says which.
    @discardableResult
    func wait(timeout: Duration, clock: any DaemonClock = SystemClock()) async -> WakeReason {
        await withTaskGroup(of: WakeReason.self) { group in
            group.addTask {
                do {
                    try await clock.sleep(for: timeout)
                    return .timedOut
                } catch {
                    return .cancelled
                }
            }
            group.addTask { await self.waitForSignal() ? .signalled : .cancelled }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return Task.isCancelled ? .cancelled : first
        }
    }

    /// True when a signal ended the wait, false when cancellation did.
    func waitForSignal() async -> Bool {
        state.withLock { $0.cancelled = false }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let resumeNow = state.withLock { state -> Bool? in
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    if state.cancelled { return false }
                    state.waiter = continuation
                    return nil
                }
                if let resumeNow { continuation.resume(returning: resumeNow) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                state.cancelled = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: false)
        }
    }
}
