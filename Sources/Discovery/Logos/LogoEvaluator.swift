import CurlHTTP
import Foundation
import OrgModel
import SVGValidation

/// Fetches the best remote logo candidates, tells SVG from raster by their bytes, validates
/// SVGs (remote and inline) and picks the best-ranked accepted SVG.
struct LogoEvaluator {
    let http: any HTTPFetching
    let validator: SVGValidator
    let maxFetches: Int

    /// Winners below this confidence get a `logo.low-confidence` problem (favicons and mask
    /// icons are often, but not always, the organisation's logo).
    static let reviewBelow = 0.5

    /// Sources that are the page presenting its own logo (not an icon).
    static let pageLogoSources: Set<LogoSource> = [.headerHomeLink, .inlineSVG, .logoImage, .jsonLD, .itemprop, .ogLogo]

    /// The validator's finding for an SVG whose only content is an embedded raster image.
    static let rasterOnlyFinding = "usability.raster-only"

    static let imageHeaders: [(name: String, value: String)] = [
        ("Accept", "image/svg+xml,image/*;q=0.8,*/*;q=0.5"),
    ]

    struct Evaluation {
        var candidates: [EvaluatedLogoCandidate]
        var winner: EvaluatedLogoCandidate?
        var problems: [DiscoveryProblem]
    }

    /// `sprites` maps an inline candidate's SVG text to the sprite file its `<use>` points into.
    func evaluate(_ ranked: [LogoCandidate], hints: [String: LogoEvidence.FormatHint],
                  sprites: [String: LogoEvidence.SpriteReference] = [:], budget: inout FetchBudget) async -> Evaluation {
        // The best inline candidate that needs its sprite file gets the first request.
        let spritePosition = ranked.indices.first { position in
            ranked[position].score > 0 && ranked[position].inlineSVG.flatMap { sprites[$0] } != nil
        }
        // Which remote candidates are worth a request: positive score, not declared raster; and
        // always /favicon.svg, the cheapest SVG fallback.
        let favicon = ranked.firstIndex { $0.source == .faviconSVG }
        let remote = ranked.indices.filter { position in
            let candidate = ranked[position]
            guard let url = candidate.url, candidate.inlineSVG == nil, candidate.source != .faviconSVG else { return false }
            return candidate.score > 0 && hints[url] != .raster
        }
        let reserved = (favicon == nil ? 0 : 1) + (spritePosition == nil ? 0 : 1)
        var planned = (spritePosition.map { [$0] } ?? []) + Array(remote.prefix(max(0, maxFetches - reserved)))
        if let favicon { planned.append(favicon) }
        planned = Array(planned.prefix(budget.take(min(planned.count, maxFetches))))
        let spriteFetched = spritePosition.map { planned.contains($0) } ?? false
        let toFetch = planned.filter { $0 != spritePosition }

        async let spriteResult: SpriteFetch? = spriteFetched
            ? fetchSprite(sprites[ranked[spritePosition!].inlineSVG!]!) : nil
        // Hosts in parallel, one host's candidates one after another: the second then reuses the
        // first's connection instead of paying for a TLS handshake of its own (requests to one
        // host are spaced by the per-host delay anyway).
        var hosts: [String: Int] = [:]
        var byHost: [[Int]] = []
        for position in toFetch {
            let host = ranked[position].url.flatMap { WebAddress($0)?.host } ?? ""
            if let slot = hosts[host] {
                byHost[slot].append(position)
            } else {
                hosts[host] = byHost.count
                byHost.append([position])
            }
        }
        let fetched = await withTaskGroup(of: [(Int, EvaluatedLogoCandidate)].self) { group in
            for positions in byHost {
                group.addTask {
                    var judged: [(Int, EvaluatedLogoCandidate)] = []
                    for position in positions { judged.append((position, await fetchAndJudge(ranked[position]))) }
                    return judged
                }
            }
            var results: [Int: EvaluatedLogoCandidate] = [:]
            for await judged in group {
                for (position, evaluated) in judged { results[position] = evaluated }
            }
            return results
        }
        let sprite = await spriteResult

        var evaluated: [EvaluatedLogoCandidate] = []
        for (position, candidate) in ranked.enumerated() {
            if let result = fetched[position] {
                // A conventional /favicon.svg that is not there was never a candidate.
                if candidate.source == .faviconSVG, result.outcome == .unreachable || result.outcome == .notSVG { continue }
                evaluated.append(result)
            } else if let inline = candidate.inlineSVG {
                if position == spritePosition, let reference = sprites[inline] {
                    evaluated.append(judgeWithSprite(inline, reference: reference, sprite: sprite, candidate: candidate))
                } else {
                    evaluated.append(judge(Array(inline.utf8), candidate: candidate, detail: "inline SVG, \(inline.utf8.count) bytes"))
                }
            } else if candidate.source == .faviconSVG {
                continue
            } else if let url = candidate.url, hints[url] == .raster {
                evaluated.append(EvaluatedLogoCandidate(candidate: candidate, outcome: .raster, validation: nil, svg: nil,
                                                        detail: "not fetched: declared as a raster image"))
            } else {
                evaluated.append(EvaluatedLogoCandidate(candidate: candidate, outcome: .notFetched, validation: nil, svg: nil,
                                                        detail: candidate.score > 0 ? "not fetched: fetch budget used up" : "not fetched: score too low"))
            }
        }

        let winnerIndex = evaluated.firstIndex { $0.outcome == .accepted && $0.candidate.score > 0 }
        var winner: EvaluatedLogoCandidate?
        if let index = winnerIndex {
            var chosen = evaluated[index]
            chosen.confidence = LogoEvaluator.confidence(of: index, among: evaluated)
            winner = chosen
            evaluated[index].confidence = chosen.confidence
        }
        // Fetched bytes are kept only on the winner; an inline SVG's own markup (small, already in
        // memory) stays on every candidate so `inspect --json` can show what it would save.
        for index in evaluated.indices where index != winnerIndex && evaluated[index].candidate.inlineSVG == nil {
            evaluated[index].svg = nil
        }

        // No winner: always `logo.none-found` (no acceptable SVG logo), plus the more specific
        // reason when there is one, so callers can key on either.
        var problems: [DiscoveryProblem] = []
        if let winner, let confidence = winner.confidence, confidence < LogoEvaluator.reviewBelow {
            problems.append(DiscoveryProblem(
                code: .logoLowConfidence,
                message: "the chosen logo (\(winner.candidate.source.rawValue) \(winner.candidate.url ?? winner.candidate.element)) has confidence \(confidence); check it by hand"))
        }
        // An SVG icon chosen over the page's own (raster) logo: kept, but said.
        if let winner, let page = evaluated.first(where: { ($0.outcome == .raster || $0.outcome == .rasterInSVG)
            && LogoEvaluator.pageLogoSources.contains($0.candidate.source) && $0.candidate.score > winner.candidate.score }),
           !LogoEvaluator.pageLogoSources.contains(winner.candidate.source) {
            problems.append(DiscoveryProblem(
                code: .logoRasterPageLogo,
                message: "the page's own logo is a raster image (\(page.candidate.source.rawValue) \(page.candidate.url ?? page.candidate.element), score \(page.candidate.score.cleanDescription)); the chosen SVG is the weaker \(winner.candidate.source.rawValue) (score \(winner.candidate.score.cleanDescription)): check that they show the same logo"))
        }
        if winner == nil {
            let rejected = evaluated.filter { $0.outcome == .rejected }
            let raster = evaluated.filter { $0.outcome == .raster || $0.outcome == .rasterInSVG }
            problems.append(DiscoveryProblem(code: .logoNoneFound,
                                             message: evaluated.isEmpty ? "no logo candidates on the home page"
                                                 : "no acceptable SVG logo among \(evaluated.count) candidate(s)"))
            if !rejected.isEmpty {
                let codes = Set(rejected.flatMap { $0.validation?.findings.filter { $0.severity == .error }.map(\.code) ?? [] })
                problems.append(DiscoveryProblem(code: .logoAllRejected,
                                                 message: "\(rejected.count) SVG logo candidate(s) found, none passed validation (\(codes.sorted().joined(separator: ", ")))"))
            } else if !raster.isEmpty {
                problems.append(DiscoveryProblem(code: .logoOnlyRaster,
                                                 message: "only raster logos found (best: \(raster[0].candidate.url ?? raster[0].candidate.element)\(raster[0].outcome == .rasterInSVG ? ", an SVG that only wraps a raster image" : "")); an SVG must be asked for"))
            }
        }
        return Evaluation(candidates: evaluated, winner: winner, problems: problems)
    }

    private enum SpriteFetch: Sendable {
        case tree(HTMLTree)
        case failed(String)
    }

    private func fetchSprite(_ reference: LogoEvidence.SpriteReference) async -> SpriteFetch {
        let url = WebAddress(reference.url)?.withoutFragment.description ?? reference.url
        do {
            let response = try await http.fetch(HTTPRequest(url: url, kind: .image, headers: Self.imageHeaders))
            guard (200..<300).contains(response.status) else { return .failed("sprite \(url): HTTP \(response.status)") }
            let bytes = [UInt8](response.body)
            guard ContentSniffer.sniff(bytes) == .svg else { return .failed("sprite \(url) is not an SVG") }
            return .tree(HTMLParser.parse(utf8: HTMLTextDecoder.decode(bytes, contentType: nil).utf8))
        } catch let error as HTTPError {
            return .failed("sprite \(url): \(error.message)")
        } catch {
            return .failed("sprite \(url): \(error)")
        }
    }

    /// The inline SVG with the sprite's symbol copied in; without the sprite it is judged as it
    /// is (an external reference the validator will likely refuse).
    private func judgeWithSprite(_ inline: String, reference: LogoEvidence.SpriteReference, sprite: SpriteFetch?,
                                 candidate: LogoCandidate) -> EvaluatedLogoCandidate {
        switch sprite {
        case .tree(let tree):
            if let combined = InlineSVGSerialiser.inliningSprite(inline, reference: reference.written, sprite: tree) {
                var result = judge(Array(combined.utf8), candidate: candidate,
                                   detail: "inline SVG with its symbol copied from \(reference.url), \(combined.utf8.count) bytes")
                result.candidate.inlineSVG = combined
                return result
            }
            return judge(Array(inline.utf8), candidate: candidate, detail: "inline SVG; the sprite has no element for \(reference.written)")
        case .failed(let why):
            return judge(Array(inline.utf8), candidate: candidate, detail: "inline SVG; \(why)")
        case nil:
            return judge(Array(inline.utf8), candidate: candidate, detail: "inline SVG; sprite not fetched (fetch budget used up)")
        }
    }

    func fetchAndJudge(_ candidate: LogoCandidate) async -> EvaluatedLogoCandidate {
        guard let url = candidate.url else {
            return EvaluatedLogoCandidate(candidate: candidate, outcome: .unreachable, validation: nil, svg: nil, detail: "no URL")
        }
        let response: HTTPResponse
        do {
            response = try await http.fetch(HTTPRequest(url: url, kind: .image, headers: Self.imageHeaders))
        } catch let error as HTTPError {
            return EvaluatedLogoCandidate(candidate: candidate, outcome: .unreachable, validation: nil, svg: nil, detail: error.message)
        } catch {
            return EvaluatedLogoCandidate(candidate: candidate, outcome: .unreachable, validation: nil, svg: nil, detail: "\(error)")
        }
        guard (200..<300).contains(response.status) else {
            return EvaluatedLogoCandidate(candidate: candidate, outcome: .unreachable, validation: nil, svg: nil,
                                          detail: "HTTP \(response.status)")
        }
        let bytes = [UInt8](response.body)
        let kind = ContentSniffer.sniff(bytes)
        if kind == .svg {
            return judge(bytes, candidate: candidate, detail: "SVG, \(bytes.count) bytes")
        }
        if kind.isRaster {
            return EvaluatedLogoCandidate(candidate: candidate, outcome: .raster, validation: nil, svg: nil,
                                          detail: "\(kind.rawValue.uppercased()) image, \(bytes.count) bytes")
        }
        let type = response.header("content-type") ?? "no Content-Type"
        let what = kind == .gzip ? "gzip-compressed data (svgz is not supported)" : kind == .html ? "an HTML page" : "unrecognised bytes"
        return EvaluatedLogoCandidate(candidate: candidate, outcome: .notSVG, validation: nil, svg: nil,
                                      detail: "\(what) (\(type))")
    }

    private func judge(_ bytes: [UInt8], candidate: LogoCandidate, detail: String) -> EvaluatedLogoCandidate {
        let report = validator.validate(bytes)
        // Safe, but only a PNG/JPEG wrapped in SVG: not the vector logo we are after.
        if report.verdict == .accepted, report.findings.contains(where: { $0.code == LogoEvaluator.rasterOnlyFinding }) {
            return EvaluatedLogoCandidate(candidate: candidate, outcome: .rasterInSVG, validation: report, svg: Data(bytes),
                                          detail: detail + "; only wraps a raster image")
        }
        return EvaluatedLogoCandidate(candidate: candidate, outcome: report.verdict == .accepted ? .accepted : .rejected,
                                      validation: report, svg: Data(bytes), detail: detail)
    }

    /// High when the winner has a strong score and a clear lead over the next accepted
    /// candidate with different bytes.
    static func confidence(of winnerIndex: Int, among all: [EvaluatedLogoCandidate]) -> Double {
        let winner = all[winnerIndex]
        let score = winner.candidate.score + LogoRanking.iconDemotion(winner.candidate)
        var confidence: Double
        switch score {
        case 80...: confidence = 0.9
        case 55..<80: confidence = 0.75
        case 30..<55: confidence = 0.55
        default: confidence = 0.35
        }
        let rival = all.indices.first { $0 != winnerIndex && all[$0].outcome == .accepted && all[$0].svg != winner.svg
            && all[$0].candidate.score > 0 }.map { all[$0] }
        if let rival, score - rival.candidate.score < 10 { confidence -= 0.15 }
        return (confidence * 100).rounded() / 100
    }
}
