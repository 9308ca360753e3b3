import CurlHTTP
import Foundation
import OrgModel
import SVGValidation
import TestSupport
import Testing

@testable import Discovery

/// A site whose header logo is only a raster image: discovery keeps that image (checked by its
/// bytes) as the raster fallback, so staff see what the site shows while an SVG is asked for.
/// Through the loopback test web: the fictional `www.rasterlogo.test` has one page per case.
@Suite("Raster logo fallback")
struct RasterFallbackDiscoveryTests {
    static let orgnr = "999990061"

    static func discover(_ website: String, organisationNumber: String? = orgnr, name: String = "RASTERLOGOVERKET") async
        -> DiscoveryResult
    {
        await SiteDiscoverer(http: CurlHTTPClient(settings: TestWeb.shared.settings(maxRetries: 0)), validator: SVGValidator())
            .discover(
                website: website, organisationName: name, organisationNumber: organisationNumber, registryEmail: nil,
                registryPhone: nil)
    }

    static func file(_ name: String) throws -> Data {
        try Data(contentsOf: TestWeb.testWebDirectory.appendingPathComponent("sites/www.rasterlogo.test/bilder/\(name)"))
    }

    @Test(arguments: [
        ("www.rasterlogo.test", "rasterlogo.png", RasterImageFormat.png),
        ("www.rasterlogo.test/jpeg/", "rasterlogo.jpg", .jpeg),
        ("www.rasterlogo.test/webp/", "rasterlogo.webp", .webp),
    ])
    func theHeaderRasterLogoIsKeptWhenThereIsNoSVG(website: String, file: String, format: RasterImageFormat) async throws {
        let result = await Self.discover(website)
        #expect(result.logo == nil)
        let fallback = try #require(result.rasterFallback, "\(result.candidates.map { "\($0.outcome) \($0.detail ?? "")" })")
        #expect(fallback.url == "https://www.rasterlogo.test/bilder/\(file)")
        #expect(fallback.foundBy == .headerHomeLink)
        #expect(fallback.format == format)
        #expect(fallback.width == 240 && fallback.height == 60)
        #expect(fallback.bytes == (try Self.file(file)))
        // A fallback is not the logo: the SVG is still missing, and staff must ask for one.
        let codes = result.problems.map(\.code)
        #expect(codes.contains(.logoNoneFound) && codes.contains(.logoOnlyRaster), "\(codes)")
        // inspect's candidate list says which candidate was kept.
        let kept = try #require(result.candidates.first { $0.candidate.url == fallback.url })
        #expect(kept.detail?.contains("kept as the raster fallback") == true, "\(kept.detail ?? "")")
    }

    @Test func anHTMLPageServedAsLogoPNGIsNotKept() async throws {
        let result = await Self.discover("www.rasterlogo.test/feil/")
        #expect(result.rasterFallback == nil)
        let tried = try #require(result.candidates.first { $0.candidate.url == "https://www.rasterlogo.test/feil/logo.png" })
        #expect(tried.outcome == .notSVG)
        #expect(tried.detail?.contains("HTML page") == true, "\(tried.detail ?? "")")
        #expect(result.problems.map(\.code).contains(.logoNoneFound))
    }

    @Test(arguments: [
        ("www.rasterlogo.test/liten/", "20 px"),
        ("www.rasterlogo.test/gif/", "GIF"),
        ("www.rasterlogo.test/animert/", "animated"),
    ])
    func tinyAnimatedAndGIFLogosAreNotKept(website: String, reason: String) async throws {
        let result = await Self.discover(website)
        #expect(result.rasterFallback == nil)
        let tried = try #require(result.candidates.first { $0.candidate.source == .headerHomeLink })
        #expect(tried.detail?.contains(reason) == true, "\(tried.detail ?? "")")
        #expect(tried.detail?.contains("not kept as the raster fallback") == true, "\(tried.detail ?? "")")
    }

    @Test func aSiteWithAnSVGLogoKeepsNoFallback() async throws {
        let result = await Self.discover("www.digdir.no", organisationNumber: "991825827", name: "DIGITALISERINGSDIREKTORATET")
        #expect(result.logo != nil)
        #expect(result.rasterFallback == nil)
    }

    @Test func anSVGFromWikidataMeansNoFallbackEither() async throws {
        // Trondheim's site shows only a PNG; its Wikidata item has the coat of arms as SVG.
        let result = await Self.discover("www.trondheim.kommune.no", organisationNumber: "942110464", name: "TRONDHEIM KOMMUNE")
        #expect(result.logo?.candidate.source == .wikidata)
        #expect(result.rasterFallback == nil)
        // Without the Wikidata SVG, the same site's header PNG is kept.
        let alone = await Self.discover("www.trondheim.kommune.no", organisationNumber: nil, name: "TRONDHEIM KOMMUNE")
        #expect(alone.logo == nil)
        #expect(alone.rasterFallback?.url.hasSuffix("trondheim-kommune-logo.png") == true, "\(alone.candidates.map(\.detail))")
    }
}
