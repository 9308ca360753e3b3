import Foundation
import OrgModel

/// An email address seen somewhere, before ranking.
struct EmailEvidence: Sendable, Equatable {
    /// Lower-cased address.
    var address: String
    /// `mailto`, `json-ld`, `text`, `cloudflare`, `meta` (reply-to), `registry`.
    var foundBy: SourceCode
    var foundAt: String?
    var label: ContactLabel?
    var inFooter = false
    /// Seen inside an article's own content (a byline, the story text).
    var inArticle = false
    /// The text just before it offers it as a way to reach the organisation ("Kontakt
    /// redaksjonen:", "Contact us at", "Skriv til").
    var offeredAsContact = false
}

/// A phone number seen somewhere, before ranking. Fax, emergency and other non-phones never
/// become evidence.
struct PhoneEvidence: Sendable, Equatable {
    var number: NorwegianPhoneNumber
    /// `tel`, `json-ld`, `text`, `registry`.
    var foundBy: SourceCode
    var foundAt: String?
    var label: ContactLabel?
    /// JSON-LD `contactType`.
    var contactType: String?
    var inFooter = false
}

/// Finds emails and phones on one page: `mailto:`/`tel:` links, Cloudflare-protected addresses,
/// JSON-LD, and labelled text.
struct ContactExtractor {
    let tree: HTMLTree
    let pageURL: String
    let text: PageText
    let regions: PageRegions

    init(tree: HTMLTree, pageURL: String) {
        self.tree = tree
        self.pageURL = pageURL
        self.text = PageText(tree: tree)
        self.regions = PageRegions(tree: tree)
    }

    func emails(organisations: [JSONLDOrganisation]) -> [EmailEvidence] {
        var result: [EmailEvidence] = []
        for index in tree.elements(named: "a") {
            let node = tree[index]
            guard let href = node.attribute("href") else { continue }
            let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.lowercased().hasPrefix("mailto:") {
                for address in ContactExtractor.mailtoAddresses(trimmed) {
                    let region = regions.region(of: index)
                    let offered = text.elementStart[index].map { ContactExtractor.offersContact(text.before($0, length: 40)) } ?? false
                    result.append(EmailEvidence(address: address, foundBy: .mailto, foundAt: pageURL,
                                                label: label(forElement: index), inFooter: region.inFooter, inArticle: region.inArticle,
                                                offeredAsContact: offered))
                }
            } else if let hash = trimmed.range(of: "/cdn-cgi/l/email-protection#"),
                      let address = ContactExtractor.cloudflareDecode(String(trimmed[hash.upperBound...])) {
                let region = regions.region(of: index)
                result.append(EmailEvidence(address: address, foundBy: .cloudflare, foundAt: pageURL,
                                            label: label(forElement: index), inFooter: region.inFooter, inArticle: region.inArticle))
            }
        }
        // `<link rel="author" href="mailto:…">` / `rev="made"` in the head: the publisher's address.
        for index in tree.elements(named: "link") {
            guard let href = tree[index].attribute("href")?.trimmingCharacters(in: .whitespacesAndNewlines),
                  href.lowercased().hasPrefix("mailto:") else { continue }
            for address in ContactExtractor.mailtoAddresses(href) {
                result.append(EmailEvidence(address: address, foundBy: .mailto, foundAt: pageURL))
            }
        }
        // `<meta http-equiv="reply-to" content="kontakt@…">`: the address the site asks replies to.
        for index in tree.elements(named: "meta") {
            let node = tree[index]
            guard (node.attribute("http-equiv") ?? node.attribute("name"))?.lowercased() == "reply-to",
                  let content = node.attribute("content") else { continue }
            for address in ContactExtractor.mailtoAddresses(content.lowercased().hasPrefix("mailto:") ? content : "mailto:" + content) {
                result.append(EmailEvidence(address: address, foundBy: .meta, foundAt: pageURL))
            }
        }
        for index in tree.nodes.indices where tree[index].kind == .element {
            if let encoded = tree[index].attribute("data-cfemail"), let address = ContactExtractor.cloudflareDecode(encoded) {
                result.append(EmailEvidence(address: address, foundBy: .cloudflare, foundAt: pageURL,
                                            label: label(forElement: index), inFooter: regions.region(of: index).inFooter))
            }
        }
        for organisation in organisations {
            for email in organisation.emails {
                for address in ContactExtractor.mailtoAddresses(email.lowercased().hasPrefix("mailto:") ? email : "mailto:" + email) {
                    result.append(EmailEvidence(address: address, foundBy: .jsonLD, foundAt: pageURL))
                }
            }
        }
        let visible = ContactExtractor.deobfuscate(text.text as String)
        let nsVisible = visible as NSString
        // Every address has an "@": a page without one is not worth a scan.
        let matches = visible.utf8.contains(0x40) ? EmailAddressScanner.matches(in: Array(visible.utf16)) : []
        for match in matches {
            let address = nsVisible.substring(with: NSRange(location: match.location, length: match.length)).lowercased()
            guard ContactExtractor.isPlausibleEmail(address) else { continue }
            // `/dev/null@x.no`, `https://user@host`: the tail of a path, not an address.
            if match.location > 0, [0x2F, 0x5C].contains(nsVisible.character(at: match.location - 1)) { continue }
            let before = nsVisible.substring(with: NSRange(location: max(0, match.location - 40),
                                                           length: min(40, match.location)))
            // Positions in the de-obfuscated text shift only after a replaced marker; close enough for the region.
            let region = visible == text.text as String ? text.node(at: match.location).map { regions.region(of: $0) } : nil
            result.append(EmailEvidence(address: address, foundBy: .text, foundAt: pageURL, label: ContactLabel.nearest(before: before),
                                        inFooter: region?.inFooter ?? false, inArticle: region?.inArticle ?? false,
                                        offeredAsContact: ContactExtractor.offersContact(before)))
        }
        return result
    }

    func phones(organisations: [JSONLDOrganisation]) -> [PhoneEvidence] {
        var result: [PhoneEvidence] = []
        for index in tree.elements(named: "a") {
            guard let href = tree[index].attribute("href")?.trimmingCharacters(in: .whitespacesAndNewlines),
                  href.lowercased().hasPrefix("tel:") else { continue }
            var raw = String(href.dropFirst(4))
            raw = raw.removingPercentEncoding ?? raw
            if let cut = raw.firstIndex(where: { $0 == ";" || $0 == "?" || $0 == "," }) { raw = String(raw[..<cut]) }
            guard let number = NorwegianPhoneNumber(raw) else { continue }
            let label = label(forElement: index)
            if case .notAPhone = label { continue }
            result.append(PhoneEvidence(number: number, foundBy: .tel, foundAt: pageURL, label: label,
                                        inFooter: regions.region(of: index).inFooter))
        }
        for organisation in organisations {
            for telephone in organisation.telephones {
                guard let number = NorwegianPhoneNumber(telephone.number) else { continue }
                let type = telephone.contactType?.lowercased() ?? ""
                if type.contains("fax") || type.contains("faks") || type.contains("emergency") { continue }
                var label: ContactLabel?
                if let contactType = telephone.contactType { label = ContactLabel.nearest(before: contactType) }
                if type.contains("customer") || type.contains("main") || type.contains("switchboard") || type.contains("service") {
                    label = .switchboard(telephone.contactType ?? "")
                }
                if case .notAPhone = label { continue }
                result.append(PhoneEvidence(number: number, foundBy: .jsonLD, foundAt: pageURL, label: label,
                                            contactType: telephone.contactType))
            }
        }
        result += phonesInText()
        return result
    }

    /// Digit runs in visible text that parse as Norwegian numbers, are not part of a longer run,
    /// and either carry a phone label or are written in a phone grouping (or with +47).
    private func phonesInText() -> [PhoneEvidence] {
        var result: [PhoneEvidence] = []
        let whole = text.text
        for match in ContactExtractor.phonePattern.matches(in: whole as String, range: NSRange(location: 0, length: whole.length)) {
            let raw = whole.substring(with: match.range)
            guard let number = NorwegianPhoneNumber(raw) else { continue }
            var label = ContactLabel.nearest(before: text.before(match.range.location, length: 50))
            if let trailing = ContactLabel.trailing(after: text.after(match.range.location + match.range.length, length: 30)) {
                label = trailing
            }
            if case .notAPhone = label { continue }
            if case .email = label { label = nil }
            let digitsOnly = raw.allSatisfy { $0.isNumber }
            let hasCountryCode = raw.contains("+") || raw.hasPrefix("00")
            // A bare 8-digit run without a label is too often an id, a date or a reference.
            if label == nil && digitsOnly && !hasCountryCode { continue }
            let node = text.node(at: match.range.location)
            let region = node.map { regions.region(of: $0) }
            // An unlabelled number in running prose or in an article is someone the text talks
            // about ("contact the Labour Inspection Authority's helpline +47 73 19 97 00").
            if label == nil, region?.inFooter != true,
               region?.inArticle == true || node.map({ isRunningProse(around: $0) }) == true { continue }
            result.append(PhoneEvidence(number: number, foundBy: .text, foundAt: pageURL, label: label,
                                        inFooter: region?.inFooter ?? false))
        }
        return result
    }

    /// The text node sits in a paragraph-like element of more than 25 words.
    private func isRunningProse(around node: Int) -> Bool {
        guard let parent = tree[node].parent else { return false }
        var words = 0
        var inWord = false
        for character in tree.textContent(of: parent).unicodeScalars {
            if character.properties.isWhitespace { inWord = false } else if !inWord { inWord = true; words += 1 }
            if words > 25 { return true }
        }
        return false
    }

    /// The label in the text just before an element, or in its own text/title/aria-label.
    private func label(forElement index: Int) -> ContactLabel? {
        let node = tree[index]
        let own = [node.attribute("aria-label"), node.attribute("title"), tree.textContent(of: index)].compactMap { $0 }.joined(separator: " ")
        if let ownLabel = ContactLabel.nearest(before: own) {
            switch ownLabel {
            case .notAPhone, .switchboard: return ownLabel
            default: break
            }
        }
        guard let start = text.elementStart[index] else { return ContactLabel.nearest(before: own) }
        return ContactLabel.nearest(before: text.before(start, length: 50)) ?? ContactLabel.nearest(before: own)
    }

    // MARK: - Patterns and decoders

    static let phonePattern = try! NSRegularExpression(
        pattern: #"(?<![\d+])(?<!\d[ .\-])(?:(?:\+|00) ?47[ .\-]?|\(\+47\) ?)?\d{2,8}(?:[ .\-\u00A0]\d{2,8}){0,3}(?![\d])(?![ .\-]\d)"#)

    /// "Kontakt redaksjonen:", "Contact us at", "Skriv til oss på", "E-post:" just before an address.
    /// Not when it offers a person: "email him at", "kontakt forfatteren".
    static func offersContact(_ before: String) -> Bool {
        let lowered = " " + before.lowercased() + " "
        let person = [" him ", " her ", " ham ", " henne ", "forfatter", "author", "reporter", "journalist", "writer", "skribent"]
        guard !person.contains(where: { lowered.contains($0) }) else { return false }
        return ["kontakt", "contact", "skriv til", "write to", "e-post", "epost", "e-mail", "email", "tips oss", "send oss"]
            .contains { lowered.contains($0) }
    }

    /// Addresses in a `mailto:` URL: query dropped, percent-decoded, split on `,` and `;`.
    static func mailtoAddresses(_ href: String) -> [String] {
        var body = String(href.dropFirst("mailto:".count))
        if let question = body.firstIndex(of: "?") { body = String(body[..<question]) }
        body = body.removingPercentEncoding ?? body
        return body.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
            .filter(isPlausibleEmail)
    }

    static func isPlausibleEmail(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !address.contains(" "),
              !parts[1].hasSuffix("."), !parts[1].hasPrefix("."), !parts[1].contains("..") else { return false }
        // Letters, digits and `. _ % + -` are what organisations' addresses use; `/dev/null@`
        // and the like are jokes or code.
        guard parts[0].allSatisfy({ $0.isLetter || $0.isNumber || "._%+-".contains($0) }) else { return false }
        let tld = parts[1].split(separator: ".").last.map(String.init) ?? ""
        // "logo@2x.png" and friends.
        let fileExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "ico"]
        return tld.count >= 2 && tld.allSatisfy(\.isLetter) && !fileExtensions.contains(tld)
    }

    /// Cloudflare email protection: the first byte is the key, every following byte XOR key.
    static func cloudflareDecode(_ hex: String) -> String? {
        let clean = hex.prefix(while: { $0.isHexDigit })
        guard clean.count >= 4, clean.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = clean.startIndex
        while index < clean.endIndex {
            let next = clean.index(index, offsetBy: 2)
            guard let byte = UInt8(clean[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        let key = bytes[0]
        let decoded = String(decoding: bytes.dropFirst().map { $0 ^ key }, as: UTF8.self).lowercased()
        return isPlausibleEmail(decoded) ? decoded : nil
    }

    /// `post (at) x.no`, `post[at]x[dot]no`, `post krøllalfa x punktum no` → `post@x.no`.
    static func deobfuscate(_ text: String) -> String {
        // The regular expressions are the costliest step of a refresh; most pages contain none of
        // the markers, so a plain substring test decides first whether a pattern can match at all.
        let lowered = CaseFoldedText(text)
        var result = text
        for (pattern, replacement, markers, spacedWord) in obfuscations
        where markers.contains(where: { lowered.contains($0) }) && spacedWord.map(lowered.mayContainSpaced) ?? true {
            result = pattern.stringByReplacingMatches(in: result, range: NSRange(location: 0, length: (result as NSString).length),
                                                      withTemplate: replacement)
        }
        return result
    }

    /// Each pattern with the substrings (lower-cased) of which at least one occurs in any match,
    /// and a word that every match has between white space (`\s+at\s+`), if any.
    private static let obfuscations: [(NSRegularExpression, String, [String], String?)] = [
        (#"\s*(?:\[at\]|\(at\)|\{at\}|\(a\)|\[a\]|\(@\)|\[@\]|＠|\s(?:krøllalfa|alfakrøll)\s|[(\[{]\s*(?:krøllalfa|alfakrøll)\s*[)\]}])\s*"#, "@",
         ["at]", "at)", "at}", "(a)", "[a]", "@)", "@]", "＠", "krøllalfa", "alfakrøll"], nil),
        // "postmottak at sauda.kommune.no": a plain " at " only after a role inbox name.
        (#"\b(postmottak|post|kontakt|firmapost|servicetorget)\s+at\s+(?=[a-z0-9æøå-]+(?:\.|\s*\[dot\]|\s*\(dot\)))"#, "$1@",
         ["post", "kontakt", "servicetorget"], "at"),
        (#"\s*(?:\[dot\]|\(dot\)|\{dot\}|\[punktum\]|\(punktum\)|\s(?:punktum)\s)\s*"#, ".", ["dot", "punktum"], nil),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1, $0.2, $0.3) }
}
