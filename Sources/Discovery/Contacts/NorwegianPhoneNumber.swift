/// A Norwegian (+47) subscriber or service number, following the national numbering plan as
/// described in libphonenumber's metadata for NO. Only 8-digit numbers are accepted: the 5-digit
/// `0xxxx` numbers and 3–6 digit short codes (110, 112, 113, 116117, 02800 …) are not an
/// organisation's phone.
struct NorwegianPhoneNumber: Sendable, Equatable, Hashable {
    enum Kind: String, Sendable {
        case fixedLine = "fixed-line", mobile, tollFree = "toll-free", premium, sharedCost = "shared-cost",
             serviceNumber = "service-number", personal, voip
    }

    /// The 8 national digits.
    let national: String
    let kind: Kind

    /// `+47XXXXXXXX`
    var e164: String { "+47" + national }

    /// `XXX XX XXX` for numbers starting with 4, 8 or 9; `XX XX XX XX` otherwise.
    var display: String {
        let digits = Array(national)
        if let first = digits.first, first == "4" || first == "8" || first == "9" {
            return String(digits[0..<3]) + " " + String(digits[3..<5]) + " " + String(digits[5..<8])
        }
        return stride(from: 0, to: 8, by: 2).map { String(digits[$0..<$0 + 2]) }.joined(separator: " ")
    }

    /// Parses a number as written in `tel:` links, JSON-LD or text: `+47 22 33 44 55`,
    /// `0047 22334455`, `(+47) 22.33.44.55`, `22-33-44-55`, `+4722334455`, `815 55 555`. The digit
    /// groups must be a grouping people use for phone numbers (8, 2-2-2-2, 3-2-3, 4-4, 3-3-2), so
    /// dates (`22.03.2024`), account numbers and organisation numbers are not numbers. Returns nil
    /// for anything that is not a valid 8-digit Norwegian number.
    init?(_ text: String) {
        var groups: [String] = []
        var current = ""
        var sawPlus = false
        for character in text {
            if character.isASCII, character.isNumber {
                current.append(character)
            } else if character == "+" {
                guard groups.isEmpty, current.isEmpty, !sawPlus else { return nil }
                sawPlus = true
            } else if " .-()/\u{00A0}\u{2011}\u{2013}\u{202F}".contains(character) {
                if !current.isEmpty { groups.append(current); current = "" }
            } else {
                return nil
            }
        }
        if !current.isEmpty { groups.append(current) }
        guard let first = groups.first else { return nil }
        // Country code: +47, 0047, or a bare 47 in front of exactly 8 more digits.
        let total = groups.joined().count
        if sawPlus || first.hasPrefix("0047") || (first.hasPrefix("47") && total == 10) {
            let prefix = sawPlus ? "47" : (first.hasPrefix("0047") ? "0047" : "47")
            guard first.hasPrefix(prefix) else { return nil }
            if first == prefix { groups.removeFirst() } else { groups[0] = String(first.dropFirst(prefix.count)) }
        }
        let shape = groups.map(\.count)
        let accepted: [[Int]] = [[8], [2, 2, 2, 2], [3, 2, 3], [4, 4], [3, 3, 2], [2, 3, 3]]
        guard accepted.contains(shape) else { return nil }
        let digits = groups.joined()
        guard digits.count == 8, let kind = NorwegianPhoneNumber.classify(digits) else { return nil }
        national = digits
        self.kind = kind
    }

    /// The numbering plan's 8-digit ranges; nil for unallocated ranges (e.g. 30…, 34…, 812…).
    static func classify(_ n: String) -> Kind? {
        let d = Array(n).map { $0.wholeNumberValue ?? -1 }
        guard d.count == 8 else { return nil }
        switch d[0] {
        case 2: return (1...4).contains(d[1]) ? .fixedLine : nil
        case 3: return [1, 2, 3, 5, 7, 8].contains(d[1]) ? .fixedLine : nil
        case 5: return [1, 2, 3, 5, 6, 7].contains(d[1]) ? .fixedLine : nil
        case 6: return [1, 2, 3, 4, 6, 7, 8, 9].contains(d[1]) ? .fixedLine : nil
        case 7:
            if (0...8).contains(d[1]) { return .fixedLine }
            return d[1] == 9 ? .fixedLine : nil  // Svalbard (79), dialled with +47
        case 9: return .mobile
        case 4:
            if [0, 1, 6, 7, 8].contains(d[1]) { return .mobile }
            if d[1] == 5 { return (d[2] == 3 && d[3] == 6) ? nil : .mobile }  // 4536xxxx is unallocated
            return nil
        case 8:
            switch (d[1], d[2]) {
            case (0, 0), (0, 1): return .tollFree
            case (2, 0), (2, 9): return .premium
            case (1, 5): return .serviceNumber
            case (1, 0):
                if d[3] == 1 { return .serviceNumber }
                if d[3] == 0 { return (7...9).contains(d[4]) ? .serviceNumber : (0...6).contains(d[4]) ? .sharedCost : nil }
                return (2...8).contains(d[3]) ? .sharedCost : nil
            case (8, 0): return .personal
            case (5, 0...5): return .voip
            default: return nil
            }
        default:
            return nil
        }
    }
}
