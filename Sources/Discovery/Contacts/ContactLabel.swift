import Foundation

/// The label written next to a number or address ("Sentralbord:", "Faks", "Org.nr."), which
/// decides whether a digit run is the organisation's phone at all, and how good a phone it is.
enum ContactLabel: Sendable, Equatable {
    /// "Sentralbord", "Servicetorget", "Kundesenter" …: the main number.
    case switchboard(String)
    /// "Telefon", "Tlf", "Ring oss" …
    case phone(String)
    /// "E-post", "Postmottak"
    case email(String)
    /// "Faks", "Org.nr.", "Kontonummer", "Legevakt" …: whatever follows is not our phone.
    case notAPhone(String)

    var text: String {
        switch self {
        case .switchboard(let text), .phone(let text), .email(let text), .notAPhone(let text): return text
        }
    }

    private enum Category: Sendable { case switchboard, phone, email, notAPhone }

    private static let alternatives: [(String, Category)] = [
        (#"\b(?:tele)?fa(?:ks|x)\b|\btelefaks"#, .notAPhone),
        (#"\borg(?:anisasjons)?\.?\s*(?:nr|nummer)\b|\borganisasjonsnummer|\bforetaksregister|\bkonto(?:nummer|nr)?\b|\bbankkonto|\bpostboks\b|\bpb\.|\bsaks(?:nr|nummer)|\biban\b|\bbic\b|\bswift\b|\bpostnr\b"#, .notAPhone),
        (#"\b(?:legevakt(?:a|en)?|barnevernvakt(?:a|en)?|nødnummer|nødtelefon|akutt|brann|politi|ambulanse|vakttelefon|giftinformasjon)"#, .notAPhone),
        (#"\bsentralbord(?:et)?\b|\bservicetorg(?:et)?\b|\binnbyggerservice\b|\bkundesenter(?:et)?\b|\bkundeservice\b|\bservicesenter(?:et)?\b|\bhovednummer\b|\bswitchboard\b|\bmain number\b|\bresepsjon(?:en)?\b|\bpublikumsmottak"#, .switchboard),
        (#"\btelefon(?:nummer|nr)?\b|\btlf\b\.?|\btelephone\b|\bphone\b|\btel\b\.?|\bring oss\b|\bring\b|\bmobil\b|\bmob\b\.?"#, .phone),
        (#"\be-?post(?:adresse)?\b|\bpostmottak\b|\be-?mail\b|\bepost\b"#, .email),
    ]

    /// All alternatives in one expression, one capture group each (one pass per text).
    private static let combined = try! NSRegularExpression(
        pattern: alternatives.map { "(" + $0.0 + ")" }.joined(separator: "|"), options: [.caseInsensitive])

    private static func make(_ category: Category, _ text: String) -> ContactLabel {
        switch category {
        case .switchboard: return .switchboard(text)
        case .phone: return .phone(text)
        case .email: return .email(text)
        case .notAPhone: return .notAPhone(text)
        }
    }

    /// The label nearest to the end of `text` (the text just before a number), if any.
    /// "Bergen legevakt, sentralbord:" is the emergency service's switchboard, not ours: an
    /// emergency-service word anywhere in the label phrase (after the previous number) wins.
    static func nearest(before text: String) -> ContactLabel? {
        let nsText = text as NSString
        guard let match = combined.matches(in: text, range: NSRange(location: 0, length: nsText.length)).last else { return nil }
        for (group, alternative) in alternatives.enumerated() where match.range(at: group + 1).location != NSNotFound {
            let label = make(alternative.1, nsText.substring(with: match.range(at: group + 1)))
            switch label {
            case .switchboard, .phone:
                let phrase = labelPhrase(nsText, endingAt: match.range.location)
                // "For ikke-akutte henvendelser, sentralbord:" is the organisation's own number.
                let negated = phrase.lowercased().contains("ikke") || phrase.lowercased().contains("ikkje")
                if !negated, let service = emergencyService.firstMatch(in: phrase, range: NSRange(location: 0, length: (phrase as NSString).length)) {
                    return .notAPhone((phrase as NSString).substring(with: service.range))
                }
            default: break
            }
            return label
        }
        return nil
    }

    /// Words naming an emergency or on-call service (the third alternative above).
    private static let emergencyService = try! NSRegularExpression(pattern: alternatives[2].0, options: [.caseInsensitive])

    /// The text from the previous digit (the number before), line break or sentence end up to `end`.
    private static func labelPhrase(_ text: NSString, endingAt end: Int) -> String {
        var start = end
        while start > 0 {
            let unit = text.character(at: start - 1)
            // digits, "\n", ".", "?", "!"
            if (unit >= 0x30 && unit <= 0x39) || unit == 0x0A || unit == 0x2E || unit == 0x3F || unit == 0x21 { break }
            start -= 1
        }
        return text.substring(with: NSRange(location: start, length: end - start))
    }

    /// A label written right after a number, in brackets: "22 33 44 56 (faks)".
    static func trailing(after text: String) -> ContactLabel? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("(") || trimmed.hasPrefix("–") || trimmed.hasPrefix("- ") else { return nil }
        let inside = String(trimmed.prefix(24))
        guard let label = nearest(before: inside) else { return nil }
        switch label {
        case .notAPhone, .switchboard: return label
        default: return nil
        }
    }
}
