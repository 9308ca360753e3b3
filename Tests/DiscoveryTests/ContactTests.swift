import OrgModel
import Testing
@testable import Discovery

@Suite("Contacts")
struct ContactTests {
    static let site = "https://www.sauda.kommune.no/"

    func rankedEmails(_ page: PageAnalysis) -> [String] {
        ContactRanking.rankEmails(page.emails, siteDomain: page.documentURL.registrableDomain).map(\.value)
    }

    func rankedPhones(_ page: PageAnalysis) -> [ContactCandidate] {
        ContactRanking.rankPhones(page.phones)
    }

    @Test func mailtoAndTelLinks() {
        let page = analyse("""
            <footer>
              <a href="mailto:Postmottak@Sauda.Kommune.no?subject=Hei">Send e-post</a>
              <a href="tel:+4752786200">52 78 62 00</a>
              <a href="mailto:ola.nordmann@sauda.kommune.no,%20presse@sauda.kommune.no">Kontakt</a>
            </footer>
            """)
        #expect(Set(page.emails.filter { $0.foundBy == .mailto }.map(\.address))
                == ["postmottak@sauda.kommune.no", "ola.nordmann@sauda.kommune.no", "presse@sauda.kommune.no"])
        #expect(page.phones.contains { $0.foundBy == .tel && $0.number.e164 == "+4752786200" })
        #expect(rankedEmails(page).first == "postmottak@sauda.kommune.no")
        // A person's address is seen but never the organisation's (issue 13).
        #expect(!rankedEmails(page).contains("ola.nordmann@sauda.kommune.no"))
    }

    @Test func roleAddressOnOwnDomainBeatsOtherDomainsAndPeople() {
        let page = analyse("""
            <p>Skriv til <a href="mailto:kari.hansen@sauda.kommune.no">Kari</a>,
            <a href="mailto:support@leverandor.no">support@leverandor.no</a>,
            <a href="mailto:post@sauda.kommune.no">post@sauda.kommune.no</a>
            eller <a href="mailto:noreply@sauda.kommune.no">noreply</a>.</p>
            """)
        let ranked = rankedEmails(page)
        #expect(ranked.first == "post@sauda.kommune.no")
        #expect(!ranked.contains("noreply@sauda.kommune.no"))
        // A vendor's support address on another domain is not the organisation's at all (issue 13).
        #expect(!ranked.contains("support@leverandor.no"))
        // A person's address is not the organisation's (issue 13).
        #expect(!ranked.contains("kari.hansen@sauda.kommune.no"))
    }

    @Test func labelledTextNumbersAndSwitchboardWins() {
        let page = analyse("""
            <div class="contact">
              <p>Sentralbord: 52 78 62 00<br>Faks: 52 78 62 01<br>Mobil vakt: 915 55 555</p>
              <p>Org.nr. 964 979 189</p><p>Kontonummer 3201 45 67890</p>
            </div>
            """)
        let ranked = rankedPhones(page)
        #expect(ranked.first?.value == "+4752786200")
        #expect(ranked.first?.display == "52 78 62 00")
        #expect(ranked.first?.reasons.contains { $0.contains("Sentralbord") } == true)
        #expect(!ranked.contains { $0.value == "+4752786201" })  // fax
        #expect(ranked.count == 2)
    }

    @Test(arguments: [
        "Faks 22 33 44 55",
        "Telefaks: 22 33 44 55",
        "Fax: +47 22 33 44 55",
        "22 33 44 55 (faks)",
        "Org.nr. 22334455",
        "Legevakt: 116 117",
        "Ved brann ring 110, politi 112, ambulanse 113",
        "Kontonummer: 2233 4455",
        "Dato: 22.03.2024",
        "Saksnummer 2024/1234 oppdatert 2024 03 22",
        "Postboks 44, 5470 Rosendal",
        "Referanse 22334455",
        "Bergen legevakt, sentralbord: 55 56 87 10",  // the emergency service's switchboard, not ours
        "Barnevernvakta – telefon 55 36 11 80",
    ])
    func textThatIsNotAPhone(text: String) {
        let page = analyse("<p>\(text)</p>")
        #expect(page.phones.isEmpty, "\(text) gave \(page.phones.map(\.number.e164))")
    }

    @Test(arguments: [
        ("Telefon: 22 33 44 55", "+4722334455"),
        ("Tlf. 22334455", "+4722334455"),
        ("Ring oss på 815 55 555", "+4781555555"),
        ("Servicetorget +47 52 78 62 00", "+4752786200"),
        ("<dt>Telefon</dt><dd>52 78 62 00</dd>", "+4752786200"),
        ("<strong>Tlf:</strong><span>52786200</span>", "+4752786200"),
        ("Vi svarer på 52 78 62 00 hverdager", "+4752786200"),  // grouped, unlabelled
        ("Ikke akutt? Ring sentralbordet: 52 78 62 00", "+4752786200"),
        ("For ikke-akutte henvendelser, sentralbord: 52 78 62 00", "+4752786200"),
    ])
    func textThatIsAPhone(html: String, e164: String) {
        let page = analyse("<div>\(html)</div>")
        #expect(page.phones.map(\.number.e164) == [e164])
    }

    @Test func emergencyServiceSwitchboardLinkLosesToTheOrganisations() {
        let page = analyse("""
            <section><h2>Akutt hjelp</h2><ul><li>Legevakt: <a href="tel:116117">116 117</a></li>
            <li>Bergen legevakt, sentralbord: <a href="tel:+4755568710">55 56 87 10</a></li></ul></section>
            <footer><h2>Innbyggerservice</h2><p>Telefon: <a href="tel:+4755560000">55 56 00 00</a></p></footer>
            """)
        #expect(Set(page.phones.map(\.number.e164)) == ["+4755560000"])  // tel: link and its text
    }

    @Test(arguments: ["post(krøllalfa)sauda.kommune.no", "post [krøllalfa] sauda.kommune.no", "post krøllalfa sauda.kommune.no",
                      "post(alfakrøll)sauda.kommune.no"])
    func krollalfaInBracketsIsAnAt(text: String) {
        #expect(analyse("<p>E-post: \(text)</p>").emails.map(\.address) == ["post@sauda.kommune.no"])
    }

    @Test func plainAtAfterARoleInbox() {
        #expect(analyse("<p>Skriv til postmottak at sauda.kommune.no</p>").emails.map(\.address) == ["postmottak@sauda.kommune.no"])
        // Not every " at " is an @: "Se at sauda.kommune.no ..." has no role inbox before it.
        #expect(analyse("<p>Husk at sauda.kommune.no er ny</p>").emails.isEmpty)
    }

    @Test func faxTelLinkIsDropped() {
        let page = analyse(#"<p>Telefaks: <a href="tel:22334456">22 33 44 56</a> Telefon: <a href="tel:0047-22334455">22 33 44 55</a></p>"#)
        #expect(Set(page.phones.map(\.number.e164)) == ["+4722334455"])
    }

    @Test func emailsInTextIncludingObfuscatedAndCloudflare() {
        let page = analyse("""
            <p>E-post: postmottak (at) sauda.kommune.no</p>
            <p>Skriv til kontakt[at]sauda[dot]kommune[dot]no</p>
            <a href="/cdn-cgi/l/email-protection#6f1f001c1b2f1c0e1a0b0e41040002021a010a410100">[email&#160;protected]</a>
            <img src="logo@2x.png">
            """)
        let addresses = Set(page.emails.map(\.address))
        #expect(addresses.contains("postmottak@sauda.kommune.no"))
        #expect(addresses.contains("kontakt@sauda.kommune.no"))
        #expect(addresses.contains("post@sauda.kommune.no"))
        #expect(!addresses.contains { $0.hasSuffix(".png") })
    }

    @Test func cloudflareDecoding() {
        #expect(ContactExtractor.cloudflareDecode("6f1f001c1b2f1c0e1a0b0e41040002021a010a410100") == "post@sauda.kommune.no")
        #expect(ContactExtractor.cloudflareDecode("6f1f001c1b2f1c0e1a0b0e41040002021a010a41010041") == nil)  // "….no." is no address
        #expect(ContactExtractor.cloudflareDecode("zz") == nil)
        let page = analyse(#"<span class="__cf_email__" data-cfemail="6f1f001c1b2f1c0e1a0b0e41040002021a010a410100">[email protected]</span>"#)
        #expect(page.emails.map(\.address) == ["post@sauda.kommune.no"])
        #expect(page.emails.first?.foundBy == .cloudflare)
    }

    @Test func jsonLDContactPointsAndFaxTypes() {
        let page = analyse("""
            <script type="application/ld+json">{"@type":"GovernmentOrganization","name":"Sauda kommune",
              "contactPoint":[{"@type":"ContactPoint","contactType":"customer service","telephone":"+47 52 78 62 00","email":"postmottak@sauda.kommune.no"},
                              {"@type":"ContactPoint","contactType":"fax","telephone":"+47 52 78 62 01"}]}</script>
            """)
        #expect(page.phones.map(\.number.e164) == ["+4752786200"])
        #expect(page.emails.map(\.address) == ["postmottak@sauda.kommune.no"])
        #expect(rankedPhones(page).first?.reasons.contains { $0.contains("customer service") } == true)
    }

    @Test func registryAndSiteAgreeingRanksHigher() {
        let site = [
            EmailEvidence(address: "post@sauda.kommune.no", foundBy: .mailto, foundAt: Self.site),
            EmailEvidence(address: "postmottak@sauda.kommune.no", foundBy: .mailto, foundAt: Self.site),
            EmailEvidence(address: "postmottak@sauda.kommune.no", foundBy: .registry, foundAt: nil),
        ]
        let ranked = ContactRanking.rankEmails(site, siteDomain: "sauda.kommune.no")
        #expect(ranked.first?.value == "postmottak@sauda.kommune.no")
        #expect(ranked.first?.foundBy == .registry)
        #expect(ranked.first?.reasons.contains { $0.contains("also found by mailto") } == true)
    }

    @Test func internationalisedEmailDomainCountsAsTheSitesOwn() {
        let ranked = ContactRanking.rankEmails([
            EmailEvidence(address: "postmottak@bærum.kommune.no", foundBy: .mailto, foundAt: nil),
            EmailEvidence(address: "post@leverandor.no", foundBy: .mailto, foundAt: nil),
        ], siteDomain: WebAddress("https://www.bærum.kommune.no/")!.registrableDomain)
        #expect(ranked.first?.value == "postmottak@bærum.kommune.no")
        #expect(ranked.first?.reasons.contains { $0.contains("own domain") } == true)
    }

    @Test func mobileRanksBelowLandlineWithSameEvidence() {
        let phones = [
            PhoneEvidence(number: NorwegianPhoneNumber("915 55 555")!, foundBy: .tel, foundAt: Self.site, label: .phone("Telefon")),
            PhoneEvidence(number: NorwegianPhoneNumber("52 78 62 00")!, foundBy: .tel, foundAt: Self.site, label: .phone("Telefon")),
        ]
        #expect(ContactRanking.rankPhones(phones).map(\.value) == ["+4752786200", "+4791555555"])
    }

    @Test func contactPageLinksAreSameSiteAndRanked() {
        let page = analyse("""
            <nav><a href="/om-oss/">Om oss</a> <a href="https://www.facebook.com/kontakt">Kontakt på Facebook</a>
            <a href="/kontakt-oss">Kontakt oss</a> <a href="/nyheter/2024/03/kontakt-med-naboer">Nyhet</a>
            <a href="#kontakt">Kontakt</a></nav>
            """)
        #expect(page.contactLinks.map(\.description).prefix(2) == ["https://www.sauda.kommune.no/kontakt-oss", "https://www.sauda.kommune.no/om-oss/"])
        #expect(!page.contactLinks.contains { $0.host.contains("facebook") })
        #expect(page.contactLinks.last?.path == "/nyheter/2024/03/kontakt-med-naboer")
    }

    @Test func metaRefreshIsRead() {
        let page = analyse(#"<head><meta http-equiv="Refresh" content="0; URL='/nb/forside'"></head>"#)
        #expect(page.metaRefresh?.description == "https://www.sauda.kommune.no/nb/forside")
    }
}
