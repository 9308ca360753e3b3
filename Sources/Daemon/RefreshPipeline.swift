import CurlHTTP
import Discovery
import FileIO
import Foundation
internal import HTTPCache
import Profiles
import Registry
import SVGValidation

/// Every part a refresh needs, built from one configuration; `refresh` and `serve` both build
/// theirs here. Register and feed requests go to the origin; website pages and logos go through
/// the HTTP revalidation cache when `httpCache` is on.
public struct RefreshParts: Sendable {
    public let http: CurlHTTPClient
    /// `http`, behind the HTTP revalidation cache when one is in use; for website pages and logos.
    public let siteHTTP: any HTTPFetching
    public let registry: RegistryClient
    public let store: ProfileStore
    public let refresher: ProfileRefresher

    /// `http` and `siteHTTP` are kept from the parts before a reload when their settings did not
    /// change, so a reload does not start another curl thread; `now` dates the profiles;
    /// `problem` hears why the HTTP cache is off.
    public init(
        _ configuration: DaemonConfiguration, httpCache: Bool, http: CurlHTTPClient? = nil, siteHTTP: (any HTTPFetching)? = nil,
        metrics: DaemonMetrics? = nil, now: @escaping @Sendable () -> Date = Date.init, problem: (String) -> Void
    ) {
        let http = http ?? CurlHTTPClient(settings: configuration.http)
        self.http = http
        // Every transfer timed by kind when metrics are kept (serve).
        let timed: any HTTPFetching = metrics.map { TimedFetcher(wrapped: http, metrics: $0) } ?? http
        if let siteHTTP {
            self.siteHTTP = siteHTTP
        } else {
            self.siteHTTP = httpCache ? configuration.siteFetcher(wrapping: timed, problem: problem) : timed
        }
        registry = RegistryClient(http: timed, baseURL: configuration.registryURL)
        store = ProfileStore(root: configuration.cacheDirectory)
        refresher = ProfileRefresher(
            registry: registry,
            discoverer: SiteDiscoverer(http: self.siteHTTP, validator: SVGValidator(), options: configuration.discoveryOptions),
            store: store, overrides: configuration.overridesDirectory.map { OperatorOverrides(directory: $0) },
            records: self.siteHTTP is RevalidatingCache ? DiscoveryRecords(stateDirectory: configuration.stateDirectory) : nil,
            reviews: ReviewStore(stateDirectory: configuration.stateDirectory), now: now)
    }

    /// The start-up sweep of the cache directory: creates it, optionally proves it writable, and
    /// removes what an interrupted writer (either command, killed) left behind. Returns how many
    /// logo files no profile names were removed.
    @discardableResult
    public func sweepCacheDirectory(writeTest: Bool) throws(StoreError) -> Int {
        try store.prepare()
        if writeTest {
            let path = "\(store.root)/.write-test"
            try AtomicFile.write(Data("ok\n".utf8), to: path)
            unlink(path)
        }
        try store.removeLeftoverTemporaryFiles()
        return try store.removeUnreferencedLogos()
    }
}

/// The configured register queries (`organisation-queries`) resolved to organisation numbers.
public enum RegisterQueries {
    public enum Warning: Sendable {
        /// The query has more results than the register hands out.
        case truncated(query: [String: String])
        /// A result that is not an organisation number, skipped.
        case skipped(query: [String: String], problem: String)
    }

    /// The numbers every query returns, in order, without repeats.
    public static func resolve(
        _ queries: [[String: String]], registry: RegistryClient, warning: (Warning) -> Void
    ) async throws(RegisterQueryError) -> [OrganisationNumber] {
        var numbers: [OrganisationNumber] = []
        var seen: Set<OrganisationNumber> = []
        for query in queries {
            do {
                let (found, skipped, truncated) = try await registry.search(query)
                if truncated { warning(.truncated(query: query)) }
                for problem in skipped { warning(.skipped(query: query, problem: "\(problem)")) }
                for number in found where seen.insert(number).inserted { numbers.append(number) }
            } catch {
                throw RegisterQueryError(query: query, error: error)
            }
        }
        return numbers
    }

    /// `{"organisasjonsform":"STAT,ORGL"}` as `organisasjonsform=STAT,ORGL` for messages.
    public static func describe(_ query: [String: String]) -> String {
        query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }
}

/// A register search for `organisation-queries` that failed.
public struct RegisterQueryError: Error, Sendable {
    public let query: [String: String]
    public let error: RegistryError
}

/// Numbers to refresh next, with the parts in force when they were taken.
public struct RefreshWork: Sendable {
    public var numbers: [OrganisationNumber]
    public var parts: RefreshParts
    public var concurrency: Int
    /// Whether the register is asked for all numbers in one search (2000 a request) before their
    /// refreshes start; numbers the search does not return are looked up singly.
    public var lookUpTogether: Bool
    /// Register answers the caller already has (`.removed` from the update feed); they win over a lookup.
    public var known: [String: RegistryLookup]

    public init(
        numbers: [OrganisationNumber], parts: RefreshParts, concurrency: Int, lookUpTogether: Bool, known: [String: RegistryLookup] = [:]
    ) {
        self.numbers = numbers
        self.parts = parts
        self.concurrency = concurrency
        self.lookUpTogether = lookUpTogether
        self.known = known
    }
}

/// Where a `RefreshRunner` takes its work from and hands its results to: a fixed list (`refresh`)
/// or the daemon's schedule (`serve`).
public protocol RefreshWorkSource: Sendable {
    /// What to refresh next; `.idle` when nothing is due now, `.finished` to end the run.
    func next() async -> RefreshRunner.Next
    /// Returns when more work may be due (or the run should end).
    func waitForWork() async
    /// A refresh ended; `index` counts the numbers started, from 0.
    func finished(_ index: Int, _ outcome: RefreshOutcome) async
    /// Numbers taken but never started because the run ended first.
    func unstarted(_ numbers: [OrganisationNumber]) async
    /// The register search for a batch failed; true to keep searching for later batches.
    func batchLookupFailed(_ error: RegistryError) async -> Bool
    /// True when no further refresh should start (graceful shutdown).
    func shouldStop() async -> Bool
}

/// Runs refreshes in a sliding window: up to `concurrency` at a time, the next one starting as
/// soon as any ends (no waiting for a whole batch). Each batch's register search is made when the
/// window reaches its numbers, so only one batch of records is held at a time.
public enum RefreshRunner {
    public enum Next: Sendable {
        case work(RefreshWork)
        case idle
        case finished
    }

    private enum Event: Sendable {
        case done(Int, RefreshOutcome)
        case wake
    }

    public static func run(_ source: some RefreshWorkSource) async {
        await withTaskGroup(of: Event.self) { group in
            var pending: ArraySlice<OrganisationNumber> = []
            var prefetched: [String: RegistryLookup] = [:]
            var current: RefreshWork?
            var running = 0
            var started = 0
            var waking = false
            var finished = false
            var keepSearching = true
            while true {
                fill: while running < (current?.concurrency ?? 1) && !finished {
                    if pending.isEmpty {
                        prefetched = [:]  // the previous batch is freed before the next is decoded
                        switch await source.next() {
                        case .finished:
                            finished = true
                            break fill
                        case .idle:
                            break fill
                        case .work(let work):
                            current = work
                            pending = work.numbers[...]
                            if work.lookUpTogether && keepSearching && !work.numbers.isEmpty {
                                do throws(RegistryError) {
                                    prefetched = try await work.parts.registry.batchLookup(work.numbers)
                                } catch {
                                    keepSearching = await source.batchLookupFailed(error)
                                }
                            }
                            prefetched.merge(work.known) { $1 }
                            continue fill
                        }
                    }
                    if await source.shouldStop() {
                        finished = true
                        break fill
                    }
                    let number = pending.removeFirst()
                    let refresher = current!.parts.refresher
                    let known = prefetched[number.digits]
                    let index = started
                    started += 1
                    running += 1
                    group.addTask { .done(index, await refresher.refresh(number, prefetched: known)) }
                }
                if finished && !pending.isEmpty {
                    await source.unstarted(Array(pending))
                    pending = []
                }
                if finished && running == 0 { break }
                if !finished && pending.isEmpty && running < (current?.concurrency ?? 1) && !waking {
                    waking = true
                    group.addTask {
                        await source.waitForWork()
                        return .wake
                    }
                }
                guard let event = await group.next() else { break }
                switch event {
                case .wake:
                    waking = false
                case .done(let index, let outcome):
                    running -= 1
                    await source.finished(index, outcome)
                }
            }
        }
    }
}
