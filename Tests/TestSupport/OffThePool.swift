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

/// A task executor on one thread of its own, for async test work that computes much and seldom
/// waits: discovery over the in-memory site trees (`SiteTreeFetcher`) never waits for I/O, so on
/// the cooperative pool it would hold both threads and stall the timers of every other test. Run
/// such work under `withTaskExecutorPreference(OffPoolExecutor.shared) { … }`.
public final class OffPoolExecutor: TaskExecutor {
    public static let shared = OffPoolExecutor()
    private let queue = DispatchQueue(label: "orgprofile.tests.off-pool")

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
