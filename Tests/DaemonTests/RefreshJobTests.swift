import Foundation
import OrgModel
import Profiles
import Registry
import Synchronization
import Testing

@testable import Daemon

/// The parts of the one-shot `orgprofile refresh` in process: the list it works through, the
/// progress line it draws on a terminal, and what it reads from the update feeds.
@Suite struct RefreshJobTests {
    /// Everything written, in order.
    final class Written: Sendable {
        private let texts = Mutex<[String]>([])
        func append(_ text: String) { texts.withLock { $0.append(text) } }
        var all: [String] { texts.withLock { $0 } }
    }

    static func parts() throws -> RefreshParts {
        let file = temporaryDirectory("job-config") + "/config.json"
        try Data(#"{"cache-dir": "\#(temporaryDirectory("job-cache"))", "feed": false}"#.utf8).write(to: URL(fileURLWithPath: file))
        let configuration = try DaemonConfiguration.load(ConfigurationSources(environment: [:], filePath: file))
        return RefreshParts(configuration, httpCache: false) { _ in }
    }

    static func numbers(_ count: Int) -> [OrganisationNumber] {
        SyntheticWeb.organisationNumbers(count).map { try! OrganisationNumber(validating: $0) }
    }

    // MARK: progress line

    @Test func theProgressLineCountsRateETAAndFailures() {
        let written = Written()
        var line = ProgressLine(total: 8000, write: written.append)
        line.clear()
        #expect(written.all.isEmpty, "cleared a line that was never drawn")
        line.count(failed: false)
        line.count(failed: true)
        line.count(failed: false)
        #expect(written.all.count == 3)
        #expect(written.all.allSatisfy { $0.hasPrefix("\r\u{1B}[K") }, "each count redraws the line in place")
        #expect(written.all.last?.contains("3/8000 done") == true && written.all.last?.hasSuffix(", 1 failed") == true)
        // 3 in 2 s: 1.5/s, 7997 to go: 5331 s.
        #expect(line.text(elapsed: .seconds(2)) == "3/8000 done, 1.5/s, ETA 1h28m, 1 failed")
        line.clear()
        #expect(written.all.last == "\r\u{1B}[K")
    }

    @Test(arguments: [(0.4, "0s"), (42, "42s"), (159, "2m39s"), (3600, "1h00m"), (3900, "1h05m")])
    func durationsAreShort(seconds: Double, text: String) {
        #expect(ProgressLine.duration(seconds) == text)
    }

    // MARK: the list

    @Test func theListIsTakenOneRegisterSearchAtATime() async throws {
        let parts = try Self.parts()
        let sizes = Written()
        let list = RefreshList(
            numbers: Self.numbers(4001),
            work: {
                sizes.append(String($0.count))
                return RefreshWork(numbers: $0, parts: parts, concurrency: 8, lookUpTogether: true)
            },
            json: false, progress: nil, output: { _ in }, note: { _ in })
        var taken: [[OrganisationNumber]] = []
        while case .work(let work) = await list.next() { taken.append(work.numbers) }
        #expect(sizes.all == ["2000", "2000", "1"])
        #expect(taken.flatMap { $0 } == Self.numbers(4001), "numbers lost, repeated or reordered")
    }

    @Test func resultLinesAreEscapedAndJSONKeepsTheGivenOrder() async throws {
        let parts = try Self.parts()
        let numbers = Self.numbers(3)
        let outcomes = [
            RefreshOutcome(organisationNumber: numbers[0].digits, result: .written, profile: nil, error: nil),
            RefreshOutcome(organisationNumber: numbers[1].digits, result: .registryFailed, profile: nil, error: "bad\u{1B}[2Jname"),
            RefreshOutcome(organisationNumber: numbers[2].digits, result: .notFound, profile: nil, error: nil),
        ]
        let work: @Sendable ([OrganisationNumber]) -> RefreshWork = {
            RefreshWork(numbers: $0, parts: parts, concurrency: 1, lookUpTogether: false)
        }

        let lines = Written()
        let notes = Written()
        let text = RefreshList(numbers: numbers, work: work, json: false, progress: nil, output: lines.append, note: notes.append)
        for index in [2, 0, 1] { await text.finished(index, outcomes[index]) }
        #expect(lines.all.count == 3)
        #expect(lines.all[2] == "\(numbers[1].digits) FAILED bad\\u{1B}[2Jname", "\(lines.all)")
        #expect(Set(await text.outcomes().map(\.result)) == [.written, .registryFailed, .notFound])
        #expect(await text.batchLookupFailed(RegistryError(kind: .unreachable, url: "u", message: "down")) == false)
        #expect(notes.all.count == 1 && notes.all[0].contains("one by one"), "\(notes.all)")

        let quiet = Written()
        let json = RefreshList(numbers: numbers, work: work, json: true, progress: nil, output: quiet.append, note: { _ in })
        for index in [2, 0, 1] { await json.finished(index, outcomes[index]) }
        #expect(quiet.all.isEmpty, "--json printed a line before the end")
        #expect(await json.outcomes().map(\.organisationNumber) == numbers.map(\.digits))
    }

    @Test func resultLinesClearAndRedrawTheProgressLine() async throws {
        let parts = try Self.parts()
        let numbers = Self.numbers(2)
        let terminal = Written()
        let list = RefreshList(
            numbers: numbers, work: { RefreshWork(numbers: $0, parts: parts, concurrency: 1, lookUpTogether: false) }, json: false,
            progress: ProgressLine(total: 2, write: terminal.append), output: terminal.append, note: { _ in })
        await list.finished(0, RefreshOutcome(organisationNumber: numbers[0].digits, result: .written, profile: nil, error: nil))
        await list.finished(1, RefreshOutcome(organisationNumber: numbers[1].digits, result: .notFound, profile: nil, error: nil))
        await list.endProgress()
        let shown = terminal.all
        #expect(shown.count == 6, "\(shown)")
        // line, progress; clear, line, progress; clear
        #expect(shown[0].hasPrefix(numbers[0].digits) && shown[1].contains("1/2 done"))
        #expect(shown[2] == "\r\u{1B}[K" && shown[3].hasPrefix(numbers[1].digits) && shown[4].contains("2/2 done"))
        #expect(shown[4].hasSuffix("1 failed") && shown[5] == "\r\u{1B}[K")
    }

    // MARK: the update feeds

    @Test func theFeedsSayWhatChangedForTrackedOrganisationsAndCursorsNeverMoveBack() async throws {
        let web = try SyntheticWeb(organisations: 4)
        try await web.start()
        defer { web.stopBlocking() }
        let (changed, branch, removed, untracked) = (web.numbers[0], web.numbers[1], web.numbers[2], web.numbers[3])
        let daemon = try InProcessDaemon(web: web, organisations: [changed, branch, removed], settings: #""feed": true"#)
        let configuration = await daemon.core.configuration
        let registry = await daemon.core.registry
        let tracked: Set = [changed, branch, removed]
        var notes: [String] = []

        // No cursor yet: read by date, nothing tracked in the first page, cursors to save.
        let first = await FeedCheck.read(configuration, registry: registry, tracked: tracked) { notes.append($0) }
        #expect(first.changed.isEmpty && first.removed.isEmpty)
        #expect(first.cursors == FeedCursors(enheter: 101, underenheter: 101))
        first.saveCursors(configuration) { notes.append($0) }
        #expect(daemon.savedState?.feedCursors == FeedCursors(enheter: 101, underenheter: 101))

        try web.writeFeed([
            (id: 105, number: changed, change: "Endring"), (id: 106, number: removed, change: "Fjernet"),
            (id: 107, number: untracked, change: "Endring"),
        ])
        try web.writeFeed([(id: 230, number: branch, change: "Endring")], underenheter: true)
        let second = await FeedCheck.read(configuration, registry: registry, tracked: tracked) { notes.append($0) }
        #expect(second.changed == [changed, branch])
        #expect(Set(second.removed.keys) == [removed])
        #expect(second.cursors == FeedCursors(enheter: 108, underenheter: 231))

        // A `serve` that read further meanwhile: its enheter cursor stays.
        var state = try #require(daemon.savedState)
        state.feedCursor = 500
        try state.save(to: daemon.state)
        second.saveCursors(configuration) { notes.append($0) }
        #expect(daemon.savedState?.feedCursors == FeedCursors(enheter: 500, underenheter: 231))
        #expect(notes.isEmpty, "\(notes)")

        // A feed that fails is a note; the run goes by age.
        try web.breakFeed()
        let failed = await FeedCheck.read(configuration, registry: registry, tracked: tracked) { notes.append($0) }
        #expect(failed.changed.isEmpty && failed.removed.isEmpty)
        #expect(notes.count == 1 && notes[0].contains("refreshed by the age of their profiles"), "\(notes)")
    }

    @Test func theFeedsAreNotReadWhenFeedIsOff() async throws {
        let web = try SyntheticWeb(organisations: 1)
        try await web.start()
        defer { web.stopBlocking() }
        let daemon = try InProcessDaemon(web: web, organisations: web.numbers, settings: #""feed": false"#)
        let check = await FeedCheck.read(
            await daemon.core.configuration, registry: await daemon.core.registry, tracked: Set(web.numbers)
        ) { _ in }
        #expect(check.cursors == nil && check.changed.isEmpty)
        #expect(!web.requestLog.contains { $0.contains("/oppdateringer/") }, "\(web.requestLog)")
    }
}
