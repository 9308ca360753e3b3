import Foundation
import Testing
@testable import Discovery

/// The hand-written scanners that replaced `lowercased().contains` on whole pages must give
/// exactly what it gave.
@Suite("Text scanners")
struct TextScannerTests {
    @Test(arguments: [
        ("post (AT) x.no", "at)", true), ("KONTAKT oss", "kontakt", true), ("ServiceTorget", "servicetorget", true),
        ("post KRØLLALFA x", "krøllalfa", true), ("post krøllalfa x", "krøllalfa", true), ("post ＠ x", "＠", true),
        ("post (a) x", "(a)", true), ("Post", "kontakt", false), ("PUNKTUM", "punktum", true), ("ingen her", "dot", false),
        ("\u{212A}ONTAKT", "kontakt", true), ("\u{212A}ontakt", "kontakt", true), ("SERV\u{0130}CETORGET", "servicetorget", false),
        ("Ærlig ÅPEN [AT]", "at]", true), ("at", "at]", false), ("", "dot", false),
    ])
    func caseFoldedTextAnswersAsLowercasedContains(text: String, marker: String, expected: Bool) {
        #expect(CaseFoldedText(text).contains(marker) == expected)
        #expect(text.lowercased().contains(marker) == expected)
    }

    @Test func caseFoldedTextAgreesWithLowercasedOnRandomText() {
        let alphabet = Array("aAtT[]()@{}ØøÅåÆæKkRrLlFfpPoOsSdD ＠\u{212A}\u{212B}Éé")
        let markers = ["at]", "at)", "at}", "(a)", "[a]", "@)", "@]", "＠", "krøllalfa", "alfakrøll", "post", "dot", "ak", "å", "é"]
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...24, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let folded = CaseFoldedText(text)
            for marker in markers {
                #expect(folded.contains(marker) == text.lowercased().contains(marker), "\(text.debugDescription) \(marker)")
            }
        }
    }

    @Test func obfuscatedAddressesAreStillFound() {
        let page = analyse("""
            <p>E-POST: POSTMOTTAK (AT) SAUDA.KOMMUNE.NO</p><p>firmapost [at] x [dot] no</p>
            <p>Servicetorget at bærum.kommune.no</p><p>post＠sauda.no</p>
            """)
        #expect(Set(page.emails.map(\.address)) == ["postmottak@sauda.kommune.no", "firmapost@x.no", "servicetorget@bærum.kommune.no",
                                                    "post@sauda.no"])
    }
}

/// SplitMix64: the same "random" texts on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
