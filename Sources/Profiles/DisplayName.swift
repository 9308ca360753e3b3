import Discovery

/// Chooses how a registered name is shown to citizens. The register holds legal names in
/// capitals; the organisation's own site spells its name the way it wants it seen.
public enum DisplayName {
    /// The first hint that spells the registered name letter for letter (ignoring case and
    /// spacing) wins; otherwise Norwegian sentence case.
    /// `placeNames` (from the register's addresses) stay capitalised in the sentence-case fallback.
    public static func choose(registered: String, hints: [NameHint], placeNames: [String] = []) -> (display: String, source: String) {
        let key = comparable(registered)
        for hint in hints {
            let text = collapseSpaces(hint.text)
            if comparable(text) == key, text != text.uppercased() || registered != registered.uppercased() {
                return (text, hint.source)
            }
        }
        if registered != registered.uppercased() { return (collapseSpaces(registered), "registered") }
        return (sentenceCase(registered, placeNames: placeNames), "sentence-case")
    }

    /// `STATISTISK SENTRALBYRÅ` → `Statistisk sentralbyrå`; hyphenated and slash-joined parts
    /// keep their structure (`ARBEIDS- OG VELFERDSETATEN` → `Arbeids- og velferdsetaten`).
    /// Words equal to one of `placeNames` (ignoring case) keep a capital: `REGISTERENHETEN I
    /// BRØNNØYSUND` with the post town `BRØNNØYSUND` → `Registerenheten i Brønnøysund`.
    public static func sentenceCase(_ name: String, placeNames: [String] = []) -> String {
        let places = Set(placeNames.map { $0.lowercased() })
        let words = collapseSpaces(name).lowercased().split(separator: " ", omittingEmptySubsequences: false)
        return words.enumerated().map { index, word in
            index == 0 || places.contains(String(word)) ? capitalised(word) : String(word)
        }.joined(separator: " ")
    }

    private static func capitalised(_ word: Substring) -> String {
        guard let first = word.first else { return String(word) }
        return first.uppercased() + word.dropFirst()
    }

    static func collapseSpaces(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func comparable(_ text: String) -> String {
        collapseSpaces(text).lowercased()
    }
}
