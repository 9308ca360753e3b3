import FileIO
import Foundation
import Synchronization

/// Every stored profile, read once and kept in memory, for `GET /profiles` and `<cache-dir>/index.json`.
/// A snapshot is rebuilt only when the profiles directory changed: the store replaces a profile by
/// renaming a complete file over it, which changes the directory, and a rescan re-reads only
/// files whose inode, size or modification time changed. A file is read whole, so a snapshot
/// never holds part of a profile.
public final class ProfileIndex: Sendable {
    /// One profile as stored, with what the filters need.
    public struct Entry: Sendable {
        public let organisationNumber: String
        /// The file's JSON object on one line (whitespace between tokens removed, keys in the file's order).
        public let compactJSON: [UInt8]
        /// sha256 of the file's bytes.
        public let sha256: String
        public let status: String
        public let hasLogo: Bool
        public let hasEmail: Bool
        public let hasPhone: Bool
        public let refreshedAt: Date?
        public let problemCodes: [String]
        let identity: FileIdentity
    }

    /// The index at one moment.
    public struct Snapshot: Sendable {
        /// By organisation number.
        public let entries: [Entry]
        /// `{"profiles":[…]}` of all entries.
        public let document: [UInt8]
        /// sha256 of `document`: a strong validator for every representation made from this snapshot.
        public let sha256: String
        /// Files in `profiles/` that are not readable profiles, with why (left out of `entries`).
        public let unreadable: [String: String]

        public func entry(_ organisationNumber: String) -> Entry? {
            var low = 0
            var high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if entries[middle].organisationNumber < organisationNumber { low = middle + 1 } else { high = middle }
            }
            return low < entries.count && entries[low].organisationNumber == organisationNumber ? entries[low] : nil
        }

        public static func document(of entries: some Collection<Entry>) -> [UInt8] {
            var out: [UInt8] = Array(#"{"profiles":["#.utf8)
            out.reserveCapacity(entries.reduce(16) { $0 + $1.compactJSON.count + 1 })
            var first = true
            for entry in entries {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: entry.compactJSON)
            }
            out.append(contentsOf: Array("]}\n".utf8))
            return out
        }
    }

    private struct State: Sendable {
        var snapshot: Snapshot?
        var directory: FileIdentity?
        /// When the last scan began; a directory changed within `settle` of it is scanned again.
        var scannedAt: timespec = timespec()
        var byNumber: [String: Entry] = [:]
    }

    public let profilesDirectory: String
    private let state = Mutex(State())
    /// Serialises scans, so two requests never read the same files at once.
    private let scanning = Mutex(())
    /// A directory whose modification time is this close to the last scan's start may have
    /// changed again within the file system's timestamp granularity: it is scanned again.
    private static let settleNanoseconds = 2_000_000_000

    public init(profilesDirectory: String) {
        self.profilesDirectory = profilesDirectory
    }

    /// The current snapshot; rescans when the directory changed since the last one.
    public func snapshot() throws(StoreError) -> Snapshot {
        if let current = current() { return current }
        return try scanning.withLock { _ throws(StoreError) -> Snapshot in
            if let current = current() { return current }
            return try scan()
        }
    }

    /// Forgets the unchanged-directory shortcut: the next snapshot rescans (after a batch of writes).
    public func invalidate() {
        state.withLock { $0.directory = nil }
    }

    private func current() -> Snapshot? {
        guard let identity = Self.identity(profilesDirectory) else { return nil }
        return state.withLock { state in
            guard let snapshot = state.snapshot, state.directory == identity else { return nil }
            // Changed in the same tick as the scan began: the scan may have missed a later change.
            let changed = Int64(identity.seconds) * 1_000_000_000 + Int64(identity.nanoseconds)
            let scanned = Int64(state.scannedAt.tv_sec) * 1_000_000_000 + Int64(state.scannedAt.tv_nsec)
            return changed + Int64(Self.settleNanoseconds) < scanned ? snapshot : nil
        }
    }

    private func scan() throws(StoreError) -> Snapshot {
        var started = timespec()
        clock_gettime(CLOCK_REALTIME, &started)
        guard let directoryIdentity = Self.identity(profilesDirectory) else {
            if errno == ENOENT {
                let empty = Snapshot(
                    entries: [], document: Snapshot.document(of: []), sha256: SHA256.hex(Data(Snapshot.document(of: []))), unreadable: [:])
                return empty
            }
            throw .errno("read", profilesDirectory)
        }
        let previous = state.withLock { $0.byNumber }
        var byNumber: [String: Entry] = [:]
        var unreadable: [String: String] = [:]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: profilesDirectory) else {
            throw .errno("list", profilesDirectory)
        }
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let number = String(name.dropLast(5))
            let path = "\(profilesDirectory)/\(name)"
            guard let identity = Self.identity(path) else { continue }
            if let known = previous[number], known.identity == identity {
                byNumber[number] = known
                continue
            }
            switch Self.read(path, number: number, identity: identity) {
            case .success(let entry): byNumber[number] = entry
            case .failure(let problem): unreadable[name] = problem.reason
            }
        }
        let entries = byNumber.values.sorted { $0.organisationNumber < $1.organisationNumber }
        let document = Snapshot.document(of: entries)
        let snapshot = Snapshot(entries: entries, document: document, sha256: SHA256.hex(Data(document)), unreadable: unreadable)
        state.withLock {
            $0.snapshot = snapshot
            $0.directory = directoryIdentity
            $0.scannedAt = started
            $0.byNumber = byNumber
        }
        return snapshot
    }

    /// The fields the filters use; the rest of the profile is served as stored.
    private struct Summary: Decodable {
        struct Present: Decodable {}
        struct Problem: Decodable { var code: String }
        var organisationNumber: String
        var status: String
        var logo: Present?
        var email: Present?
        var phone: Present?
        var refreshedAt: String?
        var problems: [Problem]?
    }

    private static func read(_ path: String, number: String, identity: FileIdentity) -> Result<Entry, StoreError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(StoreError(path: path, operation: "read", reason: "the file could not be read"))
        }
        let summary: Summary
        do {
            summary = try JSONDecoder().decode(Summary.self, from: data)
        } catch {
            return .failure(StoreError(path: path, operation: "read", reason: "it is not a valid profile (\(error))"))
        }
        guard summary.organisationNumber == number else {
            return .failure(StoreError(path: path, operation: "read", reason: "it holds organisation \(summary.organisationNumber)"))
        }
        return .success(
            Entry(
                organisationNumber: number, compactJSON: JSONCompaction.compact(data), sha256: SHA256.hex(data), status: summary.status,
                hasLogo: summary.logo != nil, hasEmail: summary.email != nil, hasPhone: summary.phone != nil,
                refreshedAt: summary.refreshedAt.flatMap { try? Date($0, strategy: .iso8601) },
                problemCodes: (summary.problems ?? []).map(\.code), identity: identity))
    }

    private static func identity(_ path: String) -> FileIdentity? { FileIdentity(of: path) }
}

/// What tells a file's versions apart here: the store replaces a file by renaming a new one over
/// it, so a rewritten file always has a new inode; size and modification time catch the rest.
struct FileIdentity: Equatable, Sendable {
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    /// The identity of the file at `path`, nil when it cannot be read with `stat`.
    init?(of path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        seconds = info.st_mtim.tv_sec
        nanoseconds = info.st_mtim.tv_nsec
    }
}

/// JSON text without the whitespace between tokens; strings and key order are kept byte for byte.
public enum JSONCompaction {
    public static func compact(_ data: Data) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            default: out.append(byte)
            }
        }
        return out
    }
}
