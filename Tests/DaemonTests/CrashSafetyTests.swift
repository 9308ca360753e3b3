import Foundation
import TestSupport
import Testing

/// `kill -9` at any moment leaves every profile either old or new: each parses, and every logo
/// file a profile names exists with the digest the profile records.
extension DaemonProcessTests {
    @Suite struct CrashSafetyTests {
        @Test func sigkillDuringALargeRefreshLeavesNoTornProfile() async throws {
            let web = try SyntheticWeb(organisations: 80)
            try await web.start()
            defer { web.stopBlocking() }
            let cache = temporaryDirectory("kill-cache")
            let state = temporaryDirectory("kill-state")
            let list = temporaryDirectory("kill-list") + "/organisations.txt"
            try Data(web.numbers.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: list))

            // Round one writes every profile; round two rewrites them (new logos: the SVGs change)
            // and is killed half-way, so both "old" and "new" files are in play.
            let first = try await RunningBinary.run(
                ["refresh", "--organisations-file", list, "--cache-dir", cache, "--concurrency", "8"] + web.operatorArguments,
                timeout: 300)
            try #require(first.status == 0, "\(first.stdout.suffix(2000))\(first.stderr.suffix(2000))")
            for number in web.numbers {
                let logo = web.root.appendingPathComponent("sites/\(SyntheticWeb.host(number))/logo.svg")
                let svg = try String(contentsOf: logo, encoding: .utf8).replacingOccurrences(of: "#222", with: "#333")
                try Data(svg.utf8).write(to: logo)
            }
            let daemon = try RunningBinary(
                [
                    "serve", "--organisations-file", list, "--cache-dir", cache, "--state-dir", state, "--concurrency", "4",
                    "--config", emptyConfig(),
                ] + web.operatorArguments,
                executable: BuiltBinary.path, environment: [:])
            let changedSome = await eventually(timeout: 120) { countLogos(cache, containing: "#333") >= 20 }
            daemon.signal(SIGKILL)
            _ = await daemon.waitForExit(timeout: 10)
            #expect(changedSome, "the daemon did not get going: \(daemon.text.suffix(2000))")
            let rewritten = countLogos(cache, containing: "#333")
            #expect(rewritten < web.numbers.count, "killed too late to prove anything (all \(rewritten) rewritten)")

            for number in web.numbers {
                let path = "\(cache)/profiles/\(number).json"
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                let profile = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(path) is not a JSON object")
                #expect(profile["organisationNumber"] as? String == number)
                let logo = try #require(profile["logo"] as? [String: Any], "\(number) lost its logo")
                let file = try #require(logo["file"] as? String)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(cache)/\(file)"))
                #expect(sha256(bytes) == logo["sha256"] as? String, "\(file) does not match its profile's digest")
            }
        }

        private func emptyConfig() -> String {
            let path = temporaryDirectory("kill-config") + "/config.json"
            try? Data(#"{"feed": false}"#.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        private func countLogos(_ cache: String, containing marker: String) -> Int {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(cache)/logos")) ?? []
            return names.filter { name in
                !name.hasPrefix(".")
                    && ((try? String(contentsOfFile: "\(cache)/logos/\(name)", encoding: .utf8))?.contains(marker) ?? false)
            }.count
        }
    }
}

/// The digest by an independent implementation: coreutils' sha256sum.
func sha256(_ data: Data) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    guard (try? process.run()) != nil else { return nil }
    input.fileHandleForWriting.write(data)
    try? input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return text.split(separator: " ").first.map(String.init)
}
