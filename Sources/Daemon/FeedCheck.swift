import Foundation
import Registry

/// What the register's update feeds (enheter and underenheter) say about the organisations a
/// one-shot `refresh` covers, read from the cursors `serve` keeps in `<state-dir>/state.json`.
/// Read only when a state directory is configured and `feed` is on; a feed that cannot be read is
/// a note, and the run goes by the profiles' age alone.
public struct FeedCheck: Sendable {
    /// Tracked organisations with a new, changed or deleted entry: refreshed even when young.
    public var changed: Set<String> = []
    /// Tracked organisations removed from open data (`Fjernet`): purged to a tombstone.
    public var removed: [String: RegistryUpdate] = [:]
    /// The cursors to save after the run; nil when the feeds were not read or did not move.
    public var cursors: FeedCursors?
    /// How far back the first read goes, by date, when there is no cursor yet (as `serve`).
    public static let bootstrapOverlap: TimeInterval = 3600

    public init() {}

    /// `note` hears what a person should know (an unreadable state file, a feed that failed).
    public static func read(
        _ configuration: DaemonConfiguration, registry: RegistryClient, tracked: Set<String>, now: Date = Date(),
        note: (String) -> Void
    ) async -> FeedCheck {
        var check = FeedCheck()
        guard configuration.stateDirectoryConfigured, configuration.followFeed else { return check }
        let (state, problem) = SchedulerState.load(from: configuration.stateDirectory)
        if let problem { note(problem) }
        let page = await UpdateFeedReader.read(registry, from: state.feedCursors, since: now.addingTimeInterval(-bootstrapOverlap))
        for error in page.failures {
            note("\(error); organisations are refreshed by the age of their profiles")
        }
        for update in page.updates where tracked.contains(update.organisationNumber) {
            if update.change == .removed {
                check.removed[update.organisationNumber] = update
                check.changed.remove(update.organisationNumber)
            } else {
                check.changed.insert(update.organisationNumber)
                check.removed[update.organisationNumber] = nil
            }
        }
        check.cursors = page.cursors == state.feedCursors ? nil : page.cursors
        return check
    }

    /// Saves the cursors once the run is over, so a run that dies first reads the same entries
    /// again. Re-reads the state first (a running `serve` may have saved since) and never moves a
    /// cursor back.
    public func saveCursors(_ configuration: DaemonConfiguration, note: (String) -> Void) {
        guard let cursors else { return }
        var (state, _) = SchedulerState.load(from: configuration.stateDirectory)
        state.feedCursors = FeedCursors(
            enheter: [state.feedCursor, cursors.enheter].compactMap { $0 }.max(),
            underenheter: [state.underenhetFeedCursor, cursors.underenheter].compactMap { $0 }.max())
        do {
            try state.save(to: configuration.stateDirectory)
        } catch {
            note("the update-feed cursor was not saved (\(error)); the next run reads the same entries again")
        }
    }
}
