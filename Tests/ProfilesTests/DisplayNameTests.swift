import Discovery
import Testing

@testable import Profiles

@Suite struct DisplayNameTests {
    @Test(arguments: [
        ("STATISTISK SENTRALBYRÅ", "Statistisk sentralbyrå"),
        ("ARBEIDS- OG VELFERDSETATEN", "Arbeids- og velferdsetaten"),
        ("OSLO KOMMUNE", "Oslo kommune"),
        ("DIGITALISERINGSDIREKTORATET", "Digitaliseringsdirektoratet"),
        ("ÆRLIGHET  ØYA", "Ærlighet øya"),
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

/// Real register names (Tests/TestWeb/registry and the shared register fixtures) as citizens
/// should read them when the site gives no spelling (issue 13).
@Suite struct DisplayNameProperNounTests {
    @Test(arguments: [
        ("FJELLINJEN AS", "Fjellinjen AS"),
        ("AVFALL SØR AS", "Avfall Sør AS"),
        ("DNB BANK ASA AVD ALTA", "DNB bank ASA avd Alta"),
        ("VESTFOLD OG TELEMARK FYLKESKOMMUNE", "Vestfold og Telemark fylkeskommune"),
        ("STATSFORVALTEREN I VESTFOLD OG TELEMARK", "Statsforvalteren i Vestfold og Telemark"),
        ("HEMIT HF", "Hemit HF"),
        ("EQUINOR ASA", "Equinor ASA"),
        ("WIOSS WITRON ON SITE SERVICES GMBH NUF", "Wioss witron on site services GmbH NUF"),
        ("SØRE SUNNMØRE IKT KOMMUNALT OPPGÅVEFELLESSKAP", "Søre Sunnmøre IKT kommunalt oppgåvefellesskap"),
        ("POSTEN NORGE AS ALFASET OMDELING", "Posten Norge AS alfaset omdeling"),
        ("HELSE SØR-ØST RHF", "Helse Sør-Øst RHF"),
        ("ROGALAND FYLKESKOMMUNE", "Rogaland fylkeskommune"),
        ("STATENS LÅNEKASSE FOR UTDANNING", "Statens lånekasse for utdanning"),
        ("DIREKTORATET FOR SAMFUNNSSIKKERHET OG BEREDSKAP", "Direktoratet for samfunnssikkerhet og beredskap"),
        ("ARBEIDS- OG VELFERDSETATEN", "Arbeids- og velferdsetaten"),
    ])
    func properNounsAndLegalForms(_ registered: String, _ display: String) {
        #expect(DisplayName.choose(registered: registered, hints: [], placeNames: ["ALTA"]).display == display)
    }

    @Test func aRunOfTheNameOnTheSiteGivesItsCasing() {
        let hints = [NameHint(source: "og:site_name", text: "DNB Bank"), NameHint(source: "title", text: "Privat - DNB")]
        let chosen = DisplayName.choose(registered: "DNB BANK ASA", hints: hints)
        #expect(chosen.display == "DNB Bank ASA")
        #expect(chosen.source == "og:site_name")
        let norgesBank = DisplayName.choose(registered: "NORGES BANK", hints: [NameHint(source: "title", text: "Om Norges Bank | Norges Bank")])
        #expect(norgesBank.display == "Norges Bank")
    }

    @Test func aShortNameIsTheSitesDomainOrTheInitials() {
        let nav = DisplayName.shortName(
            registered: "ARBEIDS- OG VELFERDSETATEN", display: "Arbeids- og velferdsetaten",
            hints: [NameHint(source: "title", text: "Forside - nav.no"), NameHint(source: "og:site_name", text: "NAV")],
            website: "https://www.nav.no/")
        #expect(nav?.short == "NAV")
        #expect(nav?.source == "og:site_name")
        let dsb = DisplayName.shortName(
            registered: "DIREKTORATET FOR SAMFUNNSSIKKERHET OG BEREDSKAP", display: "Direktoratet for samfunnssikkerhet og beredskap",
            hints: [NameHint(source: "title", text: "Forsiden | DSB")], website: "https://www.dsb.no/")
        #expect(dsb?.short == "DSB")
        // A page title word that is neither is not a short name.
        let none = DisplayName.shortName(
            registered: "MATTILSYNET", display: "Mattilsynet", hints: [NameHint(source: "title", text: "Forside - Mattilsynet")],
            website: "https://www.mattilsynet.no/")
        #expect(none == nil)
    }
}
