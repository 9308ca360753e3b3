import Foundation

/// Collects every element on a page that may be the organisation's logo, with the facts the
/// ranking needs. Collects generously; the ranking decides.
struct LogoCandidateCollector {
    let tree: HTMLTree
    let resolver: DocumentURLResolver
    let regions: PageRegions

    init(tree: HTMLTree, resolver: DocumentURLResolver) {
        self.tree = tree
        self.resolver = resolver
        self.regions = PageRegions(tree: tree)
    }

    func collect(organisations: [JSONLDOrganisation], organisationName: String?) -> [LogoEvidence] {
        var found: [LogoEvidence] = []
        found += pageImages(organisationName: organisationName)
        found += declaredInJSONLD(organisations, organisationName: organisationName)
        found += declaredInMarkup()
        found += iconLinks()
        if let favicon = resolver.document.resolve("/favicon.svg"),
           !found.contains(where: { $0.url == favicon.description }) {
            found.append(LogoEvidence(source: .faviconSVG, url: favicon.description, element: "/favicon.svg (conventional path)",
                                      documentOrder: Int.max, format: .svg))
        }
        return found
    }

    // MARK: - Images and inline SVG in the page body

    private func pageImages(organisationName: String?) -> [LogoEvidence] {
        var result: [LogoEvidence] = []
        for index in tree.nodes.indices where tree[index].kind == .element {
            let node = tree[index]
            switch node.name {
            case "img", "object", "image":
                if let evidence = imageEvidence(index, organisationName: organisationName) { result.append(evidence) }
            case "a", "div", "span", "h1", "p", "i", "figure", "header":
                if let evidence = backgroundImageEvidence(index) { result.append(evidence) }
            case "svg":
                // Only outermost inline SVGs; nested `<svg>` belong to their parent.
                guard !tree.ancestors(of: index).contains(where: { tree[$0].name == "svg" }) else { continue }
                if let evidence = inlineSVGEvidence(index, organisationName: organisationName) { result.append(evidence) }
            default:
                continue
            }
        }
        return result
    }

    private func imageEvidence(_ index: Int, organisationName: String?) -> LogoEvidence? {
        let node = tree[index]
        guard let (reference, typeHint) = imageReference(index) else { return nil }
        var evidence = LogoEvidence(source: .logoImage, url: nil, element: "", documentOrder: index)
        if reference.hasPrefix("data:") {
            guard let svg = DataURI.svgText(reference) else { return nil }
            evidence.inlineSVG = svg
            evidence.format = .svg
        } else {
            // `src=""`-style references that resolve to the page itself are not images.
            guard let address = resolver.resolve(reference), address.withoutFragment != resolver.document.withoutFragment else { return nil }
            evidence.url = address.description
            evidence.format = LogoCandidateCollector.formatHint(url: address, type: typeHint)
            evidence.thirdPartyHost = !address.isSameSite(as: resolver.document)
        }
        fillContext(&evidence, element: index)
        if let url = evidence.url { evidence.pictureAlternatives = pictureAlternatives(index, chosen: url) }
        evidence.declaredWidth = LogoCandidateCollector.pixels(node.attribute("width"))
        evidence.declaredHeight = LogoCandidateCollector.pixels(node.attribute("height"))
        let isItemprop = node.attribute("itemprop")?.lowercased() == "logo"
            || tree.ancestors(of: index).prefix(3).contains { tree[$0].attribute("itemprop")?.lowercased() == "logo" }
        if isItemprop { evidence.source = .itemprop }
        else if evidence.inHomeLink && !evidence.region.inFooter { evidence.source = .headerHomeLink }
        guard isItemprop || evidence.inHomeLink || evidence.logoMarker || mentionsLogo(evidence)
                || namesOrganisationInHeader(evidence, organisationName) else { return nil }
        evidence.element = describe(index, attribute: ["object": "data", "image": "href"][node.name] ?? "src", value: reference)
        return evidence
    }

    /// The best URL of an `<img>`/`<object>`: an SVG `<source>` in its `<picture>`, then `src`,
    /// then lazy-loading attributes, then the largest `srcset` entry.
    private func imageReference(_ index: Int) -> (String, String?)? {
        let node = tree[index]
        if node.name == "object" {
            guard let data = node.attribute("data"), !data.isEmpty else { return nil }
            return (data, node.attribute("type"))
        }
        if node.name == "image" {
            // `<svg><image href="logo.svg"/></svg>`: the file itself is the candidate.
            guard let href = node.attribute("href") ?? node.attribute("xlink:href"), !href.isEmpty, !href.hasPrefix("#") else { return nil }
            return (href, nil)
        }
        // libxml2 2.9.14 does not know `<source>` is void, so the `<img>` may sit inside it.
        // A dark-mode variant is the same logo recoloured: the default one is preferred.
        if let picture = tree.ancestors(of: index).prefix(3).first(where: { tree[$0].name == "picture" }) {
            var darkVariant: String?
            for sourceIndex in tree.descendants(of: picture) where tree[sourceIndex].name == "source" {
                let source = tree[sourceIndex]
                if source.attribute("type")?.lowercased().contains("svg") == true,
                   let srcset = source.attribute("srcset"), let best = SourceSet.largest(srcset) {
                    if source.attribute("media")?.lowercased().contains("dark") == true {
                        darkVariant = darkVariant ?? best
                    } else {
                        return (best, "image/svg+xml")
                    }
                }
            }
            let src = node.attribute("src")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if let darkVariant, !LogoCandidateCollector.fileName(of: src).hasSuffix(".svg") { return (darkVariant, "image/svg+xml") }
        }
        let src = node.attribute("src")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let lazy = ["data-src", "data-lazy-src", "data-original"].compactMap { node.attribute($0) }.first { !$0.isEmpty }
        // A `data:` image in src next to a lazy-loading attribute is a placeholder (a 1×1 GIF or an
        // empty SVG of the right size); the real image is the lazy one.
        if src.isEmpty || src.hasPrefix("data:"), let lazy, !lazy.hasPrefix("data:") { return (lazy, nil) }
        let srcset = (node.attribute("srcset") ?? node.attribute("data-srcset")).flatMap { SourceSet.largest($0) }
        // `srcset` lists larger renderings of the same image; an SVG `src` already scales.
        if !src.isEmpty, srcset == nil || LogoCandidateCollector.fileName(of: src).hasSuffix(".svg") { return (src, nil) }
        return srcset.map { ($0, nil) }
    }

    /// The other images of the `<picture>` an `<img>` is in: each `<source>`'s largest `srcset`
    /// entry and the `<img>`'s own `src`, resolved, without `chosen`, with their `media`.
    private func pictureAlternatives(_ index: Int, chosen: String) -> [LogoEvidence.PictureAlternative] {
        guard tree[index].name == "img",
              let picture = tree.ancestors(of: index).prefix(3).first(where: { tree[$0].name == "picture" }) else { return [] }
        var found: [LogoEvidence.PictureAlternative] = []
        var references: [(String, String?)] = tree.descendants(of: picture).filter { tree[$0].name == "source" }.compactMap { source in
            guard let srcset = tree[source].attribute("srcset"), let best = SourceSet.largest(srcset) else { return nil }
            return (best, tree[source].attribute("media")?.lowercased())
        }
        if let src = tree[index].attribute("src")?.trimmingCharacters(in: .whitespacesAndNewlines), !src.isEmpty, !src.hasPrefix("data:") {
            references.append((src, nil))
        }
        for (reference, media) in references {
            guard let address = resolver.resolve(reference), address.isSameSite(as: resolver.document) else { continue }
            let url = address.description
            if url != chosen, !found.contains(where: { $0.url == url }) { found.append(.init(url: url, media: media)) }
        }
        return found
    }

    /// `<a href="/" class="logo" style="background-image: url(/logo.svg)">`: CSS logos, from
    /// inline styles only (stylesheets are not fetched).
    private func backgroundImageEvidence(_ index: Int) -> LogoEvidence? {
        let node = tree[index]
        guard let style = node.attribute("style"), let reference = LogoCandidateCollector.cssURL(style) else { return nil }
        var evidence = LogoEvidence(source: .logoImage, url: nil, element: "", documentOrder: index)
        fillContext(&evidence, element: index)
        if node.name == "a", let href = node.attribute("href"), let target = resolver.resolve(href),
           target.isSameSite(as: resolver.document), target.isHomePath || target.withoutFragment == resolver.document.withoutFragment {
            evidence.inHomeLink = true
        }
        guard evidence.inHomeLink || evidence.logoMarker else { return nil }
        if reference.hasPrefix("data:") {
            guard let svg = DataURI.svgText(reference) else { return nil }
            evidence.inlineSVG = svg
            evidence.format = .svg
        } else {
            guard let address = resolver.resolve(reference) else { return nil }
            evidence.url = address.description
            evidence.format = LogoCandidateCollector.formatHint(url: address, type: nil)
            evidence.thirdPartyHost = !address.isSameSite(as: resolver.document)
        }
        if evidence.inHomeLink && !evidence.region.inFooter { evidence.source = .headerHomeLink }
        evidence.element = describe(index, attribute: "style", value: "background-image: url(\(reference))")
        return evidence
    }

    /// The first `url(…)` of a `background`/`background-image` declaration.
    static func cssURL(_ style: String) -> String? {
        let lower = style.lowercased()
        guard lower.contains("background"), let open = lower.range(of: "url(") else { return nil }
        let rest = style[open.upperBound...]
        guard let close = rest.firstIndex(of: ")") else { return nil }
        let value = rest[..<close].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
        return value.isEmpty ? nil : value
    }

    private func inlineSVGEvidence(_ index: Int, organisationName: String?) -> LogoEvidence? {
        let node = tree[index]
        var evidence = LogoEvidence(source: .inlineSVG, url: nil, element: "", documentOrder: index, format: .svg)
        fillContext(&evidence, element: index)
        // `<title>` inside the SVG is its accessible name.
        if let title = tree.descendants(of: index).first(where: { tree[$0].name == "title" }) {
            let text = tree.textContent(of: title)
            if !text.isEmpty { evidence.labels.append(text) }
        }
        evidence.declaredWidth = LogoCandidateCollector.pixels(node.attribute("width"))
        evidence.declaredHeight = LogoCandidateCollector.pixels(node.attribute("height"))
        guard evidence.inHomeLink || evidence.logoMarker || mentionsLogo(evidence)
                || namesOrganisationInHeader(evidence, organisationName) else { return nil }
        // An icon sprite reference alone (`<svg><use href="#icon-home"/></svg>`) still counts:
        // the serialiser copies the referenced symbol in.
        guard tree.descendants(of: index).contains(where: { tree[$0].kind == .element }) else { return nil }
        evidence.inlineSVG = InlineSVGSerialiser.serialise(tree, svg: index)
        if let written = InlineSVGSerialiser.externalUseReferences(tree, svg: index).first,
           let address = resolver.resolve(written), address.isSameSite(as: resolver.document) {
            evidence.spriteReference = LogoEvidence.SpriteReference(written: written, url: address.description)
            // `<svg><use href="/sprite.svg#logo"/></svg>` draws nothing itself: the logo is that
            // symbol of the file, which is its provenance (a home-link logo like an `<img>`).
            let drawing = tree.descendants(of: index).filter { tree[$0].kind == .element }
                .allSatisfy { ["use", "title", "desc"].contains(tree[$0].name) }
            if drawing {
                evidence.url = address.description
                if evidence.inHomeLink && !evidence.region.inFooter { evidence.source = .headerHomeLink }
            }
        }
        evidence.element = describe(index, attribute: nil, value: nil)
        return evidence
    }

    /// `<header><img src="/x.svg" alt="Sauda kommune"></header>`: no link and no logo class, but
    /// the header image carries the organisation's name.
    private func namesOrganisationInHeader(_ evidence: LogoEvidence, _ organisationName: String?) -> Bool {
        guard let organisationName, evidence.region.inHeader || evidence.region.earlyInPage, !evidence.region.inFooter else { return false }
        return evidence.labels.contains { NameMatching.matches($0, organisationName) || NameMatching.contains($0, name: organisationName) }
    }

    private func mentionsLogo(_ evidence: LogoEvidence) -> Bool {
        evidence.labels.contains { $0.lowercased().contains("logo") }
            || (evidence.url.map { LogoCandidateCollector.fileName(of: $0).contains("logo") } ?? false)
    }

    /// Fills region, link and label facts from the element and its ancestors.
    private func fillContext(_ evidence: inout LogoEvidence, element index: Int) {
        let node = tree[index]
        evidence.region = regions.region(of: index)
        evidence.labels += ["alt", "title", "aria-label"].compactMap { node.attribute($0)?.collapsingWhitespace }
            .filter { !$0.isEmpty }
        let ancestors = tree.ancestors(of: index)
        let ownMarkers = PageRegions.markers(of: node)
        if PageRegions.containsAny(ownMarkers, ["logo", "brand"]) { evidence.logoMarker = true }
        else if PageRegions.containsAny(ownMarkers, ["icon", "ikon"]) { evidence.iconMarker = true }
        if !evidence.logoMarker, PageRegions.containsAny(ownMarkers, ["avatar", "author", "profile", "portrait", "photo", "headshot"]) {
            evidence.photoMarker = true
        }
        for ancestor in ancestors.prefix(3) where tree[ancestor].name != "body" && tree[ancestor].name != "html" {
            if PageRegions.containsAny(PageRegions.markers(of: tree[ancestor]), ["logo", "brand"]) { evidence.logoMarker = true }
        }
        if let link = ancestors.first(where: { tree[$0].name == "a" }) {
            let anchor = tree[link]
            evidence.labels += ["title", "aria-label"].compactMap { anchor.attribute($0)?.collapsingWhitespace }.filter { !$0.isEmpty }
            let linkText = tree.textContent(of: link)
            if !linkText.isEmpty, linkText.count < 80 { evidence.labels.append(linkText) }
            if let href = anchor.attribute("href"), let target = resolver.resolve(href) {
                if LogoCandidateCollector.socialHosts.contains(where: { target.host == $0 || target.host.hasSuffix("." + $0) }) {
                    evidence.isSocialIcon = true
                } else if target.isSameSite(as: resolver.document) {
                    // A link to the page itself is a home link only on the home page (one-page sites, `href="#"`);
                    // on an article it is the article's own link.
                    let home = target.isHomePath
                        || (target.withoutFragment == resolver.document.withoutFragment && resolver.document.isHomePath)
                    if home && !LogoCandidateCollector.isHomeHost(target.host, page: resolver.document) {
                        evidence.linksToSubProduct = true
                    } else {
                        evidence.inHomeLink = home
                    }
                } else {
                    evidence.linksToOtherSite = true
                }
            }
        }
        for ancestor in ancestors.prefix(4) {
            let markers = PageRegions.markers(of: tree[ancestor])
            if PageRegions.containsAny(markers, ["social", "sosiale", "share"]) { evidence.isSocialIcon = true }
            if PageRegions.containsAny(markers, ["breadcrumb", "brødsmule", "brodsmule", "smulesti"]) { evidence.inBreadcrumb = true }
        }
    }

    /// `header > a[href="/"] > img[src="/logo.svg"]`
    private func describe(_ index: Int, attribute: String?, value: String?) -> String {
        var parts: [String] = []
        let ancestors = tree.ancestors(of: index)
        let region = regions.region(of: index)
        if let landmark = region.landmark { parts.append(landmark) }
        if let link = ancestors.first(where: { tree[$0].name == "a" }) {
            parts.append("a[href=\"\(LogoCandidateCollector.abbreviate(tree[link].attribute("href") ?? ""))\"]")
        }
        let node = tree[index]
        var own = node.name
        if let attribute, let value { own += "[\(attribute)=\"\(LogoCandidateCollector.abbreviate(value))\"]" }
        else if let className = node.attribute("class"), !className.isEmpty { own += "." + className.split(separator: " ").joined(separator: ".") }
        else if let id = node.attribute("id") { own += "#" + id }
        parts.append(own)
        return parts.joined(separator: " > ")
    }

    // MARK: - Declared logos

    private func declaredInJSONLD(_ organisations: [JSONLDOrganisation], organisationName: String?) -> [LogoEvidence] {
        var result: [LogoEvidence] = []
        for (offset, organisation) in organisations.enumerated() {
            for logo in organisation.logos {
                var evidence = LogoEvidence(source: .jsonLD, url: nil,
                                            element: "script[type=\"application/ld+json\"] \(organisation.types.first ?? "Organization").logo",
                                            documentOrder: -100 + offset)
                if logo.hasPrefix("data:") {
                    guard let svg = DataURI.svgText(logo) else { continue }
                    evidence.inlineSVG = svg
                    evidence.format = .svg
                } else {
                    guard let address = resolver.resolve(logo) else { continue }
                    evidence.url = address.description
                    evidence.format = LogoCandidateCollector.formatHint(url: address, type: nil)
                    evidence.thirdPartyHost = !address.isSameSite(as: resolver.document)
                }
                if let url = organisation.url, let address = resolver.resolve(url) {
                    evidence.declaringNodeMatchesSite = address.isSameSite(as: resolver.document)
                    if !evidence.declaringNodeMatchesSite { evidence.declaringNodeNamesOther = true }
                }
                if let name = organisation.name {
                    evidence.labels.append(name)
                    if let organisationName {
                        evidence.declaringNodeMatchesName = NameMatching.matches(name, organisationName)
                        if !evidence.declaringNodeMatchesName && !NameMatching.contains(name, name: organisationName)
                            && !NameMatching.contains(organisationName, name: name) {
                            evidence.declaringNodeNamesOther = true
                        }
                    }
                }
                result.append(evidence)
            }
        }
        return result
    }

    /// `og:logo`, `<meta itemprop="logo">`, `<link itemprop="logo">`, `<link rel="logo">`.
    private func declaredInMarkup() -> [LogoEvidence] {
        var result: [LogoEvidence] = []
        for index in tree.nodes.indices where tree[index].kind == .element {
            let node = tree[index]
            var reference: String?
            var source: LogoSource?
            var element = ""
            if node.name == "meta" {
                let property = (node.attribute("property") ?? node.attribute("name"))?.lowercased()
                if property == "og:logo", let content = node.attribute("content") {
                    reference = content; source = .ogLogo; element = "meta[property=\"og:logo\"]"
                } else if property == "og:image" || property == "twitter:image", let content = node.attribute("content"),
                          LogoCandidateCollector.fileName(of: content).contains("logo") {
                    // A share image is usually a banner; one named logo is the site's logo (a last resort).
                    reference = content; source = .ogLogo; element = "meta[property=\"\(property!)\"]"
                } else if node.attribute("itemprop")?.lowercased() == "logo", let content = node.attribute("content") {
                    reference = content; source = .itemprop; element = "meta[itemprop=\"logo\"]"
                }
            } else if node.name == "link", let href = node.attribute("href") {
                if node.attribute("itemprop")?.lowercased() == "logo" {
                    reference = href; source = .itemprop; element = "link[itemprop=\"logo\"]"
                } else if LogoCandidateCollector.relTokens(node).contains("logo") {
                    reference = href; source = .ogLogo; element = "link[rel=\"logo\"]"
                } else if LogoCandidateCollector.relTokens(node).contains("preload"), node.attribute("as")?.lowercased() == "image",
                          LogoCandidateCollector.fileName(of: href).contains("logo") {
                    // A logo the stylesheet paints, preloaded by name: the only trace of it in the markup.
                    reference = href; source = .logoImage; element = "link[rel=\"preload\"][as=\"image\"]"
                }
            }
            guard let reference, let source, let address = resolver.resolve(reference) else { continue }
            var evidence = LogoEvidence(source: source, url: address.description, element: element, documentOrder: index)
            evidence.format = LogoCandidateCollector.formatHint(url: address, type: node.attribute("type"))
            evidence.thirdPartyHost = !address.isSameSite(as: resolver.document)
            evidence.relTokens = LogoCandidateCollector.relTokens(node)
            result.append(evidence)
        }
        return result
    }

    /// `<link rel="icon|shortcut icon|apple-touch-icon|mask-icon|fluid-icon">` and Windows tile
    /// images (`msapplication-TileImage`, `msapplication-square150x150logo`…).
    private func iconLinks() -> [LogoEvidence] {
        var result: [LogoEvidence] = []
        for index in tree.elements(named: "link") {
            let node = tree[index]
            let tokens = LogoCandidateCollector.relTokens(node)
            let iconTokens: Set<String> = ["icon", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon", "fluid-icon"]
            guard tokens.contains(where: iconTokens.contains), let href = node.attribute("href"),
                  let address = resolver.resolve(href), address.withoutFragment != resolver.document.withoutFragment else { continue }
            let isMask = tokens.contains("mask-icon")
            var evidence = LogoEvidence(source: isMask ? .maskIcon : .iconLink, url: address.description,
                                        element: "link[rel=\"\(tokens.joined(separator: " "))\"][href=\"\(LogoCandidateCollector.abbreviate(href))\"]",
                                        documentOrder: index)
            // mask-icon is SVG by definition.
            evidence.format = isMask ? .svg : LogoCandidateCollector.formatHint(url: address, type: node.attribute("type"))
            evidence.thirdPartyHost = !address.isSameSite(as: resolver.document)
            evidence.relTokens = tokens
            result.append(evidence)
        }
        // Windows tiles: `<meta name="msapplication-TileImage" content="/mstile-144.png">`.
        let tileNames: Set<String> = ["msapplication-tileimage", "msapplication-square70x70logo", "msapplication-square150x150logo",
                                      "msapplication-wide310x150logo", "msapplication-square310x310logo"]
        for index in tree.elements(named: "meta") {
            let node = tree[index]
            guard let name = node.attribute("name")?.lowercased(), tileNames.contains(name),
                  let content = node.attribute("content"), let address = resolver.resolve(content),
                  address.withoutFragment != resolver.document.withoutFragment else { continue }
            var evidence = LogoEvidence(source: .iconLink, url: address.description,
                                        element: "meta[name=\"\(node.attribute("name") ?? name)\"][content=\"\(LogoCandidateCollector.abbreviate(content))\"]",
                                        documentOrder: index)
            evidence.format = LogoCandidateCollector.formatHint(url: address, type: nil)
            evidence.thirdPartyHost = !address.isSameSite(as: resolver.document)
            evidence.relTokens = [name]
            result.append(evidence)
        }
        return result
    }

    // MARK: - Small helpers

    /// The page's own host (ignoring `www.`) or the site's bare domain (a blog on `blog.x.no`
    /// linking to `x.no`); another host of the same site is a sub-product (`mail.x.no`).
    static func isHomeHost(_ host: String, page: WebAddress) -> Bool {
        func bare(_ name: String) -> String { name.hasPrefix("www.") ? String(name.dropFirst(4)) : name }
        return bare(host) == bare(page.host) || bare(host) == page.registrableDomain
    }

    static func relTokens(_ node: HTMLTree.Node) -> [String] {
        (node.attribute("rel") ?? "").lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    static func formatHint(url: WebAddress, type: String?) -> LogoEvidence.FormatHint {
        if let type = type?.lowercased(), !type.isEmpty {
            if type.contains("svg") { return .svg }
            if type.hasPrefix("image/") { return .raster }
        }
        let name = fileName(of: url.description)
        let ext = name.split(separator: ".").last.map(String.init) ?? ""
        switch ext {
        case "svg", "svgz": return .svg
        case "png", "jpg", "jpeg", "gif", "webp", "ico", "bmp", "avif", "tif", "tiff": return .raster
        default: return .unknown
        }
    }

    /// Lower-cased last path segment, without query.
    static func fileName(of url: String) -> String {
        let withoutQuery = url.split(whereSeparator: { $0 == "?" || $0 == "#" }).first.map(String.init) ?? url
        return (withoutQuery.split(separator: "/").last.map(String.init) ?? "").lowercased()
    }

    static func pixels(_ value: String?) -> Int? {
        guard let value = value?.trimmingCharacters(in: .whitespaces).lowercased(), !value.hasSuffix("%") else { return nil }
        let digits = value.hasSuffix("px") ? String(value.dropLast(2)) : value
        guard let number = Double(digits), number > 0 else { return nil }
        return Int(number.rounded())
    }

    static func abbreviate(_ text: String) -> String {
        let flat = text.collapsingWhitespace
        return flat.count > 80 ? String(flat.prefix(77)) + "…" : flat
    }

    static let socialHosts = [
        "facebook.com", "twitter.com", "x.com", "linkedin.com", "instagram.com", "youtube.com", "tiktok.com",
        "flickr.com", "vimeo.com", "snapchat.com", "pinterest.com", "threads.net", "bsky.app",
    ]
}

/// `srcset` parsing: the entry with the largest width or density descriptor.
enum SourceSet {
    static func largest(_ srcset: String) -> String? {
        var best: (url: String, weight: Double)?
        for entry in srcset.split(separator: ",") {
            let parts = entry.split(whereSeparator: { $0.isWhitespace })
            guard let url = parts.first else { continue }
            var weight = 1.0
            if parts.count > 1, let descriptor = parts.last?.lowercased() {
                if descriptor.hasSuffix("w") { weight = Double(descriptor.dropLast()) ?? 1 }
                else if descriptor.hasSuffix("x") { weight = (Double(descriptor.dropLast()) ?? 1) * 1000 }
            }
            if best == nil || weight > best!.weight { best = (String(url), weight) }
        }
        return best?.url
    }
}

/// `data:image/svg+xml` URIs (base64 or percent-encoded) as SVG text.
enum DataURI {
    static func svgText(_ uri: String) -> String? {
        guard uri.lowercased().hasPrefix("data:image/svg+xml"), let comma = uri.firstIndex(of: ",") else { return nil }
        let header = uri[..<comma].lowercased()
        let payload = String(uri[uri.index(after: comma)...])
        if header.hasSuffix(";base64") {
            guard let data = Data(base64Encoded: payload.filter { !$0.isWhitespace }) else { return nil }
            return String(data: data, encoding: .utf8)
        }
        return payload.removingPercentEncoding ?? payload
    }
}
