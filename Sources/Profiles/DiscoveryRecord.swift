import CurlHTTP
import Discovery
import FileIO
import Foundation
import Synchronization

/// What one organisation's last discovery fetched and found, kept in `<state-dir>/discovery/<orgnr>.json`
/// so the next refresh can skip discovery when nothing it read has changed: the same inputs
/// (register values, options, program version) and every recorded request answered `304` by the
/// HTTP cache at the same final URL. Anything else, and discovery runs as before.
struct DiscoveryRecord: Codable, Sendable {
    struct Fetch: Codable, Sendable {
        var url: String
        var kind: String
        var headers: [[String]]
        var bodyLimit: Int?
        /// 200, or 404/410 for a logo file (whose outcome is the status alone).
        var status: Int
        var effectiveURL: String

        /// Whether `response`, to this fetch's request now, says the resource is as discovery read it:
        /// a stored copy confirmed by a 304, or the same missing status, at the same final URL.
        func isUnchanged(_ response: HTTPResponse) -> Bool {
            guard response.effectiveURL == effectiveURL else { return false }
            if status == 200 { return response.revalidated && response.status == 200 }
            return !response.revalidated && response.status == status && RecordingFetcher.missingStatuses.contains(status)
        }

        var request: HTTPRequest? {
            guard let kind = ResourceKind(rawValue: kind), headers.allSatisfy({ $0.count == 2 }) else { return nil }
            return HTTPRequest(url: url, kind: kind, headers: headers.map { (name: $0[0], value: $0[1]) }, bodyLimit: bodyLimit)
        }
    }

    /// SHA-256 of everything discovery was given; see `DiscoveryRecords.inputs`.
    var inputs: String
    /// Every request discovery made, in order.
    var fetches: [Fetch]
    var result: DiscoveryResult
}

/// The per-organisation discovery records in one directory. Reading or writing one never fails a
/// refresh: an unreadable record is no record (discovery runs), an unwritten one costs a full
/// discovery next time.
public struct DiscoveryRecords: Sendable {
    public let directory: String
    /// Bumped whenever what is recorded, or how discovery decides, changes meaning (2: the result
    /// holds the raster fallback's bytes; 3: without the list of every candidate).
    static let format = "orgprofile discovery record 3"

    /// `<state-dir>/discovery`.
    public init(stateDirectory: String) {
        directory = "\(stateDirectory)/discovery"
    }

    func path(_ orgnr: String) -> String { "\(directory)/\(orgnr).json" }

    /// Fingerprint of discovery's inputs: the register's values it reads, its options and the
    /// program it runs (the executable's size and modification time stand for its version).
    static func inputs(
        website: String, name: String, organisationNumber: String, email: String?, phone: String?, options: DiscoveryOptions
    ) -> String {
        var program = "unknown"
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 {
            program = "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
        }
        let parts = [format, program, website, name, organisationNumber, email ?? "\u{0}", phone ?? "\u{0}", String(describing: options)]
        return SHA256.hex(Data(parts.joined(separator: "\u{1}").utf8))
    }

    func load(_ orgnr: String) -> DiscoveryRecord? {
        guard let data = FileManager.default.contents(atPath: path(orgnr)) else { return nil }
        return try? JSONDecoder().decode(DiscoveryRecord.self, from: data)
    }

    /// Stores the result without `candidates`, the list of everything discovery considered: a
    /// profile is assembled from the chosen logo, symbol and contacts, and the list (which holds
    /// the chosen logo's bytes, validation and rendering a second time) made decoding the record
    /// twice as dear in the warm refresh.
    func save(_ record: DiscoveryRecord, for orgnr: String) {
        var record = record
        record.result.candidates = []
        guard (try? AtomicFile.makeDirectory(directory)) != nil, let data = try? JSONEncoder().encode(record) else { return }
        if (try? AtomicFile.write(data, to: path(orgnr), permissions: 0o600, durable: false)) == nil { forget(orgnr) }
    }

    func forget(_ orgnr: String) {
        unlink(path(orgnr))
    }
}

/// Notes every request discovery makes and how it ended.
final class RecordingFetcher: HTTPFetching {
    struct Entry: Sendable {
        var request: HTTPRequest
        /// nil when the transfer failed.
        var status: Int?
        var effectiveURL: String?
    }
    let upstream: any HTTPFetching
    private let entries = Mutex<[Entry]>([])

    init(_ upstream: any HTTPFetching) {
        self.upstream = upstream
    }

    func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            let response = try await upstream.fetch(request)
            entries.withLock { $0.append(Entry(request: request, status: response.status, effectiveURL: response.effectiveURL)) }
            return response
        } catch {
            entries.withLock { $0.append(Entry(request: request, status: nil, effectiveURL: nil)) }
            throw error
        }
    }

    /// A logo file that is not there: discovery's verdict depends on the status alone.
    static let missingStatuses: Set<Int> = [404, 410]

    /// The record's fetches when every request completed with 200 (or a logo file was missing);
    /// nil otherwise.
    var completeFetches: [DiscoveryRecord.Fetch]? {
        let all = entries.withLock { $0 }
        var fetches: [DiscoveryRecord.Fetch] = []
        for entry in all {
            guard let status = entry.status, let effectiveURL = entry.effectiveURL,
                status == 200 || (entry.request.kind == .image && Self.missingStatuses.contains(status))
            else { return nil }
            fetches.append(
                DiscoveryRecord.Fetch(
                    url: entry.request.url, kind: entry.request.kind.rawValue, headers: entry.request.headers.map { [$0.name, $0.value] },
                    bodyLimit: entry.request.bodyLimit, status: status, effectiveURL: effectiveURL))
        }
        return fetches.isEmpty ? nil : fetches
    }
}

/// Serves, once each, the responses this refresh already received while revalidating the last
/// discovery's requests, so discovery does not ask the origin twice; everything else goes upstream.
final class PrimedFetcher: HTTPFetching {
    let upstream: any HTTPFetching
    private let primed: Mutex<[(request: HTTPRequest, response: HTTPResponse)]>

    init(_ upstream: any HTTPFetching, primed: [(request: HTTPRequest, response: HTTPResponse)]) {
        self.upstream = upstream
        self.primed = Mutex(primed)
    }

    func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        let hit = primed.withLock { list -> HTTPResponse? in
            guard let index = list.firstIndex(where: { Self.same($0.request, request) }) else { return nil }
            return list.remove(at: index).response
        }
        if let hit { return hit }
        return try await upstream.fetch(request)
    }

    static func same(_ a: HTTPRequest, _ b: HTTPRequest) -> Bool {
        a.url == b.url && a.kind == b.kind && a.bodyLimit == b.bodyLimit
            && a.headers.elementsEqual(b.headers, by: { $0.name == $1.name && $0.value == $1.value })
    }
}
