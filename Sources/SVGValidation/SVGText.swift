/// Making attacker-controlled text safe to put into a finding message.
enum SVGText {
    /// Bounded, printable rendering of untrusted text: control and format characters become
    /// `\u{…}`, and long text is cut at a whole character with an ellipsis.
    static func quote(_ text: String, limit: Int = 40) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                result += "…"
                break
            }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }

    /// XML whitespace (space, tab, CR, LF).
    static func isXMLSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    static func trimmed(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, isXMLSpace(scalars[start]) { start += 1 }
        while end > start, isXMLSpace(scalars[end - 1]) { end -= 1 }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[start..<end])
        return String(result)
    }

    /// ASCII lowercasing only, so that Unicode case mappings (e.g. 'ſ' → 's' under full folding)
    /// cannot turn one name into another.
    static func asciiLowercased(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x41 && scalar.value <= 0x5A {
                result.append(Unicode.Scalar(scalar.value + 0x20)!)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
