import Foundation

/// The only writer of the cache directory:
/// `<cache-dir>/profiles/<orgnr>.json` and `<cache-dir>/logos/<orgnr>-<sha256 prefix>.svg`.
/// Logo files are named by content, so a profile always names the logo it was written with.
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
        try AtomicFile.makeDirectory(profilesDirectory)
        try AtomicFile.makeDirectory(logosDirectory)
        guard access(profilesDirectory, W_OK) == 0, access(logosDirectory, W_OK) == 0 else {
            throw StoreError(path: root, operation: "write to", reason: "permission denied")
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

    /// Writes the logo (if new) and then the profile, both atomically; afterwards removes logo files
    /// of this organisation that the profile no longer names.
    public func save(_ profile: Profile, logoBytes: Data?) throws(StoreError) {
        try prepare()
        try withLock { () throws(StoreError) in try saveLocked(profile, logoBytes: logoBytes) }
    }

    private func saveLocked(_ profile: Profile, logoBytes: Data?) throws(StoreError) {
        if let logo = profile.logo, let logoBytes {
            let path = "\(root)/\(logo.file)"
            if !FileManager.default.fileExists(atPath: path) {
                try AtomicFile.write(logoBytes, to: path)
            }
        }
        let data: Data
        do {
            data = try Profile.encoder().encode(profile)
        } catch {
            throw StoreError(path: profilePath(profile.organisationNumber), operation: "encode", reason: "\(error)")
        }
        try AtomicFile.write(data + Data("\n".utf8), to: profilePath(profile.organisationNumber))
        removeLogos(of: profile.organisationNumber, except: profile.logo?.file)
    }

    /// Deletes logo files of an organisation, keeping `keep` (relative path) if given.
    public func removeLogos(of organisationNumber: String, except keep: String?) {
        // The directory holds every organisation's logos and this runs on every save: names are
        // compared as bytes and only this organisation's become Strings (FileManager made one of each).
        // d_name is read through a pointer, never copied: an entry is only as long as its name.
        let prefix = "\(organisationNumber)-"
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        var names: [String] = []
        if let directory = opendir(logosDirectory) {
            while let entry = readdir(directory) {
                let name = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
                if strncmp(name, prefix, prefix.utf8.count) == 0 { names.append(String(cString: name)) }
            }
            closedir(directory)
        }
        for name in names where name.hasPrefix("\(organisationNumber)-") && name.hasSuffix(".svg") {
            if "logos/\(name)" != keep { unlink("\(logosDirectory)/\(name)") }
        }
    }

    public func absolutePath(_ relative: String) -> String { "\(root)/\(relative)" }

    public var lockPath: String { "\(root)/.lock" }

    /// Runs `body` holding an exclusive `flock` on `<cache-dir>/.lock`, so that a one-shot
    /// `refresh` and the daemon writing the same organisation never interleave "write logo, write
    /// profile, remove old logos". The lock is released by the kernel if the process dies.
    public func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .errno("open the lock file", lockPath) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw .errno("lock", lockPath) }
        }
        return try body()
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

    /// Organisation numbers that have a profile in the cache directory.
    public func storedOrganisations() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: profilesDirectory)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }
}
