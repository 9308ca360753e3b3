import Foundation
import TestSupport
import Testing

/// Issue 10 items 2 and 3 through the built binary: `refresh` of the fictional variant sites of
/// the test web writes the dark variant as the logo, keeps a light-only logo with the problem,
/// keeps a symbol beside the wordmark with its own files; `inspect` says which variant won and why.
@Suite struct LogoVariantRefreshTests {
    let web = TestWeb.shared

    static let picture = "999990150", sibling = "999990169", footer = "999990177", lightOnly = "999990185"
    static let wordmarkAndSymbol = "999990193"

    static func temporaryDirectory() -> String {
        let path = Scratch.url.appendingPathComponent("orgprofile-variants-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func profile(_ cache: String, _ orgnr: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: "\(cache)/profiles/\(orgnr).json"), "no profile for \(orgnr)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func problemCodes(_ profile: [String: Any]) -> [String] {
        (profile["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func refreshWritesTheDarkVariantTheLightOnlyProblemAndTheSymbol() async throws {
        let cache = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let numbers = [Self.picture, Self.sibling, Self.footer, Self.lightOnly, Self.wordmarkAndSymbol]
        let run = try await BuiltBinary.run(["refresh"] + numbers + ["--only", "--cache-dir", cache] + web.operatorArguments)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")

        for (orgnr, source) in [
            (Self.picture, "https://www.lysverket.test/img/lysverket-logo-positiv.svg"),
            (Self.sibling, "https://www.kveldsverket.test/assets/brand/kveldsverket-logo-dark.svg"),
            (Self.footer, "https://www.nattverket.test/img/nattverket-bunn.svg"),
        ] {
            let written = try profile(cache, orgnr)
            let logo = try #require(written["logo"] as? [String: Any], "\(orgnr): \(written)")
            #expect(logo["sourceURL"] as? String == source, "\(orgnr)")
            #expect(logo["theme"] as? String == "dark", "\(orgnr)")
            #expect(!problemCodes(written).contains("logo.light-only"), "\(orgnr)")
        }

        let light = try profile(cache, Self.lightOnly)
        let lightLogo = try #require(light["logo"] as? [String: Any])
        #expect(lightLogo["theme"] as? String == "light")
        #expect(lightLogo["sourceURL"] as? String == "https://www.skumringsverket.test/img/skumringsverket-logo-hvit.svg")
        let problem = try #require((light["problems"] as? [[String: Any]])?.first { $0["code"] as? String == "logo.light-only" })
        #expect((problem["message"] as? String)?.contains("light backgrounds") == true)

        let pair = try profile(cache, Self.wordmarkAndSymbol)
        let logo = try #require(pair["logo"] as? [String: Any])
        #expect(logo["kind"] as? String == "wordmark")
        #expect(logo["sourceURL"] as? String == "https://www.ordmerkeverket.test/grafikk/ordmerke.svg")
        let symbol = try #require(logo["symbol"] as? [String: Any], "\(logo.keys.sorted())")
        #expect(symbol["kind"] as? String == "symbol")
        #expect(symbol["sourceURL"] as? String == "https://www.ordmerkeverket.test/grafikk/merke.svg")
        let symbolFile = try #require(symbol["file"] as? String)
        #expect(symbolFile != logo["file"] as? String)
        let svg = try #require(FileManager.default.contents(atPath: "\(cache)/\(symbolFile)"))
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        let renditions = try #require(symbol["renditions"] as? [[String: Any]])
        #expect(renditions.compactMap { $0["height"] as? Int } == [64, 256])
        for rendition in renditions {
            let file = try #require(rendition["file"] as? String)
            let png = try #require(FileManager.default.contents(atPath: "\(cache)/\(file)"), "\(file)")
            #expect(PNGHeader(png)?.height == rendition["height"] as? Int)
        }

        let checker = try JSONSchemaCheck(schemaFile: JSONSchemaCheck.profileSchema)
        for orgnr in numbers {
            let data = try #require(FileManager.default.contents(atPath: "\(cache)/profiles/\(orgnr).json"))
            #expect(try checker.violations(data) == [], "\(orgnr)")
        }
    }

    @Test func inspectSaysWhichVariantWonAndWhy() async throws {
        let text = try await BuiltBinary.run(["inspect", "https://www.lysverket.test/", "--no-wikidata"] + web.operatorArguments)
        #expect(text.status == 0, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("dark variant"), "\(text.stdout)")
        #expect(text.stdout.contains("picture-source"), "\(text.stdout)")
        #expect(text.stdout.contains("invisible on white"), "\(text.stdout)")

        let json = try await BuiltBinary.run(
            ["inspect", "https://www.ordmerkeverket.test/", "--no-wikidata", "--json"] + web.operatorArguments)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let variants = try #require(object["logoVariants"] as? [[String: Any]], "\(object.keys.sorted())")
        #expect(variants.contains { $0["reason"] as? String == "wordmark-over-symbol" })
        #expect((object["symbol"] as? [String: Any])?["url"] as? String == "https://www.ordmerkeverket.test/grafikk/merke.svg")
        #expect((object["logo"] as? [String: Any])?["kind"] as? String == "wordmark")
    }
}
