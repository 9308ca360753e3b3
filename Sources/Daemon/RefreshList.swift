import Foundation
import OrgModel
import Profiles
import Registry

/// A fixed list of organisations as the refresh runner's work (`orgprofile refresh`), 2000
/// numbers (one register search) at a time. Result lines go to `output` as results arrive; with
/// `json` nothing is printed and `outcomes()` gives every outcome at the end, in the order the
/// numbers were given.
public actor RefreshList: RefreshWorkSource {
    public let numbers: [OrganisationNumber]
    let work: @Sendable ([OrganisationNumber]) -> RefreshWork
    public let json: Bool
    private var progress: ProgressLine?
    private let output: @Sendable (String) -> Void
    private let note: @Sendable (String) -> Void
    private var taken = 0
    private var results: [(Int, RefreshOutcome)] = []
    private var kinds: Set<RefreshOutcome.Result> = []
    /// Outcomes that used the stored discovery result of an unchanged site.
    public private(set) var reused = 0

    /// `output` takes one result line (without its newline); `note` one remark for stderr.
    public init(
        numbers: [OrganisationNumber], work: @escaping @Sendable ([OrganisationNumber]) -> RefreshWork, json: Bool,
        progress: ProgressLine?, output: @escaping @Sendable (String) -> Void, note: @escaping @Sendable (String) -> Void
    ) {
        self.numbers = numbers
        self.work = work
        self.json = json
        self.progress = progress
        self.output = output
        self.note = note
    }

    public func next() -> RefreshRunner.Next {
        guard taken < numbers.count else { return .finished }
        let chunk = Array(numbers[taken..<min(taken + RegistryClient.maxBatchSize, numbers.count)])
        taken += chunk.count
        return .work(work(chunk))
    }

    public func waitForWork() {}

    public func finished(_ index: Int, _ outcome: RefreshOutcome) {
        progress?.clear()
        if outcome.reusedDiscovery { reused += 1 }
        if json {
            results.append((index, outcome))
        } else {
            // Names and errors come from the register and the sites: no control characters.
            output(RefreshLine.format(outcome).visiblyEscaped)
            kinds.insert(outcome.result)
        }
        progress?.count(failed: [.registryFailed, .storeFailed, .notFound].contains(outcome.result))
    }

    /// Removes the progress line for good (the run is over).
    public func endProgress() {
        progress?.clear()
        progress = nil
    }

    public func unstarted(_ numbers: [OrganisationNumber]) {}

    public func batchLookupFailed(_ error: RegistryError) -> Bool {
        // One failed search, and the rest are looked up one by one.
        note("the register search failed (\(error)); looking organisations up one by one")
        return false
    }

    public func shouldStop() -> Bool { false }

    /// With `json` every outcome in the order given; otherwise one per kind of result, for the exit code.
    public func outcomes() -> [RefreshOutcome] {
        json
            ? results.sorted { $0.0 < $1.0 }.map(\.1)
            : kinds.map { RefreshOutcome(organisationNumber: "", result: $0, profile: nil, error: nil) }
    }
}
