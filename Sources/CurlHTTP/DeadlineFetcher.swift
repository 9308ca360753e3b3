import Synchronization

/// One deadline for a group of requests (an organisation's time budget). A request still running
/// when it passes is cancelled, which takes its transfer out of curl at once; a request made after
/// it fails without starting. The caller goes on with what it already has.
public final class DeadlineFetcher: HTTPFetching {
    public let upstream: any HTTPFetching
    public let limit: Duration
    public let deadline: ContinuousClock.Instant
    private let reached = Mutex(false)

    /// The deadline is `limit` from now.
    public init(wrapping upstream: any HTTPFetching, limit: Duration) {
        self.upstream = upstream
        self.limit = limit
        self.deadline = .now + limit
    }

    /// True once a request was cut short, or refused, because the deadline had passed.
    public var deadlineReached: Bool { reached.withLock { $0 } }

    public func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard ContinuousClock.now < deadline else { throw expired(request) }
        let upstream = upstream
        let deadline = deadline
        let response = try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask { try await upstream.fetch(request) }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let response else { throw expired(request) }
        return response
    }

    private func expired(_ request: HTTPRequest) -> HTTPError {
        reached.withLock { $0 = true }
        return HTTPError(
            code: .timedOut, url: request.url,
            message: "not finished when the organisation's time budget (\(Self.seconds(limit)) s) ran out")
    }

    /// `2`, `0.5`: seconds as an operator wrote them.
    public static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return String(seconds) }
        return String(Double(seconds) + Double(attoseconds) / 1e18)
    }
}
