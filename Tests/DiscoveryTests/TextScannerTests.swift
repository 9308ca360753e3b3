import Foundation
import TestSupport
import Testing
@testable import Discovery

/// The hand-written scanners that replaced regular expressions and `lowercased().contains` on
/// whole pages must give exactly what those gave. The expressions live here as the reference.
@Suite("Text scanners")
struct TextScannerTests {
    /// The email expression `ContactExtractor` used before `EmailAddressScanner`.
    static let emailPattern = try! NSRegularExpression(
        pattern: #"[A-Za-z0-9._%+\-æøåÆØÅ]+@[A-Za-z0-9\-æøåÆØÅ]+(?:\.[A-Za-z0-9\-æøåÆØÅ]+)*\.[A-Za-z]{2,}"#)

    static func regexEmails(_ text: String) -> [String] {
        let ns = text as NSString
        return emailPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    static func scannedEmails(_ text: String) -> [String] {
        let ns = text as NSString
        return EmailAddressScanner.matches(in: Array(text.utf16)).map { ns.substring(with: NSRange(location: $0.location, length: $0.length)) }
    }

    @Test(arguments: [
        "E-post: postmottak@sauda.kommune.no.", "post@x.no-foo", "post@x.no1", "a@b@c.no", "@x.no", "post@", "post@.no",
        "post@x..no", "post@x.n", "post@x.no.", "post@x.no.a", "post@x.no.ab", "Ola.Nordmann+nyhet@Sauda.Kommune.NO",
        "første.ærlige@bærum.kommune.no", "post@bærum.kommune.nø", "x.no-foo@y.com@z.org", "post@x.123.no", "post@x.no.123",
        "%_+@a-b.cd", "logo@2x.png og post@x.no", "tlf.22@x.no", "post@x.c0m.no", "p@q.rs.t", "a@b.cd.ef.g.hi", "..@..", "a@b.-.cd",
        "post@ sauda.no", "post @sauda.no", "kontakt@sauda.kommune.no,post@sauda.no;firma@x.no", "😀post@x.no😀", "postå@x.no",
        "post@x.no\u{0301}", "Ｐost@x.no", "post@x.nO", "a@b.cdé",
    ])
    func emailScannerMatchesTheExpression(text: String) {
        #expect(Self.scannedEmails(text) == Self.regexEmails(text))
    }

    @Test func emailScannerMatchesTheExpressionOnRandomText() {
        let alphabet = Array("ab.Z9-_%+@ @.æØ\n é😀x.no") + ["\u{0301}"]
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<3000 {
            let length = Int.random(in: 1...40, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(Self.scannedEmails(text) == Self.regexEmails(text), "\(text.debugDescription)")
        }
    }

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
        var generator = SplitMix64(seed: 42)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...24, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let folded = CaseFoldedText(text)
            for marker in markers {
                #expect(folded.contains(marker) == text.lowercased().contains(marker), "\(text.debugDescription) \(marker)")
            }
        }
    }

    /// The pre-check may say yes too often, never too rarely: wherever `\sat\s` matches.
    @Test func spacedWordCheckNeverMissesAMatch() throws {
        let spaced = try NSRegularExpression(pattern: #"\sat\s"#, options: [.caseInsensitive])
        let alphabet: [Character] = Array("aAtT xX\t\n\u{00A0}\u{2003}\u{3000}ø@.") + ["\u{0301}", "\r\n"]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...16, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let matches = spaced.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
            if matches { #expect(CaseFoldedText(text).mayContainSpaced("at"), "\(text.debugDescription)") }
        }
        #expect(CaseFoldedText("post AT\u{00A0}x.no").mayContainSpaced("at"))
        #expect(!CaseFoldedText("Kontakt oss: postmottak@x.no, data og statistikk").mayContainSpaced("at"))
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

