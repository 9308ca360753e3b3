import FileIO
import Foundation

/// The review state in the state directory: `<state-dir>/review/<orgnr>.json` per organisation
/// staff have approved a value of or recorded a question to, written atomically. Changes go
/// through `update(_:_:)`, which holds an exclusive lock on `<state-dir>/review/.lock` across
/// read, change and write, so two writes for one organisation never lose each other's change.
public struct ReviewStore: Sendable {
    public let stateDirectory: String

    public init(stateDirectory: String) {
        var root = stateDirectory
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.stateDirectory = root
    }

    public var directory: String { "\(stateDirectory)/review" }

    public func path(_ organisationNumber: String) -> String { "\(directory)/\(organisationNumber).json" }

    /// The state of one organisation; an empty state when there is none. A file that is not a
    /// review state is an error: it must never be silently replaced.
    public func load(_ organisationNumber: String) throws(StoreError) -> ReviewState {
        let path = path(organisationNumber)
        guard FileManager.default.fileExists(atPath: path) else { return ReviewState(organisationNumber: organisationNumber) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(path: path, operation: "read", reason: "the file could not be read")
        }
        do {
            return try Self.decoder().decode(ReviewState.self, from: data)
        } catch {
            throw StoreError(
                path: path, operation: "read",
                reason: "it is not a review state (\(error)); move it away to start that organisation's review afresh")
        }
    }

    /// Every organisation with a review state file.
    public func reviewedOrganisations() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Reads the state, lets `change` edit it and writes it back atomically, all under the lock.
    /// Returns the state written.
    @discardableResult
    public func update(_ organisationNumber: String, _ change: (inout ReviewState) throws(ReviewError) -> Void) throws(ReviewError)
        -> ReviewState
    {
        do {
            try AtomicFile.makeDirectory(directory)
        } catch {
            throw .store(error)
        }
        let lockPath = "\(directory)/.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .store(.errno("open the lock file", lockPath)) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw .store(.errno("lock", lockPath)) }
        }
        var state: ReviewState
        do {
            state = try load(organisationNumber)
        } catch {
            throw .store(error)
        }
        try change(&state)
        do {
            let data = try Self.encoder().encode(state)
            try AtomicFile.write(data + Data("\n".utf8), to: path(organisationNumber))
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(StoreError(path: path(organisationNumber), operation: "encode", reason: "\(error)"))
        }
        return state
    }

    static func encoder() -> JSONEncoder { Profile.encoder() }
    static func decoder() -> JSONDecoder { Profile.decoder() }
}

extension ProfileStore {
    /// Sets the stored profile's `approved` to `approvals` (nil when empty) and its
    /// `changedSinceApproval` to what `changed` keeps of it, under the store's lock, so the
    /// profile shows an approval at once rather than after the next refresh. No profile: nothing.
    public func setApprovals(_ organisationNumber: String, _ approvals: ReviewApprovals, changed: ([String]) -> [String])
        throws(StoreError)
    {
        try withLock { () throws(StoreError) in
            guard var profile = try load(organisationNumber) else { return }
            profile.approved = approvals.isEmpty ? nil : approvals
            let kept = changed(profile.changedSinceApproval ?? [])
            profile.changedSinceApproval = kept.isEmpty ? nil : kept
            let data: Data
            do {
                data = try Profile.encoder().encode(profile)
            } catch {
                throw StoreError(path: profilePath(organisationNumber), operation: "encode", reason: "\(error)")
            }
            try AtomicFile.write(data + Data("\n".utf8), to: profilePath(organisationNumber))
        }
    }
}
