/// A Norwegian organisation number: nine digits whose last digit is a mod-11 check digit
/// (weights 3 2 7 6 5 4 3 2). Kept as a string: leading zeros matter.
public struct OrganisationNumber: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let digits: String

    /// Accepts the forms people paste: `974 760 673`, `974.760.673`, `NO974760673MVA`. Checked
    /// scalar by scalar: white space and dots are separators, and only the ASCII digits 0-9 are
    /// digits (a digit with a combining mark, a keycap or a full-width digit is not one).
    public init(validating input: String) throws(OrganisationNumberError) {
        var scalars = input.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "." }
        if Self.hasASCIIPrefix(scalars, "NO") { scalars.removeFirst(2) }
        if Self.hasASCIIPrefix(scalars.reversed(), "AVM") { scalars.removeLast(3) }
        if scalars.isEmpty { throw OrganisationNumberError(input: input, reason: .empty) }
        if let bad = scalars.first(where: { !("0"..."9").contains($0) }) {
            throw OrganisationNumberError(input: input, reason: .notADigit(bad))
        }
        guard scalars.count == 9 else { throw OrganisationNumberError(input: input, reason: .wrongLength(scalars.count)) }
        let values = scalars.map { Int($0.value) - 48 }
        switch Self.checkDigit(for: values.prefix(8)) {
        case nil:
            throw OrganisationNumberError(input: input, reason: .noValidCheckDigit)
        case let expected? where expected != values[8]:
            throw OrganisationNumberError(input: input, reason: .checkDigitMismatch(expected: expected))
        default:
            self.digits = String(scalars)
        }
    }

    /// True when `scalars` starts with the ASCII letters of `prefix`, in any case.
    private static func hasASCIIPrefix<S: Sequence<Unicode.Scalar>>(_ scalars: S, _ prefix: String) -> Bool {
        var iterator = scalars.makeIterator()
        for letter in prefix.unicodeScalars {
            guard let scalar = iterator.next(), scalar.isASCII, scalar.value & ~0x20 == letter.value else { return false }
        }
        return true
    }

    /// The check digit for eight digits, or nil when the remainder is 1 (no number can be valid).
    public static func checkDigit<C: Collection>(for firstEight: C) -> Int? where C.Element == Int {
        let weights = [3, 2, 7, 6, 5, 4, 3, 2]
        let sum = zip(firstEight, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let remainder = sum % 11
        if remainder == 0 { return 0 }
        if remainder == 1 { return nil }
        return 11 - remainder
    }

    public var description: String { digits }

    public static func < (lhs: OrganisationNumber, rhs: OrganisationNumber) -> Bool { lhs.digits < rhs.digits }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(validating: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}

/// Why a string is not an organisation number; `description` is the sentence to show.
public struct OrganisationNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case empty
        case notADigit(Unicode.Scalar)
        case wrongLength(Int)
        case checkDigitMismatch(expected: Int)
        case noValidCheckDigit
    }

    public let input: String
    public let reason: Reason

    public var description: String {
        let shown = "'\(input.asciiEscaped)'"
        switch reason {
        case .empty:
            return "\(shown) is empty; an organisation number has 9 digits"
        case .notADigit(let scalar):
            return "\(shown) contains \(Self.name(scalar)), which is not a digit 0-9; an organisation number has 9 digits"
        case .wrongLength(let count):
            return "\(shown) has \(count) digits; an organisation number has exactly 9"
        case .checkDigitMismatch(let expected):
            return
                "\(shown) is not an organisation number: the check digit does not match (expected \(expected) as the last digit); check for a typing error"
        case .noValidCheckDigit:
            return "\(shown) is not an organisation number: no check digit can make its first eight digits valid; check for a typing error"
        }
    }

    /// `'-'` for printable ASCII, else `U+0301 (COMBINING ACUTE ACCENT)`.
    static func name(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F { return "'\(scalar)'" }
        let code = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
        return "U+\(padded)" + (scalar.properties.name.map { " (\($0))" } ?? "")
    }
}
