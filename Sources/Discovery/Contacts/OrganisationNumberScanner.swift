import Foundation
import OrgModel

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
            // The pattern takes only ASCII 0-9 (`\d` would take any script's digits); the check
            // digit is `OrganisationNumber`'s own.
            if let number = try? OrganisationNumber(validating: digits), !result.contains(number.digits) {
                result.append(number.digits)
            }
        }
        return result
    }
}
