import Foundation

/// Organisation numbers printed on a page ("Org.nr. 974 760 673"), so a caller can check that
/// the site belongs to the organisation it was looked up for.
enum OrganisationNumberScanner {
    private static let pattern = try! NSRegularExpression(
        pattern:
            #"\b(?:org(?:anisasjons)?\.?\s*(?:nr|nummer)\.?|organisasjonsnummer|foretaksnummer|org\.?\s*no\.?)\s*:?\s*(?:NO\s*)?([0-9]{3}\s?[0-9]{3}\s?[0-9]{3})(?:\s*MVA)?\b"#,
        options: [.caseInsensitive])

    static func numbers(in text: String) -> [String] {
        var result: [String] = []
        let range = NSRange(location: 0, length: (text as NSString).length)
        for match in pattern.matches(in: text, range: range) where match.numberOfRanges > 1 {
            let digits = (text as NSString).substring(with: match.range(at: 1)).filter { !$0.isWhitespace }
            if isValid(digits), !result.contains(digits) { result.append(digits) }
        }
        return result
    }

    /// 9 ASCII digits (`\d` and `wholeNumberValue` would take any script's digits, and a digit
    /// with a combining mark), MOD11 with weights 3,2,7,6,5,4,3,2; a remainder giving 10 is invalid.
    static func isValid(_ digits: String) -> Bool {
        let values = digits.utf8.map { Int($0) - 48 }
        guard values.count == 9, values.allSatisfy({ (0...9).contains($0) }) else { return false }
        let weights = [3, 2, 7, 6, 5, 4, 3, 2]
        let sum = zip(values.prefix(8), weights).map { $0 * $1 }.reduce(0, +)
        let remainder = sum % 11
        let control = remainder == 0 ? 0 : 11 - remainder
        return control != 10 && control == values[8]
    }
}
