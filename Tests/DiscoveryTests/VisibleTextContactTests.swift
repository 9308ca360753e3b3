import Testing

@testable import Discovery

/// Switchboard phones and role emails written as visible text, the shapes real public-sector
/// footers use (issue 13): after a postal address, in list items beside a fax line, in one
/// `|`-separated line, with `(+47)`, `+47` or `0047`.
@Suite("Contacts in visible text")
struct VisibleTextContactTests {
    func topPhone(_ html: String) -> String? {
        ContactRanking.rankPhones(analyse(html).phones).first?.value
    }

    func topEmail(_ html: String) -> String? {
        let page = analyse(html)
        return ContactRanking.rankEmails(page.emails, siteDomain: page.documentURL.registrableDomain).first?.value
    }

    @Test(arguments: [
        ("<footer><p>Postboks 8004 Dep, 0030 Oslo. Telefon: (+47) 22 24 90 90</p></footer>", "+4722249090"),
        ("<footer><ul><li>Telefon: 35 91 70 00</li><li>Telefaks: 35 91 70 01</li></ul></footer>", "+4735917000"),
        ("<footer><p>Tel: +47 35 91 70 00 | e-post: post@sauda.kommune.no</p></footer>", "+4735917000"),
        ("<footer><p>Tlf 0047 52 78 62 00</p></footer>", "+4752786200"),
        ("<footer><p>Sentralbord/telefon: 52786200</p></footer>", "+4752786200"),
        ("<div class=\"adresse\">Rådhusgata 1<br>4208 Saudasjøen<br>Tlf. 52 78 62 00<br>Org.nr. 964 979 189</div>", "+4752786200"),
        ("<footer><span>Telefon:</span> <span>+47 22 24 90 90</span></footer>", "+4722249090"),
        ("<footer><dl><dt>Sentralbord</dt><dd>22 24 90 90</dd><dt>Faks</dt><dd>22 24 90 91</dd></dl></footer>", "+4722249090"),
    ])
    func switchboardInText(html: String, expected: String) {
        #expect(topPhone(html) == expected)
    }

    @Test(arguments: [
        "<footer><ul><li>Faks: 35 91 70 01</li><li>Nødnummer 112</li></ul></footer>",
        "<footer><p>Telefaks (+47) 22 24 90 91</p></footer>",
        "<footer><p>Ring 113 ved akutt sykdom, 116117 for legevakt</p></footer>",
    ])
    func faxAndShortNumbersAreNeverThePhone(html: String) {
        #expect(topPhone(html) == nil)
    }

    @Test(arguments: [
        "<main><p>The Labour Inspection Authority checks that companies comply with the regulations. You can contact the authority's helpline call centre service +47 73 19 97 00 if you have any questions about your working environment.</p></main>",
        "<article><p>Vitnet ringte +47 22 33 44 55 etter ulykken.</p></article>",
    ])
    func anUnlabelledNumberInProseIsSomeoneElses(html: String) {
        #expect(topPhone(html) == nil)
    }

    @Test(arguments: [
        ("<footer><p>Tel: +47 35 91 70 00 | e-post: post@sauda.kommune.no</p></footer>", "post@sauda.kommune.no"),
        ("<footer><ul><li>E-post: postmottak@sauda.kommune.no</li><li>Telefon: 52 78 62 00</li></ul></footer>", "postmottak@sauda.kommune.no"),
        ("<footer><p>Epost:postmottak@sauda.kommune.no</p></footer>", "postmottak@sauda.kommune.no"),
    ])
    func roleEmailInText(html: String, expected: String) {
        #expect(topEmail(html) == expected)
    }
}

/// Addresses on a page that are not the organisation's (issue 13: real news pages).
@Suite("Addresses that are not the organisation's")
struct NotTheOrganisationsAddressTests {
    func chosen(_ html: String, url: String = "https://www.avisa.no/") -> String? {
        let page = analyse(html, url: url)
        return ContactRanking.rankEmails(page.emails, siteDomain: page.documentURL.registrableDomain).first?.value
    }

    @Test func anAuthorsAddressInTheArticleIsNotTheOrganisations() {
        #expect(chosen("""
            <article><h1>Sak</h1><p>Av Ola Nordmann. Kontakt forfatteren: <a href="mailto:onordmann@avisa.no">onordmann@avisa.no</a></p></article>
            """) == nil)
        #expect(chosen("""
            <div class="article-body"><p>Reach the reporter at mufsons@avisa.no.</p></div>
            """) == nil)
        // A role address in the article is still the organisation's.
        #expect(chosen("<article><p>Skriv til <a href=\"mailto:post@avisa.no\">post@avisa.no</a></p></article>") == "post@avisa.no")
        // Outside the article the same kind of address is the site's.
        #expect(chosen("<footer><a href=\"mailto:redaksjonen@avisa.no\">redaksjonen@avisa.no</a></footer>") == "redaksjonen@avisa.no")
    }

    @Test func aLocalPartWithPathCharactersIsNotAnAddress() {
        #expect(chosen("<footer><p>Send spam to /dev/null@avisa.no</p></footer>") == nil)
        #expect(!ContactExtractor.isPlausibleEmail("/dev/null@avisa.no"))
        #expect(ContactExtractor.isPlausibleEmail("post.mottak+web@avisa.no"))
    }

    @Test func aPersonalAddressIsNeverChosen() {
        #expect(chosen("<p>Ring <a href=\"mailto:kari.hansen@avisa.no\">Kari Hansen</a></p>") == nil)
        #expect(chosen("<p>Spørsmål? pippinblee@gmail.com</p>") == nil)
    }

    @Test func theHeadNamesTheSitesAddress() {
        #expect(chosen("<head><meta http-equiv=\"Reply-to\" content=\"kontakt@avisa.no\"></head><body><p>Hei</p></body>") == "kontakt@avisa.no")
        #expect(chosen("<head><link rel=\"author\" href=\"mailto:redaksjon%40avisa.no\"></head><body></body>") == "redaksjon@avisa.no")
    }
}
