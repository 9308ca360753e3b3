import Foundation

/// Text made safe for HTML: every value on the review page passes through here, so a name,
/// email, note or problem message from a website or the register can never become markup.
enum ReviewPageHTML {
    /// Escapes `&`, `<`, `>`, `"` and `'` (text and attribute values alike).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A link to an outside page only when it is `http(s)`; anything else (`javascript:`…) is text.
    static func link(_ url: String?, text: String? = nil) -> String {
        guard let url else { return "" }
        let lowered = url.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return escape(text ?? url) }
        return "<a href=\"\(escape(url))\" rel=\"noreferrer noopener\">\(escape(text ?? url))</a>"
    }
}
