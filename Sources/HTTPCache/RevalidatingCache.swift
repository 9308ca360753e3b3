import CurlHTTP
import FileIO
import Foundation
internal import Synchronization

/// Conditional requests for website resources: an `HTTPFetching` wrapper that keeps, per request
/// URL and kind, the last 200 response that carried a validator (`ETag`, `Last-Modified`), and
/// sends `If-None-Match` / `If-Modified-Since` the next time. A `304 Not Modified` comes back as
/// the stored 200 it stands for, marked `revalidated`, with its stored header fields updated from
/// the 304 (RFC 9111 §4.3.4). Nothing is served without asking the origin: this saves bytes and
/// work, not requests.
///
/// Entries live in `<state-dir>/http-cache/<sha256 of kind and URL>`, written atomically, so a
/// restart resumes with its validators and several processes (`serve` and `refresh`) may share
/// the directory: the last writer of an entry wins, and every version is whole. Disk use is bounded
/// by `limitBytes`; beyond it the least recently used entries (by modification time, which a hit
/// refreshes) are deleted down to nine tenths of the limit. Reading, writing and eviction run on
/// `FileIOExecutor.shared`, not on the cooperative pool.
public final class RevalidatingCache: HTTPFetching {
    public let upstream: any HTTPFetching
    public let directory: String
    public let limitBytes: Int
    /// Kinds that are stored; other requests pass straight through.
    public let kinds: Set<ResourceKind>

    private struct Accounting {
        var scanned = false
        var scanning = false
        /// Bytes in the directory at the last scan (after trimming).
        var knownBytes = 0
        var writtenSinceScan = 0
    }
    private let accounting = Mutex(Accounting())

    /// The default disk cap (`http-cache-size`), in megabytes: about 8000 organisations' home and
    /// contact pages and logos, so that one refresh cycle fits and least-recently-used eviction hits.
    public static let defaultLimitMegabytes = 2048

    /// `<state-dir>/http-cache`.
    public static func directory(inStateDirectory stateDirectory: String) -> String {
        "\(stateDirectory)/http-cache"
    }

    /// Creates `directory` when missing. Website pages and images are stored by default; register
    /// and feed requests (`.registry`) and small JSON documents (`.other`) are not.
    public init(
        wrapping upstream: any HTTPFetching, directory: String, limitBytes: Int, kinds: Set<ResourceKind> = [.page, .image]
    ) throws(StoreError) {
        self.upstream = upstream
        self.directory = directory
        self.limitBytes = max(0, limitBytes)
        self.kinds = kinds
        try AtomicFile.makeDirectory(directory)
    }

    public func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        let conditionalNames: Set<String> = ["if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range"]
        guard kinds.contains(request.kind), !request.headers.contains(where: { conditionalNames.contains($0.name.lowercased()) })
        else { return try await upstream.fetch(request) }

        let path = entryPath(request)
        let stored = await FileIOExecutor.shared.run { self.load(path, for: request) }
        var conditional = request
        if let stored {
            if let etag = stored.etag { conditional.headers.append((name: "If-None-Match", value: etag)) }
            if let lastModified = stored.lastModified { conditional.headers.append((name: "If-Modified-Since", value: lastModified)) }
        }
        let response = try await upstream.fetch(conditional)

        if response.status == 304, let stored {
            // Validators answer for the resource they came from; after a changed redirect they say
            // nothing about the stored body, so ask again without them.
            guard response.effectiveURL == stored.metadata.effectiveURL else {
                let fresh = try await upstream.fetch(request)
                await FileIOExecutor.shared.run { self.keep(fresh, for: request, at: path) }
                return fresh
            }
            let headers = Self.updated(stored.headers, with: response.headers)
            if headers.elementsEqual(stored.headers, by: { $0 == $1 }) {
                await FileIOExecutor.shared.run { self.touch(path) }
            } else {
                let entry = HTTPCacheEntry(
                    request: request, effectiveURL: stored.metadata.effectiveURL, headers: headers, body: stored.body)
                await FileIOExecutor.shared.run { self.write(entry, to: path) }
            }
            return HTTPResponse(
                status: 200, headers: headers, body: stored.body, effectiveURL: response.effectiveURL,
                redirectCount: response.redirectCount, revalidated: true)
        }
        await FileIOExecutor.shared.run { self.keep(response, for: request, at: path) }
        return response
    }

    /// Stores a storable 200; forgets the entry when the resource changed into something not
    /// storable or is gone. Server errors and other statuses leave the entry for the next try.
    private func keep(_ response: HTTPResponse, for request: HTTPRequest, at path: String) {
        if response.status == 200 {
            if storable(response, for: request) {
                write(
                    HTTPCacheEntry(
                        request: request, effectiveURL: response.effectiveURL, headers: Self.storedHeaders(response.headers),
                        body: response.body),
                    to: path)
            } else {
                unlink(path)
            }
        } else if [404, 410].contains(response.status) {
            unlink(path)
        }
    }

    private func storable(_ response: HTTPResponse, for request: HTTPRequest) -> Bool {
        guard response.header("etag") != nil || response.header("last-modified") != nil else { return false }
        let cacheControl = response.headers.filter { $0.name == "cache-control" }.map { $0.value.lowercased() }.joined(separator: ",")
        if cacheControl.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "no-store" }) { return false }
        if response.headers.contains(where: { $0.name == "vary" && $0.value.trimmingCharacters(in: .whitespaces) == "*" }) { return false }
        // One entry may not take more than an eighth of the cache, nor exceed the kind's body cap.
        return response.body.count <= min(request.bodyLimit ?? request.kind.defaultBodyLimit, limitBytes / 8)
    }

    // MARK: header fields

    /// Fields never stored: hop-by-hop ones (RFC 9110 §7.6.1), the response's own date and age,
    /// and cookies (the state directory is no place for them).
    private static let unstoredNames: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "date", "age", "set-cookie",
    ]
    /// Fields a 304 must not change: the stored body is the decoded one, so its length and
    /// encoding are facts of the stored copy (RFC 9111 §3.2).
    private static let fixedNames: Set<String> = ["content-length", "content-encoding", "content-range"]

    static func storedHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        headers.filter { !unstoredNames.contains($0.name) }
    }

    /// RFC 9111 §3.2: each field of the 304 replaces the stored field of the same name, in its
    /// place (so an unchanged 304 leaves the entry as it was, and it is not rewritten).
    static func updated(_ stored: [(name: String, value: String)], with fresh: [(name: String, value: String)]) -> [(
        name: String, value: String
    )] {
        let replacing = storedHeaders(fresh).filter { !fixedNames.contains($0.name) }
        let names = Set(replacing.map(\.name))
        var result: [(name: String, value: String)] = []
        var placed: Set<String> = []
        for field in stored {
            guard names.contains(field.name) else {
                result.append(field)
                continue
            }
            if placed.insert(field.name).inserted { result += replacing.filter { $0.name == field.name } }
        }
        return result + replacing.filter { !placed.contains($0.name) }
    }

    // MARK: files

    func entryPath(_ request: HTTPRequest) -> String {
        "\(directory)/\(SHA256.hex(Data("\(request.kind.rawValue) \(request.url)".utf8)))"
    }

    private func load(_ path: String, for request: HTTPRequest) -> HTTPCacheEntry? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let entry = HTTPCacheEntry.decode(data, for: request) else {
            // Torn, corrupt or a hash collision: a miss; the next storable 200 replaces it.
            unlink(path)
            return nil
        }
        return entry
    }

    private func write(_ entry: HTTPCacheEntry, to path: String) {
        guard let data = entry.encoded() else { return }
        // Not fsynced: after a crash an entry may be lost or fail its checksum, which is a miss;
        // a failed write likewise only costs a full fetch next time.
        guard (try? AtomicFile.write(data, to: path, permissions: 0o600, durable: false)) != nil else { return }
        trimIfNeeded(wrote: data.count)
    }

    /// Marks an entry as just used, for least-recently-used eviction.
    private func touch(_ path: String) {
        utimensat(AT_FDCWD, path, nil, 0)
    }

    private func trimIfNeeded(wrote bytes: Int) {
        let scan = accounting.withLock { state -> Bool in
            state.writtenSinceScan += bytes
            guard !state.scanning else { return false }
            // Scan once to learn the size, then whenever the estimate passes the limit, and now and
            // then anyway, since another process may be writing too.
            let due =
                !state.scanned || state.knownBytes + state.writtenSinceScan > limitBytes || state.writtenSinceScan > limitBytes / 8
            if due {
                state.scanning = true
                state.writtenSinceScan = 0
            }
            return due
        }
        guard scan else { return }
        let total = trim()
        accounting.withLock {
            $0.scanning = false
            $0.scanned = true
            $0.knownBytes = total
        }
    }

    /// Deletes least recently used entries while the directory holds more than the limit, and
    /// temporary files a crashed writer left behind. Returns the bytes left.
    @discardableResult
    func trim() -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var entries: [(path: String, size: Int, used: timespec)] = []
        var total = 0
        let now = time(nil)
        for name in names {
            let path = "\(directory)/\(name)"
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & 0o170000 == 0o100000 else { continue }  // regular files
            if name.hasPrefix(".") {
                if now - info.st_mtim.tv_sec > 3600 { unlink(path) }
                continue
            }
            entries.append((path, Int(info.st_size), info.st_mtim))
            total += Int(info.st_size)
        }
        guard total > limitBytes else { return total }
        entries.sort { ($0.used.tv_sec, $0.used.tv_nsec) < ($1.used.tv_sec, $1.used.tv_nsec) }
        let target = limitBytes / 10 * 9
        for entry in entries where total > target {
            if unlink(entry.path) == 0 || errno == ENOENT { total -= entry.size }
        }
        return total
    }
}
