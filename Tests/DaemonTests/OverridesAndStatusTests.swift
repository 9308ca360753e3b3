import Foundation
import TestSupport
import Testing

/// Hand-supplied logos and contacts win over discovery and are marked; `status` lists gaps.
extension DaemonProcessTests {
    @Suite struct OverridesAndStatusTests {
        @Test func handSuppliedValuesWinAndAreValidated() async throws {
            let web = try SyntheticWeb(organisations: 2)
            try await web.start()
            defer { web.stopBlocking() }
            let (accepted, rejected) = (web.numbers[0], web.numbers[1])
            let overrides = temporaryDirectory("overrides")
            let handLogo =
                ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 60"><title>Hand</title><circle cx="30" cy="30" r="25" fill="#0a5"/></svg>"##
            try Data(handLogo.utf8).write(to: URL(fileURLWithPath: "\(overrides)/\(accepted).svg"))
            try Data(#"{"email": "Kontakt@Example.no", "phone": "+47 815 55 555"}"#.utf8).write(
                to: URL(fileURLWithPath: "\(overrides)/\(accepted).json"))
            let hostile =
                #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10"/></svg>"#
            try Data(hostile.utf8).write(to: URL(fileURLWithPath: "\(overrides)/\(rejected).svg"))
            let cache = temporaryDirectory("overrides-cache")
            let result = try await RunningBinary.run(
                ["refresh", accepted, rejected, "--cache-dir", cache, "--overrides-dir", overrides, "--config", emptyConfig()]
                    + web.operatorArguments)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")

            let profile = try loadProfile(cache, accepted)
            let logo = try #require(profile["logo"] as? [String: Any])
            #expect(logo["foundBy"] as? String == "hand-supplied")
            #expect(logo["confidence"] as? Double == 1)
            let stored = try Data(contentsOf: URL(fileURLWithPath: "\(cache)/\(try #require(logo["file"] as? String))"))
            #expect(stored == Data(handLogo.utf8))
            #expect((profile["email"] as? [String: Any])?["foundBy"] as? String == "hand-supplied")
            #expect((profile["email"] as? [String: Any])?["value"] as? String == "kontakt@example.no")
            #expect((profile["phone"] as? [String: Any])?["e164"] as? String == "+4781555555")

            let other = try loadProfile(cache, rejected)
            #expect((other["logo"] as? [String: Any])?["foundBy"] as? String == "header-home-link")
            let problems = (other["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(problems.contains("override.logo-rejected"))
            #expect((other["email"] as? [String: Any])?["foundBy"] as? String != "hand-supplied")
        }

        @Test func statusListsOrganisationsMissingValues() async throws {
            let web = TestWeb.shared
            let cache = temporaryDirectory("status-cache")
            // 999990037 has no website: no logo. 991825827 is complete on the test web.
            _ = try await RunningBinary.run(
                ["refresh", "991825827", "999990037", "--cache-dir", cache, "--config", emptyConfig()] + web.operatorArguments)
            let result = try await RunningBinary.run(["status", "--cache-dir", cache, "--config", emptyConfig()])
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("999990037") && $0.contains("logo") })
            #expect(!lines.contains { $0.hasPrefix("991825827") })
            #expect(result.stdout.contains("2 active profiles, 1 missing"))
        }

        private func emptyConfig() -> String {
            let path = temporaryDirectory("empty-config") + "/config.json"
            try? Data("{}".utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        private func loadProfile(_ cache: String, _ number: String) throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(cache)/profiles/\(number).json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
    }
}
