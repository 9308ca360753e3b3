import Foundation
import OrgModel
import Profiles
import Testing

@testable import Daemon

/// The feed follower in this process on a manual clock, reading the synthetic register's two
/// update feeds: tracked organisations that changed in either feed become due, `Fjernet` purges,
/// the cursors are saved for the next start, and a feed that fails is tried again one
/// `feed-interval` later, not at once.
@Suite(.serialized) struct FeedFollowerTests {
    static let settings = #""refresh-interval": 86400, "refresh-jitter": 0, "feed-interval": 300"#

    @Test func changesInBothFeedsMakeTrackedOrganisationsDueAndTheCursorsAreSaved() async throws {
        let web = try SyntheticWeb(organisations: 3)
        try await web.start()
        defer { web.stopBlocking() }
        let (enhet, underenhet, untracked) = (web.numbers[0], web.numbers[1], web.numbers[2])
        let clock = ManualClock()
        // Both refreshed a moment ago: due tomorrow, so only the feed can make them due now.
        let stateDirectory = temporaryDirectory("feed-state")
        var saved = SchedulerState()
        for number in [enhet, underenhet] {
            saved.organisations[number] = SchedulerState.Organisation(due: clock.now.addingTimeInterval(86_400))
        }
        try saved.save(to: stateDirectory)
        let daemon = try InProcessDaemon(
            web: web, organisations: [enhet, underenhet], settings: Self.settings, clock: clock, state: stateDirectory)
        let run = Task { try await daemon.feedFollower.run() }

        // The first poll reads both feeds by date and saves the cursors past their last ids (100).
        try #require(
            await eventuallyAsync(timeout: 30) {
                daemon.savedState?.feedCursor == 101 && daemon.savedState?.underenhetFeedCursor == 101
            }, "\(String(describing: daemon.savedState?.feedCursors))")
        try #require(await daemon.settled(sleepers: 1))
        #expect(await daemon.core.state.organisations[enhet]?.due == clock.now.addingTimeInterval(86_400))

        try web.writeFeed([(id: 105, number: enhet, change: "Endring"), (id: 106, number: untracked, change: "Endring")])
        try web.writeFeed([(id: 230, number: underenhet, change: "Endring")], underenheter: true)
        clock.advance(by: .seconds(300))
        #expect(
            await eventuallyAsync(timeout: 30) {
                daemon.savedState?.feedCursor == 107 && daemon.savedState?.underenhetFeedCursor == 231
            }, "\(String(describing: daemon.savedState?.feedCursors))")
        try #require(await daemon.settled(sleepers: 1))
        let organisations = await daemon.core.state.organisations
        #expect(organisations[enhet]?.due == clock.now, "a change in the enheter feed did not make it due")
        #expect(organisations[underenhet]?.due == clock.now, "a change in the underenheter feed did not make it due")
        #expect(organisations[untracked] == nil, "an organisation that is not tracked was scheduled")
        run.cancel()
        _ = await run.result

        // A new start continues from the saved cursors.
        let restarted = try DaemonCore(
            configuration: await daemon.core.configuration, extraOrganisations: [], logger: InProcessDaemon.logger, clock: clock)
        #expect(await restarted.state.feedCursors == FeedCursors(enheter: 107, underenheter: 231))
    }

    @Test func removedFromOpenDataPurgesTheProfileAtOnce() async throws {
        let web = try SyntheticWeb(organisations: 2)
        try await web.start()
        defer { web.stopBlocking() }
        let (removed, other) = (web.numbers[0], web.numbers[1])
        let daemon = try InProcessDaemon(web: web, organisations: web.numbers, settings: Self.settings)
        let outcome = await daemon.core.refresher.refresh(try OrganisationNumber(validating: removed))
        try #require(outcome.result == .written && daemon.profile(removed)?["logo"] != nil, "\(outcome)")
        let run = Task { try await daemon.feedFollower.run() }
        try #require(await eventuallyAsync(timeout: 30) { await daemon.core.state.feedCursor == 101 })
        try #require(await daemon.settled(sleepers: 1))

        try web.writeFeed([(id: 106, number: removed, change: "Fjernet")])
        daemon.clock.advance(by: .seconds(300))
        #expect(
            await eventuallyAsync(timeout: 30) { daemon.profile(removed)?["status"] as? String == "removed" },
            "\(String(describing: daemon.profile(removed)))")
        #expect(daemon.profile(removed)?["logo"] == nil && daemon.profile(removed)?["email"] == nil)
        #expect(!FileManager.default.fileExists(atPath: "\(daemon.cache)/logos/\(removed).svg"))
        #expect(daemon.profile(other) == nil, "the purge wrote another organisation")
        // Recorded (after the write): nothing left in flight.
        #expect(await daemon.settled(sleepers: 1))
        run.cancel()
        _ = await run.result
    }

    @Test func aFailingFeedIsTriedAgainAfterTheFeedIntervalAndKeepsItsCursor() async throws {
        let web = try SyntheticWeb(organisations: 1)
        try await web.start()
        defer { web.stopBlocking() }
        let tracked = web.numbers[0]
        let daemon = try InProcessDaemon(web: web, organisations: [tracked], settings: Self.settings)
        let clock = daemon.clock
        let run = Task { try await daemon.feedFollower.run() }
        try #require(await eventuallyAsync(timeout: 30) { await daemon.core.state.feedCursor == 101 })
        try #require(await daemon.settled(sleepers: 1))

        try web.breakFeed()
        try web.writeFeed([(id: 230, number: tracked, change: "Endring")], underenheter: true)
        clock.advance(by: .seconds(300))
        // The underenheter feed is still read; the enheter feed keeps its cursor.
        try #require(await eventuallyAsync(timeout: 30) { await daemon.core.state.underenhetFeedCursor == 231 })
        try #require(await daemon.settled(sleepers: 1), "the follower did not go back to sleep after a failed poll")
        #expect(await daemon.core.state.feedCursor == 101)
        #expect(clock.nextDeadline == clock.now.addingTimeInterval(300), "the failed feed is not tried again one feed-interval later")

        try web.writeFeed([(id: 105, number: tracked, change: "Endring")])
        clock.advance(by: .seconds(299))
        try #require(await daemon.settled(sleepers: 1))
        #expect(await daemon.core.state.feedCursor == 101, "polled before feed-interval was up")
        clock.advance(by: .seconds(1))
        #expect(await eventuallyAsync(timeout: 30) { await daemon.core.state.feedCursor == 106 }, "the feed was not read again")
        run.cancel()
        _ = await run.result
    }

    /// `Fjernet` while a refresh of the same organisation is in flight (it looked the organisation
    /// up before the purge): the purge waits for that refresh, so the profile ends as a tombstone
    /// and is never rewritten from the register's earlier answer.
    @Test func aPurgeIsNotUndoneByARefreshInFlight() async throws {
        let web = try SyntheticWeb(organisations: 2)
        try await web.start()
        defer { web.stopBlocking() }
        let (removed, other) = (web.numbers[0], web.numbers[1])
        let daemon = try InProcessDaemon(web: web, organisations: web.numbers, settings: Self.settings)
        let clock = daemon.clock
        let run = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { try? await daemon.scheduler.run() }
                group.addTask { try? await daemon.feedFollower.run() }
            }
        }
        let homePage = " GET https://\(SyntheticWeb.host(removed))/ "
        try #require(
            await eventuallyAsync(timeout: 60) {
                let cursor = await daemon.core.state.feedCursor
                return daemon.profile(removed) != nil && daemon.profile(other) != nil && cursor == 101
            })
        try #require(await daemon.settled(sleepers: 3))

        // A change makes it due; its logo now answers two seconds late, so the refresh is in
        // flight (home page fetched, logo not yet) when the purge comes.
        try web.slowDown(removed, path: "/logo.svg", milliseconds: 2000)
        try web.writeFeed([(id: 105, number: removed, change: "Endring")])
        clock.advance(by: .seconds(300))
        try #require(
            await eventuallyAsync(timeout: 30) { web.requestLog.filter { $0.contains(homePage) }.count == 2 },
            "\(web.requestLog.suffix(10))")
        #expect(await daemon.core.inFlightCount == 1)
        try web.writeFeed([(id: 105, number: removed, change: "Endring"), (id: 106, number: removed, change: "Fjernet")])
        clock.advance(by: .seconds(300))
        try #require(await eventuallyAsync(timeout: 30) { await daemon.core.state.feedCursor == 107 })

        // The refresh in flight ends, then the purge is written.
        try #require(await daemon.settled(sleepers: 3, timeout: 30))
        #expect(daemon.profile(removed)?["status"] as? String == "removed", "\(String(describing: daemon.profile(removed)))")
        #expect(daemon.profile(removed)?["logo"] == nil && daemon.profile(removed)?["email"] == nil)
        #expect(daemon.leftovers.isEmpty)
        run.cancel()
        _ = await run.result
    }
}
