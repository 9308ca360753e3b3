import Foundation
import Logging
import OrgModel
import Testing

@testable import Daemon

/// The daemon's services in this test process (the library, as `serve` runs it), reaching a
/// synthetic web on loopback through the ordinary operator settings, with time on a
/// `ManualClock`: schedules of hours run in milliseconds and nothing sleeps for real.
struct InProcessDaemon {
    let web: SyntheticWeb
    let clock: ManualClock
    let core: DaemonCore
    let cache: String
    let state: String
    let configFile: String

    /// `settings` are configuration keys as JSON text (`"refresh-interval": 3600, …`), added to
    /// the web's operator settings and fresh cache and state directories.
    init(
        web: SyntheticWeb, organisations: [String], settings: String, clock: ManualClock = ManualClock(),
        state: String = temporaryDirectory("inproc-state")
    ) throws {
        self.web = web
        self.clock = clock
        cache = temporaryDirectory("inproc-cache")
        self.state = state
        configFile = temporaryDirectory("inproc-config") + "/config.json"
        try Self.writeConfiguration(
            configFile, web: web, cache: cache, state: state, organisations: organisations, settings: settings)
        let configuration = try DaemonConfiguration.load(ConfigurationSources(environment: [:], filePath: configFile))
        core = try DaemonCore(configuration: configuration, extraOrganisations: [], logger: Self.logger, clock: clock)
    }

    static let logger = Logger(label: "orgprofile-test") { _ in SwiftLogNoOpLogHandler() }

    static func writeConfiguration(
        _ path: String, web: SyntheticWeb, cache: String, state: String, organisations: [String], settings: String
    ) throws {
        let list = organisations.map { "\"\($0)\"" }.joined(separator: ", ")
        let json = """
            {"cache-dir": "\(cache)", "state-dir": "\(state)", "organisations": [\(list)],
             "connect-to": [":80:127.0.0.1:\(web.httpPort)", ":443:127.0.0.1:\(web.httpsPort)"], "cacert": "\(web.caFile)",
             "allow-address-range": ["127.0.0.0/8"], \(settings)}
            """
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The configuration file rewritten with other organisations and settings, loaded.
    func reloaded(organisations: [String], settings: String) throws -> DaemonConfiguration {
        try Self.writeConfiguration(configFile, web: web, cache: cache, state: state, organisations: organisations, settings: settings)
        return try DaemonConfiguration.load(ConfigurationSources(environment: [:], filePath: configFile))
    }

    var scheduler: RefreshScheduler {
        RefreshScheduler(core: core, notifier: SystemdNotifier(environment: [:]), watchdog: nil, logger: Self.logger)
    }

    var feedFollower: FeedFollower { FeedFollower(core: core, logger: Self.logger) }

    func profile(_ number: String) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: "\(cache)/profiles/\(number).json") else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    func registeredName(_ number: String) -> String? {
        (profile(number)?["name"] as? [String: Any])?["registered"] as? String
    }

    /// `state.json` as saved on disk.
    var savedState: SchedulerState? {
        guard FileManager.default.fileExists(atPath: SchedulerState.path(in: state)) else { return nil }
        return SchedulerState.load(from: state).0
    }

    /// When the scheduler last started a refresh of `number` (clock time).
    func lastAttempt(_ number: String) async -> Date? {
        await core.state.organisations[number]?.lastAttempt
    }

    /// Whether the last refresh of every one of `numbers` started at `time`.
    func attempted(_ numbers: [String], at time: Date) async -> Bool {
        for number in numbers where await lastAttempt(number) != time { return false }
        return true
    }

    /// Files an interrupted writer would leave: `AtomicFile`'s temporary files (`.NAME.tmp-XXXXXX`)
    /// anywhere in the cache directory.
    var leftovers: [String] {
        let enumerator = FileManager.default.enumerator(atPath: cache)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") && name.contains(".tmp-") { found.append(path) }
        }
        return found
    }

    /// Waits (real time) until the services have gone back to sleep: `sleepers` tasks asleep on
    /// the clock and no refresh in flight, twice in a row 20 ms apart.
    func settled(sleepers: Int, timeout: TimeInterval = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var quietBefore = false
        while Date() < deadline {
            let refreshing = await core.inFlightCount
            let quiet = clock.sleeperCount >= sleepers && refreshing == 0
            if quiet && quietBefore { return true }
            quietBefore = quiet
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

/// Polls an async `condition` every 20 ms until it holds or `timeout` (real seconds) passes.
func eventuallyAsync(timeout: TimeInterval, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
