import Foundation
import TestSupport
import Testing

/// Through the built binary: a logo approved in the review state (`<state-dir>/review/<orgnr>.json`,
/// written here as a file, the way the review page's approve writes it) survives a refresh that
/// finds another logo on the site; the profile says so, and `status` lists it in its queue.
@Suite struct ApprovedLogoRefreshTests {
    typealias Run = ConditionalRequestTests.Run
    static let digdir = ConditionalRequestTests.digdir

    static func profile(_ run: Run) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: "\(run.cache)/profiles/\(digdir).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func anApprovedLogoSurvivesARefreshThatFindsAnother() async throws {
        let run = try Run()
        defer { run.stop() }
        let first = try await run.refresh()
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let logo = try #require(run.logo)
        let digest = try #require(logo["sha256"] as? String)
        let file = try #require(logo["file"] as? String)

        try FileManager.default.createDirectory(atPath: "\(run.state)/review", withIntermediateDirectories: true)
        let state =
            #"{"organisationNumber": "\#(Self.digdir)", "approved": {"logo": {"sha256": "\#(digest)", "at": "2026-12-01T10:00:00Z", "by": "anne"}}, "asked": []}"#
        try Data(state.utf8).write(to: URL(fileURLWithPath: "\(run.state)/review/\(Self.digdir).json"))
        try UnchangedSiteTests.replace(
            "#5a6f86", with: "#2a6f86", in: "sites/www.digdir.no" + ConditionalRequestTests.logoPath, of: run)

        let second = try await run.refresh()
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(try await run.counts(ConditionalRequestTests.logoPath)["200"] == 2, "the changed logo was fetched")
        let profile = try Self.profile(run)
        let kept = try #require(profile["logo"] as? [String: Any])
        #expect(kept["sha256"] as? String == digest, "the approved logo stays")
        #expect(kept["file"] as? String == file)
        #expect(FileManager.default.fileExists(atPath: "\(run.cache)/\(file)"), "its file is not swept")
        #expect(profile["changedSinceApproval"] as? [String] == ["logo"])
        let approved = try #require((profile["approved"] as? [String: Any])?["logo"] as? [String: Any])
        #expect(approved["sha256"] as? String == digest && approved["by"] as? String == "anne")
        let problems = (profile["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(problems.contains("review.changed-since-approval"), "\(problems)")
        let logos = try FileManager.default.contentsOfDirectory(atPath: "\(run.cache)/logos").filter { $0.hasSuffix(".svg") }
        #expect(logos.allSatisfy { $0.contains(digest.prefix(16)) }, "the other logo was not written: \(logos)")
        let data = try #require(FileManager.default.contents(atPath: "\(run.cache)/profiles/\(Self.digdir).json"))
        #expect(try JSONSchemaCheck(schemaFile: JSONSchemaCheck.profileSchema).violations(data) == [])

        let status = try await BuiltBinary.run(["status", "--cache-dir", run.cache, "--state-dir", run.state])
        #expect(status.stdout.contains("queue changed-since-approval (1): \(Self.digdir)"), "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.contains("queue missing (0)"), "\(status.stdout)")
    }
}

extension ApprovedLogoRefreshTests {
    /// The profile carries its approvals, so a refresh run without the state directory (a one-shot
    /// `refresh` on another host, or with `state-dir` unset) keeps the pins rather than drop them.
    @Test func aRefreshWithoutTheStateDirectoryKeepsThePinsTheProfileCarries() async throws {
        let run = try Run()
        defer { run.stop() }
        #expect(try await run.refresh().status == 0)
        let digest = try #require(run.logo?["sha256"] as? String)
        try FileManager.default.createDirectory(atPath: "\(run.state)/review", withIntermediateDirectories: true)
        let state =
            #"{"organisationNumber": "\#(Self.digdir)", "approved": {"logo": {"sha256": "\#(digest)", "at": "2026-12-01T10:00:00Z", "by": "anne"}}, "asked": []}"#
        try Data(state.utf8).write(to: URL(fileURLWithPath: "\(run.state)/review/\(Self.digdir).json"))
        #expect(try await run.refresh().status == 0)
        #expect((try Self.profile(run)["approved"] as? [String: Any])?["logo"] != nil)

        try UnchangedSiteTests.replace(
            "#5a6f86", with: "#2a6f86", in: "sites/www.digdir.no" + ConditionalRequestTests.logoPath, of: run)
        let elsewhere = try await run.refresh(stateDirectory: false)
        #expect(elsewhere.status == 0, "\(elsewhere.stdout)\(elsewhere.stderr)")
        let profile = try Self.profile(run)
        #expect((profile["logo"] as? [String: Any])?["sha256"] as? String == digest)
        #expect(profile["changedSinceApproval"] as? [String] == ["logo"])
    }
}
