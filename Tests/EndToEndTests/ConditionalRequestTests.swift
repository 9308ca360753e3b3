import Foundation
import TestSupport
import Testing

/// `refresh` with a state directory sends conditional requests for website pages and logos.
/// Each test runs its own test web over a copy of the fixtures, so it can count the responses the
/// server sent (and change files) without other tests' traffic.
@Suite struct ConditionalRequestTests {
    static let digdir = "991825827"
    static let host = "www.digdir.no"
    static let logoPath = "/themes/custom/digdir/images/digdir-logo.svg"

    struct Run {
        let root: URL
        let web: TestWeb
        let cache: String
        let state: String

        init() throws {
            root = try TestWeb.copyOfFixtures()
            web = try TestWeb.startPrivate(root: root)
            cache = Self.temporaryDirectory("cache")
            state = Self.temporaryDirectory("state")
        }

        static func temporaryDirectory(_ label: String) -> String {
            let path = Scratch.url.appendingPathComponent("orgprofile-conditional-\(label)-\(UUID().uuidString)")
                .path
            try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        func refresh(stateDirectory: Bool = true, environment: [String: String] = [:]) async throws -> BuiltBinary.Result {
            try await BuiltBinary.run(
                ["refresh", ConditionalRequestTests.digdir, "--cache-dir", cache] + (stateDirectory ? ["--state-dir", state] : [])
                    + web.operatorArguments,
                environment: environment)
        }

        func counts(_ path: String) async throws -> [String: Int] {
            try await web.responseCounts(host: ConditionalRequestTests.host, path: path)
        }

        /// The profile as JSON with its timestamps left out, keys sorted.
        func profileWithoutTimes() throws -> String {
            let data = try #require(FileManager.default.contents(atPath: "\(cache)/profiles/\(ConditionalRequestTests.digdir).json"))
            let object = try JSONSerialization.jsonObject(with: data)
            return String(
                decoding: try JSONSerialization.data(withJSONObject: Self.withoutTimes(object), options: [.sortedKeys]), as: UTF8.self)
        }

        var logo: [String: Any]? {
            let data = FileManager.default.contents(atPath: "\(cache)/profiles/\(ConditionalRequestTests.digdir).json") ?? Data()
            return (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["logo"] as? [String: Any]
        }

        static func withoutTimes(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !["refreshedAt", "retrievedAt"].contains($0.key) }.mapValues(withoutTimes)
            }
            if let array = value as? [Any] { return array.map(withoutTimes) }
            return value
        }

        func stop() { web.stop() }
    }

    @Test func aSecondRefreshGets304ForTheHomePageAndLogoAndWritesTheSameProfile() async throws {
        let run = try Run()
        defer { run.stop() }
        let first = try await run.refresh()
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let page = try await run.counts("/")
        let logo = try await run.counts(Self.logoPath)
        #expect(page["200"] == 1 && page["304"] == nil, "\(page)")
        #expect(logo["200"] == 1 && logo["304"] == nil, "\(logo)")
        let profile = try run.profileWithoutTimes()
        #expect(run.logo?["foundBy"] as? String == "header-home-link")

        let second = try await run.refresh()
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(try await run.counts("/") == ["200": 1, "304": 1])
        #expect(try await run.counts(Self.logoPath) == ["200": 1, "304": 1])
        #expect(try run.profileWithoutTimes() == profile)
        #expect(second.stdout == first.stdout)
    }

    @Test func withoutAStateDirectoryOrWithASizeOfZeroNothingIsRevalidated() async throws {
        let run = try Run()
        defer { run.stop() }
        for _ in 0..<2 { #expect(try await run.refresh(stateDirectory: false).status == 0) }
        for _ in 0..<2 { #expect(try await run.refresh(environment: ["ORGPROFILE_HTTP_CACHE_SIZE": "0"]).status == 0) }
        #expect(try await run.counts("/") == ["200": 4])
        #expect(try await run.counts(Self.logoPath) == ["200": 4])
        #expect(!FileManager.default.fileExists(atPath: "\(run.state)/http-cache"))
    }

    @Test func aChangedPageAndLogoAreFetchedInFullAndTheNewValuesWritten() async throws {
        let run = try Run()
        defer { run.stop() }
        let first = try await run.refresh()
        #expect(first.status == 0)
        #expect(!first.stdout.contains("contact.registry-disagrees"))
        let oldDigest = try #require(run.logo?["sha256"] as? String)

        // The copy's home page names a new email address and its logo gets a new colour.
        let site = run.root.appendingPathComponent("sites/www.digdir.no")
        let pageFile = site.appendingPathComponent("index.html")
        let page = try String(contentsOf: pageFile, encoding: .utf8)
        #expect(page.contains("mailto:postmottak@digdir.no"))
        try page.replacingOccurrences(of: "postmottak@digdir.no", with: "ny-postmottak@digdir.no").write(
            to: pageFile, atomically: true, encoding: .utf8)
        let logoFile = site.appendingPathComponent(String(Self.logoPath.dropFirst()))
        let logo = try String(contentsOf: logoFile, encoding: .utf8)
        #expect(logo.contains("#5a6f86"))
        try logo.replacingOccurrences(of: "#5a6f86", with: "#2a6f86").write(to: logoFile, atomically: true, encoding: .utf8)

        let second = try await run.refresh()
        #expect(second.status == 0)
        // The register's address still wins, but the page's new one is seen to disagree with it.
        #expect(second.stdout.contains("contact.registry-disagrees"), "\(second.stdout)")
        #expect(try await run.counts("/") == ["200": 2])
        #expect(try await run.counts(Self.logoPath) == ["200": 2])
        let newDigest = try #require(run.logo?["sha256"] as? String)
        #expect(newDigest != oldDigest)
    }
}

extension ConditionalRequestTests {
    @Test func inspectWithAStateDirectoryListsTheFetchesAnswered304() async throws {
        let run = try Run()
        defer { run.stop() }
        let arguments =
            ["inspect", "https://www.digdir.no/", "--name", "Digitaliseringsdirektoratet", "--no-wikidata", "--state-dir", run.state]
            + run.web.operatorArguments
        let first = try await BuiltBinary.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("  200 https://www.digdir.no/\n"), "\(first.stdout)")
        #expect(!first.stdout.contains("  304 "))
        let second = try await BuiltBinary.run(arguments)
        #expect(second.stdout.contains("  304 https://www.digdir.no/\n"), "\(second.stdout)")
        #expect(second.stdout.contains("  304 https://www.digdir.no\(Self.logoPath)"))
        #expect(second.stdout.contains("unchanged (304, stored copy used)"))
    }
}
