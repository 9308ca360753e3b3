import Foundation
import TestSupport
import Testing

/// The daemon follows the register's update feed: a changed organisation is refreshed at once,
/// without a full pass, `Sletting` marks it deleted, and `Fjernet` purges the profile.
extension DaemonProcessTests {
    @Suite struct UpdateFeedTests {
        @Test func changedIsRefreshedDeletedIsMarkedRemovedIsPurged() async throws {
            let web = try SyntheticWeb(organisations: 4)
            try await web.start()
            defer { web.stopBlocking() }
            let (changed, removed, untouched, deleted) = (web.numbers[0], web.numbers[1], web.numbers[2], web.numbers[3])
            let cache = temporaryDirectory("feed-cache")
            let state = temporaryDirectory("feed-state")
            let config = temporaryDirectory("feed-config") + "/config.json"
            // A full pass only once an hour: anything refreshed again within the test came from the feed.
            try Data(
                #"{"refresh-interval": 3600, "refresh-jitter": 0, "feed-interval": 1, "organisations": ["\#(changed)", "\#(removed)", "\#(untouched)", "\#(deleted)"]}"#
                    .utf8
            )
            .write(to: URL(fileURLWithPath: config))
            let daemon = try RunningBinary(
                ["serve", "--config", config, "--cache-dir", cache, "--state-dir", state] + web.operatorArguments,
                executable: BuiltBinary.path, environment: [:])
            defer { daemon.stopNow() }
            func profile(_ number: String) -> [String: Any]? {
                guard let data = FileManager.default.contents(atPath: "\(cache)/profiles/\(number).json") else { return nil }
                return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            }
            let allWritten = await eventually(timeout: 60) { [changed, removed, untouched, deleted].allSatisfy { profile($0) != nil } }
            try #require(allWritten, "output: \(daemon.text)")
            // The first poll (by date) has set the cursor past the served page's last id (100).
            #expect(
                await eventually(timeout: 20) {
                    let saved = FileManager.default.contents(atPath: "\(state)/state.json").flatMap {
                        try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
                    }
                    return saved?["feedCursor"] as? Int == 101
                }, "output: \(daemon.text)")
            let untouchedBefore = profile(untouched)?["refreshedAt"] as? String

            try web.writeRecord(changed, name: "OMDØPT ETAT")
            try web.writeRecord(deleted, name: "NEDLAGT ETAT", deletedOn: "2026-11-24")
            try web.writeFeed([
                (id: 100, number: "999999999", change: "Endring"),
                (id: 105, number: changed, change: "Endring"),
                (id: 106, number: removed, change: "Fjernet"),
                (id: 107, number: "974760673", change: "Endring"),
                (id: 108, number: deleted, change: "Sletting"),
            ])

            let renamed = await eventually(timeout: 30) {
                (profile(changed)?["name"] as? [String: Any])?["registered"] as? String == "OMDØPT ETAT"
            }
            #expect(renamed, "output: \(daemon.text)")
            let purged = await eventually(timeout: 30) { profile(removed)?["status"] as? String == "removed" }
            #expect(purged, "output: \(daemon.text)")
            #expect(profile(removed)?["logo"] == nil && profile(removed)?["email"] == nil)
            let markedDeleted = await eventually(timeout: 30) { profile(deleted)?["status"] as? String == "deleted" }
            #expect(markedDeleted, "output: \(daemon.text)")
            #expect(profile(deleted)?["logo"] != nil, "a deleted organisation keeps its values")
            #expect(profile(untouched)?["refreshedAt"] as? String == untouchedBefore, "an unchanged organisation was refreshed")
            // Not tracked: the feed entry for 974760673 must not add a profile.
            #expect(profile("974760673") == nil)
            #expect(await daemon.stop() == 0)
        }
    }
}

extension DaemonProcessTests.UpdateFeedTests {
    /// `Fjernet` while a refresh of the same organisation is in flight (it looked the organisation
    /// up before the purge): the purge waits for that refresh, so the profile ends as a tombstone
    /// and is never rewritten from the register's earlier answer.
    @Test func aPurgeIsNotUndoneByARefreshInFlight() async throws {
        let web = try SyntheticWeb(organisations: 2)
        try await web.start()
        defer { web.stopBlocking() }
        let (removed, other) = (web.numbers[0], web.numbers[1])
        let cache = temporaryDirectory("purge-cache")
        let state = temporaryDirectory("purge-state")
        let config = temporaryDirectory("purge-config") + "/config.json"
        try Data(
            #"{"refresh-interval": 3600, "refresh-jitter": 0, "feed-interval": 1, "organisations": ["\#(removed)", "\#(other)"]}"#.utf8
        ).write(to: URL(fileURLWithPath: config))
        let daemon = try RunningBinary(
            ["serve", "--config", config, "--cache-dir", cache, "--state-dir", state] + web.operatorArguments,
            executable: BuiltBinary.path, environment: [:])
        defer { daemon.stopNow() }
        func profile(_ number: String) -> [String: Any]? {
            guard let data = FileManager.default.contents(atPath: "\(cache)/profiles/\(number).json") else { return nil }
            return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        }
        func cursor() -> Int? {
            FileManager.default.contents(atPath: "\(state)/state.json").flatMap {
                try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
            }?["feedCursor"] as? Int
        }
        let logoFetches = { web.requestLog.filter { $0.contains(" GET https://\(SyntheticWeb.host(removed))/logo.svg ") }.count }
        try #require(
            await eventually(timeout: 60) { profile(removed) != nil && profile(other) != nil && cursor() == 101 }, "\(daemon.text)")
        try #require(await eventually(timeout: 10) { logoFetches() == 1 }, "\(web.requestLog.suffix(20))")

        // A change makes it due; its home page now takes 6 s, so the refresh is in flight when the purge comes.
        let site = web.root.appendingPathComponent("sites/\(SyntheticWeb.host(removed))/_config.json")
        try Data(#"{"delays": {"/": 6000}}"#.utf8).write(to: site)
        try web.writeFeed([(id: 105, number: removed, change: "Endring")])
        try #require(await eventually(timeout: 30) { cursor() == 106 }, "\(daemon.text)")
        try await Task.sleep(for: .milliseconds(1500))
        try web.writeFeed([(id: 105, number: removed, change: "Endring"), (id: 106, number: removed, change: "Fjernet")])
        try #require(await eventually(timeout: 30) { cursor() == 107 }, "\(daemon.text)")

        // The refresh in flight ends (its logo request is the last fetch before its write).
        try #require(await eventually(timeout: 60) { logoFetches() == 2 }, "\(web.requestLog.suffix(20))")
        try await Task.sleep(for: .seconds(3))
        #expect(profile(removed)?["status"] as? String == "removed", "\(daemon.text)")
        #expect(profile(removed)?["logo"] == nil && profile(removed)?["email"] == nil)
        #expect(await daemon.stop() == 0)
    }
}
