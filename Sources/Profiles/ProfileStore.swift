import FileIO
import Foundation

/// The only writer of the cache directory:
/// `<cache-dir>/profiles/<orgnr>.json`, `<cache-dir>/logos/<orgnr>-<sha256 prefix>.svg`, the
/// logo's Tiny PS copy `<cache-dir>/logos/<orgnr>-<sha256 prefix>.tiny-ps.svg` and, for a raster
/// fallback, `<cache-dir>/logos/<orgnr>-<sha256 prefix>.png|jpg|webp`, and the logo's PNG
/// renditions `<cache-dir>/logos/<orgnr>-<sha256 prefix>-h<height>.png`.
/// Logo files are named by content, so a profile always names the files it was written with.
public struct ProfileStore: Sendable {
    public let root: String

    public init(root: String) {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    public var profilesDirectory: String { "\(root)/profiles" }
    public var logosDirectory: String { "\(root)/logos" }

    public func profilePath(_ organisationNumber: String) -> String { "\(profilesDirectory)/\(organisationNumber).json" }

    /// Creates the directories; fails with a clear error when the cache directory cannot be written.
    public func prepare() throws(StoreError) {
        for directory in [root, profilesDirectory, logosDirectory] {
            do {
                try AtomicFile.makeDirectory(directory)
            } catch {
                throw Self.notWritable(directory, code: errno, otherwise: error)
            }
            guard access(directory, W_OK) == 0 else {
                throw Self.notWritable(directory, code: errno, otherwise: .errno("write to", directory))
            }
        }
    }

    /// Why the cache directory cannot be written, and what the operator can do about it.
    static func notWritable(_ path: String, code: Int32, otherwise: StoreError) -> StoreError {
        let elsewhere = "or point --cache-dir (config key cache-dir) at a writable directory"
        switch code {
        case EROFS:
            return StoreError(
                path: path, operation: "write to", reason: "it is on a read-only file system; mount it read-write, \(elsewhere)")
        case EACCES, EPERM:
            let uid = getuid()
            let user =
                getpwuid(uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }.map { "user \($0) (uid \(uid))" } ?? "uid \(uid)"
            return StoreError(
                path: path, operation: "write to",
                reason: "it is read-only for \(user); make it writable for that user (under systemd, CacheDirectory= does), \(elsewhere)")
        default:
            return otherwise
        }
    }

    /// The stored profile, nil when none exists. A file that is not a profile is an error, not nil:
    /// it must never be silently replaced.
    public func load(_ organisationNumber: String) throws(StoreError) -> Profile? {
        let path = profilePath(organisationNumber)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(path: path, operation: "read", reason: "the file could not be read")
        }
        do {
            return try Profile.decoder().decode(Profile.self, from: data)
        } catch {
            throw StoreError(path: path, operation: "read", reason: "it is not a valid profile (\(error))")
        }
    }

    /// Relative path a logo with these bytes is stored under.
    public func logoFile(_ organisationNumber: String, sha256: String) -> String {
        "logos/\(organisationNumber)-\(sha256.prefix(16)).svg"
    }

    /// Relative path a raster fallback with these bytes is stored under.
    public func rasterFallbackFile(_ organisationNumber: String, sha256: String, fileExtension: String) -> String {
        "logos/\(organisationNumber)-\(sha256.prefix(16)).\(fileExtension)"
    }

    /// Relative path of the PNG rendition `height` px high of the logo with these bytes.
    public func renditionFile(_ organisationNumber: String, sha256: String, height: Int) -> String {
        "logos/\(organisationNumber)-\(sha256.prefix(16))-h\(height).png"
    }

    /// Relative path of the Tiny PS copy of the logo at `logoFile`: `….svg` → `….tiny-ps.svg`.
    public func tinyPSFile(forLogo logoFile: String) -> String {
        (logoFile.hasSuffix(".svg") ? String(logoFile.dropLast(4)) : logoFile) + ".tiny-ps.svg"
    }

    /// Writes the logo, its renditions and the raster fallback (if new) and the logo's Tiny PS copy
    /// (if changed), then the profile, all atomically; afterwards removes logo files of this
    /// organisation that the profile no longer names. `renditionBytes` maps a rendition's relative
    /// path to its PNG; a rendition the profile names whose file neither exists nor is given is left
    /// out of the profile, so a profile never names a missing file. The lock, writes, fsyncs and
    /// renames run on `FileIOExecutor.shared`, not on the cooperative pool.
    public func save(
        _ profile: Profile, logoBytes: Data?, rasterFallbackBytes: Data? = nil, tinyPSBytes: Data? = nil,
        renditionBytes: [String: Data] = [:]
    ) async throws(StoreError) {
        try await FileIOExecutor.shared.run { () throws(StoreError) in
            try prepare()
            try withOrganisationLock(profile.organisationNumber) { () throws(StoreError) in
                try saveLocked(
                    profile, logoBytes: logoBytes, rasterFallbackBytes: rasterFallbackBytes, tinyPSBytes: tinyPSBytes,
                    renditionBytes: renditionBytes)
            }
        }
    }

    private func saveLocked(
        _ profile: Profile, logoBytes: Data?, rasterFallbackBytes: Data?, tinyPSBytes: Data?, renditionBytes: [String: Data]
    ) throws(StoreError) {
        var profile = profile
        // The files the stored profile names now, read before it is replaced. Only those can
        // become unreferenced by this save: removing them costs an unlink each, where listing the
        // logo directory on every save made a refresh of N organisations O(N²).
        let previousFiles = namedFiles(profile.organisationNumber)
        // Logo files are renamed into place without a directory fsync each; one fsync of `logos/`
        // below makes all of them durable before the profile that names them is written.
        var wroteLogoFiles = false
        for (file, bytes) in [(profile.logo?.file, logoBytes), (profile.logoRasterFallback?.file, rasterFallbackBytes)] {
            guard let file, let bytes else { continue }
            let path = "\(root)/\(file)"
            if !FileManager.default.fileExists(atPath: path) {
                try AtomicFile.write(bytes, to: path, syncDirectory: false)
                wroteLogoFiles = true
            }
        }
        // The copy's name follows the logo, but its <title> follows the display name, so the same
        // name can need new bytes.
        if let file = profile.logo?.tinyPS?.file, let tinyPSBytes {
            let path = "\(root)/\(file)"
            if FileManager.default.contents(atPath: path) != tinyPSBytes {
                try AtomicFile.write(tinyPSBytes, to: path, syncDirectory: false)
                wroteLogoFiles = true
            }
        }
        if let renditions = profile.logo?.renditions {
            for rendition in renditions where !FileManager.default.fileExists(atPath: absolutePath(rendition.file)) {
                if let bytes = renditionBytes[rendition.file] {
                    try AtomicFile.write(bytes, to: absolutePath(rendition.file), syncDirectory: false)
                    wroteLogoFiles = true
                }
            }
            profile.logo?.renditions = renditions.filter { FileManager.default.fileExists(atPath: absolutePath($0.file)) }
        }
        // The symbol kept beside the logo: its SVG and renditions, like the logo's. A symbol whose
        // SVG is neither on disk nor given is left out, so a profile never names a missing file.
        if let symbol = profile.logo?.symbol {
            for file in symbol.files where !FileManager.default.fileExists(atPath: absolutePath(file)) {
                if let bytes = renditionBytes[file] {
                    try AtomicFile.write(bytes, to: absolutePath(file), syncDirectory: false)
                    wroteLogoFiles = true
                }
            }
            if !FileManager.default.fileExists(atPath: absolutePath(symbol.file)) {
                profile.logo?.symbol = nil
            } else {
                profile.logo?.symbol?.renditions = symbol.renditions?.filter {
                    FileManager.default.fileExists(atPath: absolutePath($0.file))
                }
            }
        }
        if wroteLogoFiles { AtomicFile.syncDirectory(logosDirectory) }
        let data: Data
        do {
            data = try Profile.encoder().encode(profile)
        } catch {
            throw StoreError(path: profilePath(profile.organisationNumber), operation: "encode", reason: "\(error)")
        }
        try AtomicFile.write(data + Data("\n".utf8), to: profilePath(profile.organisationNumber))
        let named = Set((profile.logo?.files ?? []) + [profile.logoRasterFallback?.file].compactMap { $0 })
        for previous in previousFiles where !named.contains(previous) && Self.isLogoFileName(previous, of: profile.organisationNumber) {
            unlink(absolutePath(previous))
        }
    }

    /// The files a stored profile names (`logo.file`, `logo.renditions[].file`, `logo.tinyPS.file`,
    /// `logo.symbol.file` and its renditions, `logoRasterFallback.file`);
    /// empty when there is no profile or it cannot be read (then nothing is deleted on its word).
    private func namedFiles(_ organisationNumber: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: profilePath(organisationNumber)),
            let reference = try? JSONDecoder().decode(FileReferences.self, from: data)
        else { return [] }
        return reference.files
    }

    /// The keys of a profile that say which files it names (decoding the whole profile for them
    /// cost the start-up sweep about 0.5 s per 8000 profiles).
    private struct FileReferences: Decodable {
        struct File: Decodable { var file: String }
        struct Logo: Decodable {
            struct TinyPS: Decodable { var file: String? }
            struct Symbol: Decodable {
                var file: String
                var renditions: [File]?
            }
            var file: String
            var renditions: [File]?
            var tinyPS: TinyPS?
            var symbol: Symbol?
        }
        var organisationNumber: String
        var logo: Logo?
        var logoRasterFallback: File?

        var files: [String] {
            [logo?.file, logo?.tinyPS?.file, logoRasterFallback?.file].compactMap { $0 } + (logo?.renditions ?? []).map(\.file)
                + (logo?.symbol.map { [$0.file] + ($0.renditions ?? []).map(\.file) } ?? [])
        }
    }

    /// Extensions of the raster fallback files this store writes under `logos/`.
    static let rasterFileExtensions = ["png", "jpg", "webp"]

    /// A name this store may delete for `organisationNumber`: `logos/<orgnr>-<anything without a
    /// slash>.svg`, or exactly `logos/<orgnr>-<16 hex>.png|jpg|webp` (the raster fallback's names)
    /// or `logos/<orgnr>-<16 hex>-h<digits>.png` (renditions); other images an operator put there
    /// are left alone.
    static func isLogoFileName(_ relative: String, of organisationNumber: String) -> Bool {
        let prefix = "logos/\(organisationNumber)-"
        guard relative.hasPrefix(prefix) else { return false }
        let rest = relative.dropFirst(prefix.count)
        if relative.hasSuffix(".svg") { return !rest.contains("/") && !rest.hasPrefix(".") }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, rasterFileExtensions.contains(String(parts[1])) else { return false }
        func isDigest(_ text: Substring) -> Bool { text.count == 16 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase } }
        if isDigest(parts[0]) { return true }
        // A rendition: `<16 hex>-h<digits>.png`.
        let stem = parts[0]
        guard parts[1] == "png", stem.count > 18, isDigest(stem.prefix(16)) else { return false }
        let height = stem.dropFirst(16)
        return height.hasPrefix("-h") && height.dropFirst(2).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Logo files no profile names (`<orgnr>-*.svg|png|jpg|webp` with no profile, incl. renditions, or others than
    /// the profile names): what a writer killed between writing a logo and its profile, or between
    /// the profile and the removal of the old logo, left behind. A profile that cannot be read keeps
    /// all its organisation's logos. Under the lock; returns how many files were removed.
    @discardableResult
    public func removeUnreferencedLogos() throws(StoreError) -> Int {
        try withLock { () throws(StoreError) -> Int in
            var byOrganisation: [String: [String]] = [:]
            for name in directoryNames(logosDirectory) {
                let bytes = name.utf8
                guard bytes.count > 10, bytes.prefix(9).allSatisfy({ (48...57).contains($0) }) else { continue }
                let organisationNumber = String(name.prefix(9))
                guard Self.isLogoFileName("logos/\(name)", of: organisationNumber) else { continue }
                byOrganisation[organisationNumber, default: []].append(name)
            }
            var removed = 0
            for (organisationNumber, names) in byOrganisation {
                var named: Set<String> = []
                if FileManager.default.fileExists(atPath: profilePath(organisationNumber)) {
                    guard let data = FileManager.default.contents(atPath: profilePath(organisationNumber)),
                          let reference = try? JSONDecoder().decode(FileReferences.self, from: data),
                          reference.organisationNumber == organisationNumber
                    else { continue }
                    named = Set(reference.files)
                }
                for name in names where !named.contains("logos/\(name)") && unlink("\(logosDirectory)/\(name)") == 0 { removed += 1 }
            }
            return removed
        }
    }

    /// Names in a directory, through readdir: `d_name` is read through a pointer, never copied
    /// (an entry is only as long as its name).
    private func directoryNames(_ path: String) -> [String] {
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        var names: [String] = []
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func absolutePath(_ relative: String) -> String { "\(root)/\(relative)" }

    public var lockPath: String { "\(root)/.lock" }

    /// Runs `body` holding an exclusive `flock` on `<cache-dir>/.lock`: the whole store, for work
    /// over every organisation's files (removing unreferenced logos and leftover temporary files).
    /// No organisation's save runs meanwhile, in this process or another. The lock is released by
    /// the kernel if the process dies.
    public func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let fd = try openLockFile()
        defer { close(fd) }
        try lockFile(fd, LOCK_EX)
        return try body()
    }

    /// Runs `body` holding one organisation's files: a shared `flock` on `<cache-dir>/.lock` (so
    /// whole-store work, and writers from before this lock existed, which took it exclusively,
    /// wait) and an exclusive open-file-description lock on the byte at offset `<orgnr>` of the
    /// same file, so that a one-shot `refresh` and the daemon writing the same organisation never
    /// interleave "write logo, write profile, remove old logos", while saves of different
    /// organisations, each with its own fsyncs, run at the same time. Both locks go when the file
    /// is closed, or when the process dies.
    public func withOrganisationLock<T>(_ organisationNumber: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        // Organisation numbers are 9 digits, never 0: the byte cannot be another organisation's.
        guard organisationNumber.utf8.count == 9, let offset = Int(organisationNumber), offset > 0 else {
            return try withLock(body)
        }
        let fd = try openLockFile()
        defer { close(fd) }
        try lockFile(fd, LOCK_SH)
        var range = Glibc.flock()
        range.l_type = Int16(F_WRLCK)
        range.l_whence = Int16(SEEK_SET)
        range.l_start = off_t(offset)
        range.l_len = 1
        while fcntl(fd, Self.setOFDLockWaiting, &range) != 0 {
            if errno != EINTR { throw .errno("lock organisation \(organisationNumber) in", lockPath) }
        }
        return try body()
    }

    /// `F_OFD_SETLKW` (Linux 3.15): Glibc defines it only under `_GNU_SOURCE`.
    static let setOFDLockWaiting: Int32 = 38

    private func openLockFile() throws(StoreError) -> Int32 {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .errno("open the lock file", lockPath) }
        return fd
    }

    private func lockFile(_ fd: Int32, _ operation: Int32) throws(StoreError) {
        while flock(fd, operation) != 0 {
            if errno != EINTR { throw .errno("lock", lockPath) }
        }
    }

    /// Removes temporary files that a killed writer left behind (`.<name>.tmp-XXXXXX`). Under the
    /// lock, so a live writer's temporary file is never taken away from it.
    public func removeLeftoverTemporaryFiles() throws(StoreError) {
        try withLock { () throws(StoreError) in
            for directory in [profilesDirectory, logosDirectory] {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                where name.hasPrefix(".") && name.contains(".tmp-") {
                    unlink("\(directory)/\(name)")
                }
            }
        }
    }

    /// `<cache-dir>/index.json`: every profile in one document, `{"profiles":[…]}` (what
    /// `GET /profiles` answers), for consumers that read files.
    public var indexPath: String { "\(root)/index.json" }

    /// Writes the index from `index`'s current snapshot, atomically; returns its sha256. Skips the
    /// write when the file already holds that document (`unlessSHA256`).
    @discardableResult
    public func writeIndex(from index: ProfileIndex, unlessSHA256 previous: String? = nil) async throws(StoreError) -> String {
        try await FileIOExecutor.shared.run { () throws(StoreError) -> String in
            index.invalidate()
            let snapshot = try index.snapshot()
            if snapshot.sha256 != previous || !FileManager.default.fileExists(atPath: indexPath) {
                try AtomicFile.write(Data(snapshot.document), to: indexPath)
            }
            return snapshot.sha256
        }
    }

    /// Organisation numbers that have a profile in the cache directory.
    public func storedOrganisations() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: profilesDirectory)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }
}
