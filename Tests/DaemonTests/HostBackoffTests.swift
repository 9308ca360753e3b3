import Foundation
import TestSupport
import Testing

extension DaemonProcessTests {
    /// A website that fails puts its host on an exponential backoff, saved with the schedule.
    @Suite struct HostBackoffTests {
        @Test func anUnreachableSiteBacksOffPerHost() async throws {
            let web = try SyntheticWeb(organisations: 2)
            let failing = SyntheticWeb.host(web.numbers[0])
            try Data(#"{"reset_all": true}"#.utf8).write(to: web.root.appendingPathComponent("sites/\(failing)/_config.json"))
            try await web.start()
            defer { web.stopBlocking() }
            let cache = temporaryDirectory("backoff-cache")
            let state = temporaryDirectory("backoff-state")
            let config = temporaryDirectory("backoff-config") + "/config.json"
            try Data(#"{"feed": false, "refresh-interval": 3600, "retry-delay": 120}"#.utf8).write(to: URL(fileURLWithPath: config))
            let daemon = try RunningBinary(
                ["serve", "--config", config, "--cache-dir", cache, "--state-dir", state] + web.operatorArguments + web.numbers,
                executable: BuiltBinary.path, environment: [:])
            defer { daemon.stopNow() }
            let written = await eventually(timeout: 60) {
                web.numbers.allSatisfy { FileManager.default.fileExists(atPath: "\(cache)/profiles/\($0).json") }
            }
            #expect(written, "output: \(daemon.text)")
            #expect(await daemon.stop() == 0)

            let saved = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(state)/state.json"))) as? [String: Any])
            let hosts = saved["hosts"] as? [String: [String: Any]] ?? [:]
            #expect(Set(hosts.keys) == [failing], "\(hosts)")
            let until = (hosts[failing]?["blockedUntil"] as? String).flatMap(ISO8601DateFormatter().date(from:))
            let wait = until.map { $0.timeIntervalSinceNow } ?? 0
            #expect(wait > 60 && wait <= 140, "backoff should start near retry-delay (120 s), is \(wait) s")
            #expect(hosts[failing]?["failures"] as? Int == 1)
        }
    }
}
