import CurlHTTP
import Foundation
import OrgModel

/// When no SVG logo was chosen (from the site or Wikidata), fetches the best raster candidate the
/// page presents as its own logo and keeps it if its bytes are a still PNG, JPEG or WebP within
/// `RasterImageHeader`'s limits: staff then see what the site shows while an SVG is asked for.
/// Icons (favicons, touch icons, manifest icons) are never a fallback.
struct RasterFallbackFinder {
    let http: any HTTPFetching

    /// Candidates tried, best first, when the first is refused (an error page, a 20-px image).
    static let maxAttempts = 2

    /// Sources that are the page presenting its own logo and can be raster.
    static let sources: Set<LogoSource> = [.headerHomeLink, .logoImage, .jsonLD, .itemprop, .ogLogo]

    static let imageHeaders: [(name: String, value: String)] = [
        ("Accept", "image/png,image/webp,image/jpeg;q=0.9,image/*;q=0.8,*/*;q=0.5")
    ]

    /// Positions in `candidates` worth trying, best first: raster page logos with a positive score
    /// whose file is not named as an icon (`favicon-32x32.png`, `apple-touch-icon.png`). Pure.
    static func choices(_ candidates: [EvaluatedLogoCandidate]) -> [Int] {
        candidates.indices.filter { position in
            let evaluated = candidates[position]
            guard let url = evaluated.candidate.url else { return false }
            return evaluated.outcome == .raster && evaluated.candidate.score > 0 && sources.contains(evaluated.candidate.source)
                && !LogoRanking.isIconFileName(LogoCandidateCollector.fileName(of: url))
        }
    }

    /// Tries the choices in order, while the budget has requests beyond `reserve` (kept for
    /// contact pages). The tried candidates' outcome and detail say what happened.
    func find(in candidates: inout [EvaluatedLogoCandidate], budget: inout FetchBudget, reserve: Int) async -> RasterLogo? {
        for position in Self.choices(candidates).prefix(Self.maxAttempts) {
            guard budget.remaining > reserve, budget.take() == 1 else { break }
            let (outcome, detail, kept) = await fetchAndCheck(candidates[position].candidate)
            candidates[position].outcome = outcome
            candidates[position].detail = detail
            if let kept { return kept }
        }
        return nil
    }

    private func fetchAndCheck(_ candidate: LogoCandidate) async -> (outcome: CandidateOutcome, detail: String, kept: RasterLogo?) {
        let notKept = "not kept as the raster fallback"
        guard let url = candidate.url else { return (.unreachable, "no URL; \(notKept)", nil) }
        let response: HTTPResponse
        do {
            response = try await http.fetch(HTTPRequest(url: url, kind: .image, headers: Self.imageHeaders))
        } catch let error as HTTPError {
            return (.unreachable, "\(error.message); \(notKept)", nil)
        } catch {
            return (.unreachable, "\(error); \(notKept)", nil)
        }
        guard (200..<300).contains(response.status) else { return (.unreachable, "HTTP \(response.status); \(notKept)", nil) }
        let bytes = [UInt8](response.body)
        switch RasterImageHeader.judge(bytes) {
        case .success(let info):
            let logo = RasterLogo(
                url: url, foundBy: candidate.source, element: candidate.element, format: info.format, width: info.width,
                height: info.height, bytes: response.body)
            return (
                .raster, "\(info.format.displayName) \(info.width)×\(info.height), \(bytes.count) bytes; kept as the raster fallback", logo
            )
        case .failure(let rejection):
            let type = response.header("content-type") ?? "no Content-Type"
            // Bytes that are not an image at all are what the outcome `not-svg` means elsewhere.
            return (rejection.reason == .notAnImage ? CandidateOutcome.notSVG : .raster, "\(rejection.message) (\(type)); \(notKept)", nil)
        }
    }
}
