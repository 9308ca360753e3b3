import Foundation
import Synchronization
import Testing

@testable import LogoRendering

/// The render threads: a job's limit counts from when a thread takes it, a late job's thread is
/// replaced so the queue keeps moving, and threads are kept between jobs. Each test has a pool of
/// its own with one thread (so "waiting behind another job" is certain) and jobs whose work is a
/// plain wait, so the timing does not depend on how fast this machine draws.
@Suite struct RenderPoolTests {
    static func marker(_ text: String) -> RenderResult { LogoRenderer.failure(.renderFailed, text) }
    static let timedOut = marker("timed out")

    /// A submitted job's result, when it comes.
    struct Pending {
        let results: AsyncStream<RenderResult>

        /// The result, or nil when none came within `seconds` (a pool that stopped serving would
        /// otherwise hang the test).
        func value(within seconds: Double = 60) async -> RenderResult? {
            await withTaskGroup(of: RenderResult?.self) { group in
                group.addTask {
                    for await result in results { return result }
                    return nil
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(seconds))
                    return nil
                }
                let first = await group.next()!
                group.cancelAll()
                return first
            }
        }
    }

    /// Submits a job now, so the next one queues behind it.
    static func run(_ pool: RenderPool, limit: Duration, work: @escaping @Sendable () -> RenderResult) -> Pending {
        let (results, continuation) = AsyncStream.makeStream(of: RenderResult.self)
        pool.submit(
            .init(
                limit: limit, work: work,
                delivery: .init(timeout: timedOut) { result in
                    continuation.yield(result)
                    continuation.finish()
                }))
        return Pending(results: results)
    }

    /// Polls (suspending) until `condition` holds or `seconds` pass.
    static func eventually(_ seconds: Double, _ condition: () -> Bool) async -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    @Test("A job queued behind a slow one is not timed out while it waits")
    func limitCountsFromTheStart() async {
        let pool = RenderPool(threads: 1)
        let slow = Self.run(pool, limit: .seconds(30)) {
            Thread.sleep(forTimeInterval: 2)
            return Self.marker("slow")
        }
        // Its limit is far shorter than its wait, far longer than its work.
        let quick = Self.run(pool, limit: .seconds(1)) { Self.marker("quick") }
        #expect(await slow.value() == Self.marker("slow"))
        #expect(await quick.value() == Self.marker("quick"))
        #expect(pool.overdue == 0)
    }

    @Test("A job past its limit gets the timeout; another thread serves the queue; the late thread ends after its job")
    func lateJobIsReplaced() async {
        let pool = RenderPool(threads: 1)
        let release = DispatchSemaphore(value: 0)
        let lateFinished = Atomic(false)
        let late = Self.run(pool, limit: .milliseconds(200)) {
            _ = release.wait(timeout: .now() + 60)
            lateFinished.store(true, ordering: .sequentiallyConsistent)
            return Self.marker("late")
        }
        let next = Self.run(pool, limit: .seconds(30)) {
            Self.marker(lateFinished.load(ordering: .sequentiallyConsistent) ? "after the late job" : "beside the late job")
        }
        #expect(await late.value() == Self.timedOut)
        // Served while the late job still holds the only original thread.
        #expect(await next.value(within: 30) == Self.marker("beside the late job"))
        #expect(pool.overdue == 1)
        #expect(pool.threadsAlive == 2)
        release.signal()
        #expect(await Self.eventually(30) { pool.overdue == 0 && pool.threadsAlive == 1 })
    }

    @Test("Threads are kept between jobs (librsvg's text state per thread is built once)")
    func threadsAreKept() async {
        let pool = RenderPool(threads: 1)
        let key = "RenderPoolTests.seen"
        for index in 0..<3 {
            let seenBefore = await Self.run(pool, limit: .seconds(30)) {
                let seen = Thread.current.threadDictionary[key] != nil
                Thread.current.threadDictionary[key] = true
                return Self.marker(seen ? "seen" : "new")
            }.value()
            #expect(seenBefore == Self.marker(index == 0 ? "new" : "seen"))
        }
        #expect(pool.threadsAlive == 1)
    }

    @Test("Jobs run on at most as many threads as the pool has")
    func atMostSizeThreads() async {
        let pool = RenderPool(threads: 2)
        let running = Atomic(0)
        let most = Atomic(0)
        let jobs = (0..<8).map { _ in
            Self.run(pool, limit: .seconds(30)) {
                let now = running.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
                _ = most.max(now, ordering: .sequentiallyConsistent)
                Thread.sleep(forTimeInterval: 0.05)
                running.wrappingSubtract(1, ordering: .sequentiallyConsistent)
                return Self.marker("done")
            }
        }
        for job in jobs { #expect(await job.value() == Self.marker("done")) }
        #expect(most.load(ordering: .sequentiallyConsistent) <= 2)
        #expect(pool.threadsAlive == 2)
    }
}
