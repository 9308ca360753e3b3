import FileIO
import Foundation
import Synchronization

/// Decoded profiles kept between reads of the review page, each reused while its file is the same
/// (same inode, size and modification time: the store replaces a profile by renaming a new file
/// over it, so a rewritten profile always has a new inode). Decoding 8000 profiles on every
/// `GET /review` took 2.7 s in a debug build; checking 8000 files takes a stat each.
public final class ReviewProfileCache: Sendable {
    private let entries = Mutex<[String: (stamp: FileIdentity, profile: Profile)]>([:])

    public init() {}

    /// The profile of `organisationNumber` as `store.load` reads it, from the cache when the file
    /// has not changed.
    public func load(_ organisationNumber: String, from store: ProfileStore) throws(StoreError) -> Profile? {
        let path = store.profilePath(organisationNumber)
        guard let stamp = FileIdentity(of: path) else {
            entries.withLock { _ = $0.removeValue(forKey: organisationNumber) }
            return try store.load(organisationNumber)
        }
        if let cached = entries.withLock({ $0[organisationNumber] }), cached.stamp == stamp { return cached.profile }
        let profile = try store.load(organisationNumber)
        entries.withLock { $0[organisationNumber] = profile.map { (stamp, $0) } }
        return profile
    }

    /// Forgets organisations that no longer have a profile.
    func keep(only organisationNumbers: Set<String>) {
        entries.withLock { entries in
            for key in entries.keys where !organisationNumbers.contains(key) { entries.removeValue(forKey: key) }
        }
    }
}
