import CurlHTTP
import Discovery
import Foundation
import Logging
import OrgModel
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
    /// `Fjernet` from the feed for organisations whose refresh was in flight: purged when it ends.
    private var purgesWaiting: [String: RegistryLookup] = [:]
    private var stateDirty = false
    private var lastRefresh: Date?
    private var storeProblem: String?
    private var stateProblem: String?
    /// Client, HTTP cache, register client, discoverer and store for the configuration in force.
    private(set) var parts: RefreshParts
    var refresher: ProfileRefresher { parts.refresher }
    var registry: RegistryClient { parts.registry }
    let logger: Logger
    /// Rung when organisations become due outside the schedule (feed, reload, register queries).
    nonisolated let workSignal = WorkSignal()
    /// Rung when a refresh ended, so `index.json` is written again.
    nonisolated let indexSignal = WorkSignal()
    /// What time it is and how the services wait: due times, the feed's polls, the loop's beats.
    nonisolated let clock: any DaemonClock

    public init(
        configuration: DaemonConfiguration, extraOrganisations: [OrganisationNumber], logger: Logger,
        clock: any DaemonClock = SystemClock()
    ) throws(ConfigurationError) {
        self.configuration = configuration
        self.extraOrganisations = extraOrganisations
        self.logger = logger
        self.clock = clock
        let (state, problem) = SchedulerState.load(from: configuration.stateDirectory)
        if let problem { logger.warning("\(problem)") }
        self.state = state
        // Register and feed requests always go to the origin; website pages and logos are revalidated.
        parts = RefreshParts(configuration, httpCache: true, now: { clock.now }) { logger.warning("\($0)") }
        let listed = try Self.listed(configuration, extra: extraOrganisations)
        self.listed = listed
        for number in Set(listed.map(\.digits)).union(state.queryResults) where state.organisations[number] == nil {
            self.state.organisations[number] = SchedulerState.Organisation(due: clock.now)
        }
    }

    private func now() -> Date { clock.now }

    private static func listed(_ configuration: DaemonConfiguration, extra: [OrganisationNumber]) throws(ConfigurationError)
        -> [OrganisationNumber]
    {
        var numbers = try configuration.listedOrganisations()
        var seen = Set(numbers)
        for number in extra where seen.insert(number).inserted { numbers.append(number) }
        return numbers
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
        // The listener is bound once; a reload keeps it (the token file is read again).
        adjusted.httpListen = configuration.httpListen
        if new.httpListen != configuration.httpListen {
            let current = configuration.httpListen.map { "\($0)" } ?? "off"
            logger.warning("http-listen changes take effect at the next start; the HTTP surface stays \(current)")
        }
        if new.organisationQueries != configuration.organisationQueries { state.queryResults = [] }
        let httpChanged = adjusted.httpFingerprint != configuration.httpFingerprint
        let cacheChanged = httpChanged || adjusted.httpCacheMegabytes != configuration.httpCacheMegabytes
        let logger = logger
        let clock = clock
        parts = RefreshParts(
            adjusted, httpCache: true, http: httpChanged ? nil : parts.http, siteHTTP: cacheChanged ? nil : parts.siteHTTP,
            now: { clock.now }
        ) { logger.warning("\($0)") }
        configuration = adjusted
        listed = newListed
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
        workSignal.signal()
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
        workSignal.signal()
    }

    /// Time until the next tracked organisation not in flight is due (its host's backoff
    /// included), at most `limit`; zero when one is due now.
    func timeUntilNextDue(limit: TimeInterval) -> TimeInterval {
        let current = now()
        let tracked = tracked
        var earliest = current.addingTimeInterval(limit)
        for (number, entry) in state.organisations where !inFlight.contains(number) && tracked.contains(number) {
            var due = entry.due
            if let host = entry.host, let blocked = state.hosts[host] { due = max(due, blocked.blockedUntil) }
            earliest = min(earliest, due)
        }
        return max(0, earliest.timeIntervalSince(current))
    }

    func isTracked(_ number: String) -> Bool { tracked.contains(number) }

    var trackedCount: Int { tracked.count }

    /// Refreshes (and purges) started and not yet recorded.
    var inFlightCount: Int { inFlight.count }

    func setFeedCursors(_ cursors: FeedCursors) {
        state.feedCursors = cursors
        stateDirty = true
    }

    /// A feed purge goes through the same bookkeeping as a refresh: true when it may run now (the
    /// organisation is then in flight); false when a refresh is in flight, whose end runs it.
    func beginPurge(_ number: OrganisationNumber, removedOn: String?) -> Bool {
        guard !inFlight.contains(number.digits) else {
            purgesWaiting[number.digits] = .removed(organisationNumber: number.digits, removedOn: removedOn)
            return false
        }
        inFlight.insert(number.digits)
        return true
    }

    /// Records how a refresh ended and when the organisation is next due. Returns the register
    /// answer of a purge that waited for this refresh; the caller runs it (`finish` again after).
    @discardableResult
    func finish(_ outcome: RefreshOutcome) -> RegistryLookup? {
        let number = outcome.organisationNumber
        if let purge = purgesWaiting.removeValue(forKey: number) {
            // Still in flight: nothing else starts for it before the purge is written.
            return purge
        }
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
                let siteFailed = profile?.problems.contains { [ProblemCode.siteUnreachable, .siteBlocked].contains($0.code) } ?? false
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
        // Its next due time may come before the runner's wait would end: let it recompute.
        workSignal.signal()
        indexSignal.signal()
        return nil
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

extension DaemonCore {
    /// `finish`, then the purge that waited for this refresh (if any), recorded the same way.
    nonisolated func record(_ outcome: RefreshOutcome) async {
        var outcome = outcome
        while let purge = await finish(outcome), let number = try? OrganisationNumber(validating: outcome.organisationNumber) {
            // The feed removed it while this refresh ran: the tombstone is written after it.
            outcome = await refresher.refresh(number, prefetched: purge)
            logger.notice("\(number): profile purged after the refresh that was in flight")
        }
    }
}
