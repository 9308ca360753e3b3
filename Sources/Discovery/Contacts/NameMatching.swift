/// Loose comparison of organisation names as written on sites and in the register
/// ("DIGITALISERINGSDIREKTORATET" ~ "Digitaliseringsdirektoratet", "Brønnøy kommune" ~ "bronnoy kommune").
enum NameMatching {
    /// Lower-cased, æ/ø/å and accents folded, punctuation removed, whitespace collapsed.
    static func normalise(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            switch character {
            case "æ": out += "ae"
            case "ø", "ö": out += "o"
            case "å", "ä": out += "a"
            case "é", "è", "ê": out += "e"
            default:
                out += character.isLetter || character.isNumber ? String(character) : " "
            }
        }
        return out.collapsingWhitespace
    }

    /// Equal after normalisation.
    static func matches(_ a: String, _ b: String) -> Bool {
        let left = normalise(a), right = normalise(b)
        return !left.isEmpty && left == right
    }

    /// One contains the other as whole words (at least 4 characters on the shorter side).
    static func contains(_ text: String, name: String) -> Bool {
        let haystack = " " + normalise(text) + " ", needle = normalise(name)
        guard needle.count >= 4 else { return false }
        if haystack.contains(" " + needle + " ") { return true }
        let shorter = normalise(text)
        return shorter.count >= 4 && (" " + needle + " ").contains(" " + shorter + " ") && !genericWords.contains(shorter)
    }

    /// Words too common in Norwegian public-body names to identify one.
    static let genericWords: Set<String> = [
        "kommune", "fylkeskommune", "direktoratet", "etaten", "tilsynet", "logo", "forside", "hjem", "norge",
        "statens", "og", "for", "i", "the", "til forsiden",
    ]
}
