import Testing

@testable import Discovery

/// Found by `scripts/fuzz orgnr` (Sources/ParserFuzz/Seeds/orgnr/finding-arabic-indic-digits-after-label.txt):
/// the scanner's `\d` matches any Unicode decimal digit, and `wholeNumberValue` gives those digits
/// their values, so a page printing the number in Arabic-Indic digits yielded a "number" that is
/// not 9 ASCII digits.
@Suite struct OrganisationNumberScannerFuzzTests {
    @Test func digitsOfOtherScriptsAreNotAnOrganisationNumber() {
        #expect(OrganisationNumberScanner.numbers(in: "Org.nr. ٩٧٤ ٧٦٠ ٦٧٣").isEmpty)
        #expect(OrganisationNumberScanner.numbers(in: "Org.nr. ９７４ ７６０ ６７３").isEmpty)
        #expect(OrganisationNumberScanner.numbers(in: "Org.nr. 974 760 673") == ["974760673"])
    }
}
