import Foundation
import TestSupport
import Testing

/// Flags that are configuration keys are checked once, by the configuration: a bad value is one
/// line naming the flag and the key, exit 78 (as from the file or the environment), for
/// `refresh`, `serve` and `inspect` alike; `inspect` reads the same configuration as `refresh`.
@Suite struct ConfigurationFlagTests {
    let web = TestWeb.shared

    static func configFile(_ json: String) throws -> String {
        let directory = Scratch.url.appendingPathComponent("orgprofile-flags-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("config.json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let badFlags: [([String], String)] = [
        (["--connect-timeout", "0.05"], "connect-timeout"),
        (["--max-time", "0"], "max-time"),
        (["--max-time", "99999"], "max-time"),
        (["--organisation-timeout", "0"], "organisation-timeout"),
        (["--allow-address-range", "10.0.0.0"], "allow-address-range"),
        (["--resolve", "www.digdir.no"], "resolve"),
        (["--connect-to", "www.digdir.no:443"], "connect-to"),
        (["--cacert", "/nonexistent/ca.pem"], "cacert"),
    ]

    @Test(arguments: badFlags)
    func aBadFlagIsAConfigurationErrorForEveryCommand(flags: [String], key: String) async throws {
        let config = try Self.configFile("{}")
        let cache = Scratch.url.appendingPathComponent("orgprofile-flags-\(UUID().uuidString)").path
        for command in [["refresh", "991825827"], ["serve"], ["inspect", "https://www.digdir.no/"]] {
            let result = try await BuiltBinary.run(command + ["--config", config, "--cache-dir", cache] + flags)
            #expect(result.status == 78, "\(command[0]) \(flags): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(command[0]) \(flags): \(result.stderr)")
            #expect(result.stderr.contains("--\(key): key '\(key)'"), "\(command[0]) \(flags): \(result.stderr)")
        }
    }

    @Test func refreshAndServeCheckConcurrencyTheSameWay() async throws {
        let config = try Self.configFile("{}")
        for command in [["refresh", "991825827"], ["serve"]] {
            let result = try await BuiltBinary.run(command + ["--config", config, "--concurrency", "0"])
            #expect(result.status == 78, "\(command[0]): \(result.stderr)")
            #expect(result.stderr.contains("--concurrency: key 'concurrency'"), "\(result.stderr)")
        }
    }

    @Test func inspectReadsTheConfigurationFile() async throws {
        // The test web's operator settings only in the file: inspect reaches it through them.
        let ranges = #"["127.0.0.0/8"]"#
        let connectTo = web.connectTo.map { "\"\($0)\"" }.joined(separator: ", ")
        let config = try Self.configFile(
            #"{"connect-to": [\#(connectTo)], "cacert": "\#(web.caFile)", "allow-address-range": \#(ranges), "wikidata": false}"#)
        let inspected = try await BuiltBinary.run(["inspect", "--config", config, "https://www.digdir.no/"])
        #expect(inspected.status == 0, "\(inspected.stderr)")
        #expect(inspected.stdout.contains("page: https://www.digdir.no/"), "\(inspected.stdout)")

        let bad = try Self.configFile(#"{"max-time": 99999}"#)
        let refused = try await BuiltBinary.run(["inspect", "--config", bad, "https://www.digdir.no/"])
        #expect(refused.status == 78, "\(refused.stderr)")
        #expect(refused.stderr.contains("key 'max-time'") && refused.stderr.contains(bad), "\(refused.stderr)")

        let typo = try Self.configFile(#"{"max-tim": 10}"#)
        let unknown = try await BuiltBinary.run(["inspect", "--config", typo, "https://www.digdir.no/"])
        #expect(unknown.status == 78 && unknown.stderr.contains("key 'max-tim': unknown key"), "\(unknown.stderr)")
    }
}
