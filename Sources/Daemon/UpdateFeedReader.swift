import Foundation
import Registry

/// Where reading the register's two update feeds continues: the next id of each (last id seen
/// + 1), nil before a feed's first poll. `serve` and `refresh` keep them in `state.json`.
public struct FeedCursors: Sendable, Equatable {
    public var enheter: Int?
    public var underenheter: Int?

    public init(enheter: Int?, underenheter: Int?) {
        self.enheter = enheter
        self.underenheter = underenheter
    }
}

/// Reads one page of each update feed, enheter and underenheter, from its cursor (by date from
/// `since` for a feed without one). A feed that cannot be read keeps its cursor and is reported;
/// the other is still used.
public enum UpdateFeedReader {
    public struct Page: Sendable {
        /// New entries of both feeds, enheter first, each oldest first.
        public var updates: [RegistryUpdate]
        public var cursors: FeedCursors
        /// True when a feed's page was full (more may be waiting).
        public var full: Bool
        public var failures: [RegistryError]
    }

    public static func read(_ registry: RegistryClient, from cursors: FeedCursors, since: Date, size: Int = 10_000) async -> Page {
        var page = Page(updates: [], cursors: cursors, full: false, failures: [])
        for kind in [RegistryRecord.Kind.enhet, .underenhet] {
            let cursor = kind == .enhet ? cursors.enheter : cursors.underenheter
            let updates: [RegistryUpdate]
            do {
                updates = try await registry.updates(from: cursor.map { .fromID($0) } ?? .since(since), size: size, kind: kind)
            } catch {
                page.failures.append(error)
                continue
            }
            page.updates += updates.filter { cursor == nil || $0.id >= cursor! }
            page.full = page.full || updates.count >= size
            if let last = updates.last?.id, last + 1 > (cursor ?? 0) {
                if kind == .enhet { page.cursors.enheter = last + 1 } else { page.cursors.underenheter = last + 1 }
            }
        }
        return page
    }
}
