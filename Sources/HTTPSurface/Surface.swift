import Logging

/// What the route builders of the HTTP surface are handed: where the files are, a logger, and a
/// way to make organisations due at once (a supplied logo, say). Built by `serve`.
public struct Surface: Sendable {
    /// `cache-dir`: `profiles/`, `logos/` and `index.json`.
    public var cacheDirectory: String
    /// `state-dir`: the schedule, the review state and the audit log.
    public var stateDirectory: String
    /// `overrides-dir`, when configured: hand-supplied `<orgnr>.svg` / `<orgnr>.json`.
    public var overridesDirectory: String?
    public var logger: Logger
    /// Makes these organisations due now; the scheduler refreshes them as soon as it can.
    public var refreshNow: @Sendable ([String]) async -> Void

    public init(
        cacheDirectory: String, stateDirectory: String, overridesDirectory: String?, logger: Logger,
        refreshNow: @escaping @Sendable ([String]) async -> Void
    ) {
        self.cacheDirectory = cacheDirectory
        self.stateDirectory = stateDirectory
        self.overridesDirectory = overridesDirectory
        self.logger = logger
        self.refreshNow = refreshNow
    }
}
