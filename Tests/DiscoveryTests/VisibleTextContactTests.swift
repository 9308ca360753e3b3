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
        ("<footer><p>Tel: +47 35 91 70 00 | e-post: post@sauda.kommune.no</p></footer>", "post@sauda.kommune.no"),
        ("<footer><ul><li>E-post: postmottak@sauda.kommune.no</li><li>Telefon: 52 78 62 00</li></ul></footer>", "postmottak@sauda.kommune.no"),
        ("<footer><p>Epost:postmottak@sauda.kommune.no</p></footer>", "postmottak@sauda.kommune.no"),
    ])
    func roleEmailInText(html: String, expected: String) {
        #expect(topEmail(html) == expected)
    }
}
