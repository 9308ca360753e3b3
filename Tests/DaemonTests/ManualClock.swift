import Foundation
import Synchronization

@testable import Daemon

/// A clock that moves only when a test says so: `advance(by:)` moves `now` and wakes every
/// sleeper whose time has come, earliest first. Tests of the scheduler and the feed follower run
/// hours of schedule in milliseconds with it, and can see when the services have gone back to
/// sleep (`waitForSleepers`).
final class ManualClock: DaemonClock {
    private struct Sleeper {
        let id: Int
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var sleepers: [Sleeper] = []
        var nextID = 0
    }

    private let state: Mutex<State>

    init(now: Date = Date(timeIntervalSince1970: (Date().timeIntervalSince1970).rounded(.down))) {
        state = Mutex(State(now: now))
    }

    var now: Date { state.withLock { $0.now } }

    /// How many tasks sleep on this clock now.
    var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest time a sleeper waits for.
    var nextDeadline: Date? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    func sleep(for duration: Duration) async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resume: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    let deadline = state.now.addingTimeInterval(Self.seconds(duration))
                    if deadline <= state.now { return .success(()) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return nil
                }
                if let resume { continuation.resume(with: resume) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the time on and wakes the sleepers whose deadline it reaches.
    func advance(by duration: Duration) {
        let woken = state.withLock { state -> [Sleeper] in
            state.now = state.now.addingTimeInterval(Self.seconds(duration))
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }.sorted { $0.deadline < $1.deadline }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Waits (in real time, up to `timeout` seconds) until `count` tasks sleep on this clock.
    /// The generous default is for a loaded machine, where CPU-bound tests can hold the cooperative
    /// pool for a minute; a sleeper that never comes still fails the test.
    func waitForSleepers(_ count: Int, timeout: TimeInterval = 150) async -> Bool {
        await eventually(timeout: timeout) { sleeperCount >= count }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
