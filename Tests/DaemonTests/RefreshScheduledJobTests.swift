import Foundation
import TestSupport
import Testing

/// `orgprofile refresh` as the hourly timer runs it: profiles younger than `refresh-interval` are
/// left alone unless forced or named, the update feeds (enheter and underenheter) bring changed
/// organisations in anyway, from the cursor `serve` keeps, and a terminal sees progress.
extension DaemonProcessTests {
    @Suite struct RefreshScheduledJobTests {
        static func profile(_ cache: String, _ number: String) -> [String: Any]? {
            guard let data = FileManager.default.contents(atPath: "\(cache)/profiles/\(number).json") else { return nil }
            return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        }

        static func refreshedAt(_ cache: String, _ number: String) -> String? { profile(cache, number)?["refreshedAt"] as? String }

        static func config(_ numbers: [String], extra: String = "") throws -> String {
            let path = temporaryDirectory("job-config") + "/config.json"
            let list = numbers.map { "\"\($0)\"" }.joined(separator: ", ")
            try Data(#"{"refresh-interval": 3600, "organisations": [\#(list)]\#(extra)}"#.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        /// The lines on stdout that are about `number`.
        static func lines(_ output: String, _ number: String) -> [Substring] {
            output.split(separator: "\n").filter { $0.hasPrefix(number) }
        }

        @Test func youngProfilesAreSkippedUnlessForcedOrNamed() async throws {
            let web = try SyntheticWeb(organisations: 3)
            try await web.start()
            defer { web.stopBlocking() }
            let (a, b, c) = (web.numbers[0], web.numbers[1], web.numbers[2])
            let cache = temporaryDirectory("job-cache")
            let arguments = ["refresh", "--config", try Self.config([a, b, c]), "--cache-dir", cache] + web.operatorArguments
            let first = try await BuiltBinary.run(arguments)
            #expect(first.status == 0, "\(first.stderr)")
            #expect([a, b, c].allSatisfy { Self.lines(first.stdout, $0).count == 1 }, "\(first.stdout)")
            let before = [a, b, c].map { Self.refreshedAt(cache, $0) }
            try await Task.sleep(for: .milliseconds(1100))  // refreshedAt has whole seconds

            let young = try await BuiltBinary.run(arguments)
            #expect(young.status == 0, "\(young.stderr)")
            #expect([a, b, c].allSatisfy { Self.lines(young.stdout, $0).isEmpty }, "refreshed again: \(young.stdout)")
            #expect(young.stderr.contains("3 profiles younger than refresh-interval"), "\(young.stderr)")
            #expect([a, b, c].map { Self.refreshedAt(cache, $0) } == before)

            let named = try await BuiltBinary.run(arguments + [b])
            #expect(named.status == 0, "\(named.stderr)")
            #expect(Self.lines(named.stdout, b).count == 1 && Self.lines(named.stdout, a).isEmpty, "\(named.stdout)")
            #expect(Self.refreshedAt(cache, b) != before[1] && Self.refreshedAt(cache, a) == before[0])

            let forced = try await BuiltBinary.run(arguments + ["--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect([a, b, c].allSatisfy { Self.lines(forced.stdout, $0).count == 1 }, "\(forced.stdout)")
            #expect(Self.refreshedAt(cache, a) != before[0] && Self.refreshedAt(cache, c) != before[2])
        }

        @Test func theUpdateFeedsBringChangedOrganisationsInFromTheSharedCursor() async throws {
            let web = try SyntheticWeb(organisations: 4)
            try await web.start()
            defer { web.stopBlocking() }
            let (renamed, branch, removed, untouched) = (web.numbers[0], web.numbers[1], web.numbers[2], web.numbers[3])
            let cache = temporaryDirectory("job-cache")
            let state = temporaryDirectory("job-state")
            let arguments =
                [
                    "refresh", "--config", try Self.config([renamed, branch, removed, untouched]), "--cache-dir", cache, "--state-dir",
                    state,
                ]
                + web.operatorArguments
            let first = try await BuiltBinary.run(arguments)
            #expect(first.status == 0, "\(first.stderr)")
            func saved() -> [String: Any]? {
                FileManager.default.contents(atPath: "\(state)/state.json").flatMap {
                    try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
                }
            }
            // The first run reads both feeds by date and leaves the cursors past their last ids (100).
            #expect(
                saved()?["feedCursor"] as? Int == 101 && saved()?["underenhetFeedCursor"] as? Int == 101, "\(String(describing: saved()))")
            let untouchedBefore = Self.refreshedAt(cache, untouched)
            let branchBefore = Self.refreshedAt(cache, branch)
            try await Task.sleep(for: .milliseconds(1100))

            try web.writeRecord(renamed, name: "OMDØPT ETAT")
            try web.writeFeed([
                (id: 105, number: renamed, change: "Endring"), (id: 106, number: removed, change: "Fjernet"),
                (id: 107, number: "974760673", change: "Endring"),
            ])
            try web.writeFeed([(id: 230, number: branch, change: "Endring")], underenheter: true)
            let second = try await BuiltBinary.run(arguments)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(
                (Self.profile(cache, renamed)?["name"] as? [String: Any])?["registered"] as? String == "OMDØPT ETAT", "\(second.stdout)")
            #expect(Self.refreshedAt(cache, branch) != branchBefore, "a change in the underenheter feed is refreshed")
            #expect(Self.profile(cache, removed)?["status"] as? String == "removed" && Self.profile(cache, removed)?["logo"] == nil)
            #expect(Self.refreshedAt(cache, untouched) == untouchedBefore, "an unchanged young profile was refreshed")
            #expect(Self.profile(cache, "974760673") == nil, "an organisation that is not configured was added")
            #expect(saved()?["feedCursor"] as? Int == 108 && saved()?["underenhetFeedCursor"] as? Int == 231)
        }

        @Test func aTerminalSeesAProgressLineAPipeDoesNot() async throws {
            let web = try SyntheticWeb(organisations: 3)
            try await web.start()
            defer { web.stopBlocking() }
            let cache = temporaryDirectory("job-cache")
            let arguments = ["refresh", "--force", "--config", try Self.config(web.numbers), "--cache-dir", cache] + web.operatorArguments
            let command = ([BuiltBinary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
            // script(1) gives the command a terminal; its own output is what the terminal showed.
            let onTerminal = try await BuiltBinary.run(["-qec", command, "/dev/null"], executable: "/usr/bin/script")
            #expect(onTerminal.status == 0, "\(onTerminal.stdout)")
            #expect(onTerminal.stdout.contains("3/3 done"), "\(onTerminal.stdout)")
            #expect(onTerminal.stdout.contains("0 failed"), "\(onTerminal.stdout)")
            let jsonOnTerminal = try await BuiltBinary.run(["-qec", command + " --json", "/dev/null"], executable: "/usr/bin/script")
            #expect(jsonOnTerminal.status == 0 && !jsonOnTerminal.stdout.contains("/3 done"), "\(jsonOnTerminal.stdout)")
            let piped = try await BuiltBinary.run(arguments)
            #expect(piped.status == 0)
            #expect(!piped.stderr.contains("done,") && !piped.stdout.contains("done,"), "\(piped.stderr)")
        }
    }
}
