import Foundation
import Synchronization

/// The production HTTP client: libcurl's multi interface behind async/await, with bounded
/// retries (timeouts, 429, 5xx; `Retry-After` honoured) and a per-host concurrency limit.
///
/// It owns one transfer thread and one libcurl multi handle: the thread starts with the first
/// request and ends, freeing the handle, at `shutdown()` or when the client is released (a reload
/// that replaces the client lets the old one go once the refreshes using it are done).
public final class CurlHTTPClient: HTTPFetching {
    public let settings: HTTPSettings
    private let loop = CurlMultiLoop()
    private let hosts: HostLimiter

    public init(settings: HTTPSettings = HTTPSettings()) {
        self.settings = settings
        self.hosts = HostLimiter(
            limit: max(1, settings.maxConcurrentPerHost), spacing: .milliseconds(max(0, settings.perHostDelayMilliseconds)))
    }

    deinit {
        loop.requestShutdown()
    }

    /// Ends the client now: requests in flight, and any made later, fail with
    /// `HTTPError.Code.cancelled`; returns when the transfer thread has ended and freed libcurl's
    /// multi handle.
    public func shutdown() async {
        await loop.shutdown()
    }

    /// Runs `body`, then `shutdown()`, whether `body` returned or threw: for a command whose process
    /// exits right after. A process that exits while the transfer thread is still freeing libcurl's
    /// handles (what releasing the client starts) races the exit handlers of the TLS library,
    /// which free the same state: seen as a rare "double free or corruption" at the end of `inspect`.
    public func closing<T>(_ body: () async throws -> T) async throws -> T {
        let value: T
        do {
            value = try await body()
        } catch {
            await shutdown()
            throw error
        }
        await shutdown()
        return value
    }

    /// The kernel's id of the transfer thread while it runs (for tests that watch it end).
    var transferThreadID: pid_t? { loop.threadID }

    /// Call once at the top of `main`, before any thread exists (libcurl's rule).
    public static func initialiseProcess() {
        CurlGlobal.ensureInitialised()
    }

    public func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        let host = URLComponents(string: request.url)?.host?.lowercased() ?? ""
        try await hosts.acquire(host)
        do {
            let wait = await hosts.reserveStart(host)
            if wait > .zero { try await Task.sleep(for: wait) }
            let response = try await fetchRetrying(request)
            await hosts.release(host)
            return response
        } catch {
            await hosts.release(host)
            throw error
        }
    }

    private func fetchRetrying(_ request: HTTPRequest) async throws -> HTTPResponse {
        var attempt = 0
        while true {
            do {
                let response = try await fetchOnce(request)
                let retryable = response.status == 429 || (500...599).contains(response.status)
                guard retryable, attempt < settings.maxRetries else { return response }
                let wait = RetryAfter.seconds(response.header("retry-after")) ?? backoff(attempt)
                guard wait <= Double(settings.maxRetryAfterSeconds) else { return response }
                try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            } catch let error as HTTPError where error.code == .timedOut && attempt < settings.maxRetries {
                try await Task.sleep(for: .milliseconds(Int(backoff(attempt) * 1000)))
            }
            attempt += 1
        }
    }

    private func backoff(_ attempt: Int) -> Double {
        let base = Double(settings.retryBaseDelayMilliseconds) / 1000 * pow(2, Double(attempt))
        return base * Double.random(in: 0.8...1.2)
    }

    private func fetchOnce(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let transfer = try CurlTransfer(request: request, settings: settings)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.continuation = continuation
                loop.submit(transfer)
            }
        } onCancel: {
            transfer.cancelled.withLock { $0 = true }
            loop.wake()
        }
    }
}

/// Parses `Retry-After`: delta-seconds or an HTTP date.
enum RetryAfter {
    static func seconds(_ value: String?, now: Date = Date()) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return Double(max(0, seconds)) }
        guard let date = try? Date(value, strategy: httpDate) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// RFC 9110's IMF-fixdate, `Tue, 14 Nov 2023 22:13:50 GMT`.
    private static let httpDate = Date.ParseStrategy(
        format: """
            \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .padded(4)) \
            \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT
            """,
        locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "GMT")!)
}

/// At most `limit` transfers to one host at a time; waiters are served in order.
actor HostLimiter {
    private let limit: Int
    private let spacing: Duration
    private var inFlight: [String: Int] = [:]
    private var waiters: [String: [(id: Int, continuation: CheckedContinuation<Void, any Error>)]] = [:]
    private var nextWaiterID = 0
    /// The earliest start of the next request to a host (politeness).
    private var nextStart: [String: ContinuousClock.Instant] = [:]

    init(limit: Int, spacing: Duration = .zero) {
        self.limit = limit
        self.spacing = spacing
    }

    /// Reserves the next start time for a request to `host` and says how long to wait for it.
    func reserveStart(_ host: String) -> Duration {
        guard spacing > .zero else { return .zero }
        let now = ContinuousClock.now
        let start = max(now, nextStart[host] ?? now)
        nextStart[host] = start + spacing
        return start - now
    }

    /// Waits for a slot; a cancelled task stops waiting (a deadline must not wait for another
    /// organisation's slow transfer to the same host).
    func acquire(_ host: String) async throws {
        if inFlight[host, default: 0] < limit {
            inFlight[host, default: 0] += 1
            return
        }
        nextWaiterID += 1
        let id = nextWaiterID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters[host, default: []].append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.stopWaiting(host, id) }
        }
    }

    private func stopWaiting(_ host: String, _ id: Int) {
        guard var queue = waiters[host], let index = queue.firstIndex(where: { $0.id == id }) else { return }
        let waiter = queue.remove(at: index)
        waiters[host] = queue.isEmpty ? nil : queue
        waiter.continuation.resume(throwing: CancellationError())
    }

    func release(_ host: String) {
        if var queue = waiters[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[host] = queue.isEmpty ? nil : queue
            next.continuation.resume()  // the slot passes to the waiter
        } else {
            inFlight[host, default: 1] -= 1
            if inFlight[host] == 0 {
                inFlight[host] = nil
                // Forget hosts whose spacing has passed, so the table does not grow with every site.
                if let next = nextStart[host], next <= ContinuousClock.now { nextStart[host] = nil }
            }
        }
    }
}
