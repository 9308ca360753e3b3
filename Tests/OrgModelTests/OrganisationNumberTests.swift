import Testing

@testable import OrgModel

@Suite struct OrganisationNumberTests {
    @Test(arguments: [
        ("974760673", "974760673"), ("958935420", "958935420"), ("974 760 673", "974760673"),
        ("923.609.016", "923609016"), ("NO974760673MVA", "974760673"), ("no 974760673 mva", "974760673"),
        ("433695968", "433695968"), ("123456785", "123456785"), (" 991825827\n", "991825827"),
    ])
    func acceptsValidNumbersInTheFormsPeoplePaste(_ input: String, _ digits: String) throws {
        #expect(try OrganisationNumber(validating: input).digits == digits)
    }

    @Test func rejectsAWrongCheckDigitAndNamesTheExpectedOne() {
        #expect(throws: OrganisationNumberError(input: "991825828", reason: .checkDigitMismatch(expected: 7))) {
            try OrganisationNumber(validating: "991825828")
        }
        #expect(throws: OrganisationNumberError(input: "123456789", reason: .checkDigitMismatch(expected: 5))) {
            try OrganisationNumber(validating: "123456789")
        }
    }

    @Test func rejectsNumbersForWhichNoCheckDigitExists() {
        // 90000009x: weighted sum 45, remainder 1.
        for last in 0...9 {
            #expect(throws: OrganisationNumberError(input: "90000009\(last)", reason: .noValidCheckDigit)) {
                try OrganisationNumber(validating: "90000009\(last)")
            }
        }
    }

    @Test(arguments: [
        ("12345", OrganisationNumberError.Reason.wrongLength(5)), ("9918258271", .wrongLength(10)),
        ("", .empty), ("NO MVA", .empty), ("99182582A", .notADigit("A")), ("991-825-827", .notADigit("-")),
    ])
    func rejectsMalformedInput(_ input: String, _ reason: OrganisationNumberError.Reason) {
        #expect(throws: OrganisationNumberError(input: input, reason: reason)) { try OrganisationNumber(validating: input) }
    }

    @Test func messagesSayWhatIsWrong() {
        let mismatch = OrganisationNumberError(input: "991825828", reason: .checkDigitMismatch(expected: 7)).description
        #expect(mismatch.contains("991825828"))
        #expect(mismatch.contains("check digit"))
        #expect(mismatch.contains("expected 7"))
        #expect(OrganisationNumberError(input: "12345", reason: .wrongLength(5)).description.contains("has 5 digits"))
    }

    @Test func doesNotRejectOnTheFirstDigit() throws {
        // Brreg's rule has no first-digit constraint; this real 410 body's number starts with 4.
        #expect(try OrganisationNumber(validating: "433695968").digits == "433695968")
    }
}

/// Input is checked scalar by scalar: a digit with a combining mark is one `Character` that
/// `isNumber` accepts, and its `wholeNumberValue` is nil.
@Suite struct OrganisationNumberScalarTests {
    @Test(arguments: [
        ("97476067\u{301}3", "U+0301"), ("97476067\u{20E3}3", "U+20E3"), ("974760673\u{FE0F}\u{20E3}", "U+FE0F"),
        ("９７４７６０６７３", "U+FF19"), ("٩٧٤٧٦٠٦٧٣", "U+0669"), ("9747\u{200B}60673", "U+200B"),
    ])
    func marksAndOtherDigitsAreNotDigits(_ input: String, _ named: String) {
        let error = #expect(throws: OrganisationNumberError.self) { try OrganisationNumber(validating: input) }
        #expect(
            error?.description.contains("\(named)") == true && error?.description.contains("not a digit") == true,
            "\(String(describing: error))")
    }

    @Test func theMessageNamesTheScalarAndEscapesControlCharacters() {
        let mark = OrganisationNumberError(input: "97476067\u{301}3", reason: .notADigit("\u{301}")).description
        #expect(mark.hasPrefix(#"'97476067\u{301}3' contains U+0301 (COMBINING ACUTE ACCENT)"#), "\(mark)")
        let bell = OrganisationNumberError(input: "9747\u{7}60673", reason: .notADigit("\u{7}")).description
        #expect(bell.hasPrefix(#"'9747\u{7}60673' contains U+0007"#), "\(bell)")
        #expect(!bell.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func separatorsAreStillAccepted() throws {
        #expect(try OrganisationNumber(validating: "974\u{A0}760\u{A0}673").digits == "974760673")
        #expect(try OrganisationNumber(validating: "974760673\r\n").digits == "974760673")
        #expect(try OrganisationNumber(validating: "No 974.760.673 Mva").digits == "974760673")
    }
}
