import CurlHTTP
import Discovery
import Foundation
import Logging
import Profiles
import Registry
import SVGValidation

/// The daemon's shared state: the configuration in force, the schedule, and progress for
/// `STATUS=`. Services (scheduler, feed follower, reloader) read and change it; nothing else does.
public actor DaemonCore {
    public private(set) var configuration: DaemonConfiguration
    /// Numbers given after the flags; they add to the configured ones and survive reloads.
    private let extraOrganisations: [OrganisationNumber]
    private(set) var state: SchedulerState
    private var listed: [OrganisationNumber] = []
    private var inFlight: Set<String> = []
    private var stateDirty = false
    private var lastRefresh: Date?
    private var storeProblem: String?
    private var stateProblem: String?
    private(set) var refresher: ProfileRefresher
    private(set) var registry: RegistryClient
    private var http: CurlHTTPClient
    /// `http`, behind the HTTP revalidation cache when one is configured; used for website pages and logos.
    private var siteHTTP: any HTTPFetching
    let logger: Logger
    private let now: @Sendable () -> Date

    public init(
        configuration: DaemonConfiguration, extraOrganisations: [OrganisationNumber], logger: Logger,
        now: @escaping @Sendable () -> Date = Date.init
    ) throws(ConfigurationError) {
        self.configuration = configuration
        self.extraOrganisations = extraOrganisations
        self.logger = logger
        self.now = now
        let (state, problem) = SchedulerState.load(from: configuration.stateDirectory)
        if let problem { logger.warning("\(problem)") }
        self.state = state
        let http = CurlHTTPClient(settings: configuration.http)
        self.http = http
        siteHTTP = Self.siteFetcher(configuration, http: http, logger: logger)
        (registry, refresher) = Self.tools(configuration, http: http, siteHTTP: siteHTTP)
        let listed = try Self.listed(configuration, extra: extraOrganisations)
        self.listed = listed
        for number in Set(listed.map(\.digits)).union(state.queryResults) where state.organisations[number] == nil {
            self.state.organisations[number] = SchedulerState.Organisation(due: now())
        }
    }

    private static func listed(_ configuration: DaemonConfiguration, extra: [OrganisationNumber]) throws(ConfigurationError)
        -> [OrganisationNumber]
    {
        var numbers = try configuration.listedOrganisations()
        var seen = Set(numbers)
        for number in extra where seen.insert(number).inserted { numbers.append(number) }
        return numbers
    }

    /// Register and feed requests always go to the origin; website pages and logos are revalidated.
    private static func siteFetcher(_ configuration: DaemonConfiguration, http: CurlHTTPClient, logger: Logger) -> any HTTPFetching {
        configuration.siteFetcher(wrapping: http) { logger.warning("\($0)") }
    }

    private static func tools(_ configuration: DaemonConfiguration, http: CurlHTTPClient, siteHTTP: any HTTPFetching)
        -> (RegistryClient, ProfileRefresher)
    {
        let registry = RegistryClient(http: http, baseURL: configuration.registryURL)
        let refresher = ProfileRefresher(
            registry: registry,
            discoverer: SiteDiscoverer(http: siteHTTP, validator: SVGValidator(), options: configuration.discoveryOptions),
            store: ProfileStore(root: configuration.cacheDirectory),
            overrides: configuration.overridesDirectory.map { OperatorOverrides(directory: $0) })
        return (registry, refresher)
    }

    /// Every organisation the daemon keeps fresh.
    var tracked: Set<String> {
        Set(listed.map(\.digits)).union(state.queryResults)
    }

    /// Puts a reloaded configuration in force. Directories are not moved while running.
    public func apply(_ new: DaemonConfiguration) throws(ConfigurationError) {
        let newListed = try Self.listed(new, extra: extraOrganisations)
        var adjusted = new
        adjusted.cacheDirectory = configuration.cacheDirectory
        adjusted.stateDirectory = configuration.stateDirectory
        if new.cacheDirectory != configuration.cacheDirectory || new.stateDirectory != configuration.stateDirectory {
            logger.warning("cache-dir and state-dir changes take effect at the next start")
        }
        if new.organisationQueries != configuration.organisationQueries { state.queryResults = [] }
        let httpChanged = adjusted.httpFingerprint != configuration.httpFingerprint
        if httpChanged {
            // The old client ends its thread once the refreshes still using it let go of it.
            http = CurlHTTPClient(settings: adjusted.http)
        }
        if httpChanged || adjusted.httpCacheMegabytes != configuration.httpCacheMegabytes {
            siteHTTP = Self.siteFetcher(adjusted, http: http, logger: logger)
        }
        configuration = adjusted
        listed = newListed
        (registry, refresher) = Self.tools(adjusted, http: http, siteHTTP: siteHTTP)
        addMissing()
    }

    func setQueryResults(_ numbers: [String]) {
        state.queryResults = numbers
        addMissing()
    }

    private func addMissing() {
        let current = now()
        for number in tracked where state.organisations[number] == nil {
            state.organisations[number] = SchedulerState.Organisation(due: current)
        }
        stateDirty = true
    }

    /// Due organisations not already being refreshed, earliest first, marked in flight.
    /// Organisations whose website host is backing off wait for the host.
    func takeDue(limit: Int) -> [OrganisationNumber] {
        let current = now()
        let tracked = tracked
        var due: [(String, Date)] = []
        for (number, entry) in state.organisations where entry.due <= current && !inFlight.contains(number) && tracked.contains(number) {
            if let host = entry.host, let blocked = state.hosts[host], blocked.blockedUntil > current {
                state.organisations[number]?.due = blocked.blockedUntil
                continue
            }
            due.append((number, entry.due))
        }
        // Only valid numbers are scheduled (SchedulerState.load drops others); checked again so
        // that nothing is marked in flight that no refresh will ever finish.
        let chosen = due.sorted { $0.1 < $1.1 }.prefix(limit).compactMap { try? OrganisationNumber(validating: $0.0) }
        inFlight.formUnion(chosen.map(\.digits))
        return chosen
    }

    /// Makes organisations due now (the update feed saw a change).
    func makeDueNow(_ numbers: [String]) {
        let current = now()
        for number in numbers where tracked.contains(number) {
            state.organisations[number, default: SchedulerState.Organisation(due: current)].due = current
        }
        stateDirty = true
    }

    func isTracked(_ number: String) -> Bool { tracked.contains(number) }

    var trackedCount: Int { tracked.count }

    func setFeedCursor(_ cursor: Int) {
        state.feedCursor = cursor
        stateDirty = true
    }

    /// Records how a refresh ended and when the organisation is next due.
    func finish(_ outcome: RefreshOutcome) {
        let number = outcome.organisationNumber
        inFlight.remove(number)
        let current = now()
        var entry = state.organisations[number] ?? SchedulerState.Organisation(due: current)
        entry.lastAttempt = current
        let interval = configuration.refreshInterval
        switch outcome.result {
        case .written, .removed, .notFound:
            entry.failures = 0
            if outcome.profile != nil { entry.lastSuccess = current }
            entry.due = current.addingTimeInterval(interval + Double.random(in: 0...max(0, configuration.refreshJitter)))
            lastRefresh = current
            storeProblem = nil
            let profile = outcome.profile
            entry.stale = profile.map { [$0.logo?.stale, $0.email?.stale, $0.phone?.stale].contains(true) } ?? false
            if let website = profile?.website, let host = URLComponents(string: website)?.host?.lowercased() {
                entry.host = host
                let siteFailed = profile?.problems.contains { ["site.unreachable", "site.blocked"].contains($0.code) } ?? false
                if siteFailed {
                    var hostState = state.hosts[host] ?? SchedulerState.Host(blockedUntil: current, failures: 0)
                    hostState.failures += 1
                    hostState.blockedUntil = current.addingTimeInterval(backoff(hostState.failures))
                    state.hosts[host] = hostState
                    logger.notice(
                        "site \(host) failed \(hostState.failures) time(s) in a row; next try after \(Self.clock(hostState.blockedUntil))")
                } else {
                    state.hosts[host] = nil
                }
            }
        case .registryFailed, .storeFailed:
            entry.failures += 1
            entry.stale = true
            entry.due = current.addingTimeInterval(backoff(entry.failures))
            if outcome.result == .storeFailed { storeProblem = outcome.error }
            logger.error("\(number): \(outcome.error ?? outcome.result.rawValue); retry after \(Self.clock(entry.due))")
        case .cancelled:
            entry.due = current
        }
        state.organisations[number] = entry
        stateDirty = true
    }

    /// `retry-delay` doubled per failure in a row, capped at the refresh interval, with ±10 % jitter.
    private func backoff(_ failures: Int) -> TimeInterval {
        let base = configuration.retryDelay * pow(2, Double(min(failures - 1, 30)))
        return min(configuration.refreshInterval, base) * Double.random(in: 0.9...1.1)
    }

    func noteStoreProblem(_ problem: String?) { storeProblem = problem }

    /// Writes the state file when something changed; a failure is reported in STATUS and retried.
    func persist(force: Bool = false) {
        guard stateDirty || force else { return }
        do {
            try state.save(to: configuration.stateDirectory)
            stateDirty = false
            stateProblem = nil
        } catch {
            if stateProblem == nil { logger.error("state not saved: \(error); retrying") }
            stateProblem = "\(error)"
        }
    }

    /// One line for `systemctl status`: "1432 profiles, 12 stale, last refresh 04:12".
    public func statusLine() -> String {
        let tracked = tracked
        let entries = state.organisations.filter { tracked.contains($0.key) }
        let current = now()
        let profiles = entries.values.filter { $0.lastSuccess != nil }.count
        let stale = entries.values.filter {
            $0.stale || $0.failures > 0 || $0.due < current.addingTimeInterval(-configuration.refreshInterval)
        }.count
        var line = "\(profiles) profiles, \(stale) stale, last refresh \(lastRefresh.map(Self.clock) ?? "none yet")"
        if !inFlight.isEmpty { line += ", \(inFlight.count) refreshing" }
        if let storeProblem { line += "; CACHE DIR FAILING: \(storeProblem)" }
        if let stateProblem { line += "; STATE DIR FAILING: \(stateProblem)" }
        return line
    }

    static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
