import Foundation
import TestSupport
import Testing

/// The warm pass: when the register record is unchanged and every page and logo discovery fetched
/// last time is answered `304 Not Modified`, `refresh` reuses the stored discovery result instead
/// of reading the site again; anything changed runs discovery and writes the new values.
@Suite struct UnchangedSiteTests {
    typealias Run = ConditionalRequestTests.Run
    static let note =
        "note: 1 site unchanged (every page and logo answered 304, register record as before): its stored discovery result was used"
    static let registryFile = "registry/fixtures/enhet-991825827-digdir.json"

    static func email(_ run: Run) throws -> String? {
        let data = try #require(FileManager.default.contents(atPath: "\(run.cache)/profiles/\(ConditionalRequestTests.digdir).json"))
        return ((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["email"] as? [String: Any])?["value"] as? String
    }

    static func replace(_ old: String, with new: String, in relativePath: String, of run: Run) throws {
        let file = run.root.appendingPathComponent(relativePath)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func anUnchangedSiteAndRecordReuseTheStoredDiscoveryAndWriteTheSameProfile() async throws {
        let run = try Run()
        defer { run.stop() }
        let first = try await run.refresh()
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(!first.stderr.contains(Self.note))
        let profile = try run.profileWithoutTimes()

        for round in 1...2 {
            let again = try await run.refresh()
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
            #expect(again.stderr.contains(Self.note), "\(again.stderr)")
            #expect(again.stdout == first.stdout)
            #expect(try run.profileWithoutTimes() == profile)
            #expect(try await run.counts("/") == ["200": 1, "304": round])
            #expect(try await run.counts(ConditionalRequestTests.logoPath) == ["200": 1, "304": round])
        }
    }

    @Test func aChangedPageIsNeverSkipped() async throws {
        let run = try Run()
        defer { run.stop() }
        #expect(try await run.refresh().status == 0)
        let digest = try #require(run.logo?["sha256"] as? String)
        try Self.replace("postmottak@digdir.no", with: "ny-postmottak@digdir.no", in: "sites/www.digdir.no/index.html", of: run)

        let second = try await run.refresh()
        #expect(second.status == 0)
        #expect(!second.stderr.contains(Self.note), "\(second.stderr)")
        #expect(second.stdout.contains("contact.registry-disagrees"), "\(second.stdout)")
        // The page is fetched once in full; the unchanged logo once more, answered 304.
        #expect(try await run.counts("/") == ["200": 2])
        #expect(try await run.counts(ConditionalRequestTests.logoPath) == ["200": 1, "304": 1])
        #expect(run.logo?["sha256"] as? String == digest)
    }

    @Test func aChangedLogoIsNeverSkipped() async throws {
        let run = try Run()
        defer { run.stop() }
        #expect(try await run.refresh().status == 0)
        let digest = try #require(run.logo?["sha256"] as? String)
        try Self.replace("#5a6f86", with: "#2a6f86", in: "sites/www.digdir.no" + ConditionalRequestTests.logoPath, of: run)

        let second = try await run.refresh()
        #expect(second.status == 0)
        #expect(!second.stderr.contains(Self.note), "\(second.stderr)")
        #expect(try await run.counts("/") == ["200": 1, "304": 1])
        #expect(try await run.counts(ConditionalRequestTests.logoPath) == ["200": 2])
        let newDigest = try #require(run.logo?["sha256"] as? String)
        #expect(newDigest != digest)
    }

    @Test func aChangedRegisterRecordIsNeverSkipped() async throws {
        let run = try Run()
        defer { run.stop() }
        #expect(try await run.refresh().status == 0)
        #expect(try Self.email(run) == "postmottak@digdir.no")
        try Self.replace("postmottak@digdir.no", with: "ny-postmottak@digdir.no", in: Self.registryFile, of: run)

        let second = try await run.refresh()
        #expect(second.status == 0)
        #expect(!second.stderr.contains(Self.note), "\(second.stderr)")
        // The site's address is kept, and the register's new one is seen to disagree with it.
        #expect(second.stdout.contains("contact.registry-disagrees"), "\(second.stdout)")
        #expect(try run.profileWithoutTimes().contains("ny-postmottak@digdir.no"))
    }
}
