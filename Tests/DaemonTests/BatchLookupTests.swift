import Foundation
import TestSupport
import Testing

extension DaemonProcessTests {
    /// The daemon asks the register about due organisations in one search request per batch and
    /// looks up singly only the numbers the search does not return (a deleted one, here).
    @Suite struct BatchLookupTests {
        @Test func oneSearchForTheBatchAndSingleLookupsOnlyForTheMissing() async throws {
            let web = try SyntheticWeb(organisations: 30)
            let deleted = web.numbers[7]
            try web.writeRecord(deleted, name: "NEDLAGT ETAT", deletedOn: "2026-01-01")
            try await web.start()
            defer { web.stopBlocking() }
            let cache = temporaryDirectory("batch-cache")
            let list = temporaryDirectory("batch-list") + "/organisations.txt"
            try Data(web.numbers.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: list))
            let config = temporaryDirectory("batch-config") + "/config.json"
            try Data(#"{"feed": false, "refresh-interval": 3600}"#.utf8).write(to: URL(fileURLWithPath: config))
            let daemon = try RunningBinary(
                [
                    "serve", "--config", config, "--organisations-file", list, "--cache-dir", cache, "--state-dir",
                    temporaryDirectory("batch-state"),
                ]
                    + web.operatorArguments, executable: BuiltBinary.path, environment: [:])
            defer { daemon.stopNow() }
            let written = await eventually(timeout: 60) {
                web.numbers.allSatisfy { FileManager.default.fileExists(atPath: "\(cache)/profiles/\($0).json") }
            }
            #expect(written, "output: \(daemon.text)")
            #expect(await daemon.stop() == 0)
            // The server writes its log from a queue: wait for the last line this test reads.
            let logged = await eventually(timeout: 10) { web.requestLog.contains { $0.contains("/api/enheter/\(deleted) ") } }
            #expect(logged, "the single lookup of \(deleted) is not in the server's log")

            let registry = web.requestLog.filter { $0.contains("://data.brreg.no/enhetsregisteret/api/enheter") }
            let searches = registry.filter { $0.contains("/enheter?organisasjonsnummer=") }
            let singles = registry.filter { $0.contains("/api/enheter/") }
            #expect(searches.count == 1, "\(registry)")
            for number in web.numbers {
                #expect(searches.first?.contains(number) == true, "\(number) missing from the batch search")
            }
            #expect(singles.count == 1 && singles.first?.contains("/enheter/\(deleted) ") == true, "\(singles)")
            let profile =
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(cache)/profiles/\(deleted).json")))
                as? [String: Any]
            #expect(profile?["status"] as? String == "deleted")
        }
    }
}
