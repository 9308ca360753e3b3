/// Scores logo evidence for "is this the organisation's logo?" (not "is this a good favicon?").
/// A pure function of the evidence and the organisation's name: same input, same order.
///
/// Tiers (additive, with a reason for every term): a home-link logo in the page header scores
/// around 80–110; a JSON-LD Organization logo about 55–60; itemprop/og:logo 50; a logo-marked
/// image in the header 30–45; SVG icon links 15–18 (a manifest's SVG icon 16); raster icons 4–6;
/// the guessed `/favicon.svg` 3. Icons are the site's favicon, so any element the page marks as
/// its logo comes first (the evaluator still falls back to them when nothing better is an SVG).
/// Footer, partner strips, cookie banners, social icons, UI glyphs, sub-product links and other
/// organisations' JSON-LD pull an image far down.
enum LogoRanking {
    static func score(_ evidence: LogoEvidence, organisationName: String?) -> (score: Double, reasons: [String]) {
        var score = 0.0
        var reasons: [String] = []
        func add(_ points: Double, _ reason: String) {
            score += points
            reasons.append("\(points >= 0 ? "+" : "")\(formatted(points)) \(reason)")
        }

        switch evidence.source {
        case .logoImage where evidence.element.hasPrefix("link[rel=\"preload\"]"):
            add(14, "preloaded image named logo (painted by the stylesheet)")
        case .headerHomeLink, .inlineSVG, .logoImage, .handSupplied:
            scorePageElement(evidence, organisationName: organisationName, add: add)
        case .itemprop:
            if evidence.documentOrder >= 0 && (evidence.region.inHeader || evidence.inHomeLink) {
                scorePageElement(evidence, organisationName: organisationName, add: add)
            }
            add(50, "declared with itemprop=logo")
        case .jsonLD:
            add(55, "declared as the logo of a JSON-LD organisation")
            if evidence.declaringNodeMatchesName { add(5, "the JSON-LD organisation's name matches") }
            if evidence.declaringNodeMatchesSite { add(3, "the JSON-LD organisation's url is this site") }
            if evidence.declaringNodeNamesOther && !evidence.declaringNodeMatchesSite && evidence.thirdPartyHost {
                add(-30, "declared for another organisation (a publisher or owner on another site)")
            }
            if let url = evidence.url, LogoRanking.isIconFileName(LogoCandidateCollector.fileName(of: url)) {
                add(-35, "the file is a favicon or app icon")
            }
        case .ogLogo:
            if evidence.element.contains("og:image") || evidence.element.contains("twitter:image") {
                add(12, "share image named logo")
            } else {
                add(evidence.relTokens.contains("logo") ? 45 : 50,
                    evidence.relTokens.contains("logo") ? "declared with link rel=logo" : "declared with og:logo")
            }
        case .maskIcon:
            add(15, "mask-icon (a monochrome SVG icon)")
        case .iconLink:
            if evidence.relTokens.contains("manifest") {
                add(evidence.format == .svg ? 16 : 4, evidence.format == .svg ? "SVG icon in the web app manifest" : "web app manifest icon")
            } else if evidence.relTokens.contains(where: { $0.hasPrefix("apple-touch-icon") }) {
                add(6, "apple-touch-icon")
            } else if evidence.format == .svg {
                add(18, "SVG icon link")
            } else {
                add(5, "icon link")
            }
        case .faviconSVG:
            add(3, "conventional /favicon.svg (not named by the page)")
        case .wikidata:
            // Scored by `WikidataLogoFinder`; never page evidence.
            break
        }

        switch evidence.format {
        case .svg: add(3, "SVG")
        case .raster: add(-2, "raster image (cannot be the SVG logo)")
        case .unknown: break
        }
        if let url = evidence.url {
            let name = LogoCandidateCollector.fileName(of: url)
            // A whole sprite sheet is not a logo; one symbol of it (`sprite.svg#logo`) may be.
            if name.contains("sprite"), !url.contains("#") { add(-20, "file name says sprite") }
            if let fragment = url.split(separator: "#", maxSplits: 1).dropFirst().first, fragment.lowercased().contains("logo") {
                add(5, "the sprite symbol is called logo")
            }
            if evidence.thirdPartyHost { add(-5, "hosted on another site") }
        }
        return (score, reasons)
    }

    private static func scorePageElement(_ evidence: LogoEvidence, organisationName: String?,
                                         add: (Double, String) -> Void) {
        let region = evidence.region
        if evidence.inHomeLink { add(50, "links to the home page") }
        if region.inHeader {
            add(evidence.inHomeLink ? 25 : 20, "in the page header")
        } else if region.inNav {
            add(10, "in the navigation")
        } else if region.earlyInPage && !region.inFooter {
            add(10, "early in the page")
        }
        if evidence.logoMarker { add(10, "class or id says logo/brand") }

        let labels = evidence.labels
        if let organisationName, !organisationName.isEmpty {
            if labels.contains(where: { NameMatching.matches($0, organisationName) }) {
                add(20, "label equals the organisation name")
            } else if labels.contains(where: { NameMatching.contains($0, name: organisationName) }) {
                add(12, "label contains the organisation name")
            }
        }
        let lowered = labels.map { $0.lowercased() }
        if lowered.contains(where: { $0.contains("logo") }) { add(8, "label says logo") }
        if lowered.contains(where: { label in
            label == "hjem" || ["forside", "home", "startside", "startseite", "startsida", "etusivu", "accueil", "framside"]
                .contains { label.contains($0) }
        }) {
            add(8, "label says front page")
        }
        if let url = evidence.url, LogoCandidateCollector.fileName(of: url).contains("logo") { add(5, "file name says logo") }

        if region.inFooter { add(-25, "in the footer") }
        if region.inPartnerSection { add(-40, "in a partner or sponsor section") }
        if region.inCookieBanner { add(-40, "in a cookie banner") }
        if evidence.isSocialIcon { add(-40, "social media icon") }
        if evidence.inBreadcrumb { add(-40, "in a breadcrumb trail") }
        if evidence.iconMarker { add(-20, "class or id says icon") }
        if evidence.linksToOtherSite { add(-15, "links to another site") }
        if evidence.linksToSubProduct { add(-30, "links to another service of the site (mail., app., shop.)") }
        if region.inArticle { add(-30, "inside an article (an article image)") }
        if evidence.photoMarker { add(-30, "a photo (avatar, author or profile image)") }
        let sizes = [evidence.declaredWidth, evidence.declaredHeight].compactMap { $0 }
        if let smallest = sizes.min(), smallest < 24, sizes.count == 2 || smallest < 16 {
            // A mark the page calls its logo may be small (an emblem beside the name); a bare
            // 16-px image in a link is a glyph (a house, an arrow, a globe).
            if evidence.logoMarker && smallest >= 16 {
                add(-10, "smaller than 24 px")
            } else {
                add(-45, "smaller than 24 px (a UI icon, not a logo)")
            }
        } else if let width = evidence.declaredWidth, let height = evidence.declaredHeight, max(width, height) < 40,
                  Double(min(width, height)) / Double(max(width, height)) > 0.8 {
            add(evidence.logoMarker ? -12 : -30, "a small square under 40 px (a UI icon)")
        }
    }

    /// Scores, sorts best first and merges duplicates (the same URL or the same inline SVG found
    /// in several ways keeps its best score and notes the others).
    static func rank(_ evidence: [LogoEvidence], organisationName: String?) -> [LogoCandidate] {
        var scored: [(candidate: LogoCandidate, order: Int, format: LogoEvidence.FormatHint)] = []
        var positionByKey: [String: Int] = [:]
        for item in evidence {
            let (score, reasons) = score(item, organisationName: organisationName)
            let candidate = LogoCandidate(source: item.source, url: item.url, inlineSVG: item.inlineSVG,
                                          element: item.element, score: score, reasons: reasons)
            let key = item.url.map { "url:" + $0 } ?? "svg:" + (item.inlineSVG ?? item.element)
            if let position = positionByKey[key] {
                var existing = scored[position]
                if candidate.score > existing.candidate.score {
                    var better = candidate
                    better.reasons.append("also found as \(existing.candidate.source.rawValue) (\(existing.candidate.element))")
                    existing.candidate = better
                    existing.order = min(existing.order, item.documentOrder)
                } else {
                    existing.candidate.reasons.append("also found as \(candidate.source.rawValue) (\(candidate.element))")
                }
                scored[position] = existing
            } else {
                positionByKey[key] = scored.count
                scored.append((candidate, item.documentOrder, item.format))
            }
        }
        return scored.sorted {
            if $0.candidate.score != $1.candidate.score { return $0.candidate.score > $1.candidate.score }
            return $0.order < $1.order
        }.map(\.candidate)
    }

    /// How far icons were moved down so that any element the page marks as its logo ranks
    /// first (issue 13). Confidence is judged on the scale from before, where an SVG icon link
    /// that wins because the page has no SVG logo was, and is, a fair (0.55) answer.
    static func iconDemotion(_ candidate: LogoCandidate) -> Double {
        switch candidate.source {
        case .iconLink: return 12
        case .maskIcon: return 10
        case .faviconSVG: return 17
        default: return 0
        }
    }

    /// `favicon-32x32.png`, `apple-touch-icon.png`, `android-chrome-192x192.png`, `icon-192.png`.
    static func isIconFileName(_ name: String) -> Bool {
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        if ["favicon", "apple-touch-icon", "android-chrome", "touch-icon", "mstile", "app-icon", "appicon"].contains(where: stem.hasPrefix) {
            return true
        }
        return stem == "icon" || stem.hasPrefix("icon-") || stem.hasPrefix("icon_") || stem.hasSuffix("-icon")
    }

    private static func formatted(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
