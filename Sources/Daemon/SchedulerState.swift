import FileIO
import Foundation
import Profiles
import Registry

/// What the daemon remembers across restarts, in `<state-dir>/state.json` (written atomically):
/// when each organisation is due, how often it failed in a row, per-host backoff, and the
/// update-feed cursor. A missing or unreadable file starts afresh (everything due now).
public struct SchedulerState: Codable, Sendable, Equatable {
    public struct Organisation: Codable, Sendable, Equatable {
        public var due: Date
        public var failures: Int = 0
        public var lastAttempt: Date?
        public var lastSuccess: Date?
        /// The website's host, for per-host backoff.
        public var host: String?
        /// True when the latest refresh kept values from an earlier one or failed.
        public var stale: Bool = false
    }

    public struct Host: Codable, Sendable, Equatable {
        public var blockedUntil: Date
        public var failures: Int
    }

    public var version = 1
    public var organisations: [String: Organisation] = [:]
    public var hosts: [String: Host] = [:]
    /// The next update-feed id to read (last processed id + 1); nil before the first poll.
    public var feedCursor: Int?
    /// The same for the underenheter feed, which has ids of its own.
    public var underenhetFeedCursor: Int?
    /// Both cursors as the feed reader takes them.
    public var feedCursors: FeedCursors {
        get { FeedCursors(enheter: feedCursor, underenheter: underenhetFeedCursor) }
        set {
            feedCursor = newValue.enheter
            underenhetFeedCursor = newValue.underenheter
        }
    }
    /// Numbers the configured registry queries returned last time, so a restart tracks them at once.
    public var queryResults: [String] = []

    public init() {}

    public static func path(in stateDirectory: String) -> String { "\(stateDirectory)/state.json" }

    public static func load(from stateDirectory: String) -> (SchedulerState, problem: String?) {
        let path = path(in: stateDirectory)
        guard let data = FileManager.default.contents(atPath: path) else { return (SchedulerState(), nil) }
        do {
            var state = try Profile.decoder().decode(SchedulerState.self, from: data)
            // Entries written by a version that did not check register search results.
            let invalid = state.organisations.keys.filter { !Self.isOrganisationNumber($0) }
            let invalidResults = state.queryResults.filter { !Self.isOrganisationNumber($0) }
            guard !invalid.isEmpty || !invalidResults.isEmpty else { return (state, nil) }
            for key in invalid { state.organisations[key] = nil }
            state.queryResults.removeAll { !Self.isOrganisationNumber($0) }
            let shown = Set(invalid + invalidResults).sorted().map { "'\($0.asciiEscaped)'" }.joined(separator: ", ")
            return (state, "\(path) held entries that are not organisation numbers (\(shown)); they were dropped")
        } catch {
            return (SchedulerState(), "\(path) could not be read (\(error)); starting with every organisation due")
        }
    }

    private static func isOrganisationNumber(_ text: String) -> Bool {
        (try? OrganisationNumber(validating: text))?.digits == text
    }

    public func save(to stateDirectory: String) throws(StoreError) {
        try AtomicFile.makeDirectory(stateDirectory)
        let data: Data
        do {
            data = try Profile.encoder().encode(self)
        } catch {
            throw StoreError(path: Self.path(in: stateDirectory), operation: "encode", reason: "\(error)")
        }
        try AtomicFile.write(data, to: Self.path(in: stateDirectory))
    }
}
