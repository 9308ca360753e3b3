import Testing
@testable import Discovery

@Suite("URL resolution")
struct URLResolutionTests {
    @Test(arguments: [
        ("https://www.x.no/a/b/page.html", "logo.svg", "https://www.x.no/a/b/logo.svg"),
        ("https://www.x.no/a/b/page.html", "../img/logo.svg", "https://www.x.no/a/img/logo.svg"),
        ("https://www.x.no/a/b/page.html", "/img/logo.svg", "https://www.x.no/img/logo.svg"),
        ("https://www.x.no/a/b/page.html", "//cdn.x.no/logo.svg", "https://cdn.x.no/logo.svg"),
        ("http://www.x.no/", "https://cdn.y.no/logo.svg", "https://cdn.y.no/logo.svg"),  // keeps its own scheme
        ("https://www.x.no/a/", "  \n logo.svg\t ", "https://www.x.no/a/logo.svg"),
        ("https://www.x.no/a/", "bilde med mellomrom.svg", "https://www.x.no/a/bilde%20med%20mellomrom.svg"),
        ("https://www.x.no/a/", "bæ.svg", "https://www.x.no/a/b%C3%A6.svg"),
        ("https://www.x.no/a/", "?v=2", "https://www.x.no/a/?v=2"),
        ("https://www.x.no/a/", "~/kunde/favicon.ico", "https://www.x.no/kunde/favicon.ico"),
        ("https://www.x.no/a/", "\\img\\logo.svg", "https://www.x.no/img/logo.svg"),
        ("https://www.x.no/", "https://bærum.kommune.no/logo.svg", "https://xn--brum-voa.kommune.no/logo.svg"),
        ("https://www.x.no/", "HTTPS://WWW.X.NO:443/Logo.svg", "https://www.x.no/Logo.svg"),
        ("https://www.x.no/a/b", "../../../../logo.svg", "https://www.x.no/logo.svg"),
        ("https://www.x.no/", "//tromsø.kommune.no/", "https://xn--troms-zua.kommune.no/"),
        ("https://www.x.no/", "https://ålesund.kommune.no", "https://xn--lesund-hua.kommune.no/"),
        ("https://www.x.no/", "https://BÆRUM.Kommune.NO/", "https://xn--brum-voa.kommune.no/"),
        ("https://www.x.no/", "https://straße.de/", "https://xn--strae-oqa.de/"),  // IDNA 2008: ß is kept
    ])
    func resolves(document: String, reference: String, expected: String) {
        #expect(WebAddress(document)!.resolve(reference)?.description == expected)
    }

    @Test(arguments: ["https://ex ample.no/", "https://a..b.no/", "https://x.nø%/", "https://a~b.no/"])
    func rejectsHostsNoHostMayHave(address: String) {
        #expect(WebAddress(address) == nil)
    }

    @Test(arguments: ["", "   ", "#", "#main", "javascript:void(0)", "JavaScript:alert(1)", "mailto:post@x.no",
                      "tel:22334455", "data:image/png;base64,AAAA", "ftp://x.no/logo.svg"])
    func skipsReferencesThatLeadNowhere(reference: String) {
        #expect(WebAddress("https://www.x.no/")!.resolve(reference) == nil)
    }

    @Test(arguments: [
        // base href is itself resolved against the (post-redirect) document URL
        ("https://www.x.no/nb/side/", "<base href=\"/assets/\">", "https://www.x.no/assets/logo.svg"),
        ("https://www.x.no/nb/side/", "<base href=\"gfx/\">", "https://www.x.no/nb/side/gfx/logo.svg"),
        ("https://www.x.no/nb/side/", "<base href=\"../\">", "https://www.x.no/nb/logo.svg"),
        ("https://www.x.no/nb/side/", "<base href=\"https://cdn.x.no/static/\">", "https://cdn.x.no/static/logo.svg"),
        ("https://www.x.no/nb/side/", "<base href=\"  \">", "https://www.x.no/nb/side/logo.svg"),
        ("https://www.x.no/nb/side/", "<base target=_blank><base href=\"/first/\"><base href=\"/second/\">",
         "https://www.x.no/first/logo.svg"),
    ])
    func baseHref(document: String, baseMarkup: String, expected: String) {
        let tree = parse("<html><head>\(baseMarkup)</head><body></body></html>")
        let resolver = DocumentURLResolver(document: WebAddress(document)!, tree: tree)
        #expect(resolver.resolve("logo.svg")?.description == expected)
    }

    @Test func baseHrefOutsideHeadCounts() {
        let tree = parse("<html><body><base href=\"/b/\"><img src=x.svg></body></html>")
        #expect(DocumentURLResolver(document: WebAddress("https://x.no/a/")!, tree: tree).resolve("x.svg")?.description
                == "https://x.no/b/x.svg")
    }

    @Test(arguments: [
        ("www.sauda.kommune.no", "sauda.kommune.no"), ("digdir.no", "digdir.no"), ("www.digdir.no", "digdir.no"),
        ("fin.dep.no", "fin.dep.no"), ("cdn.assets.nav.no", "nav.no"),
        // The Public Suffix List's own entries, private ones included.
        ("kommune.no", "kommune.no"), ("www.xn--brum-voa.kommune.no", "xn--brum-voa.kommune.no"),
        ("x.github.io", "x.github.io"), ("www.x.oslo.no", "x.oslo.no"), ("www.gov.uk", "www.gov.uk"),
    ])
    func registrableDomains(host: String, expected: String) {
        #expect(WebAddress.registrableDomain(of: host) == expected)
    }

    @Test(arguments: ["/", "/nb/", "/no", "/en/", "/index.html"])
    func homePaths(path: String) {
        #expect(WebAddress("https://x.no" + path)!.isHomePath)
    }

    @Test(arguments: ["/kontakt", "/nb/tjenester/", "/?s=logo"])
    func notHomePaths(path: String) {
        #expect(!WebAddress("https://x.no" + path)!.isHomePath)
    }
}
