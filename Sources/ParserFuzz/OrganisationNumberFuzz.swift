import Registry

@testable import Discovery

/// Text → organisation number: `OrganisationNumber(validating:)` (arguments, organisations files,
/// config, register results) and the page-text scanner (`Org.nr. 974 760 673`).
enum OrganisationNumberFuzz {
    static func run(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        let first = parse(text)
        let second = parse(text)
        switch (first, second) {
        case (.success(let number), .success(let again)):
            precondition(number == again, "organisation number parsing is not deterministic")
            checkWellFormed(number.digits)
            precondition(parse(number.digits) == .success(number), "a parsed number does not parse back to itself")
        case (.failure(let error), .failure(let again)):
            precondition(error == again, "organisation number errors are not deterministic")
            precondition(!error.description.isEmpty, "empty error message")
        default:
            preconditionFailure("organisation number parsing is not deterministic")
        }
        for number in OrganisationNumberScanner.numbers(in: text) {
            checkWellFormed(number)
        }
    }

    private static func parse(_ text: String) -> Result<OrganisationNumber, OrganisationNumberError> {
        do throws(OrganisationNumberError) {
            return .success(try OrganisationNumber(validating: text))
        } catch {
            return .failure(error)
        }
    }

    /// Nine ASCII digits whose last is the mod-11 check digit of the first eight.
    static func checkWellFormed(_ digits: String) {
        let bytes = Array(digits.utf8)
        precondition(bytes.count == 9 && bytes.allSatisfy { (0x30...0x39).contains($0) }, "not 9 ASCII digits: \(bytes)")
        let values = bytes.map { Int($0 - 0x30) }
        precondition(OrganisationNumber.checkDigit(for: values.prefix(8)) == values[8], "check digit does not match: \(digits)")
    }
}
