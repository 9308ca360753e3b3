/// Numbers as SVG writes them in `width`, `height` and `viewBox`.
enum SVGLength {
    enum Parsed: Equatable {
        /// An absolute length in CSS pixels (unitless, px, pt, pc, mm, cm, in).
        case absolute(Double)
        /// A percentage or a font-relative length: no intrinsic size of its own.
        case relative
        case invalid
    }

    private static let pixelsPerUnit: [String: Double] = [
        "": 1, "px": 1, "pt": 4.0 / 3.0, "pc": 16, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96,
    ]
    private static let relativeUnits: Set<String> = ["%", "em", "ex", "rem", "vw", "vh", "vmin", "vmax", "ch"]

    static func parse(_ raw: String) -> Parsed {
        let text = SVGText.trimmed(raw)
        guard let (number, rest) = leadingNumber(Substring(text)) else { return .invalid }
        let unit = SVGText.asciiLowercased(String(rest))
        if let factor = pixelsPerUnit[unit] { return .absolute(number * factor) }
        if relativeUnits.contains(unit) { return number >= 0 ? .relative : .invalid }
        return .invalid
    }

    /// Four numbers separated by whitespace and/or a comma, or nil.
    static func viewBox(_ raw: String) -> [Double]? {
        var numbers: [Double] = []
        var rest = Substring(raw)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            if rest.isEmpty { break }
            if !numbers.isEmpty, rest.first == "," {
                rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            }
            guard let (number, after) = leadingNumber(rest) else { return nil }
            numbers.append(number)
            rest = after
        }
        return numbers.count == 4 ? numbers : nil
    }

    /// A number per the SVG grammar: sign, digits, optional fraction, optional exponent.
    static func leadingNumber(_ text: Substring) -> (Double, Substring)? {
        var end = text.startIndex
        func advance(while predicate: (Character) -> Bool) -> Int {
            var count = 0
            while end < text.endIndex, predicate(text[end]) {
                end = text.index(after: end)
                count += 1
            }
            return count
        }
        if end < text.endIndex, text[end] == "+" || text[end] == "-" { end = text.index(after: end) }
        var digits = advance { $0.isASCII && $0.isNumber }
        if end < text.endIndex, text[end] == "." {
            let dot = end
            end = text.index(after: end)
            let fraction = advance { $0.isASCII && $0.isNumber }
            if fraction == 0 { end = dot } else { digits += fraction }
        }
        guard digits > 0 else { return nil }
        if end < text.endIndex, text[end] == "e" || text[end] == "E" {
            let mark = end
            end = text.index(after: end)
            if end < text.endIndex, text[end] == "+" || text[end] == "-" { end = text.index(after: end) }
            if advance(while: { $0.isASCII && $0.isNumber }) == 0 { end = mark }
        }
        guard let value = Double(text[text.startIndex..<end]), value.isFinite else { return nil }
        return (value, text[end...])
    }
}
