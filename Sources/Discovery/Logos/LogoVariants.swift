import CurlHTTP
import Foundation
import LogoRendering
import OrgModel
import SVGValidation

/// Variants of the organisation's logo on its own site (issue 10), decided from what the drawings
/// show (librsvg): a logo invisible on white loses to a variant of it that shows on white, and a
/// wordmark is "the logo" when the site also shows a symbol, which is kept beside it.
///
/// A candidate counts as **the same organisation's logo** when the page shows it (an `<img>`,
/// `<object>`, inline `<svg>` or CSS logo; not a declaration in JSON-LD or `<meta>`), nothing says
/// it is someone else's (partner strip, cookie banner, social icon, breadcrumb, article, photo, a
/// link to another site or sub-service, a file on another site), and one thing ties it to the
/// organisation: it links to the home page, its label (alt, title, aria-label) names the
/// organisation or equals the chosen logo's label, or its file name is the chosen one's with
/// variant words removed. A **theme variant** must also have a similar aspect ratio (trimmed
/// drawings within `maxAspectRatioFactor` of each other), which a wordmark/symbol pair need not.
/// Rules never name a site; documented in docs/logo-rendering.md, "Variants".
enum LogoVariants {
    /// Most guessed sibling file names fetched for one logo.
    static let maxSiblingGuesses = 3
    /// Most requests for variants in all (picture sources, unfetched page logos, sibling guesses).
    static let maxVariantFetches = 4
    /// Widest difference in aspect ratio between a logo and a theme variant of it.
    static let maxAspectRatioFactor = 1.35

    /// Words in a file name that mark light marks for dark backgrounds, and their usual partners.
    static let lightWords: [String: String] = [
        "white": "black", "light": "dark", "negative": "positive", "neg": "pos", "inverse": "dark", "inverted": "dark",
        "reversed": "dark", "knockout": "dark", "hvit": "svart", "lys": "mork", "negativ": "positiv", "invers": "positiv",
    ]
    /// Words that mark the version for light backgrounds, most common first.
    static let darkWords = ["dark", "black", "positive", "colour", "color"]

    /// File names beside `fileName` that may hold its version for light backgrounds, likeliest
    /// first: a light word replaced by `dark` or removed, its partner, then the other dark words;
    /// without a light word, `-dark`, `_dark`, `-black`, `-positive`, `-colour`, `-color`.
    /// Empty for anything but `.svg`.
    static func siblingNames(of fileName: String) -> [String] {
        guard let dot = fileName.lastIndex(of: "."), fileName[fileName.index(after: dot)...].lowercased() == "svg" else { return [] }
        let stem = String(fileName[..<dot])
        let ext = String(fileName[dot...])
        // Tokens and the separators before them: "logo-white" → [("", "logo"), ("-", "white")].
        var parts: [(separator: String, word: String)] = []
        var separator = "", word = ""
        for character in stem {
            if character == "-" || character == "_" || character == "." {
                parts.append((separator, word))
                separator = String(character)
                word = ""
            } else {
                word.append(character)
            }
        }
        parts.append((separator, word))
        var names: [String] = []
        func add(_ name: String) {
            if name != fileName, !name.hasPrefix("."), !names.contains(name) { names.append(name) }
        }
        func joined(_ items: [(separator: String, word: String)]) -> String { items.map { $0.separator + $0.word }.joined() }
        if let index = parts.indices.last(where: { lightWords[parts[$0].word.lowercased()] != nil }), index > 0 {
            let light = parts[index].word
            let partner = lightWords[light.lowercased()]!
            func replaced(_ dark: String) -> String {
                var copy = parts
                copy[index].word = matchingCase(dark, like: light)
                return joined(copy) + ext
            }
            var removed = parts
            removed.remove(at: index)
            add(replaced("dark"))
            add(joined(removed) + ext)
            add(replaced(partner))
            for dark in darkWords { add(replaced(dark)) }
        } else {
            let style = stem.contains("_") && !stem.contains("-") ? "_" : "-"
            let other = style == "-" ? "_" : "-"
            add(stem + style + matchingCase("dark", like: stem) + ext)
            add(stem + other + matchingCase("dark", like: stem) + ext)
            for dark in darkWords.dropFirst() { add(stem + style + matchingCase(dark, like: stem) + ext) }
        }
        return names
    }

    /// `dark` as `Dark` after `Negative`, `DARK` after `WHITE`.
    private static func matchingCase(_ word: String, like model: String) -> String {
        let letters = model.filter(\.isLetter)
        if !letters.isEmpty, letters.allSatisfy(\.isUppercase), letters.count > 1 { return word.uppercased() }
        if let first = model.first, first.isUppercase { return word.prefix(1).uppercased() + word.dropFirst() }
        return word
    }

    /// Variant words taken out of a lower-cased file stem, to compare two file names.
    static func baseStem(_ fileName: String) -> String {
        let stem = fileName.lowercased().split(separator: ".").first.map(String.init) ?? fileName.lowercased()
        let words = stem.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        let variantWords = Set(lightWords.keys).union(lightWords.values).union(darkWords).union(["logo", "bunn", "footer", "header"])
        return words.filter { !variantWords.contains($0) }.joined(separator: "-")
    }
}

/// What the page says about one candidate that decides whether it is a variant of the chosen
/// logo. Built from `LogoEvidence` by `SiteDiscoverer`, keyed like the ranking merges candidates.
struct VariantFacts: Sendable, Equatable {
    typealias PictureAlternative = LogoEvidence.PictureAlternative

    /// Shown by the page (not a JSON-LD or `<meta>` declaration).
    var shownOnPage: Bool
    var inFooter: Bool
    var inHomeLink: Bool
    /// Something says it is another organisation's or not a logo (see `LogoVariants`).
    var foreign: Bool
    var labels: [String]
    var pictureAlternatives: [PictureAlternative]

    init(_ evidence: LogoEvidence) {
        shownOnPage =
            [.headerHomeLink, .inlineSVG, .logoImage, .itemprop].contains(evidence.source)
            && evidence.documentOrder >= 0 && !evidence.element.hasPrefix("link[") && !evidence.element.hasPrefix("meta[")
        inFooter = evidence.region.inFooter
        inHomeLink = evidence.inHomeLink
        let region = evidence.region
        foreign =
            region.inPartnerSection || region.inCookieBanner || region.inArticle || evidence.isSocialIcon
            || evidence.inBreadcrumb || evidence.linksToOtherSite || evidence.linksToSubProduct || evidence.photoMarker
            || evidence.thirdPartyHost || evidence.iconMarker
        labels = evidence.labels
        pictureAlternatives = evidence.pictureAlternatives
    }

    /// The key `LogoRanking.rank` merges candidates by.
    static func key(url: String?, inlineSVG: String?, element: String) -> String {
        url.map { "url:" + $0 } ?? "svg:" + (inlineSVG ?? element)
    }
}

/// Chooses between variants of the winning logo: renders the winner, looks for a variant that
/// shows on white when it does not, and keeps a symbol beside a wordmark. Fetches only within
/// the site's budget (`reserve` requests are left for contact pages) and `LogoVariants` caps.
struct LogoVariantSelector {
    let http: any HTTPFetching
    let validator: SVGValidator
    let renderer: LogoRenderer
    let facts: [String: VariantFacts]
    let organisationName: String?
    /// Requests of the site budget kept back for contact pages.
    let reserve: Int

    struct Outcome {
        var candidates: [EvaluatedLogoCandidate]
        var winner: EvaluatedLogoCandidate
        var symbol: EvaluatedLogoCandidate?
        var choices: [LogoVariantChoice] = []
        var problems: [DiscoveryProblem] = []
    }

    private func facts(of candidate: LogoCandidate) -> VariantFacts? {
        facts[VariantFacts.key(url: candidate.url, inlineSVG: candidate.inlineSVG, element: candidate.element)]
    }

    private static func name(_ candidate: LogoCandidate) -> String { candidate.url ?? candidate.element }

    /// `evaluated` still holds the fetched bytes of every accepted candidate.
    func select(_ evaluated: [EvaluatedLogoCandidate], winnerIndex: Int, budget: inout FetchBudget) async -> Outcome {
        var candidates = evaluated
        var fetches = 0
        let original = candidates[winnerIndex]
        guard let bytes = original.svg else { return Outcome(candidates: candidates, winner: original) }
        let report = await renderer.render([UInt8](bytes), renditionHeights: []).report
        candidates[winnerIndex].rendering = report
        var outcome = Outcome(candidates: candidates, winner: candidates[winnerIndex])
        guard report.isUsable else { return outcome }

        if report.codes.contains(SVGFinding.Code.invisibleOnWhite.rawValue) {
            await findDarkVariant(&outcome, originalIndex: winnerIndex, report: report, fetches: &fetches, budget: &budget)
        }
        await keepSymbol(&outcome, fetches: &fetches, budget: &budget)
        return outcome
    }

    // MARK: - A variant that shows on white

    private func findDarkVariant(
        _ outcome: inout Outcome, originalIndex: Int, report: RenderReport, fetches: inout Int,
        budget: inout FetchBudget
    ) async {
        let original = outcome.candidates[originalIndex]
        let originalFacts = facts(of: original.candidate)
        let faint = Int(((report.measures?.faintOnWhiteShare ?? 1) * 100).rounded())
        var tried: [String] = []

        // 1. Other sources of the same <picture>, those for light backgrounds first.
        let alternatives = (originalFacts?.pictureAlternatives ?? []).sorted { rank($0.media) < rank($1.media) }
        for alternative in alternatives {
            let before = fetches
            let element = "\(original.candidate.element) > picture source\(alternative.media.map { "[media=\"\($0)\"]" } ?? "")"
            if let found = await tryNew(
                url: alternative.url, element: element, like: original, via: .pictureSource, report: report,
                fetches: &fetches, budget: &budget, into: &outcome)
            {
                return accept(found, via: .pictureSource, original: original, faint: faint, into: &outcome)
            }
            if fetches > before { tried.append("picture source \(alternative.url)") }
        }
        // 2. Other logos of the organisation the page shows and discovery already fetched (no
        // request): header first, then the footer.
        let pageLogos = outcome.candidates.indices.filter { index in
            index != originalIndex && isSameOrganisation(outcome.candidates[index].candidate, as: original.candidate)
                && (outcome.candidates[index].outcome == .accepted || outcome.candidates[index].outcome == .notFetched)
        }
        let footer = Set(pageLogos.filter { facts(of: outcome.candidates[$0].candidate)?.inFooter == true })
        let inFooter = { (index: Int) in footer.contains(index) }
        let fetched = pageLogos.filter { outcome.candidates[$0].outcome == .accepted }
        let unfetched = pageLogos.filter { outcome.candidates[$0].outcome == .notFetched }
        for index in fetched.filter({ !inFooter($0) }) + fetched.filter(inFooter) {
            let via: LogoVariantChoice.Via = inFooter(index) ? .footerLogo : .pageLogo
            if let found = await tryExisting(index, report: report, fetches: &fetches, budget: &budget, into: &outcome) {
                return accept(found, via: via, original: original, faint: faint, into: &outcome)
            }
            tried.append("\(via == .footerLogo ? "footer" : "page") logo \(Self.name(outcome.candidates[index].candidate))")
        }
        // 3. Files beside the logo named as its variants.
        if let url = original.candidate.url, let address = WebAddress(url), original.candidate.inlineSVG == nil {
            let fileName = LogoCandidateCollector.fileName(of: address.withoutFragment.description)
            let known = Set(outcome.candidates.compactMap(\.candidate.url))
            var guesses = 0
            for sibling in LogoVariants.siblingNames(of: fileName) where guesses < LogoVariants.maxSiblingGuesses {
                guard let siblingURL = address.withoutFragment.resolve(sibling)?.description, !known.contains(siblingURL) else { continue }
                guard canFetch(fetches, budget) else { break }
                guesses += 1
                let element = "sibling of \(fileName): \(sibling)"
                if let found = await tryNew(
                    url: siblingURL, element: element, like: original, via: .siblingFile, report: report,
                    fetches: &fetches, budget: &budget, into: &outcome)
                {
                    return accept(found, via: .siblingFile, original: original, faint: faint, into: &outcome)
                }
                tried.append("sibling file \(sibling)")
            }
        }
        // 4. Page logos the first round left unfetched, header first, while the budget lasts.
        for index in unfetched.filter({ !inFooter($0) }) + unfetched.filter(inFooter) where canFetch(fetches, budget) {
            let via: LogoVariantChoice.Via = inFooter(index) ? .footerLogo : .pageLogo
            let before = fetches
            if let found = await tryExisting(index, report: report, fetches: &fetches, budget: &budget, into: &outcome) {
                return accept(found, via: via, original: original, faint: faint, into: &outcome)
            }
            if fetches > before {
                tried.append("\(via == .footerLogo ? "footer" : "page") logo \(Self.name(outcome.candidates[index].candidate))")
            }
        }

        var what = tried.isEmpty ? "nothing else to try within the site's request budget" : "tried: " + tried.joined(separator: ", ")
        if !tried.isEmpty, !canFetch(fetches, budget) { what += "; the site's request budget allowed no more" }
        outcome.choices.append(
            LogoVariantChoice(
                reason: .noDarkVariant, via: nil, replaced: nil, chosen: Self.name(original.candidate),
                explanation:
                    "\(Self.name(original.candidate)) is invisible on white (\(faint) % of its ink is faint on white) and no variant of it on the site shows on white (\(what)); kept with theme light"
            ))
        outcome.problems.append(
            DiscoveryProblem(
                code: .logoLightOnly,
                message:
                    "the logo (\(Self.name(original.candidate))) is light marks made for dark backgrounds and cannot be seen on white; the site offers no version of it for light backgrounds (\(what)): ask the organisation for its logo for light backgrounds, or supply one by hand"
            ))
    }

    /// Sort order of a `<picture>` source's media: light first, none next, dark last.
    private func rank(_ media: String?) -> Int {
        guard let media else { return 1 }
        if media.contains("light") { return 0 }
        return media.contains("dark") ? 2 : 1
    }

    private func accept(
        _ index: Int, via: LogoVariantChoice.Via, original: EvaluatedLogoCandidate, faint: Int,
        into outcome: inout Outcome
    ) {
        var winner = outcome.candidates[index]
        winner.confidence = original.confidence
        outcome.candidates[index].confidence = original.confidence
        outcome.winner = winner
        let how: String
        switch via {
        case .pictureSource: how = "another source of the same <picture>"
        case .pageLogo: how = "another logo of the organisation on the page"
        case .footerLogo: how = "the organisation's logo in the footer"
        case .siblingFile: how = "a file beside it named as its variant"
        }
        outcome.choices.append(
            LogoVariantChoice(
                reason: .darkVariant, via: via, replaced: Self.name(original.candidate), chosen: Self.name(winner.candidate),
                explanation:
                    "dark variant: \(Self.name(original.candidate)) is invisible on white (\(faint) % of its ink is faint on white); \(Self.name(winner.candidate)), \(how) with a similar aspect ratio, shows on white"
            ))
    }

    /// A candidate already in the list (fetched, or fetched now if it was left for lack of budget),
    /// when it is a theme variant of `report`'s logo that shows on white.
    private func tryExisting(
        _ index: Int, report: RenderReport, fetches: inout Int, budget: inout FetchBudget,
        into outcome: inout Outcome
    ) async -> Int? {
        if outcome.candidates[index].outcome == .notFetched {
            guard canFetch(fetches, budget), budget.take() == 1 else { return nil }
            fetches += 1
            let judged = await fetchAndJudge(outcome.candidates[index].candidate)
            outcome.candidates[index] = judged
        }
        guard outcome.candidates[index].outcome == .accepted, let bytes = outcome.candidates[index].svg else { return nil }
        if outcome.candidates[index].rendering == nil {
            outcome.candidates[index].rendering = await renderer.render([UInt8](bytes), renditionHeights: []).report
        }
        return isDarkVariant(outcome.candidates[index].rendering, of: report) ? index : nil
    }

    /// A URL no candidate had: fetched, judged and, unless it is a guessed name that is not there,
    /// added at the end of the list (indices of the others stay as they are).
    private func tryNew(
        url: String, element: String, like original: EvaluatedLogoCandidate, via: LogoVariantChoice.Via,
        report: RenderReport, fetches: inout Int, budget: inout FetchBudget, into outcome: inout Outcome
    ) async -> Int? {
        guard !outcome.candidates.contains(where: { $0.candidate.url == url }), canFetch(fetches, budget), budget.take() == 1
        else { return nil }
        fetches += 1
        var candidate = original.candidate
        candidate.url = url
        candidate.inlineSVG = nil
        candidate.element = element
        candidate.reasons.append("a variant of \(Self.name(original.candidate)) (\(via.rawValue))")
        var judged = await fetchAndJudge(candidate)
        // A guessed name that is not there was never a candidate.
        if via == .siblingFile, judged.outcome != .accepted { return nil }
        if judged.outcome == .accepted, let bytes = judged.svg {
            judged.rendering = await renderer.render([UInt8](bytes), renditionHeights: []).report
        }
        outcome.candidates.append(judged)
        return isDarkVariant(judged.rendering, of: report) ? outcome.candidates.count - 1 : nil
    }

    private func canFetch(_ fetches: Int, _ budget: FetchBudget) -> Bool {
        fetches < LogoVariants.maxVariantFetches && budget.remaining > reserve
    }

    private func fetchAndJudge(_ candidate: LogoCandidate) async -> EvaluatedLogoCandidate {
        await LogoEvaluator(http: http, validator: validator, maxFetches: 0).fetchAndJudge(candidate)
    }

    /// Usable, visible on white, and the same drawing's proportions.
    private func isDarkVariant(_ rendering: RenderReport?, of original: RenderReport) -> Bool {
        guard let rendering, rendering.isUsable, rendering.theme == .dark, let aspect = rendering.aspectRatio,
            let originalAspect = original.aspectRatio, aspect > 0, originalAspect > 0
        else { return false }
        return max(aspect, originalAspect) / min(aspect, originalAspect) <= LogoVariants.maxAspectRatioFactor
    }

    /// See `LogoVariants`: shown by the page, nobody else's, and tied to the organisation.
    func isSameOrganisation(_ candidate: LogoCandidate, as chosen: LogoCandidate) -> Bool {
        guard candidate.score > 0, let own = facts(of: candidate), own.shownOnPage, !own.foreign else { return false }
        if own.inHomeLink { return true }
        if let organisationName, !organisationName.isEmpty,
            own.labels.contains(where: { NameMatching.matches($0, organisationName) || NameMatching.contains($0, name: organisationName) })
        {
            return true
        }
        let chosenLabels = Set((facts(of: chosen)?.labels ?? []).map { $0.lowercased() }.filter { !$0.isEmpty && !$0.contains("logo") })
        if own.labels.contains(where: { chosenLabels.contains($0.lowercased()) }) { return true }
        if let url = candidate.url, let chosenURL = chosen.url {
            let stem = LogoVariants.baseStem(LogoCandidateCollector.fileName(of: url))
            return !stem.isEmpty && stem == LogoVariants.baseStem(LogoCandidateCollector.fileName(of: chosenURL))
        }
        return false
    }

    // MARK: - Wordmark and symbol

    /// A wordmark of the organisation on the page is the logo; a symbol beside it is kept.
    private func keepSymbol(_ outcome: inout Outcome, fetches: inout Int, budget: inout FetchBudget) async {
        var winner = outcome.winner
        guard let winnerReport = winner.rendering, let winnerKind = winnerReport.kind, let winnerBytes = winner.svg else { return }
        var others: [Int] = []
        for index in outcome.candidates.indices
        where outcome.candidates[index].outcome == .accepted
            && outcome.candidates[index].svg != nil && outcome.candidates[index].svg != winnerBytes
            && outcome.candidates[index].candidate != winner.candidate
            && !outcome.choices.contains(where: { $0.replaced == Self.name(outcome.candidates[index].candidate) })
            && isSameOrganisation(outcome.candidates[index].candidate, as: winner.candidate)
        {
            if outcome.candidates[index].rendering == nil, let bytes = outcome.candidates[index].svg {
                outcome.candidates[index].rendering = await renderer.render([UInt8](bytes), renditionHeights: []).report
            }
            guard let rendering = outcome.candidates[index].rendering, rendering.isUsable,
                rendering.theme == .dark || winnerReport.theme == .light
            else { continue }
            others.append(index)
        }
        if winnerKind != .wordmark, let wordmark = others.first(where: { outcome.candidates[$0].rendering?.kind == .wordmark }) {
            let symbol = winner
            winner = outcome.candidates[wordmark]
            winner.confidence = symbol.confidence
            outcome.candidates[wordmark].confidence = symbol.confidence
            outcome.winner = winner
            outcome.symbol = symbol
            outcome.choices.append(
                LogoVariantChoice(
                    reason: .wordmarkOverSymbol, via: facts(of: winner.candidate)?.inFooter == true ? .footerLogo : .pageLogo,
                    replaced: Self.name(symbol.candidate), chosen: Self.name(winner.candidate),
                    explanation:
                        "wordmark over symbol: \(Self.name(symbol.candidate)) ranked first but draws a \(winnerKind.rawValue); \(Self.name(winner.candidate)) is the organisation's wordmark on the same page, so it is the logo and the \(winnerKind.rawValue) is kept as logo.symbol"
                ))
        } else if winnerKind == .wordmark,
            let symbol = others.first(where: {
                outcome.candidates[$0].rendering?.kind == .symbol || outcome.candidates[$0].rendering?.kind == .icon
            })
        {
            outcome.symbol = outcome.candidates[symbol]
            let kind = outcome.candidates[symbol].rendering?.kind?.rawValue ?? "symbol"
            outcome.choices.append(
                LogoVariantChoice(
                    reason: .symbolKept, via: facts(of: outcome.candidates[symbol].candidate)?.inFooter == true ? .footerLogo : .pageLogo,
                    replaced: nil, chosen: Self.name(outcome.candidates[symbol].candidate),
                    explanation:
                        "symbol kept: the logo is a wordmark; \(Self.name(outcome.candidates[symbol].candidate)) is the organisation's \(kind) on the same page, kept as logo.symbol"
                ))
        }
    }
}
