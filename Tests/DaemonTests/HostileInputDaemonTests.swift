import Foundation
import TestSupport
import Testing

/// Numbers that are not organisation numbers, arriving where the daemon and `refresh` take them
/// in: a reloaded organisations file, register search results, a register entry for another
/// number; and an override file with keys orgprofile does not know.
extension DaemonProcessTests {
    @Suite struct HostileInputDaemonTests {
        func write(_ text: String, to path: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        @Test func aReloadedOrganisationsFileWithACombiningMarkKeepsTheOldConfiguration() async throws {
            let web = TestWeb.shared
            let directory = temporaryDirectory("hostile-reload")
            let list = "\(directory)/organisations.txt"
            let config = "\(directory)/config.json"
            try write("991825827\n", to: list)
            try write(#"{"feed": false, "refresh-interval": 3600, "organisations-file": "\#(list)"}"#, to: config)
            let cache = temporaryDirectory("hostile-reload-cache")
            let daemon = try RunningBinary(
                ["serve", "--config", config, "--cache-dir", cache, "--state-dir", temporaryDirectory("hostile-reload-state")]
                    + web.operatorArguments,
                executable: BuiltBinary.path, environment: [:])
            defer { daemon.stopNow() }
            #expect(
                await eventually(timeout: 60) { FileManager.default.fileExists(atPath: "\(cache)/profiles/991825827.json") },
                "output: \(daemon.text)")

            try write("991825827\n97476067\u{301}3\n", to: list)
            daemon.signal(SIGHUP)
            #expect(await eventually(timeout: 10) { daemon.text.contains("reload failed") }, "output: \(daemon.text)")
            #expect(daemon.text.contains("line 2") && daemon.text.contains(#"97476067\u{301}3"#), "output: \(daemon.text)")
            // Still serving, and still reloading: a good file is taken at the next SIGHUP.
            try write("991825827\n974760673\n", to: list)
            daemon.signal(SIGHUP)
            #expect(
                await eventually(timeout: 60) { FileManager.default.fileExists(atPath: "\(cache)/profiles/974760673.json") },
                "the good file's new organisation was not refreshed; output: \(daemon.text)")
            #expect(await daemon.stop() == 0, "output: \(daemon.text)")
        }

        /// The register is not trusted to return organisation numbers: a search hit whose number
        /// has a combining mark is skipped with a note, and the other hits are refreshed.
        @Test func registerSearchResultsThatAreNotNumbersAreSkipped() async throws {
            let web = try SyntheticWeb(organisations: 4)
            let parent = web.numbers[3]
            for number in web.numbers.prefix(2) { try web.writeRecord(number, name: "UNDERLAGT \(number)", parent: parent) }
            let hostile: [String: Any] = [
                "organisasjonsnummer": "91000000\u{301}6", "navn": "FALSK", "overordnetEnhet": parent,
                "organisasjonsform": ["kode": "ORGL"],
            ]
            try JSONSerialization.data(withJSONObject: hostile).write(
                to: web.root.appendingPathComponent("registry/fixtures/enhet-\(web.numbers[2]).json"))
            try await web.start()
            defer { web.stopBlocking() }
            let config = temporaryDirectory("hostile-query") + "/config.json"
            try write(
                #"{"feed": false, "refresh-interval": 3600, "organisation-queries": [{"overordnetEnhet": "\#(parent)"}]}"#, to: config)

            let cache = temporaryDirectory("hostile-query-cache")
            let run = try await RunningBinary.run(["refresh", "--config", config, "--cache-dir", cache] + web.operatorArguments)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains(#"91000000\u{301}6"#) && run.stderr.contains("skipped"), "\(run.stderr)")
            let written = Set((try? FileManager.default.contentsOfDirectory(atPath: "\(cache)/profiles")) ?? [])
            #expect(written == Set(web.numbers.prefix(2).map { "\($0).json" }))

            let served = temporaryDirectory("hostile-query-serve")
            let daemon = try RunningBinary(
                ["serve", "--config", config, "--cache-dir", served, "--state-dir", temporaryDirectory("hostile-query-state")]
                    + web.operatorArguments,
                executable: BuiltBinary.path, environment: [:])
            defer { daemon.stopNow() }
            let refreshed = await eventually(timeout: 60) {
                web.numbers.prefix(2).allSatisfy { FileManager.default.fileExists(atPath: "\(served)/profiles/\($0).json") }
            }
            #expect(refreshed, "output: \(daemon.text)")
            #expect(daemon.text.contains(#"91000000\u{301}6"#), "output: \(daemon.text)")
            // Running after the hostile hit was handled, and exit 0 at SIGTERM.
            #expect(daemon.process.isRunning, "output: \(daemon.text)")
            #expect(await daemon.stop() == 0, "output: \(daemon.text)")
        }

        /// An entry for another number than the one asked for is not written under that number.
        @Test func aRegisterEntryForAnotherNumberIsNotWritten() async throws {
            let web = try SyntheticWeb(organisations: 1)
            let asked = web.numbers[0]
            let other: [String: Any] = ["organisasjonsnummer": "../../escaped", "navn": "FALSK", "organisasjonsform": ["kode": "ORGL"]]
            try JSONSerialization.data(withJSONObject: other).write(
                to: web.root.appendingPathComponent("registry/fixtures/enhet-\(asked).json"))
            try await web.start()
            defer { web.stopBlocking() }
            let cache = temporaryDirectory("hostile-other") + "/cache"
            let config = temporaryDirectory("hostile-other-config") + "/config.json"
            try write("{}", to: config)
            let run = try await RunningBinary.run(["refresh", asked, "--config", config, "--cache-dir", cache] + web.operatorArguments)
            #expect(run.status == 69, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("../../escaped") && run.stdout.contains(asked), "\(run.stdout)")
            let written =
                (FileManager.default.enumerator(atPath: (cache as NSString).deletingLastPathComponent)?.allObjects as? [String]) ?? []
            // No profile anywhere (the consumer index, `index.json`, may list none).
            let profiles = written.filter { $0.hasSuffix(".json") && ($0 as NSString).lastPathComponent != "index.json" }
            #expect(profiles.isEmpty, "\(written)")
        }

        @Test func unknownKeysInAnOverrideFileAreAProblem() async throws {
            let web = try SyntheticWeb(organisations: 1)
            try await web.start()
            defer { web.stopBlocking() }
            let number = web.numbers[0]
            let overrides = temporaryDirectory("hostile-overrides")
            try write(#"{"epost": "post@example.no", "phone": "+47 815 55 555", "telefon\u0007": "1"}"#, to: "\(overrides)/\(number).json")
            let cache = temporaryDirectory("hostile-overrides-cache")
            let config = temporaryDirectory("hostile-overrides-config") + "/config.json"
            try write("{}", to: config)
            let run = try await RunningBinary.run(
                ["refresh", number, "--cache-dir", cache, "--overrides-dir", overrides, "--config", config] + web.operatorArguments)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("override.unknown-keys"), "\(run.stdout)")
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(cache)/profiles/\(number).json"))
            let profile = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let problems = profile["problems"] as? [[String: Any]] ?? []
            let problem = try #require(problems.first { $0["code"] as? String == "override.unknown-keys" })
            let message = problem["message"] as? String ?? ""
            #expect(message.contains("'epost'") && message.contains(#"'telefon\u{7}'"#), "\(message)")
            #expect((profile["phone"] as? [String: Any])?["foundBy"] as? String == "hand-supplied")
        }

        /// A name from the register with a terminal escape and a line break reaches the operator's
        /// terminal escaped, in `refresh` and `status` lines alike.
        @Test func registerTextIsPrintedWithControlCharactersEscaped() async throws {
            let web = try SyntheticWeb(organisations: 1)
            let number = web.numbers[0]
            try web.writeRecord(number, name: "ETAT\u{1B}[2J\r\nFALSK LINJE")
            try await web.start()
            defer { web.stopBlocking() }
            let cache = temporaryDirectory("hostile-name-cache")
            let config = temporaryDirectory("hostile-name-config") + "/config.json"
            try write("{}", to: config)
            let run = try await RunningBinary.run(["refresh", number, "--config", config, "--cache-dir", cache] + web.operatorArguments)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains(#"\u{1B}"#), "\(run.stdout.debugDescription)")
            #expect(!run.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(run.stdout.debugDescription)")
            // status names organisations that lack a value: take the email away so it lists this one.
            let path = "\(cache)/profiles/\(number).json"
            var profile = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            profile["email"] = nil
            try JSONSerialization.data(withJSONObject: profile).write(to: URL(fileURLWithPath: path))
            let status = try await RunningBinary.run(["status", "--config", config, "--cache-dir", cache])
            #expect(status.status == 1 && status.stdout.contains(#"\u{1B}"#), "\(status.stdout.debugDescription)")
            #expect(!status.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(status.stdout.debugDescription)")
        }
    }
}
