import Foundation

/// Runs CPU-heavy synchronous test work on a thread of its own. Swift Testing runs tests on the
/// cooperative pool, which has one thread per core (two here): a test that computes for tens of
/// seconds on it stalls every other test's timers and I/O for as long, and their timing bounds
/// fail for reasons of their own.
public func offTheCooperativePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: work()) }
        thread.stackSize = 16 << 20
        thread.start()
    }
}
