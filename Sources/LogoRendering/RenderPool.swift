import Dispatch
import Foundation
import Synchronization

/// The threads that draw logos: as many as the machine has cores, started on first use and kept.
///
/// Kept, because librsvg draws text through Pango, whose default font map is one per thread: a
/// thread made for one render built its font map, its fontconfig patterns and fontsets anew and
/// threw them away at its end (about 4 % of a cold refresh's CPU on logos with text, and the thread
/// creation 2 % more). A kept thread builds them once.
///
/// A job's time limit counts from when a thread takes it, not from when it was queued: a logo
/// waiting behind others is not timed out for their sake. librsvg cannot be cancelled, so a job
/// that runs past its limit keeps its thread until it ends; at the limit the pool starts a thread in
/// its place (so the queue keeps moving), and the late thread ends after its job instead of taking
/// another. `LogoRenderer.Limits.maxOverdueRenders` bounds how many such threads there can be.
final class RenderPool: Sendable {
    struct Job: Sendable {
        let limit: Duration
        let work: @Sendable () -> RenderResult
        let delivery: Delivery
    }

    static let shared = RenderPool(threads: max(1, ProcessInfo.processInfo.activeProcessorCount))

    private struct State {
        var queue: [Job] = []
        var head = 0
        /// Threads that take jobs (a thread whose job ran late no longer counts).
        var serving = 0
        /// Jobs that ran past their limit and are still running.
        var overdue = 0
        /// Threads started and not yet ended.
        var alive = 0
    }

    let size: Int
    private let state = Mutex(State())
    private let jobsWaiting = DispatchSemaphore(value: 0)

    /// The queue the deadlines fire on: a queue of our own (a serial queue is served by
    /// libdispatch's overcommitting pool), so a deadline is never held up behind blocked work on
    /// the global queue, whose pool on Linux is about twice the cores.
    private static let deadlines = DispatchQueue(label: "orgprofile.render-deadlines")

    init(threads: Int) { size = threads }

    /// Jobs that ran past their limit and are still running.
    var overdue: Int { state.withLock { $0.overdue } }

    /// Threads started and not yet ended: `size` at most, plus one for each overdue job.
    var threadsAlive: Int { state.withLock { $0.alive } }

    func submit(_ job: Job) {
        let start = state.withLock { state -> Bool in
            state.queue.append(job)
            guard state.serving < size else { return false }
            state.serving += 1
            return true
        }
        if start { startThread() }
        jobsWaiting.signal()
    }

    private func startThread() {
        state.withLock { $0.alive += 1 }
        let thread = Thread { [self] in
            serve()
            state.withLock { $0.alive -= 1 }
        }
        // librsvg recurses per nesting level; the validator caps depth, this leaves it room.
        thread.stackSize = 8 << 20
        thread.name = "orgprofile-render"
        thread.start()
    }

    private func serve() {
        while true {
            jobsWaiting.wait()
            let job = state.withLock { state -> Job in
                let job = state.queue[state.head]
                state.head += 1
                if state.head > 64 && state.head * 2 > state.queue.count {
                    state.queue.removeFirst(state.head)
                    state.head = 0
                }
                return job
            }
            let (seconds, attoseconds) = job.limit.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            // The deadline holds the delivery only, not the job's bytes, for the rest of its limit.
            let delivery = job.delivery
            Self.deadlines.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [self] in
                if delivery.expire() { replaceLateThread() }
            }
            if job.delivery.finish(job.work()) == .late {
                state.withLock { $0.overdue -= 1 }
                return
            }
        }
    }

    /// A thread's job ran past its limit: another thread takes its place in serving the queue.
    private func replaceLateThread() {
        let start = state.withLock { state -> Bool in
            state.overdue += 1
            state.serving -= 1
            // Start one only for work waiting; otherwise the next submit starts it.
            guard state.queue.count > state.head else { return false }
            state.serving += 1
            return true
        }
        if start { startThread() }
    }

    /// Whichever of the render and its deadline comes first delivers.
    final class Delivery: Sendable {
        enum Finish { case delivered, late }

        private let deliver: @Sendable (RenderResult) -> Void
        private let timeout: RenderResult
        private let delivered = Mutex(false)

        init(timeout: RenderResult, _ deliver: @escaping @Sendable (RenderResult) -> Void) {
            self.timeout = timeout
            self.deliver = deliver
        }

        func finish(_ result: RenderResult) -> Finish {
            let late = delivered.withLock { delivered in
                if delivered { return true }
                delivered = true
                return false
            }
            if late { return .late }
            deliver(result)
            return .delivered
        }

        /// Delivers the timeout when the render has not delivered yet; true when it did.
        func expire() -> Bool {
            let first = delivered.withLock { delivered in
                if delivered { return false }
                delivered = true
                return true
            }
            if first { deliver(timeout) }
            return first
        }
    }
}
