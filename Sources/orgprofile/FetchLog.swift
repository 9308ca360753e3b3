import CurlHTTP
import Synchronization

/// Remembers the outcome of every request `inspect` made, so its report can list them and say
/// which were answered `304 Not Modified` from the HTTP cache.
final class FetchLog: HTTPFetching {
    struct Entry: Sendable {
        var url: String
        /// nil when the transfer failed.
        var status: Int?
        var revalidated: Bool
    }

    private let upstream: any HTTPFetching
    private let entries = Mutex<[Entry]>([])

    init(_ upstream: any HTTPFetching) {
        self.upstream = upstream
    }

    func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            let response = try await upstream.fetch(request)
            entries.withLock { $0.append(Entry(url: request.url, status: response.status, revalidated: response.revalidated)) }
            return response
        } catch {
            entries.withLock { $0.append(Entry(url: request.url, status: nil, revalidated: false)) }
            throw error
        }
    }

    var all: [Entry] { entries.withLock { $0 } }
}
