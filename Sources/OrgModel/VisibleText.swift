extension String {
    /// The text with every character a terminal or a log would act on, or that cannot be seen,
    /// written as a visible escape: `\r`, `\n`, `\t`, `\u{1B}`, `\u{200B}`, `\u{FEFF}`. Controls,
    /// format characters (zero-width, bidirectional overrides, BOM), line and paragraph separators,
    /// private-use and unassigned scalars are escaped; printable text, letters such as æøå
    /// included, is kept. Escaped text is left as it is, so messages may pass through twice.
    public var visiblyEscaped: String {
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            if Self.needsEscape(scalar) {
                out += Self.escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Every scalar outside printable ASCII escaped: for text that should be ASCII (an organisation
    /// number), where a combining mark or a look-alike digit must show as what it is.
    public var asciiEscaped: String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar.isASCII && !Self.needsEscape(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += Self.escape(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned: return true
        default: return false
        }
    }

    /// `\r`, `\n`, `\t`, else `\u{…}` with the scalar's hexadecimal value, as Swift writes it.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\r": return "\\r"
        case "\n": return "\\n"
        case "\t": return "\\t"
        default: return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }
}
