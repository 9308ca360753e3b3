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
        try await parts.http.closing {
            try await refresh(configuration, parts: parts, numbers: numbers, given: given, queries: queries)
        }
    }

    private func refresh(
        _ configuration: DaemonConfiguration, parts: RefreshParts, numbers: [OrganisationNumber], given: [OrganisationNumber],
        queries: [[String: String]]
    ) async throws {
        var numbers = numbers
        var seen = Set(numbers.map(\.digits))
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
        let feed = await FeedCheck.read(configuration, registry: parts.registry, tracked: Set(numbers.map(\.digits))) {
            printError("note: \($0)")
        }
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
        let output: @Sendable (String) -> Void
        if progress != nil {
            // Unbuffered, so the line is on the terminal before the progress line is redrawn.
            output = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        } else {
            output = { print($0) }
        }
        let run = RefreshList(
            numbers: numbers,
            work: {
                RefreshWork(
                    numbers: $0, parts: parts, concurrency: configuration.concurrency, lookUpTogether: together, known: known)
            },
            json: json, progress: progress, output: output, note: { printError("note: \($0)") })
        await RefreshRunner.run(run)
        await run.endProgress()
        let reused = await run.reused
        if reused > 0 {
            printError(
                "note: \(reused) \(reused == 1 ? "site" : "sites") unchanged (every page and logo answered 304, register record as before): "
                    + "\(reused == 1 ? "its" : "their") stored discovery \(reused == 1 ? "result was" : "results were") used")
        }
        feed.saveCursors(configuration) { printError("note: \($0)") }
        // index.json after the run, as serve writes it after its batches.
        do {
            try await parts.store.writeIndex(from: ProfileIndex(profilesDirectory: parts.store.profilesDirectory))
        } catch {
            printError("note: index.json not written: \(error)")
        }
        let outcomes = await run.outcomes()
        if json {
            let encoder = Profile.encoder()
            let data = try encoder.encode(outcomes.map(RefreshLine.JSONOutcome.init))
            print(String(decoding: data, as: UTF8.self))
        }
        if let code = RefreshLine.exitCode(outcomes) { throw code }
    }
}

extension RefreshLine {
    /// Highest in priority: I/O (74) > unavailable (69) > bad data (65).
    static func exitCode(_ outcomes: [RefreshOutcome]) -> ExitCode? {
        if outcomes.contains(where: { $0.result == .storeFailed }) { return Exit.ioError }
        if outcomes.contains(where: { $0.result == .registryFailed }) { return Exit.unavailable }
        if outcomes.contains(where: { $0.result == .notFound }) { return Exit.dataError }
        return nil
    }
}
