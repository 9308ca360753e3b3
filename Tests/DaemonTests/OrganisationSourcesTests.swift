import Foundation
import TestSupport
import Testing

/// Which organisations the daemon tracks: register queries, and two writers on one cache.
extension DaemonProcessTests {
    @Suite struct OrganisationSourcesTests {
        /// Six organisations; the first three name the sixth as their `overordnetEnhet`, so a
        /// register query for that parent finds exactly them.
        static func webWithThreeSubordinates() async throws -> (SyntheticWeb, parent: String) {
            let web = try SyntheticWeb(organisations: 6)
            let parent = web.numbers[5]
            for (index, number) in web.numbers.prefix(3).enumerated() {
                try web.writeRecord(number, name: "UNDERLAGT ETAT \(index)", parent: parent)
            }
            try await web.start()
            return (web, parent)
        }

        @Test func registerQueriesAddTheirResults() async throws {
            let (web, parent) = try await Self.webWithThreeSubordinates()
            defer { web.stopBlocking() }
            let cache = temporaryDirectory("query-cache")
            let state = temporaryDirectory("query-state")
            let config = temporaryDirectory("query-config") + "/config.json"
            try Data(#"{"feed": false, "refresh-interval": 3600, "organisation-queries": [{"overordnetEnhet": "\#(parent)"}]}"#.utf8)
                .write(to: URL(fileURLWithPath: config))
            let daemon = try RunningBinary(
                ["serve", "--config", config, "--cache-dir", cache, "--state-dir", state] + web.operatorArguments,
                executable: BuiltBinary.path, environment: [:])
            defer { daemon.stopNow() }
            let children = Array(web.numbers.prefix(3))
            let written = await eventually(timeout: 60) {
                children.allSatisfy { FileManager.default.fileExists(atPath: "\(cache)/profiles/\($0).json") }
            }
            #expect(written, "output: \(daemon.text)")
            #expect(daemon.text.contains("register queries: 3 organisations"))
            for number in web.numbers.suffix(3) {
                #expect(!FileManager.default.fileExists(atPath: "\(cache)/profiles/\(number).json"))
            }
            #expect(await daemon.stop() == 0)
        }

        @Test func oneShotRefreshResolvesRegisterQueriesAndOnlyNarrowsToTheGivenNumbers() async throws {
            let (web, parent) = try await Self.webWithThreeSubordinates()
            defer { web.stopBlocking() }
            let config = temporaryDirectory("refresh-query-config") + "/config.json"
            try Data(#"{"organisation-queries": [{"overordnetEnhet": "\#(parent)"}]}"#.utf8).write(to: URL(fileURLWithPath: config))

            // The configured query's three results, plus a number given on the command line.
            let cache = temporaryDirectory("refresh-query-cache")
            let extra = web.numbers[4]
            let run = try await RunningBinary.run(["refresh", "--config", config, "--cache-dir", cache, extra] + web.operatorArguments)
            #expect(run.status == 0, "\(run.stdout.suffix(1000))\(run.stderr.suffix(1000))")
            let written = Set(try FileManager.default.contentsOfDirectory(atPath: "\(cache)/profiles").filter { $0.hasSuffix(".json") })
            #expect(written == Set((web.numbers.prefix(3) + [extra]).map { "\($0).json" }))

            // --only: the given number and nothing the configuration names.
            let narrow = temporaryDirectory("refresh-only-cache")
            let only = try await RunningBinary.run(["refresh", "--only", "--config", config, "--cache-dir", narrow, extra] + web.operatorArguments)
            #expect(only.status == 0, "\(only.stderr.suffix(1000))")
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(narrow)/profiles").filter { $0.hasSuffix(".json") } == ["\(extra).json"])

            // A query that matches nothing, and no listed organisations: a clear error, not an empty success.
            let empty = temporaryDirectory("refresh-query-empty") + "/config.json"
            try Data(#"{"organisation-queries": [{"overordnetEnhet": "\#(extra)"}]}"#.utf8).write(to: URL(fileURLWithPath: empty))
            let none = try await RunningBinary.run(
                ["refresh", "--config", empty, "--cache-dir", temporaryDirectory("refresh-query-none")] + web.operatorArguments)
            #expect(none.status == 65)
            #expect(none.stderr.contains("organisation-queries matched no organisations"))
        }

        @Test func refreshAndServeWritingTheSameCacheTearNothing() async throws {
            let web = try SyntheticWeb(organisations: 40)
            try await web.start()
            defer { web.stopBlocking() }
            let cache = temporaryDirectory("shared-cache")
            let list = temporaryDirectory("shared-list") + "/organisations.txt"
            try Data(web.numbers.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: list))
            let config = temporaryDirectory("shared-config") + "/config.json"
            try Data(#"{"feed": false, "refresh-interval": 3600, "concurrency": 4}"#.utf8).write(to: URL(fileURLWithPath: config))
            let daemon = try RunningBinary(
                [
                    "serve", "--config", config, "--organisations-file", list, "--cache-dir", cache, "--state-dir",
                    temporaryDirectory("shared-state"),
                ]
                    + web.operatorArguments, executable: BuiltBinary.path, environment: [:])
            defer { daemon.stopNow() }
            // A one-shot refresh of the same organisations, in reverse order, at the same time.
            let oneShot = try await RunningBinary.run(
                ["refresh", "--config", config, "--cache-dir", cache] + web.numbers.reversed() + web.operatorArguments)
            #expect(oneShot.status == 0, "\(oneShot.stdout.suffix(1000))\(oneShot.stderr.suffix(1000))")
            let allWritten = await eventually(timeout: 60) {
                (try? FileManager.default.contentsOfDirectory(atPath: "\(cache)/logos"))?.count ?? 0 >= web.numbers.count
            }
            #expect(allWritten)
            #expect(await daemon.stop() == 0)

            let logos = Set((try FileManager.default.contentsOfDirectory(atPath: "\(cache)/logos")).filter { !$0.hasPrefix(".") })
            var named: Set<String> = []
            for number in web.numbers {
                let data = try Data(contentsOf: URL(fileURLWithPath: "\(cache)/profiles/\(number).json"))
                let profile = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                let logo = try #require(profile["logo"] as? [String: Any])
                let file = try #require(logo["file"] as? String)
                named.insert(String(file.dropFirst("logos/".count)))
                for rendition in logo["renditions"] as? [[String: Any]] ?? [] {
                    let renditionFile = try #require(rendition["file"] as? String)
                    named.insert(String(renditionFile.dropFirst("logos/".count)))
                }
                let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(cache)/\(file)"))
                #expect(sha256(bytes) == logo["sha256"] as? String)
                // The Tiny PS copy, when the profile names one, is as complete as the logo.
                if let copy = (logo["tinyPS"] as? [String: Any])?["file"] as? String {
                    named.insert(String(copy.dropFirst("logos/".count)))
                    let copyBytes = try Data(contentsOf: URL(fileURLWithPath: "\(cache)/\(copy)"))
                    #expect(sha256(copyBytes) == (logo["tinyPS"] as? [String: Any])?["sha256"] as? String)
                }
            }
            #expect(logos == named, "logo files no profile names: \(logos.subtracting(named))")
        }
    }
}
