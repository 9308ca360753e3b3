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

    @Argument(help: "Organisation numbers (9 digits; spaces, dots, NO and MVA are ignored).")
    var organisationNumbers: [String] = []

    func run() async throws {
        let configuration = try serviceOptions.load(operatorOptions)
        let given = try parseOrganisationNumbers(organisationNumbers)
        var numbers: [OrganisationNumber]
        do {
            numbers = try configuration.listedOrganisations()
        } catch {
            printError(error.description)
            throw configuration.organisationsFile != nil && serviceOptions.organisationsFile != nil ? Exit.noInput : Exit.config
        }
        for number in given where !numbers.contains(number) { numbers.append(number) }
        if numbers.isEmpty {
            printError("name at least one organisation number, or --organisations-file FILE, or configure organisations")
            throw Exit.usage
        }
        if !configuration.organisationQueries.isEmpty {
            printError("note: organisation-queries are resolved by 'serve' only; refreshing the listed organisations")
        }
        let concurrency = configuration.concurrency
        let store = ProfileStore(root: configuration.cacheDirectory)
        do {
            try store.prepare()
        } catch {
            printError("\(error)")
            throw Exit.ioError
        }
        let http = CurlHTTPClient(settings: configuration.http)
        let registry = RegistryClient(http: http, baseURL: configuration.registryURL)
        let refresher = ProfileRefresher(
            registry: registry,
            discoverer: SiteDiscoverer(http: http, validator: SVGValidator(), options: configuration.discoveryOptions), store: store,
            overrides: configuration.overridesDirectory.map { OperatorOverrides(directory: $0) })

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
                    print(RefreshLine.format(result.1))
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
