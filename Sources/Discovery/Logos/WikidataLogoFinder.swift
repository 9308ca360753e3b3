import CurlHTTP
import Foundation
import OrgModel
import SVGValidation

/// The fallback when a site has no acceptable SVG logo: the organisation's Wikidata item, found
/// by its organisation number (P2333), gives a logo (P154), coat of arms (P94) or small logo
/// (P8972) on Commons.
/// The item's official website (P856) must agree with the site when it names one; a name clash
/// or a parent body's item must not lend its logo. At most `maxRequests` requests: the search,
/// the claims, and the image files.
struct WikidataLogoFinder {
    let http: any HTTPFetching
    let validator: SVGValidator
    /// `https://www.wikidata.org/w/api.php`
    let apiURL: String
    /// `https://commons.wikimedia.org/wiki/Special:FilePath/`; the file name is appended.
    let filePathURL: String
    /// The search, the claims, and up to two image files.
    var maxRequests = 4

    static let jsonHeaders: [(name: String, value: String)] = [("Accept", "application/json")]

    struct Outcome {
        /// Every image tried, with its outcome; the winner is among them.
        var candidates: [EvaluatedLogoCandidate] = []
        var winner: EvaluatedLogoCandidate?
        /// Why nothing usable came from Wikidata, when the item had something to offer.
        var problems: [DiscoveryProblem] = []
    }

    /// `sites`: the addresses the organisation's site is known by (the register's and the one
    /// redirects ended at); empty when there is none.
    func find(organisationNumber: String, sites: [WebAddress]) async -> Outcome {
        let number = organisationNumber.filter { !$0.isWhitespace }
        guard number.count == 9, number.allSatisfy({ $0.isASCII && $0.isNumber }) else { return Outcome() }
        var remaining = maxRequests
        guard let search = await json(searchURL(number), remaining: &remaining) else { return Outcome() }
        let ids = Array(WikidataEntity.itemIDs(fromSearch: search).prefix(5))
        guard !ids.isEmpty, let claims = await json(entitiesURL(ids), remaining: &remaining) else { return Outcome() }
        let entities = WikidataEntity.entities(from: claims, ids: ids).filter { !$0.images.isEmpty }
        guard !entities.isEmpty else { return Outcome() }

        let choice = Self.choose(entities, sites: sites)
        guard let entity = choice.entity else {
            return Outcome(problems: [DiscoveryProblem(code: .logoWikidataMismatch, message: choice.why)])
        }
        var outcome = Outcome()
        let evaluator = LogoEvaluator(http: http, validator: validator, maxFetches: remaining)
        for image in entity.images.prefix(remaining) {
            let candidate = Self.candidate(
                for: image, entity: entity, url: filePath(image.file), crossCheck: choice.why,
                checked: choice.websiteAgrees)
            var evaluated = await evaluator.fetchAndJudge(candidate)
            if evaluated.outcome == .accepted, outcome.winner == nil {
                evaluated.confidence = Self.confidence(property: image.property, websiteAgrees: choice.websiteAgrees)
                outcome.winner = evaluated
            } else {
                evaluated.svg = nil
            }
            outcome.candidates.append(evaluated)
            if outcome.winner != nil { break }
        }
        if outcome.winner == nil {
            let tried = outcome.candidates.map { "\($0.candidate.element): \($0.outcome)\($0.detail.map { " (\($0))" } ?? "")" }
            outcome.problems.append(
                DiscoveryProblem(
                    code: .logoWikidataUnusable,
                    message: "Wikidata \(entity.id) has no usable SVG logo: " + tried.joined(separator: "; ")))
        }
        return outcome
    }

    // MARK: - Pure parts

    struct Choice {
        var entity: WikidataEntity?
        var websiteAgrees: Bool
        /// The cross-check, as a reason (or why no item was trusted).
        var why: String
    }

    /// The item whose official website is the organisation's site; else the only item found
    /// when it names no website at all. An item naming another site is never used.
    static func choose(_ entities: [WikidataEntity], sites: [WebAddress]) -> Choice {
        let domains = Set(sites.map(\.registrableDomain))
        func agrees(_ website: String) -> Bool {
            guard let address = WebAddress(website) ?? WebAddress("https://" + website) else { return false }
            return domains.contains(address.registrableDomain)
        }
        if let match = entities.first(where: { $0.websites.contains(where: agrees) }) {
            let website = match.websites.first(where: agrees)!
            return Choice(entity: match, websiteAgrees: true, why: "its official website (P856) \(website) is the organisation's site")
        }
        if domains.isEmpty, entities.count == 1 {
            return Choice(entity: entities[0], websiteAgrees: false, why: "there is no registered website to check the item against")
        }
        let unnamed = entities.filter { $0.websites.isEmpty }
        if entities.count == 1, let only = unnamed.first {
            return Choice(entity: only, websiteAgrees: false, why: "it names no official website (P856) to check against the site")
        }
        let named = entities.flatMap { entity in entity.websites.map { "\(entity.id) \($0)" } }
        let site = domains.sorted().joined(separator: ", ")
        return Choice(
            entity: nil, websiteAgrees: false,
            why: named.isEmpty
                ? "\(entities.count) Wikidata items carry this organisation number and none names a website; none is trusted"
                : "Wikidata's official website (\(named.joined(separator: ", "))) is not the organisation's site (\(site.isEmpty ? "none" : site)); its logo is not used"
        )
    }

    static func candidate(
        for image: WikidataEntity.Image, entity: WikidataEntity, url: String, crossCheck: String,
        checked: Bool
    ) -> LogoCandidate {
        let (points, what): (Double, String) =
            switch image.property {
            case "P154": (50, "Wikidata logo image (P154)")
            case "P94": (40, "Wikidata coat of arms (P94), a kommune's usual emblem")
            default: (30, "Wikidata small logo or icon (\(image.property))")
            }
        let reasons = ["+\(points.cleanDescription) \(what)", checked ? "+0 \(crossCheck)" : "-10 \(crossCheck)"]
        return LogoCandidate(
            source: .wikidata, url: url, inlineSVG: nil,
            element: "wikidata \(entity.id) \(image.property) \"\(image.file)\"",
            score: points - (checked ? 0 : 10), reasons: reasons)
    }

    /// Below `LogoEvaluator.reviewBelow` when the item could not be checked against the site.
    static func confidence(property: String, websiteAgrees: Bool) -> Double {
        (property == "P154" ? 0.7 : property == "P94" ? 0.6 : 0.5) - (websiteAgrees ? 0 : 0.25)
    }

    func searchURL(_ organisationNumber: String) -> String {
        apiURL + "?action=query&list=search&srsearch=haswbstatement:P2333=\(organisationNumber)&format=json"
    }

    func entitiesURL(_ ids: [String]) -> String {
        apiURL + "?action=wbgetentities&ids=\(ids.joined(separator: "%7C"))&props=claims&format=json"
    }

    /// `Bærum komm.svg` → `…/Special:FilePath/B%C3%A6rum_komm.svg`.
    func filePath(_ file: String) -> String {
        var name = file.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.lowercased().hasPrefix("file:") { name.removeFirst(5) }
        name = name.replacingOccurrences(of: " ", with: "_")
        var encoded = ""
        for byte in name.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, CharacterSet.alphanumerics.contains(scalar) || "-._~()!,'*".unicodeScalars.contains(scalar) {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += String(format: "%%%02X", byte)
            }
        }
        return filePathURL + encoded
    }

    // MARK: - Requests

    private func json(_ url: String, remaining: inout Int) async -> Data? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        guard let response = try? await http.fetch(HTTPRequest(url: url, kind: .other, headers: Self.jsonHeaders)),
            (200..<300).contains(response.status)
        else { return nil }
        return response.body
    }
}
