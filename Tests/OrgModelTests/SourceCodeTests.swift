import Foundation
import Testing

@testable import OrgModel

@Suite struct SourceCodeTests {
    /// Profiles and discovery records hold these as plain strings; the typed values read and write the same bytes.
    @Test func sourceCodesEncodeAsTheirPlainStrings() throws {
        let codes: [SourceCode] = [.headerHomeLink, .mailto, .tel, .registry, .handSupplied, .cloudflare]
        let data = try JSONEncoder().encode(codes)
        #expect(String(decoding: data, as: UTF8.self) == #"["header-home-link","mailto","tel","registry","hand-supplied","cloudflare"]"#)
        #expect(try JSONDecoder().decode([SourceCode].self, from: data) == codes)
    }

    @Test func candidateOutcomesEncodeAsTheirPlainStrings() throws {
        let outcomes: [CandidateOutcome] = [.accepted, .rejected, .raster, .rasterInSVG, .notSVG, .unreachable, .notFetched]
        let data = try JSONEncoder().encode(outcomes)
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"["accepted","rejected","raster","raster-in-svg","not-svg","unreachable","not-fetched"]"#)
        #expect(try JSONDecoder().decode([CandidateOutcome].self, from: data) == outcomes)
    }

    /// A code read from a file written by a newer version is kept, not refused.
    @Test func anUnknownCodeIsKept() throws {
        let code = try JSONDecoder().decode(SourceCode.self, from: Data(#""microdata""#.utf8))
        #expect(code.rawValue == "microdata" && code.description == "microdata")
    }
}
