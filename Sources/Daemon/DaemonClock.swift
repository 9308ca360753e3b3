import Foundation

/// The daemon's notion of time: what time it is (due times are dates, kept in `state.json`
/// across restarts) and how it waits (the runner until the next due time, the feed follower
/// between polls, the scheduler's loop between beats). `SystemClock` in production; tests drive
/// a clock of their own, so a schedule of hours runs in milliseconds.
public protocol DaemonClock: Sendable {
    /// The wall-clock time now.
    var now: Date { get }
    /// Suspends for `duration` of this clock's time; throws `CancellationError` when the task is
    /// cancelled first.
    func sleep(for duration: Duration) async throws
}

/// The real time: `Date()` and `Task.sleep`.
public struct SystemClock: DaemonClock {
    public init() {}

    public var now: Date { Date() }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
