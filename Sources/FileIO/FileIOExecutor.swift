import Foundation

/// Threads of their own for blocking file-system calls (`flock`, `fsync`, `rename`, directory
/// scans), so that they never hold one of the cooperative pool's few threads (one per core),
/// which discovery, the scheduler and everything else share. At most `width` calls run at once;
/// the rest wait in order. Threads start on first use and stay.
public final class FileIOExecutor: @unchecked Sendable {
    /// The process's executor for the profile store and the HTTP cache.
    public static let shared = FileIOExecutor(width: 4, name: "orgprofile-io")

    public let width: Int
    private let name: String
    /// Guards everything below.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var threads = 0
    private var idle = 0

    public init(width: Int, name: String) {
        self.width = max(1, width)
        self.name = name
    }

    /// Runs `body` on one of the executor's threads; the calling task waits without a thread.
    public func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            enqueue { continuation.resume(returning: Result(catching: body)) }
        }
        return try result.get()
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        let startThread = idle == 0 && threads < width
        if startThread { threads += 1 }
        condition.signal()
        condition.unlock()
        if startThread {
            let thread = Thread { [self] in work() }
            thread.name = name
            thread.start()
        }
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty {
                idle += 1
                condition.wait()
                idle -= 1
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
