import ArgumentParser
import CurlHTTP
import Daemon
import Discovery
import Foundation
import OrgModel
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

    @Flag(
        name: .long,
        help: "Refresh every organisation, also those whose profile is younger than refresh-interval (numbers given here always are).")
    var force = false

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
        let parts = RefreshParts(configuration, httpCache: configuration.stateDirectoryConfigured) { printError("note: \($0)") }
        do {
            try parts.sweepCacheDirectory(writeTest: false)
        } catch {
            printError("\(error)")
            throw Exit.ioError
        }

        // The configured register queries (organisasjonsform, institusjonellSektorkode, …) add their
        // results; without them the run would silently refresh fewer organisations than `serve` tracks.
        do {
            let found = try await RegisterQueries.resolve(queries, registry: parts.registry) {
                switch $0 {
                case .truncated(let query):
                    printError(
                        "warning: organisation-queries \(RegisterQueries.describe(query)) has more than the register's 10 000 results; split it (by kommunenummer, say)"
                    )
                case .skipped(let query, let problem):
                    printError("warning: organisation-queries \(RegisterQueries.describe(query)): the register returned \(problem); skipped")
                }
            }
            for number in found where seen.insert(number.digits).inserted { numbers.append(number) }
        } catch {
            printError("the register search for organisation-queries \(RegisterQueries.describe(error.query)) failed: \(error.error)")
            throw Exit.unavailable
        }
        if numbers.isEmpty {
            printError("organisation-queries matched no organisations, and none are listed")
            throw Exit.dataError
        }

        // A scheduled run: what the update feeds say changed (or was removed) is refreshed; of the
        // rest, profiles younger than refresh-interval are left alone, unless forced or named.
        let feed = await FeedCheck.read(configuration, registry: parts.registry, tracked: Set(numbers.map(\.digits)))
        let named = Set(given.map(\.digits))
        let now = Date()
        var skipped = 0
        if !force {
            numbers.removeAll { number in
                let digits = number.digits
                guard !named.contains(digits), !feed.changed.contains(digits), feed.removed[digits] == nil,
                    let profile = try? parts.store.load(digits), now.timeIntervalSince(profile.refreshedAt) < configuration.refreshInterval
                else { return false }
                skipped += 1
                return true
            }
        }
        if skipped > 0 {
            printError(
                "note: \(skipped) \(skipped == 1 ? "profile" : "profiles") younger than refresh-interval "
                    + "(\(Int(configuration.refreshInterval)) s) left as they are; --force refreshes them")
        }

        // Several organisations: one register search per 2000 numbers instead of one request each.
        let together = numbers.count > 1
        let known = Dictionary(
            uniqueKeysWithValues: feed.removed.map { ($0.key, RegistryLookup.removed(organisationNumber: $0.key, removedOn: $0.value.date)) })
        let progress = !json && isatty(STDERR_FILENO) == 1 ? ProgressLine(total: numbers.count) : nil
        let run = RefreshList(
            numbers: numbers,
            work: {
                RefreshWork(
                    numbers: $0, parts: parts, concurrency: configuration.concurrency, lookUpTogether: together, known: known)
            },
            json: json, progress: progress)
        await RefreshRunner.run(run)
        await run.endProgress()
        let reused = await run.reused
        if reused > 0 {
            printError(
                "note: \(reused) \(reused == 1 ? "site" : "sites") unchanged (every page and logo answered 304, register record as before): "
                    + "\(reused == 1 ? "its" : "their") stored discovery \(reused == 1 ? "result was" : "results were") used")
        }
        feed.saveCursors(configuration)
        let outcomes = await run.outcomes()
        if json {
            let encoder = Profile.encoder()
            let data = try encoder.encode(outcomes.map(RefreshLine.JSONOutcome.init))
            print(String(decoding: data, as: UTF8.self))
        }
        if let code = RefreshLine.exitCode(outcomes) { throw code }
    }
}

/// A fixed list of organisations as the refresh runner's work, 2000 numbers (one register
/// search) at a time. Lines are printed as results arrive; with `--json` everything is printed at
/// the end, in the order the numbers were given.
actor RefreshList: RefreshWorkSource {
    let numbers: [OrganisationNumber]
    let work: @Sendable ([OrganisationNumber]) -> RefreshWork
    let json: Bool
    private var progress: ProgressLine?
    private var taken = 0
    private var results: [(Int, RefreshOutcome)] = []
    private var kinds: Set<RefreshOutcome.Result> = []
    /// Outcomes that used the stored discovery result of an unchanged site.
    private(set) var reused = 0

    init(
        numbers: [OrganisationNumber], work: @escaping @Sendable ([OrganisationNumber]) -> RefreshWork, json: Bool,
        progress: ProgressLine?
    ) {
        self.numbers = numbers
        self.work = work
        self.json = json
        self.progress = progress
    }

    func next() -> RefreshRunner.Next {
        guard taken < numbers.count else { return .finished }
        let chunk = Array(numbers[taken..<min(taken + RegistryClient.maxBatchSize, numbers.count)])
        taken += chunk.count
        return .work(work(chunk))
    }

    func waitForWork() {}

    func finished(_ index: Int, _ outcome: RefreshOutcome) {
        progress?.clear()
        if outcome.reusedDiscovery { reused += 1 }
        if json {
            results.append((index, outcome))
        } else {
            // Names and errors come from the register and the sites: no control characters.
            let line = RefreshLine.format(outcome).visiblyEscaped
            if progress != nil {
                // Unbuffered, so the line is on the terminal before the progress line is redrawn.
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            } else {
                print(line)
            }
            kinds.insert(outcome.result)
        }
        progress?.count(failed: [.registryFailed, .storeFailed, .notFound].contains(outcome.result))
    }

    func endProgress() {
        progress?.clear()
        progress = nil
    }

    func unstarted(_ numbers: [OrganisationNumber]) {}

    func batchLookupFailed(_ error: RegistryError) -> Bool {
        // One failed search, and the rest are looked up one by one.
        printError("note: the register search failed (\(error)); looking organisations up one by one")
        return false
    }

    func shouldStop() -> Bool { false }

    /// With `--json` every outcome in the order given; otherwise one per kind of result, for the exit code.
    func outcomes() -> [RefreshOutcome] {
        json
            ? results.sorted { $0.0 < $1.0 }.map(\.1)
            : kinds.map { RefreshOutcome(organisationNumber: "", result: $0, profile: nil, error: nil) }
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
            parts.append(
                profile.logo.map { "logo \($0.foundBy)\($0.stale ? " (stale)" : "")" }
                    ?? profile.logoRasterFallback.map {
                        "no logo (raster fallback \($0.format.uppercased()) \($0.width)×\($0.height)\($0.stale ? ", stale" : ""))"
                    } ?? "no logo")
            parts.append(profile.email.map { "email \($0.value)\($0.stale ? " (stale)" : "")" } ?? "no email")
            parts.append(profile.phone.map { "phone \($0.display)\($0.stale ? " (stale)" : "")" } ?? "no phone")
            if !profile.problems.isEmpty { parts.append("problems: " + profile.problems.map(\.code.rawValue).joined(separator: ", ")) }
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
