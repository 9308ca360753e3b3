import Foundation

/// Blocking work in tests (a pipe read to its end, a process wait, a blocking libcurl request)
/// runs on a thread of its own: never on a cooperative thread, and never on libdispatch's global
/// queue. That queue's pool is small on Linux (about twice the cores when its threads block) and
/// the product schedules on it too (render deadlines); a few running `orgprofile` children, each
/// with two pipe readers parked there, used to exhaust it, and every test of the process then
/// stalled until a child exited (tens of seconds under load).
public enum OwnThread {
    /// Starts `body` on a new thread and returns at once.
    public static func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.start()
    }

    /// Runs `body` on a new thread, suspending (not blocking) the caller until it ends.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            start { continuation.resume(with: Result { try body() }) }
        }
    }
}
