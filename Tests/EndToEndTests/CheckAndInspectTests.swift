import Foundation
import TestSupport
import Testing

/// `check-svg` and `inspect`, run as the built binary.
@Suite struct CheckAndInspectTests {
    let web = TestWeb.shared
    static let corpus = TestWeb.repositoryRoot.appendingPathComponent("Tests/SVGValidationTests/Corpus").path

    @Test func checkSVGExitsZeroWhenEveryFileIsAccepted() async throws {
        let result = try await BuiltBinary.run(["check-svg", "\(Self.corpus)/accept/mat.svg", "\(Self.corpus)/accept/nkom.svg"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("mat.svg: accepted"))
    }

    @Test func checkSVGPrintsFindingsLikeACompilerAndExitsOneOnARejection() async throws {
        let result = try await BuiltBinary.run(["check-svg", "\(Self.corpus)/accept/mat.svg", "\(Self.corpus)/reject/billion-laughs.svg"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("billion-laughs.svg:3: error[parse.entity-declaration]:"))
        #expect(result.stdout.contains("billion-laughs.svg: rejected"))
    }

    @Test func checkSVGJSONIsAnArrayOfFileReports() async throws {
        let result = try await BuiltBinary.run([
            "check-svg", "--json", "\(Self.corpus)/accept/mat.svg", "\(Self.corpus)/reject/billion-laughs.svg",
        ])
        #expect(result.status == 1)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 2)
        #expect(reports[0]["verdict"] as? String == "accepted")
        #expect(reports[1]["verdict"] as? String == "rejected")
        let finding = try #require((reports[1]["findings"] as? [[String: Any]])?.first)
        #expect(finding["code"] as? String == "parse.entity-declaration")
        #expect(finding["severity"] as? String == "error")
        #expect(finding["line"] as? Int == 3)
    }

    @Test func checkSVGExitsTwoWhenAFileCannotBeRead() async throws {
        let result = try await BuiltBinary.run(["check-svg", "\(Self.corpus)/accept/mat.svg", "/nonexistent/logo.svg"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/logo.svg does not exist"))
    }

    @Test func inspectExplainsTheCandidatesOfALiveSite() async throws {
        let result = try await BuiltBinary.run(["inspect", "https://www.mattilsynet.no/", "--name", "Mattilsynet"] + web.operatorArguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("logo: https://www.mattilsynet.no/"))
        #expect(result.stdout.contains("[header-home-link]"))
        #expect(result.stdout.contains("email: postmottak@mattilsynet.no"))
    }

    @Test func inspectJSONHasTheDocumentedKeys() async throws {
        let result = try await BuiltBinary.run(
            ["inspect", "--json", "www.mattilsynet.no", "--name", "Mattilsynet"] + web.operatorArguments)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["logo"] as? [String: Any])?["url"] as? String != nil)
        #expect(((object["candidates"] as? [[String: Any]])?.count ?? 0) >= 2)
        #expect((object["email"] as? [String: Any])?["value"] as? String == "postmottak@mattilsynet.no")
        #expect((object["phone"] as? [String: Any])?["e164"] as? String == "+4722400000")
    }

    @Test func inspectWorksOnASavedPage() async throws {
        let saved = Scratch.url.appendingPathComponent("orgprofile-saved-\(UUID().uuidString).html").path
        try FileManager.default.copyItem(
            atPath: TestWeb.testWebDirectory.appendingPathComponent("sites/www.mattilsynet.no/index.html").path, toPath: saved)
        let result = try await BuiltBinary.run(
            ["inspect", "--html", saved, "--url", "https://www.mattilsynet.no/", "--json", "--name", "Mattilsynet"] + web.operatorArguments)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let candidates = object["candidates"] as? [[String: Any]] ?? []
        #expect(candidates.first?["source"] as? String == "header-home-link")
        #expect((candidates.first?["url"] as? String)?.hasPrefix("https://www.mattilsynet.no/") == true)
    }

    /// An inline SVG candidate names what it is: its markup as a refresh saves it, and that
    /// markup's SHA-256, which is the `logo.sha256` a refresh of the same site writes.
    @Test func inspectJSONCarriesTheMarkupAndHashOfInlineSVGCandidates() async throws {
        let result = try await BuiltBinary.run(
            ["inspect", "--json", "https://www.nkom.no/", "--name", "Nasjonal kommunikasjonsmyndighet"] + web.operatorArguments)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let candidates = object["candidates"] as? [[String: Any]] ?? []
        let inline = try #require(candidates.first { $0["source"] as? String == "inline-svg" })
        let markup = try #require(inline["markup"] as? String)
        #expect(markup.hasPrefix("<svg"))
        #expect(inline["sha256"] as? String == Self.sha256(Data(markup.utf8)))
        #expect(candidates.filter { $0["url"] as? String != nil && $0["source"] as? String != "inline-svg" }.allSatisfy { $0["markup"] == nil })

        let cache = Scratch.url.appendingPathComponent("orgprofile-inspect-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let refresh = try await BuiltBinary.run(["refresh", "974446871", "--only", "--cache-dir", cache] + web.operatorArguments)
        #expect(refresh.status == 0)
        let profile = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(cache)/profiles/974446871.json"))) as? [String: Any])
        let logo = try #require(profile["logo"] as? [String: Any])
        #expect(logo["foundBy"] as? String == "inline-svg")
        #expect(logo["sha256"] as? String == inline["sha256"] as? String)
    }

    static func sha256(_ data: Data) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["dgst", "-sha256", "-r"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(data)
        try? input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }

    @Test func inspectOfAnUnreachableSiteExits69() async throws {
        let result = try await BuiltBinary.run(["inspect", "https://www.nedetid.test/"] + web.operatorArguments)
        #expect(result.status == 69)
        #expect(result.stdout.contains("site.unreachable"))
    }
}
