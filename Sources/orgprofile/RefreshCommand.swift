import ArgumentParser
import CurlHTTP
import Daemon
import Discovery
import Foundation
import Profiles
import Registry
import SVGValidation

struct RefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Refresh the profiles of the given organisations now, one line per organisation.")

    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var serviceOptions: ServiceOptions

    @Flag(name: .long, help: "Print the outcomes as JSON instead of one line each.")
    var json = false

    @Flag(
        name: .long,
        help: "Refresh only the organisation numbers given here, not the configured ones (organisations, organisations-file, organisation-queries).")
    var only = false

    @Argument(help: "Organisation numbers (9 digits; spaces, dots, NO and MVA are ignored).")
    var organisationNumbers: [String] = []

    func run() async throws {
        let configuration = try serviceOptions.load(operatorOptions)
        let given = try parseOrganisationNumbers(organisationNumbers)
        if only && given.isEmpty {
            printError("--only needs at least one organisation number")
            throw Exit.usage
        }
        var numbers: [OrganisationNumber] = []
        if !only {
            do {
                numbers = try configuration.listedOrganisations()
            } catch {
                printError(error.description)
                throw configuration.organisationsFile != nil && serviceOptions.organisationsFile != nil ? Exit.noInput : Exit.config
            }
        }
        var seen = Set(numbers.map(\.digits))
        for number in given where seen.insert(number.digits).inserted { numbers.append(number) }
        let queries = only ? [] : configuration.organisationQueries
        if numbers.isEmpty && queries.isEmpty {
            printError("name at least one organisation number, or --organisations-file FILE, or configure organisations")
            throw Exit.usage
        }
        let concurrency = configuration.concurrency
        let store = ProfileStore(root: configuration.cacheDirectory)
        do {
            try store.prepare()
            // What an interrupted writer (this command or the daemon, killed) left behind.
            try store.removeLeftoverTemporaryFiles()
            try store.removeUnreferencedLogos()
        } catch {
            printError("\(error)")
            throw Exit.ioError
        }
        let http = CurlHTTPClient(settings: configuration.http)
        let registry = RegistryClient(http: http, baseURL: configuration.registryURL)
        let refresher = ProfileRefresher(
            registry: registry,
            discoverer: SiteDiscoverer(
                http: siteFetcher(configuration, http: http), validator: SVGValidator(), options: configuration.discoveryOptions),
            store: store,
            overrides: configuration.overridesDirectory.map { OperatorOverrides(directory: $0) })

        // The configured register queries (organisasjonsform, institusjonellSektorkode, …) add their
        // results; without them the run would silently refresh fewer organisations than `serve` tracks.
        for query in queries {
            do {
                let (found, skipped, truncated) = try await registry.search(query)
                if truncated {
                    printError("warning: organisation-queries \(Self.describe(query)) has more than the register's 10 000 results; split it (by kommunenummer, say)")
                }
                for problem in skipped {
                    printError("warning: organisation-queries \(Self.describe(query)): the register returned \(problem); skipped")
                }
                for number in found where seen.insert(number.digits).inserted { numbers.append(number) }
            } catch {
                printError("the register search for organisation-queries \(Self.describe(query)) failed: \(error)")
                throw Exit.unavailable
            }
        }
        if numbers.isEmpty {
            printError("organisation-queries matched no organisations, and none are listed")
            throw Exit.dataError
        }

        // Several organisations: one register search per 2000 numbers instead of one request each;
        // numbers the search does not return (deleted, removed, underenheter) are looked up singly.
        // Each search is made when the refresh reaches its numbers, so that only one batch of
        // records is held at a time (peak memory does not grow with the number of organisations).
        let batched = numbers.count > 1
        var prefetched: [String: RegistryLookup] = [:]
        var prefetchedUpTo = 0
        var searchFailed = false

        let outcomes = await withTaskGroup(of: (Int, RefreshOutcome).self) { group in
            // JSON prints everything at the end; lines are printed as results arrive and only the
            // result kind is kept, for the exit code.
            var results: [(Int, RefreshOutcome)] = []
            var kinds: Set<RefreshOutcome.Result> = []
            var next = 0
            func add() async {
                if batched && !searchFailed && next == prefetchedUpTo {
                    let chunk = Array(numbers[next..<min(next + RegistryClient.maxBatchSize, numbers.count)])
                    prefetchedUpTo = next + chunk.count
                    prefetched = [:]  // the previous batch is freed before the next is decoded
                    do {
                        prefetched = try await registry.batchLookup(chunk)
                    } catch {
                        // As before batches were made on the way: one failed search, and the rest
                        // are looked up one by one.
                        prefetched = [:]
                        searchFailed = true
                        printError("note: the register search failed (\(error)); looking organisations up one by one")
                    }
                }
                let index = next
                let number = numbers[index]
                let known = prefetched[number.digits]
                group.addTask { (index, await refresher.refresh(number, prefetched: known)) }
                next += 1
            }
            while next < min(concurrency, numbers.count) { await add() }
            for await result in group {
                if json {
                    results.append(result)
                } else {
                    // Names and errors come from the register and the sites: no control characters.
                    print(RefreshLine.format(result.1).visiblyEscaped)
                    kinds.insert(result.1.result)
                }
                if next < numbers.count { await add() }
            }
            return json
                ? results.sorted { $0.0 < $1.0 }.map(\.1)
                : kinds.map { RefreshOutcome(organisationNumber: "", result: $0, profile: nil, error: nil) }
        }
        if json {
            let encoder = Profile.encoder()
            let data = try encoder.encode(outcomes.map(RefreshLine.JSONOutcome.init))
            print(String(decoding: data, as: UTF8.self))
        }
        if let code = RefreshLine.exitCode(outcomes) { throw code }
    }
}

extension RefreshCommand {
    /// `{"organisasjonsform":"STAT,ORGL"}` as `organisasjonsform=STAT,ORGL` for messages.
    static func describe(_ query: [String: String]) -> String {
        query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }
}

/// Website pages and logos go through the HTTP revalidation cache when a state directory is
/// configured (flag, environment, file or systemd's `$STATE_DIRECTORY`). Without one, a one-shot
/// refresh by hand fetches everything in full rather than create /var/lib/orgprofile behind the
/// operator's back; a state directory that cannot be used is a note, not a failure.
private func siteFetcher(_ configuration: DaemonConfiguration, http: CurlHTTPClient) -> any HTTPFetching {
    guard configuration.stateDirectoryConfigured else { return http }
    return configuration.siteFetcher(wrapping: http) { printError("note: \($0)") }
}

enum RefreshLine {
    struct JSONOutcome: Encodable {
        var organisationNumber: String
        var result: String
        var error: String?
        var profile: Profile?

        init(_ outcome: RefreshOutcome) {
            organisationNumber = outcome.organisationNumber
            result = outcome.result.rawValue
            error = outcome.error
            profile = outcome.profile
        }
    }

    /// `991825827 active Digitaliseringsdirektoratet | logo header-home-link | email postmottak@digdir.no | phone 22 45 10 00`
    static func format(_ outcome: RefreshOutcome) -> String {
        var parts: [String] = []
        switch outcome.result {
        case .cancelled:
            return "\(outcome.organisationNumber) cancelled"
        case .registryFailed, .storeFailed, .notFound:
            return "\(outcome.organisationNumber) \(outcome.result == .notFound ? "NOT-FOUND" : "FAILED") \(outcome.error ?? "")"
        case .removed:
            return "\(outcome.organisationNumber) removed: purged (HTTP 410 from the register)"
        case .written:
            guard let profile = outcome.profile else { return "\(outcome.organisationNumber) written" }
            parts.append("\(profile.organisationNumber) \(profile.status.rawValue) \(profile.name?.display ?? "(no name)")")
            parts.append(profile.logo.map { "logo \($0.foundBy)\($0.stale ? " (stale)" : "")" } ?? "no logo")
            parts.append(profile.email.map { "email \($0.value)\($0.stale ? " (stale)" : "")" } ?? "no email")
            parts.append(profile.phone.map { "phone \($0.display)\($0.stale ? " (stale)" : "")" } ?? "no phone")
            if !profile.problems.isEmpty { parts.append("problems: " + profile.problems.map(\.code).joined(separator: ", ")) }
        }
        return parts.joined(separator: " | ")
    }

    /// Highest in priority: I/O (74) > unavailable (69) > bad data (65).
    static func exitCode(_ outcomes: [RefreshOutcome]) -> ExitCode? {
        if outcomes.contains(where: { $0.result == .storeFailed }) { return Exit.ioError }
        if outcomes.contains(where: { $0.result == .registryFailed }) { return Exit.unavailable }
        if outcomes.contains(where: { $0.result == .notFound }) { return Exit.dataError }
        return nil
    }
}
