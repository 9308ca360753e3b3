import Foundation
import Testing

@testable import Daemon

/// The scheduler in this process on a manual clock: organisations become due by
/// `refresh-interval` and not before, and a feed change or a reload wakes the sleeping runner at
/// once instead of at its next timeout.
@Suite(.serialized) struct SchedulerTests {
    static let settings = #""refresh-interval": 3600, "refresh-jitter": 0, "feed": false"#

    @Test func profilesBecomeDueByTheRefreshInterval() async throws {
        let web = try SyntheticWeb(organisations: 2)
        try await web.start()
        defer { web.stopBlocking() }
        let daemon = try InProcessDaemon(web: web, organisations: web.numbers, settings: Self.settings)
        let started = daemon.clock.now
        let run = Task { try await daemon.scheduler.run() }
        func attempted(at time: Date) async -> Bool { await daemon.attempted(web.numbers, at: time) }

        // Never refreshed: due at the start.
        try #require(await eventuallyAsync(timeout: 60) { await attempted(at: started) })
        #expect(web.numbers.allSatisfy { daemon.profile($0) != nil })
        // The loop's beat and the runner's wait.
        try #require(await daemon.settled(sleepers: 2))

        daemon.clock.advance(by: .seconds(3599))
        try #require(await daemon.settled(sleepers: 2))
        #expect(await attempted(at: started), "refreshed before refresh-interval was up")

        daemon.clock.advance(by: .seconds(2))
        #expect(
            await eventuallyAsync(timeout: 60) { await attempted(at: started.addingTimeInterval(3601)) },
            "not refreshed when refresh-interval was up")
        run.cancel()
        _ = await run.result
    }

    /// `Endring` and `Sletting` make an organisation due at once: the renamed one gets its new
    /// name, the deleted one is marked deleted and keeps its values.
    @Test func aFeedChangeWakesTheRunnerEarly() async throws {
        let web = try SyntheticWeb(organisations: 3)
        try await web.start()
        defer { web.stopBlocking() }
        let (changed, deleted, other) = (web.numbers[0], web.numbers[1], web.numbers[2])
        let daemon = try InProcessDaemon(
            web: web, organisations: web.numbers, settings: #""refresh-interval": 3600, "refresh-jitter": 0, "feed-interval": 1"#)
        let started = daemon.clock.now
        let run = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { try? await daemon.scheduler.run() }
                group.addTask { try? await daemon.feedFollower.run() }
            }
        }
        try #require(
            await eventuallyAsync(timeout: 60) {
                let cursor = await daemon.core.state.feedCursor
                return await daemon.attempted(web.numbers, at: started) && cursor == 101
            })
        // The loop's beat, the runner's wait (60 s at most) and the feed follower's one second.
        try #require(await daemon.settled(sleepers: 3))

        try web.writeRecord(changed, name: "OMDØPT ETAT")
        try web.writeRecord(deleted, name: "NEDLAGT ETAT", deletedOn: "2026-11-24")
        try web.writeFeed([(id: 105, number: changed, change: "Endring"), (id: 106, number: deleted, change: "Sletting")])
        daemon.clock.advance(by: .seconds(1))
        #expect(
            await eventuallyAsync(timeout: 20) {
                daemon.registeredName(changed) == "OMDØPT ETAT" && daemon.profile(deleted)?["status"] as? String == "deleted"
            },
            "the feed's changes did not wake the runner before its timeout")
        try #require(await daemon.settled(sleepers: 3))
        #expect(await daemon.lastAttempt(changed) == started.addingTimeInterval(1))
        #expect(daemon.profile(deleted)?["logo"] != nil, "a deleted organisation keeps its values")
        #expect(await daemon.lastAttempt(other) == started, "an unchanged organisation was refreshed")
        run.cancel()
        _ = await run.result
    }

    @Test func aReloadThatAddsAnOrganisationRefreshesItAtOnce() async throws {
        let web = try SyntheticWeb(organisations: 3)
        try await web.start()
        defer { web.stopBlocking() }
        let (first, second, added) = (web.numbers[0], web.numbers[1], web.numbers[2])
        let daemon = try InProcessDaemon(web: web, organisations: [first, second], settings: Self.settings)
        let started = daemon.clock.now
        let run = Task { try await daemon.scheduler.run() }
        try #require(
            await eventuallyAsync(timeout: 60) {
                await daemon.attempted([first, second], at: started)
            })
        try #require(await daemon.settled(sleepers: 2))
        #expect(daemon.profile(added) == nil)

        try await daemon.core.apply(daemon.reloaded(organisations: [first, second, added], settings: Self.settings))
        #expect(
            await eventuallyAsync(timeout: 20) { daemon.profile(added) != nil },
            "the organisation the reload added waited for the runner's timeout")
        try #require(await daemon.settled(sleepers: 2))
        #expect(await daemon.lastAttempt(first) == started, "the reload refreshed an organisation that was not due")
        #expect(await daemon.core.isTracked(added))
        run.cancel()
        _ = await run.result
    }

    /// A website that fails puts its host on a backoff starting near `retry-delay`, saved with
    /// the schedule: its organisation, due again, waits for the host's time, then is tried.
    @Test func anUnreachableSiteBacksOffPerHost() async throws {
        let web = try SyntheticWeb(organisations: 2)
        let (failing, working) = (web.numbers[0], web.numbers[1])
        let failingHost = SyntheticWeb.host(failing)
        try Data(#"{"reset_all": true}"#.utf8).write(to: web.root.appendingPathComponent("sites/\(failingHost)/_config.json"))
        try await web.start()
        defer { web.stopBlocking() }
        let daemon = try InProcessDaemon(
            web: web, organisations: web.numbers,
            settings: #""refresh-interval": 3600, "refresh-jitter": 0, "feed": false, "retry-delay": 120"#)
        let started = daemon.clock.now
        let run = Task { try await daemon.scheduler.run() }
        try #require(
            await eventuallyAsync(timeout: 60) {
                await daemon.attempted([failing, working], at: started)
            })
        try #require(await daemon.settled(sleepers: 2))
        let hosts = await daemon.core.state.hosts
        #expect(Set(hosts.keys) == [failingHost], "\(hosts)")
        let host = try #require(hosts[failingHost])
        let backoff = host.blockedUntil.timeIntervalSince(started)
        #expect(backoff >= 108 && backoff <= 132, "backoff should be retry-delay (120 s) ±10 %, is \(backoff) s")
        #expect(host.failures == 1)

        // Due again at once (as after a feed change): it waits for its host.
        await daemon.core.makeDueNow([failing])
        daemon.clock.advance(by: .seconds(backoff - 1))
        try #require(await daemon.settled(sleepers: 2))
        #expect(await daemon.lastAttempt(failing) == started, "tried again before the host's backoff was over")
        let saved = try #require(daemon.savedState?.hosts[failingHost], "the backoff was not saved with the schedule")
        #expect(abs(saved.blockedUntil.timeIntervalSince(host.blockedUntil)) < 1 && saved.failures == 1)

        daemon.clock.advance(by: .seconds(2))
        #expect(
            await eventuallyAsync(timeout: 30) { (await daemon.lastAttempt(failing)) ?? started > started },
            "not tried again when the host's backoff was over")
        run.cancel()
        _ = await run.result
    }
}
