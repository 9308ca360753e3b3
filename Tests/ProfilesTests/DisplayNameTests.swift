import Discovery
import Testing

@testable import Profiles

@Suite struct DisplayNameTests {
    @Test(arguments: [
        ("STATISTISK SENTRALBYRÅ", "Statistisk sentralbyrå"),
        ("ARBEIDS- OG VELFERDSETATEN", "Arbeids- og velferdsetaten"),
        ("OSLO KOMMUNE", "Oslo kommune"),
        ("DIGITALISERINGSDIREKTORATET", "Digitaliseringsdirektoratet"),
        ("ÆRLIGHET  ØST", "Ærlighet øst"),
    ])
    func sentenceCaseIsTheFallback(_ registered: String, _ display: String) {
        let chosen = DisplayName.choose(registered: registered, hints: [])
        #expect(chosen.display == display)
        #expect(chosen.source == "sentence-case")
    }

    @Test func theOrganisationsOwnSpellingWinsWhenItMatchesLetterForLetter() {
        let hints = [
            NameHint(source: "title", text: "Forside - Registerenheten"),
            NameHint(source: "og:site_name", text: "Registerenheten i Brønnøysund"),
        ]
        let chosen = DisplayName.choose(registered: "REGISTERENHETEN I BRØNNØYSUND", hints: hints)
        #expect(chosen.display == "Registerenheten i Brønnøysund")
        #expect(chosen.source == "og:site_name")
    }

    @Test func aHintWithOtherWordsIsNotUsed() {
        let hints = [NameHint(source: "json-ld", text: "Nav"), NameHint(source: "logo-alt", text: "Til forsiden")]
        #expect(DisplayName.choose(registered: "ARBEIDS- OG VELFERDSETATEN", hints: hints).display == "Arbeids- og velferdsetaten")
    }

    @Test func placeNamesFromTheRegisterKeepTheirCapital() {
        let chosen = DisplayName.choose(registered: "REGISTERENHETEN I BRØNNØYSUND", hints: [], placeNames: ["BRØNNØYSUND", "BRØNNØY"])
        #expect(chosen.display == "Registerenheten i Brønnøysund")
        #expect(DisplayName.sentenceCase("BRØNNØY KOMMUNE", placeNames: ["BRØNNØY"]) == "Brønnøy kommune")
        #expect(DisplayName.sentenceCase("STATISTISK SENTRALBYRÅ", placeNames: ["OSLO"]) == "Statistisk sentralbyrå")
    }

    @Test func anAllCapsHintDoesNotOverrideSentenceCase() {
        let hints = [NameHint(source: "logo-alt", text: "MATTILSYNET")]
        #expect(DisplayName.choose(registered: "MATTILSYNET", hints: hints).display == "Mattilsynet")
    }
}
