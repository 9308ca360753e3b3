import Foundation
import OrgModel
import TestSupport
import Testing

@testable import Discovery

/// How many real pages (`Tests/RealPages`) would get a raster logo fallback: the page presents a
/// raster image as its own logo (a raster candidate `RasterFallbackFinder` would try) and no SVG
/// logo at all (no inline SVG, no SVG file among the page's logo candidates). Saved pages come
/// without their images, so this counts what page analysis decides before anything is fetched;
/// a refresh then still checks the bytes. Prints the count, and which pick is the labelled logo.
@Suite struct RealPageRasterFallbackTests {
    struct Count: Sendable {
        var pages = 0
        var rasterOnly: [String] = []
        var pickIsLabelledLogo = 0
        var pickIsNotLabelledLogo: [String] = []
    }

    /// The page's candidates as the evaluator leaves them before any fetch: raster-declared
    /// files are `raster`, everything else undecided.
    static func unfetched(_ page: PageAnalysis) -> [EvaluatedLogoCandidate] {
        var hints: [String: LogoEvidence.FormatHint] = [:]
        for evidence in page.logoEvidence { if let url = evidence.url { hints[url] = evidence.format } }
        return page.logoCandidates.map { candidate in
            let raster = candidate.url.map { hints[$0] == .raster } ?? false
            return EvaluatedLogoCandidate(candidate: candidate, outcome: raster ? .raster : .notFetched, validation: nil, svg: nil)
        }
    }

    static func hasSVGLogo(_ page: PageAnalysis) -> Bool {
        var hints: [String: LogoEvidence.FormatHint] = [:]
        for evidence in page.logoEvidence { if let url = evidence.url { hints[url] = evidence.format } }
        return page.logoCandidates.contains { candidate in
            candidate.score > 0 && (RasterFallbackFinder.sources.contains(candidate.source) || candidate.source == .inlineSVG)
                && (candidate.inlineSVG != nil || candidate.url.map { hints[$0] == .svg } == true)
        }
    }

    @Test func countRealPagesWithARasterHeaderLogoButNoSVG() async throws {
        let labels = RealPagePrecisionTests.labels()
        try #require(labels.count >= 150)
        let count = await offTheCooperativePool { () -> Count in
            var count = Count()
            for label in labels {
                let page = RealPagePrecisionTests.analysed[label.id]!
                count.pages += 1
                let candidates = Self.unfetched(page)
                guard let pick = RasterFallbackFinder.choices(candidates).first, !Self.hasSVGLogo(page) else { continue }
                count.rasterOnly.append(label.id)
                if let logo = label.logo {
                    if RealPagePrecisionTests.isLabelledLogo(candidates[pick].candidate, logo) {
                        count.pickIsLabelledLogo += 1
                    } else {
                        count.pickIsNotLabelledLogo.append("\(label.id): \(RealPagePrecisionTests.describe(candidates[pick].candidate))")
                    }
                } else {
                    count.pickIsNotLabelledLogo.append(
                        "\(label.id): labelled as having no logo; pick \(candidates[pick].candidate.url ?? "")")
                }
            }
            return count
        }
        print(
            "real pages with a raster page logo and no SVG logo: \(count.rasterOnly.count) of \(count.pages); "
                + "the raster tried first is the labelled logo on \(count.pickIsLabelledLogo) of them\n"
                + count.pickIsNotLabelledLogo.map { "    - " + $0 }.joined(separator: "\n"))
        #expect(!count.rasterOnly.isEmpty)
    }
}
