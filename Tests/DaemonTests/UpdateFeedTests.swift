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
