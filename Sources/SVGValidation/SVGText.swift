/// Making attacker-controlled text safe to put into a finding message.
enum SVGText {
    /// Bounded, printable rendering of untrusted text: control and format characters become
    /// `\u{…}`, and long text is cut at a whole character with an ellipsis.
    static func quote(_ text: String, limit: Int = 40) -> String {
        // Fast path (most names and values): short printable ASCII needs no escaping.
        if text.utf8.count <= limit && text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
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

    private static func isXMLSpaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Without leading and trailing XML whitespace. Works on UTF-8 bytes: the cut points sit next
    /// to ASCII whitespace, so they are always on character boundaries.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isXMLSpaceByte($0) }),
            let last = utf8.lastIndex(where: { !isXMLSpaceByte($0) })
        else { return "" }
        return String(utf8[first...last]) ?? String(decoding: utf8[first...last], as: UTF8.self)
    }

    /// True when the text is empty or only XML whitespace.
    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy(isXMLSpaceByte)
    }

    /// ASCII lowercasing only, so that Unicode case mappings (e.g. 'ſ' → 's' under full folding)
    /// cannot turn one name into another.
    static func asciiLowercased(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return text }
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

/// `<prefix:name>` of an element for a message, quoted like `SVGText.quote`. Formatted only when
/// a message is written: the walks create one per element and most are never printed.
struct ElementTag: CustomStringConvertible {
    let element: XMLElement
    var description: String { "<\(SVGText.quote(element.qualifiedName))>" }
}

/// `prefix:name` of an attribute for a message, formatted only when a message is written.
struct AttributeLabel: CustomStringConvertible {
    let attribute: XMLAttribute
    var description: String { SVGText.quote(attribute.qualifiedName) }
}
