import Discovery
import Foundation

/// Chooses how a registered name is shown to citizens. The register holds legal names in
/// capitals; the organisation's own site spells its name the way it wants it seen.
public enum DisplayName {
    /// The first hint that spells the registered name letter for letter (ignoring case and
    /// spacing) wins; otherwise Norwegian sentence case with proper nouns kept (see
    /// `sentenceCase`), taking the casing of any run of two or more of the name's words that a
    /// hint spells (`DNB Bank` on the site → `DNB Bank ASA`).
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
        var words = sentenceCase(registered, placeNames: placeNames).split(separator: " ").map(String.init)
        var source = "sentence-case"
        for hint in hints where adoptCasing(of: hint.text, into: &words) { source = hint.source }
        return (words.joined(separator: " "), source)
    }

    /// A short name the organisation goes by on its own site (`NAV` for ARBEIDS- OG
    /// VELFERDSETATEN, `DSB` for DIREKTORATET FOR SAMFUNNSSIKKERHET OG BEREDSKAP): a hint of one
    /// or two words, shorter than the display name, that is the site's own domain name
    /// (`nav.no`) or the initials of the name's words (articles and prepositions left out).
    public static func shortName(registered: String, display: String, hints: [NameHint], website: String?)
        -> (short: String, source: String)?
    {
        guard !hints.isEmpty else { return nil }
        let domainLabel = website.flatMap(siteLabel)
        let initials = self.initials(registered)
        // The same for every part: worked out once, not once per part of every hint.
        let displayLength = display.count
        let comparableDisplay = comparable(display), comparableRegistered = comparable(registered)
        for hint in hints {
            for part in titleParts(hint.text) {
                let words = part.split(separator: " ")
                let length = part.count
                guard (1...2).contains(words.count), length >= 2, length <= 20, length < displayLength,
                      case let comparablePart = comparable(part), comparablePart != comparableDisplay,
                      comparablePart != comparableRegistered else { continue }
                let letters = part.lowercased().filter { $0.isLetter || $0.isNumber }
                if letters == domainLabel || (letters.count >= 2 && letters == initials) {
                    return (part, hint.source)
                }
            }
        }
        return nil
    }

    /// `STATISTISK SENTRALBYRÅ` → `Statistisk sentralbyrå`; hyphenated and slash-joined parts
    /// keep their structure (`ARBEIDS- OG VELFERDSETATEN` → `Arbeids- og velferdsetaten`).
    /// Proper nouns keep a capital: words equal to one of `placeNames` (ignoring case: `REGISTERENHETEN
    /// I BRØNNØYSUND` with the post town `BRØNNØYSUND` → `Registerenheten i Brønnøysund`), county
    /// and region names, `Norge`, compass-point names (`AVFALL SØR AS` → `Avfall Sør AS`), and
    /// the place a name ends on after `i`/`på`. Legal-form suffixes (`AS`, `ASA`, `IKS`, `HF` …)
    /// and acronyms without a vowel (`DNB`) stay in capitals.
    public static func sentenceCase(_ name: String, placeNames: [String] = []) -> String {
        let places = Set(placeNames.map { $0.lowercased() })
        let words = collapseSpaces(name).lowercased().split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let endingPlace = placeAfterPreposition(words)
        return words.enumerated().map { index, word in
            if let legal = legalForms[word] { return legal }
            if keepsCapitals(word) { return word.uppercased() }
            if index == 0 || endingPlace.contains(index) || places.contains(word) || isProperNoun(word) {
                return capitalisedParts(word)
            }
            return word
        }.joined(separator: " ")
    }

    // MARK: - Proper nouns and forms

    /// Legal-form abbreviations as they are written (`Enhetsregisteret`'s organisation forms).
    static let legalForms: [String: String] = [
        "as": "AS", "asa": "ASA", "sa": "SA", "iks": "IKS", "kf": "KF", "fkf": "FKF", "hf": "HF", "rhf": "RHF",
        "ba": "BA", "ans": "ANS", "da": "DA", "nuf": "NUF", "sf": "SF", "ks": "KS", "bbl": "BBL", "se": "SE",
        "gmbh": "GmbH", "ab": "AB", "a/s": "A/S", "a.s": "AS", "a.s.": "AS", "ltd": "Ltd", "inc": "Inc", "llc": "LLC",
    ]

    /// Abbreviations common in public bodies' names that contain a vowel.
    static let acronyms: Set<String> = ["ikt", "it", "hms", "nav", "ntnu", "nmbu", "uit", "nho", "lo", "iua", "ika"]

    /// County (fylke) and region names, current and former, which keep their capital anywhere
    /// in a name (`Vestfold og Telemark fylkeskommune`).
    static let regions: Set<String> = [
        "oslo", "akershus", "østfold", "buskerud", "vestfold", "telemark", "innlandet", "hedmark", "oppland", "agder",
        "aust-agder", "vest-agder", "rogaland", "vestland", "hordaland", "sogn", "fjordane", "møre", "romsdal",
        "trøndelag", "sør-trøndelag", "nord-trøndelag", "nordland", "troms", "finnmark", "viken", "svalbard",
        "norge", "norges", "noreg", "noregs", "sápmi", "nord-norge", "midt-norge", "vestlandet", "østlandet",
        "sørlandet", "hålogaland", "helgeland", "lofoten", "vesterålen", "hallingdal", "valdres", "gudbrandsdalen",
        "østerdalen", "romerike", "follo", "asker", "ringerike", "hadeland", "jæren", "ryfylke", "sunnmøre",
        "nordmøre", "namdalen", "salten", "ofoten", "nordhordland", "sunnhordland", "hardanger", "voss", "setesdal",
    ]

    /// Compass points name regions inside names (`Helse Sør-Øst RHF`, `Avfall Sør AS`).
    static let compassPoints: Set<String> = ["nord", "sør", "øst", "vest", "midt", "nordre", "søndre", "østre", "vestre", "søre"]

    static func isProperNoun(_ word: String) -> Bool {
        let bare = word.trimmingCharacters(in: .punctuationCharacters)
        if regions.contains(bare) { return true }
        let parts = bare.split(separator: "-").map(String.init)
        return !parts.isEmpty && parts.allSatisfy { compassPoints.contains($0) || regions.contains($0) }
    }

    /// `dnb`, `nrk`, `ikt`: abbreviations stay in capitals.
    static func keepsCapitals(_ word: String) -> Bool {
        let letters = word.filter(\.isLetter)
        if acronyms.contains(letters) { return true }
        let vowels = Set("aeiouyæøå")
        return letters.count >= 2 && letters.count <= 5 && letters == word && !letters.contains(where: vowels.contains)
    }

    /// Indexes of the words a name ends on after `i` or `på` (`Statsforvalteren i Oslo og
    /// Viken`, `Tingretten på Romerike`): place names, up to a legal form or `avd`.
    static func placeAfterPreposition(_ words: [String]) -> Set<Int> {
        guard let preposition = words.lastIndex(where: { $0 == "i" || $0 == "på" }), preposition > 0 else { return [] }
        var result: Set<Int> = []
        for index in words.indices.dropFirst(preposition + 1) {
            let word = words[index]
            if legalForms[word] != nil || word == "avd" || word == "avdeling" { break }
            if word == "og" { continue }
            guard word.filter(\.isLetter).count >= 3 else { return [] }
            result.insert(index)
        }
        return result
    }

    /// Copies the casing of the longest run (two words or more) of `words` that `hint` spells.
    @discardableResult
    static func adoptCasing(of hint: String, into words: inout [String]) -> Bool {
        let hintWords = collapseSpaces(hint).split(separator: " ").map(String.init)
        guard hintWords.count >= 2, hint != hint.uppercased() else { return false }
        var best: (start: Int, hintStart: Int, length: Int)?
        for start in words.indices {
            for hintStart in hintWords.indices {
                var length = 0
                while start + length < words.count, hintStart + length < hintWords.count,
                      words[start + length].lowercased() == hintWords[hintStart + length].lowercased() {
                    length += 1
                }
                if length >= 2, length > (best?.length ?? 0) { best = (start, hintStart, length) }
            }
        }
        guard let best else { return false }
        var changed = false
        for offset in 0..<best.length where words[best.start + offset] != hintWords[best.hintStart + offset] {
            words[best.start + offset] = hintWords[best.hintStart + offset]
            changed = true
        }
        return changed
    }

    private static func capitalisedParts(_ word: String) -> String {
        // `sør-øst` → `Sør-Øst`, `aust-agder` → `Aust-Agder`; `arbeids-` keeps its dash.
        word.split(separator: "-", omittingEmptySubsequences: false).map { capitalised($0) }.joined(separator: "-")
    }

    private static func capitalised(_ word: Substring) -> String {
        guard let first = word.first else { return String(word) }
        return first.uppercased() + word.dropFirst()
    }

    /// `Forside - NAV` → [`Forside - NAV`, `Forside`, `NAV`].
    static func titleParts(_ text: String) -> [String] {
        let whole = collapseSpaces(text)
        var parts = [whole]
        for separator in [" - ", " | ", " – ", " — ", " · ", ": "] where whole.contains(separator) {
            parts += whole.components(separatedBy: separator).map(collapseSpaces).filter { !$0.isEmpty }
        }
        return parts
    }

    /// `https://www.nav.no/person` → `nav`; `www.bergen.kommune.no` → `bergen`.
    static func siteLabel(_ website: String) -> String? {
        var host = website.lowercased()
        if let scheme = host.range(of: "://") { host = String(host[scheme.upperBound...]) }
        host = String(host.prefix { $0 != "/" && $0 != ":" && $0 != "?" })
        var labels = host.split(separator: ".").map(String.init)
        if labels.first == "www" { labels.removeFirst() }
        guard labels.count >= 2 else { return nil }
        return labels[0].filter { $0.isLetter || $0.isNumber }
    }

    /// First letters of the name's words, articles and prepositions left out: `dsb`.
    static func initials(_ registered: String) -> String {
        let small: Set<String> = ["og", "for", "i", "på", "av", "til", "med", "den", "det", "de", "and", "of", "the"]
        return collapseSpaces(registered).lowercased().split(whereSeparator: { $0 == " " || $0 == "-" })
            .filter { !small.contains(String($0)) && legalForms[String($0)] == nil }
            .compactMap(\.first).map(String.init).joined()
    }

    static func collapseSpaces(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func comparable(_ text: String) -> String {
        collapseSpaces(text).lowercased()
    }
}
