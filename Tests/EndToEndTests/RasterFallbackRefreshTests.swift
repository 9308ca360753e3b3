import Foundation
import TestSupport
import Testing

/// `refresh` of an organisation whose site shows only a raster header logo, through the built
/// binary and a private copy of the loopback test web (so the site can change between runs):
/// the raster is kept beside the profile as `logoRasterFallback`, and removed once an SVG logo
/// is found.
@Suite struct RasterFallbackRefreshTests {
    static let orgnr = "999990061"
    static let site = "sites/www.rasterlogo.test"

    struct Run {
        let root: URL
        let web: TestWeb
        let cache: String

        init() throws {
            root = try TestWeb.copyOfFixtures()
            web = try TestWeb.startPrivate(root: root)
            cache = Scratch.url.appendingPathComponent("orgprofile-raster-\(UUID().uuidString)").path
        }

        func refresh(stateDirectory: String? = nil, environment: [String: String] = [:]) async throws -> BuiltBinary.Result {
            try await BuiltBinary.run(
                ["refresh", RasterFallbackRefreshTests.orgnr, "--cache-dir", cache] + (stateDirectory.map { ["--state-dir", $0] } ?? [])
                    + web.operatorArguments, environment: environment)
        }

        var profileData: Data? { FileManager.default.contents(atPath: "\(cache)/profiles/\(RasterFallbackRefreshTests.orgnr).json") }

        var profile: [String: Any] {
            get throws {
                let data = try #require(profileData)
                return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            }
        }

        func logoFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(cache)/logos")) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        }

        func replace(_ old: String, with new: String, in relativePath: String) throws {
            let file = root.appendingPathComponent(relativePath)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
        }

        func stop() {
            web.stop()
            try? FileManager.default.removeItem(atPath: cache)
        }
    }

    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        return String(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64))
    }

    @Test func aRasterOnlySiteGetsItsHeaderLogoKeptAsTheFallbackUntilAnSVGAppears() async throws {
        let run = try Run()
        defer { run.stop() }
        let first = try await run.refresh()
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("| no logo (raster fallback PNG 240×60) |"), "\(first.stdout)")

        let profile = try run.profile
        #expect(profile["logo"] == nil)
        let fallback = try #require(profile["logoRasterFallback"] as? [String: Any], "\(profile)")
        let source = run.root.appendingPathComponent("\(Self.site)/bilder/rasterlogo.png")
        let digest = try Self.sha256(source.path)
        #expect(fallback["file"] as? String == "logos/\(Self.orgnr)-\(digest.prefix(16)).png")
        #expect(fallback["sourceURL"] as? String == "https://www.rasterlogo.test/bilder/rasterlogo.png")
        #expect(fallback["foundBy"] as? String == "header-home-link")
        #expect(fallback["format"] as? String == "png")
        #expect(fallback["width"] as? Int == 240 && fallback["height"] as? Int == 60)
        #expect(fallback["sha256"] as? String == digest)
        #expect(fallback["stale"] as? Bool == false)
        let file = try #require(fallback["file"] as? String)
        #expect(FileManager.default.contents(atPath: "\(run.cache)/\(file)") == (try Data(contentsOf: source)))
        #expect(run.logoFiles() == [String(file.dropFirst("logos/".count))])
        // Not the logo: the problems still say an SVG must be asked for.
        let codes = (profile["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("logo.none-found") && codes.contains("logo.only-raster"), "\(codes)")
        #expect(try JSONSchemaCheck(schemaFile: JSONSchemaCheck.profileSchema).violations(try #require(run.profileData)) == [])

        // The site gets an SVG logo: the profile names it, and the raster file is gone.
        try run.replace("/bilder/rasterlogo.png", with: "/bilder/rasterlogo.svg", in: "\(Self.site)/index.html")
        let second = try await run.refresh()
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        let after = try run.profile
        let logo = try #require(after["logo"] as? [String: Any], "\(after)")
        #expect(logo["sourceURL"] as? String == "https://www.rasterlogo.test/bilder/rasterlogo.svg")
        #expect(after["logoRasterFallback"] == nil)
        #expect(!FileManager.default.fileExists(atPath: "\(run.cache)/\(file)"))
        // Only the files the profile names are left: the SVG logo, its renditions and, when it has
        // one, its Tiny PS copy.
        let tinyPS = (logo["tinyPS"] as? [String: Any])?["file"] as? String
        let renditions = (logo["renditions"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(renditions.count == 2)
        let named = ([logo["file"] as? String, tinyPS].compactMap { $0 } + renditions).map { String($0.dropFirst("logos/".count)) }
        #expect(run.logoFiles() == named.sorted())
    }

    @Test func aFallbackIsKeptStaleWhenTheSiteCannotBeReadAndReplacedWhenTheRasterChanges() async throws {
        let run = try Run()
        defer { run.stop() }
        #expect(try await run.refresh().status == 0)
        let first = try #require(try run.profile["logoRasterFallback"] as? [String: Any])

        // The logo now points at an HTML error page: refused by its bytes; the last good raster stays, stale.
        try run.replace("/bilder/rasterlogo.png", with: "/feil/logo.png", in: "\(Self.site)/index.html")
        #expect(try await run.refresh().status == 0)
        let kept = try #require(try run.profile["logoRasterFallback"] as? [String: Any])
        #expect(kept["file"] as? String == first["file"] as? String)
        #expect(kept["stale"] as? Bool == true)
        #expect(FileManager.default.fileExists(atPath: "\(run.cache)/\(kept["file"] as? String ?? "")"))

        // A different raster (JPEG) replaces it; the PNG file is removed after the profile names the JPEG.
        try run.replace("/feil/logo.png", with: "/bilder/rasterlogo.jpg", in: "\(Self.site)/index.html")
        #expect(try await run.refresh().status == 0)
        let replaced = try #require(try run.profile["logoRasterFallback"] as? [String: Any])
        #expect(replaced["format"] as? String == "jpeg")
        #expect((replaced["file"] as? String)?.hasSuffix(".jpg") == true)
        #expect(replaced["stale"] as? Bool == false)
        #expect(run.logoFiles() == [String((replaced["file"] as? String ?? "").dropFirst("logos/".count))])
    }

    @Test func aPurgeRemovesTheFallbackWithTheProfilesValues() async throws {
        let run = try Run()
        defer { run.stop() }
        #expect(try await run.refresh().status == 0)
        let file = try #require((try run.profile["logoRasterFallback"] as? [String: Any])?["file"] as? String)
        #expect(FileManager.default.fileExists(atPath: "\(run.cache)/\(file)"))

        // The register now answers 410 for the organisation (routes are read when the test web starts).
        run.web.stop()
        let route = "\"enheter/\(Self.orgnr)\": {\n    \"file\": "
        try run.replace(
            route + "\"authored/enhet-999990061-rasterlogoverket-fictional.json\",\n    \"status\": 200",
            with: route + "\"fixtures/underenhet-433695968-http410-gone-body.json\",\n    \"status\": 410", in: "registry/routes.json")
        let gone = try TestWeb.startPrivate(root: run.root)
        defer { gone.stop() }
        let purge = try await BuiltBinary.run(["refresh", Self.orgnr, "--cache-dir", run.cache] + gone.operatorArguments)
        #expect(purge.status == 0, "\(purge.stdout)\(purge.stderr)")
        let tombstone = try run.profile
        #expect(tombstone["status"] as? String == "removed")
        #expect(tombstone["logoRasterFallback"] == nil)
        #expect(!FileManager.default.fileExists(atPath: "\(run.cache)/\(file)"))
        #expect(run.logoFiles().isEmpty)
    }

    @Test func anUnchangedSiteReusesItsDiscoveryWithTheFallbackAndRevalidatesTheRaster() async throws {
        let run = try Run()
        let state = Scratch.url.appendingPathComponent("orgprofile-raster-state-\(UUID().uuidString)").path
        defer {
            run.stop()
            try? FileManager.default.removeItem(atPath: state)
        }
        // Without Wikidata: the Wikidata double sends no validators, so an organisation that asked
        // it is never "unchanged" (true before the raster fallback too).
        let noWikidata = ["ORGPROFILE_WIKIDATA": "false"]
        #expect(try await run.refresh(stateDirectory: state, environment: noWikidata).status == 0)
        let first = try #require(try run.profile["logoRasterFallback"] as? [String: Any])
        let again = try await run.refresh(stateDirectory: state, environment: noWikidata)
        #expect(again.stderr.contains(UnchangedSiteTests.note), "\(again.stderr)")
        let second = try #require(try run.profile["logoRasterFallback"] as? [String: Any])
        #expect(second["file"] as? String == first["file"] as? String && second["stale"] as? Bool == false)
        #expect(FileManager.default.fileExists(atPath: "\(run.cache)/\(second["file"] as? String ?? "")"))
        #expect(try await run.web.responseCounts(host: "www.rasterlogo.test", path: "/bilder/rasterlogo.png") == ["200": 1, "304": 1])
    }

    @Test func inspectShowsTheRasterFallbackItWouldKeep() async throws {
        let web = TestWeb.shared
        let text = try await BuiltBinary.run(["inspect", "https://www.rasterlogo.test/", "--no-wikidata"] + web.operatorArguments)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.contains("raster fallback: https://www.rasterlogo.test/bilder/rasterlogo.png (PNG 240×60"), "\(text.stdout)")
        let json = try await BuiltBinary.run(
            ["inspect", "https://www.rasterlogo.test/", "--no-wikidata", "--json"] + web.operatorArguments)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let fallback = try #require(object["rasterFallback"] as? [String: Any], "\(json.stdout)")
        #expect(fallback["url"] as? String == "https://www.rasterlogo.test/bilder/rasterlogo.png")
        #expect(fallback["format"] as? String == "png")
        #expect(fallback["width"] as? Int == 240 && fallback["height"] as? Int == 60)
        let refused = try await BuiltBinary.run(["inspect", "https://www.rasterlogo.test/feil/", "--no-wikidata"] + web.operatorArguments)
        #expect(refused.stdout.contains("raster fallback: none"), "\(refused.stdout)")
    }
}
