import FileIO
import Foundation

/// One line of `<state-dir>/audit.log`: who did what to which organisation, and when.
public struct ReviewAuditEntry: Codable, Sendable, Equatable {
    public var at: Date
    /// The token name.
    public var by: String
    /// `approve`, `supply` or `asked`.
    public var action: String
    public var orgnr: String
    /// approve: the field; supply: the fields supplied (`logo,email`).
    public var field: String?
    /// approve (email, phone), supply (email, phone): the value.
    public var value: String?
    /// approve and supply of a logo: its SHA-256.
    public var sha256: String?
    /// supply: the files written.
    public var files: [String]?
    /// asked: the day and the note.
    public var date: String?
    public var note: String?

    public init(
        at: Date, by: String, action: String, orgnr: String, field: String? = nil, value: String? = nil, sha256: String? = nil,
        files: [String]? = nil, date: String? = nil, note: String? = nil
    ) {
        self.at = at
        self.by = by
        self.action = action
        self.orgnr = orgnr
        self.field = field
        self.value = value
        self.sha256 = sha256
        self.files = files
        self.date = date
        self.note = note
    }
}

/// `<state-dir>/audit.log`: one JSON object a line, appended (`O_APPEND`, one `write` per line,
/// so concurrent writers never interleave within a line) and fsync'd before the write is
/// answered.
public struct ReviewAuditLog: Sendable {
    public let path: String

    public init(stateDirectory: String) {
        path = "\(stateDirectory)/audit.log"
    }

    public func append(_ entry: ReviewAuditEntry) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let line: Data
        do {
            line = try encoder.encode(entry) + Data("\n".utf8)
        } catch {
            throw StoreError(path: path, operation: "encode an entry for", reason: "\(error)")
        }
        try AtomicFile.makeDirectory((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .errno("open", path) }
        defer { close(fd) }
        let failure: Int32? = line.withUnsafeBytes { buffer in
            while true {
                let count = write(fd, buffer.baseAddress!, buffer.count)
                if count == buffer.count { return nil }
                if count < 0 && errno == EINTR { continue }
                // A short write on a regular file means the disk is full; say so rather than
                // leave half a line that the next append would continue.
                return count < 0 ? errno : ENOSPC
            }
        }
        if let failure { throw .errno("append to", path, failure) }
        if fsync(fd) != 0 { throw .errno("flush", path) }
    }

    /// Every entry, oldest first; lines that are not entries are skipped.
    public func entries() -> [ReviewAuditEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(ReviewAuditEntry.self, from: Data($0)) }
    }
}
