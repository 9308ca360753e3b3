import Foundation
import OrgModel
import Testing
@testable import Discovery

@Suite("Result coding")
struct ResultCodingTests {
    @Test func roundTripsAndReadsResultsWrittenBeforeTheNewFields() throws {
        let candidate = LogoCandidate(source: .logoImage, url: "https://x.no/l.svg", inlineSVG: nil, element: "img", score: 12, reasons: ["+12 x"])
        let result = DiscoveryResult(
            documentURL: "https://x.no/", candidates: [EvaluatedLogoCandidate(candidate: candidate, outcome: .raster, validation: nil, svg: nil,
                                                                               detail: "PNG image, 10 bytes")],
            logo: nil, emails: [ContactCandidate(value: "post@x.no", foundBy: .mailto, foundAt: "https://x.no/", score: 10, reasons: [])],
            phones: [], nameHints: [NameHint(source: "title", text: "X")], problems: [DiscoveryProblem(code: .logoNoneFound, message: "m")],
            organisationNumbers: ["974760673"])
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(DiscoveryResult.self, from: data) == result)
        // Typed codes are written as the plain strings discovery records and `inspect --json` always held.
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""outcome":"raster""#) && text.contains(#""foundBy":"mailto""#))

        var old = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        old.removeValue(forKey: "organisationNumbers")
        var oldCandidates = try #require(old["candidates"] as? [[String: Any]])
        oldCandidates[0].removeValue(forKey: "detail")
        old["candidates"] = oldCandidates
        let decoded = try JSONDecoder().decode(DiscoveryResult.self, from: try JSONSerialization.data(withJSONObject: old))
        #expect(decoded.organisationNumbers == [])
        #expect(decoded.candidates.first?.detail == nil)
        #expect(decoded.email?.value == "post@x.no")
    }

    /// A logo's `foundBy` in the profile is the same string as its source in discovery's own output.
    @Test func everyLogoSourceHasTheSourceCodeOfTheSameName() {
        for source in LogoSource.allCases {
            #expect(source.sourceCode.rawValue == source.rawValue)
        }
    }

    @Test func logoSourceRawValuesAreStable() {
        #expect(LogoSource.allCases.map(\.rawValue) == [
            "header-home-link", "inline-svg", "json-ld", "itemprop-logo", "og-logo", "icon-link", "mask-icon", "favicon-svg",
            "logo-image", "hand-supplied", "wikidata",
        ])
    }
}
