@testable import Discovery

/// Text → Norwegian phone number (`tel:` links, JSON-LD `telephone`, page text).
enum PhoneFuzz {
    static func run(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        let number = NorwegianPhoneNumber(text)
        precondition(number == NorwegianPhoneNumber(text), "phone parsing is not deterministic")
        guard let number else { return }
        checkWellFormed(number)
        precondition(NorwegianPhoneNumber(number.e164) == number, "\(number.e164) does not parse back to itself")
        precondition(NorwegianPhoneNumber(number.display) == number, "\(number.display) does not parse back to itself")
    }

    /// E.164 `+47` followed by the national digits: 8, or 5 for the short `0xxxx` numbers.
    static func checkWellFormed(_ number: NorwegianPhoneNumber) {
        let national = Array(number.national.utf8)
        precondition(
            (national.count == 8 || national.count == 5) && national.allSatisfy { (0x30...0x39).contains($0) },
            "national part is not 8 or 5 ASCII digits: \(national)")
        precondition(number.e164 == "+47" + number.national, "E.164 form is not +47 and the national digits: \(number.e164)")
    }
}
