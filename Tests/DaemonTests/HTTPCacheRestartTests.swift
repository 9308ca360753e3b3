import Foundation
import TestSupport
import Testing

extension DaemonProcessTests {
    /// The daemon keeps its HTTP validators in the state directory, so after a restart an unchanged
    /// home page and logo cost a 304. Its own test web (a copy of the fixtures) counts the responses.
    @Suite struct HTTPCacheRestartTests {
        @Test func aRestartedDaemonRevalidatesWithThePersistedValidators() async throws {
            let root = try TestWeb.copyOfFixtures()
            let web = try TestWeb.startPrivate(root: root)
            defer { web.stop() }
            let cache = temporaryDirectory("restart-cache")
            let state = temporaryDirectory("restart-state")
            let config = temporaryDirectory("restart-config") + "/config.json"
            try Data(#"{"refresh-interval": 3600, "feed": false, "wikidata": false}"#.utf8).write(to: URL(fileURLWithPath: config))
            let profile = "\(cache)/profiles/991825827.json"
            let arguments =
                ["serve", "--config", config, "--cache-dir", cache, "--state-dir", state] + web.operatorArguments + ["991825827"]
            let logo = "/themes/custom/digdir/images/digdir-logo.svg"

            let first = try RunningBinary(arguments, executable: BuiltBinary.path, environment: [:])
            defer { first.stopNow() }
            #expect(await eventually(timeout: 60) { FileManager.default.fileExists(atPath: profile) }, "output: \(first.text)")
            #expect(await first.stop() == 0)
            #expect(try await web.responseCounts(host: "www.digdir.no", path: "/") == ["200": 1])
            #expect(try await web.responseCounts(host: "www.digdir.no", path: logo) == ["200": 1])
            // A rewrite is an atomic rename, so a new inode; the bytes may well be the same (the
            // timestamps have second resolution and both runs can fall within one second).
            func inode() -> Int? { (try? FileManager.default.attributesOfItem(atPath: profile))?[.systemFileNumber] as? Int }
            let written = try #require(inode())

            // Forget the schedule (so the organisation is due at once), keep the HTTP cache beside it.
            try FileManager.default.removeItem(atPath: "\(state)/state.json")
            #expect(try !FileManager.default.contentsOfDirectory(atPath: "\(state)/http-cache").isEmpty)
            let second = try RunningBinary(arguments, executable: BuiltBinary.path, environment: [:])
            defer { second.stopNow() }
            #expect(
                await eventually(timeout: 60) { inode().map { $0 != written } ?? false },
                "the profile was not refreshed again; output: \(second.text)")
            #expect(await second.stop() == 0)
            #expect(try await web.responseCounts(host: "www.digdir.no", path: "/") == ["200": 1, "304": 1])
            #expect(try await web.responseCounts(host: "www.digdir.no", path: logo) == ["200": 1, "304": 1])
        }
    }
}
