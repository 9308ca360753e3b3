import Discovery

/// Chooses how a registered name is shown to citizens. The register holds legal names in
/// capitals; the organisation's own site spells its name the way it wants it seen.
public enum DisplayName {
    /// The first hint that spells the registered name letter for letter (ignoring case and
    /// spacing) wins; otherwise Norwegian sentence case.
    public static func choose(registered: String, hints: [NameHint]) -> (display: String, source: String) {
        let key = comparable(registered)
        for hint in hints {
            let text = collapseSpaces(hint.text)
            if comparable(text) == key, text != text.uppercased() || registered != registered.uppercased() {
                return (text, hint.source)
            }
        }
        if registered != registered.uppercased() { return (collapseSpaces(registered), "registered") }
        return (sentenceCase(registered), "sentence-case")
    }

    /// `STATISTISK SENTRALBYRÅ` → `Statistisk sentralbyrå`; hyphenated and slash-joined parts
    /// keep their structure (`ARBEIDS- OG VELFERDSETATEN` → `Arbeids- og velferdsetaten`).
    public static func sentenceCase(_ name: String) -> String {
        let lowered = collapseSpaces(name).lowercased()
        guard let first = lowered.first else { return lowered }
        return first.uppercased() + lowered.dropFirst()
    }

    static func collapseSpaces(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func comparable(_ text: String) -> String {
        collapseSpaces(text).lowercased()
    }
}
