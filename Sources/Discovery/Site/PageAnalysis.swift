import Foundation

/// Everything one HTML page yields, before anything is fetched. Pure: bytes and URL in, values out.
struct PageAnalysis: Sendable {
    var documentURL: WebAddress
    var charset: HTMLTextDecoder.Charset
    /// Ranked, best first.
    var logoCandidates: [LogoCandidate]
    var logoEvidence: [LogoEvidence]
    var emails: [EmailEvidence]
    var phones: [PhoneEvidence]
    var nameHints: [NameHint]
    /// Same-site links that look like contact pages, best first.
    var contactLinks: [WebAddress]
    /// `<link rel="manifest">`, fetched only when the page has no strong candidate.
    var manifestURL: WebAddress?
    /// `<meta http-equiv="refresh" content="0; url=…">` target.
    var metaRefresh: WebAddress?
    /// `location.href = "…"` / `location.replace("…")` on a page with almost no content.
    var scriptRedirect: WebAddress?
    /// Valid (MOD11) organisation numbers printed next to an "Org.nr." label.
    var organisationNumbers: [String]
    /// The page has almost no text and links but scripts: a JavaScript application shell.
    var looksLikeScriptShell: Bool
}

enum PageAnalyser {
    static func analyse(bytes: [UInt8], contentType: String?, url: WebAddress, organisationName: String?,
                        pageTextNameHint: Bool = false) -> PageAnalysis {
        let decoded = HTMLTextDecoder.decode(bytes, contentType: contentType)
        let tree = HTMLParser.parse(utf8: decoded.utf8)
        let resolver = DocumentURLResolver(document: url, tree: tree)
        let organisations = JSONLDExtractor.organisations(in: tree)

        let evidence = LogoCandidateCollector(tree: tree, resolver: resolver)
            .collect(organisations: organisations, organisationName: organisationName)
        let ranked = LogoRanking.rank(evidence, organisationName: organisationName)

        let contacts = ContactExtractor(tree: tree, pageURL: url.description)
        return PageAnalysis(
            documentURL: url, charset: decoded.charset,
            logoCandidates: ranked, logoEvidence: evidence,
            emails: contacts.emails(organisations: organisations),
            phones: contacts.phones(organisations: organisations),
            nameHints: nameHints(tree: tree, organisations: organisations, evidence: evidence)
                + (pageTextNameHint ? spelledOnPage(organisationName, text: contacts.text) : []),
            contactLinks: contactLinks(tree: tree, resolver: resolver),
            manifestURL: WebAppManifest.link(in: tree, resolver: resolver),
            metaRefresh: metaRefresh(tree: tree, resolver: resolver),
            scriptRedirect: scriptRedirect(tree: tree, resolver: resolver),
            organisationNumbers: OrganisationNumberScanner.numbers(in: contacts.text.text as String),
            looksLikeScriptShell: looksLikeScriptShell(tree: tree, text: contacts.text))
    }

    // MARK: - Name hints

    static func nameHints(tree: HTMLTree, organisations: [JSONLDOrganisation], evidence: [LogoEvidence]) -> [NameHint] {
        var hints: [NameHint] = []
        func add(_ source: String, _ text: String?) {
            guard let text = text?.collapsingWhitespace, !text.isEmpty, text.count < 200 else { return }
            guard !hints.contains(where: { $0.source == source && $0.text == text }) else { return }
            hints.append(NameHint(source: source, text: text))
        }
        for organisation in organisations { add("json-ld", organisation.name) }
        for meta in tree.elements(named: "meta") {
            let property = (tree[meta].attribute("property") ?? tree[meta].attribute("name"))?.lowercased()
            if property == "og:site_name" { add("og:site_name", tree[meta].attribute("content")) }
        }
        let headerLogos = evidence.filter { $0.inHomeLink && $0.region.inHeader }
        for logo in headerLogos {
            for label in logo.labels where !isGenericLogoLabel(label) {
                add("logo-alt", cleanedLogoLabel(label))
                break
            }
        }
        if let title = tree.first("title") { add("title", tree.textContent(of: title)) }
        return hints
    }

    /// The organisation's registered name as the page spells it ("REGISTERENHETEN I
    /// BRØNNØYSUND" → "Registerenheten i Brønnøysund" from a footer line), so the display name
    /// can take the organisation's own casing. Source `page-text`.
    static func spelledOnPage(_ organisationName: String?, text: PageText) -> [NameHint] {
        guard let organisationName else { return [] }
        let name = Array(organisationName.collapsingWhitespace.lowercased())
        guard name.count >= 4 else { return [] }
        let lowerName = String(name)
        for line in (text.text as String).split(separator: "\n") {
            let collapsed = String(line).collapsingWhitespace
            guard collapsed.lowercased().contains(lowerName) else { continue }
            let characters = Array(collapsed)
            guard characters.count >= name.count else { continue }
            for start in 0...(characters.count - name.count) {
                let candidate = characters[start..<start + name.count]
                guard String(candidate).lowercased() == lowerName else { continue }
                // Whole words only, and not the register's own capitals.
                let before = start > 0 ? characters[start - 1] : " "
                let after = start + name.count < characters.count ? characters[start + name.count] : " "
                let spelled = String(candidate)
                if !before.isLetter, !after.isLetter, spelled != spelled.uppercased() {
                    return [NameHint(source: "page-text", text: spelled)]
                }
            }
        }
        return []
    }

    /// "Til forsiden", "Logo", "Hjem": labels that name no one.
    static func isGenericLogoLabel(_ label: String) -> Bool {
        let normalised = NameMatching.normalise(cleanedLogoLabel(label))
        let generic: Set<String> = ["logo", "til forsiden", "ga til forsiden", "forside", "forsiden", "hjem", "home", "startside",
                                    "tilbake til forsiden", "go to front page", "front page", "gå til forsiden", "link to home page"]
        return normalised.isEmpty || generic.contains(normalised)
    }

    /// Drops "logo", "til forsiden" and the like from a label: "Digdir logo" → "Digdir".
    static func cleanedLogoLabel(_ label: String) -> String {
        var text = label
        for noise in ["- til forsiden", "– til forsiden", ", til forsiden", "til forsiden", "gå til forsiden", "logo", "Logo", "LOGO", " - ", " – "] {
            if text.hasSuffix(noise) { text.removeLast(noise.count) }
            if text.hasPrefix(noise) { text.removeFirst(noise.count) }
            text = text.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "-–,|:")))
        }
        return text
    }

    // MARK: - Links to contact pages

    static func contactLinks(tree: HTMLTree, resolver: DocumentURLResolver) -> [WebAddress] {
        var scored: [(WebAddress, Double, Int)] = []
        var seen: Set<String> = [resolver.document.withoutFragment.description]
        for index in tree.elements(named: "a") {
            guard let href = tree[index].attribute("href"), let target = resolver.resolve(href)?.withoutFragment,
                  target.isSameSite(as: resolver.document), seen.insert(target.description).inserted else { continue }
            let text = NameMatching.normalise(tree.textContent(of: index))
            let path = target.path.lowercased()
            var score = 0.0
            if text.contains("kontakt oss") || path.contains("kontakt-oss") || text.contains("contact us") { score = 4 }
            else if text.contains("kontakt") || path.contains("kontakt") || text.contains("contact") || path.contains("contact") { score = 3 }
            else if text == "om oss" || path.contains("om-oss") || text == "about us" || path.hasSuffix("/about") { score = 2 }
            else if text.hasPrefix("om kommunen") || text.hasPrefix("om etaten") || text.hasPrefix("om direktoratet")
                        || text.hasPrefix("om tilsynet") || path.contains("om-kommunen") { score = 1.5 }
            guard score > 0 else { continue }
            // Short paths are section pages; deep ones are often news articles that mention "kontakt".
            let depth = path.split(separator: "/").count
            if depth > 3 { score -= 1 }
            if target.query != nil { score -= 0.5 }
            scored.append((target, score, index))
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }.map(\.0)
    }

    // MARK: - Redirects and shells

    static func metaRefresh(tree: HTMLTree, resolver: DocumentURLResolver) -> WebAddress? {
        for meta in tree.elements(named: "meta") where tree[meta].attribute("http-equiv")?.lowercased() == "refresh" {
            guard let content = tree[meta].attribute("content") else { continue }
            // "0; url=/nb/", "0;URL='https://…'", "5 ; url = x"
            guard let range = content.range(of: "url", options: .caseInsensitive) else { continue }
            var rest = content[range.upperBound...].drop(while: { $0 == " " })
            guard rest.first == "=" else { continue }
            rest = rest.dropFirst().drop(while: { $0 == " " })
            let target = rest.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            if let address = resolver.resolve(target) { return address }
        }
        return nil
    }

    /// Trivial JavaScript redirects, only on pages that are little more than the redirect.
    static func scriptRedirect(tree: HTMLTree, resolver: DocumentURLResolver) -> WebAddress? {
        guard let body = tree.first("body") ?? tree.roots.first,
              tree.descendants(of: body).filter({ tree[$0].name == "a" || tree[$0].name == "img" }).count < 3 else { return nil }
        for script in tree.elements(named: "script") where tree[script].attribute("src") == nil {
            let code = tree.rawText(of: script)
            guard code.count < 2000 else { continue }
            let range = NSRange(location: 0, length: (code as NSString).length)
            if let match = scriptRedirectPattern.firstMatch(in: code, range: range), match.numberOfRanges > 1 {
                let target = (code as NSString).substring(with: match.range(at: 1))
                if let address = resolver.resolve(target) { return address }
            }
        }
        return nil
    }

    private static let scriptRedirectPattern = try! NSRegularExpression(
        pattern: #"(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*(?:=|\.replace\(|\.assign\()\s*["']([^"']+)["']"#)

    /// `text` is the page's `PageText`, built once per page by the contact extractor.
    static func looksLikeScriptShell(tree: HTMLTree, text pageText: PageText) -> Bool {
        guard let body = tree.first("body") else { return false }
        let descendants = tree.descendants(of: body)
        let scripts = tree.elements(named: "script").count
        let links = descendants.filter { tree[$0].name == "a" }.count
        let text = pageText.text.length
        return scripts > 0 && links < 3 && text < 200
    }
}
