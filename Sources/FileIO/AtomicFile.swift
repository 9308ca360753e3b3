import Foundation

/// Writes whole files so that a reader sees the old content or the new, never a mix, and a crash
/// or a full disk leaves the old file in place: temporary file in the same directory, write,
/// fsync, rename over the target, fsync the directory.
public enum AtomicFile {
    /// `durable: false` skips both fsyncs: for files that are only a cache of something that can be
    /// fetched again and that check their own integrity, where a crash may lose (not tear) them.
    /// `syncDirectory: false` skips only the directory's: for a writer that puts several files in
    /// one directory and then calls `syncDirectory(_:)` once, before anything that names them.
    public static func write(
        _ data: Data, to path: String, permissions: mode_t = 0o644, durable: Bool = true, syncDirectory: Bool = true
    ) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .errno("create a temporary file in", directory) }
        let temporary = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var committed = false
        defer {
            if !committed { unlink(temporary) }
        }
        do {
            defer { close(fd) }
            var offset = 0
            let written: Int32? = data.withUnsafeBytes { buffer -> Int32? in
                while offset < buffer.count {
                    let count = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if count < 0 {
                        if Glibc.errno == EINTR { continue }
                        return Glibc.errno
                    }
                    offset += count
                }
                return nil
            }
            if let code = written { throw StoreError.errno("write", path, code) }
            if fchmod(fd, permissions) != 0 { throw StoreError.errno("set permissions on", path) }
            if durable && fsync(fd) != 0 { throw StoreError.errno("flush", path) }
        }
        guard rename(temporary, path) == 0 else { throw .errno("replace", path) }
        committed = true
        if durable && syncDirectory { Self.syncDirectory(directory) }
    }

    /// Makes the rename itself durable. Best effort: some file systems refuse fsync on directories.
    public static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    /// Creates the directory and any missing parents (mode 0755); a failure carries the system's
    /// reason (`Read-only file system`, `Permission denied`).
    public static func makeDirectory(_ path: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw StoreError(path: path, operation: "use", reason: "it exists and is not a directory")
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try makeDirectory(parent) }
        if mkdir(path, 0o755) != 0 && Glibc.errno != EEXIST { throw .errno("create directory", path) }
    }
}
