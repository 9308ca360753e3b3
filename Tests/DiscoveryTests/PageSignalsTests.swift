import Foundation
import Testing
@testable import Discovery

@Suite("Other page signals")
struct PageSignalsTests {
    @Test func cssBackgroundLogoInHomeLink() {
        let page = analyse(#"<header><a href="/" class="brand" style="background-image:url('/img/logo.svg')" title="Sauda kommune"></a></header>"#,
                           organisation: "Sauda kommune")
        #expect(page.logoCandidates.first?.url == "https://www.sauda.kommune.no/img/logo.svg")
        #expect(page.logoCandidates.first?.source == .headerHomeLink)
    }

    @Test func jsonLDEscapedAsHTMLAndWithComments() {
        let page = analyse("""
            <script type="application/ld+json"><!--
            {&quot;@type&quot;:&quot;Organization&quot;,&quot;name&quot;:&quot;Sauda kommune&quot;,&quot;url&quot;:&quot;https://www.sauda.kommune.no/&quot;,&quot;logo&quot;:&quot;/logo.svg&quot;}
            --></script>
            """, organisation: "Sauda kommune")
        let candidate = page.logoCandidates.first { $0.source == .jsonLD }
        #expect(candidate?.url == "https://www.sauda.kommune.no/logo.svg")
        #expect(candidate?.reasons.contains { $0.contains("url is this site") } == true)
    }

    @Test func scriptRedirectOnEmptyPage() {
        let page = analyse(#"<html><head><script>window.location.href = "/nb/";</script></head><body></body></html>"#)
        #expect(page.scriptRedirect?.description == "https://www.sauda.kommune.no/nb/")
        #expect(page.looksLikeScriptShell)
    }

    @Test func scriptRedirectIgnoredOnRealPage() {
        let links = (1...5).map { "<a href=\"/s\($0)\">Side \($0)</a>" }.joined()
        let page = analyse("<body>\(links)<script>location.replace('/other')</script></body>")
        #expect(page.scriptRedirect == nil)
    }

    @Test(arguments: [
        ("Org.nr. 974 760 673", ["974760673"]),
        ("Organisasjonsnummer: 974760673 MVA", ["974760673"]),
        ("Org.nr: 974 760 674", []),  // check digit does not match
        ("Telefon 974 760 673", []),  // no label
        ("Org.nr. ٩٧٤٧٦٠٦٧٣", []),  // other scripts' digits are not an organisation number's
        ("Org.nr. ９７４ ７６０ ６７３", []),
    ])
    func organisationNumbersNextToLabels(text: String, expected: [String]) {
        #expect(analyse("<footer><p>\(text)</p></footer>").organisationNumbers == expected)
    }

    @Test(arguments: ["974760673", "991825827", "889640782"])
    func validOrganisationNumbers(number: String) {
        #expect(OrganisationNumberScanner.numbers(in: "Org.nr. \(number)") == [number])
    }

    @Test func languageRootsAreHomeLinks() {
        #expect(WebAddress("https://x.no/nb-no/")!.isHomePath)
        #expect(WebAddress("https://x.no/en-GB")!.isHomePath)
        #expect(!WebAddress("https://x.no/om-oss/")!.isHomePath)
    }

    @Test func contentSniffing() {
        #expect(ContentSniffer.sniff(Array("<?xml version=\"1.0\"?>\n<!-- x -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)) == .svg)
        #expect(ContentSniffer.sniff([0xEF, 0xBB, 0xBF] + Array("  <svg/>".utf8)) == .svg)
        #expect(ContentSniffer.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]) == .png)
        #expect(ContentSniffer.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ContentSniffer.sniff([0x00, 0x00, 0x01, 0x00, 0x01]) == .ico)
        #expect(ContentSniffer.sniff(Array("<!DOCTYPE html><html><body><svg></svg>".utf8)) == .html)
        #expect(ContentSniffer.sniff(Array("Not found".utf8)) == .unknown)
        #expect(ContentSniffer.isHTML(contentType: "text/html; charset=utf-8", body: []))
        #expect(ContentSniffer.isHTML(contentType: nil, body: Array("<!doctype html><title>x</title>".utf8)))
        #expect(!ContentSniffer.isHTML(contentType: "application/json", body: Array("<html>".utf8)))
    }
}

@Suite("Hostile and odd pages")
struct OddPageTests {
    @Test func deeplyNestedPageDoesNotCrash() {
        let html = "<html><body><header><a href=\"/\"><img src=\"/logo.svg\" alt=\"X\"></a></header>"
            + String(repeating: "<div>", count: 5000) + "Tlf. 22 33 44 55" + "</body></html>"
        let page = analyse(html)
        #expect(page.logoCandidates.first?.url == "https://www.sauda.kommune.no/logo.svg")
    }

    @Test func emptyAndBinaryBodies() {
        #expect(analyse("").logoCandidates.map(\.source) == [.faviconSVG])
        let binary = analyse(bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0xFF, 0xFE, 0x00], contentType: "text/html")
        #expect(binary.emails.isEmpty && binary.phones.isEmpty)
    }

    @Test func manyCandidatesStayBounded() {
        let cards = (0..<2000).map { "<div class=\"card\"><a href=\"mailto:p\($0)@x.no\">e-post</a><img src=\"/i/\($0)-logo.png\" alt=\"logo\"></div>" }
        let page = analyse("<body><header><a href=\"/\"><img src=\"/logo.svg\" alt=\"Sauda kommune\"></a></header>\(cards.joined())</body>",
                           organisation: "Sauda kommune")
        #expect(page.logoCandidates.first?.url == "https://www.sauda.kommune.no/logo.svg")
        #expect(page.emails.count == 2000)
    }
}

@Suite("Name hints")
struct NameHintTests {
    @Test func registeredNameAsSpelledInTheFooter() {
        let html = "<title>Brønnøysundregistrene</title><footer><p>Registerenheten i Brønnøysund · Org.nr. 974 760 673</p></footer>"
        let page = analyse(html, organisation: "REGISTERENHETEN I BRØNNØYSUND", pageTextNameHint: true)
        #expect(page.nameHints.last == NameHint(source: "page-text", text: "Registerenheten i Brønnøysund"))
        #expect(page.organisationNumbers == ["974760673"])
        // Off by default (the profile schema does not list the source yet).
        #expect(!analyse(html, organisation: "REGISTERENHETEN I BRØNNØYSUND").nameHints.contains { $0.source == "page-text" })
    }

    @Test func capitalsAndPartialWordsAreNotHints() {
        let upper = analyse("<p>SAUDA KOMMUNE</p><p>Saudakommunes nettside</p>", organisation: "SAUDA KOMMUNE", pageTextNameHint: true)
        #expect(!upper.nameHints.contains { $0.source == "page-text" })
        let partial = analyse("<p>Nysauda kommune</p>", organisation: "SAUDA KOMMUNE", pageTextNameHint: true)
        #expect(!partial.nameHints.contains { $0.source == "page-text" })
    }
}

@Suite("Web app manifest")
struct WebAppManifestTests {
    static let site = WebAddress("https://www.sauda.kommune.no/")!

    @Test func iconsAreResolvedAgainstTheManifestAndRanked() {
        let json = """
            {"name":"Sauda kommune","icons":[
              {"src":"icons/icon-192.png","sizes":"192x192","type":"image/png"},
              {"src":"/icons/logo.svg","sizes":"any","type":"image/svg+xml","purpose":"any"},
              {"sizes":"512x512"}]}
            """
        let icons = WebAppManifest.iconEvidence(Data(json.utf8), manifestURL: WebAddress("https://www.sauda.kommune.no/static/site.webmanifest")!,
                                                site: Self.site)
        #expect(icons.map(\.url) == ["https://www.sauda.kommune.no/static/icons/icon-192.png", "https://www.sauda.kommune.no/icons/logo.svg"])
        #expect(icons.map(\.format) == [.raster, .svg])
        #expect(icons[1].element == "link[rel=\"manifest\"] icons[1] (image/svg+xml, any, purpose any)")

        let page = analyse(#"<head><link rel="manifest" href="/static/site.webmanifest"><link rel="mask-icon" href="/m.svg"></head>"#)
        #expect(page.manifestURL?.description == "https://www.sauda.kommune.no/static/site.webmanifest")
        let ranked = LogoRanking.rank(page.logoEvidence + icons, organisationName: nil)
        let position = { (suffix: String) in ranked.firstIndex { $0.url?.hasSuffix(suffix) == true }! }
        #expect(position("/icons/logo.svg") < position("/m.svg"))  // 28 + 3 beats the mask icon's 25 + 3
        #expect(position("/favicon.svg") < position("icon-192.png"))
    }

    @Test func fetchedOnlyWithoutAStrongCandidate() {
        let weak = analyse(#"<head><link rel="icon" href="/favicon.ico"></head>"#)
        #expect(WebAppManifest.isWorthFetching(weak.logoCandidates, evidence: weak.logoEvidence))
        let strong = analyse(#"<header><a href="/"><img src="/logo.svg" alt="Logo"></a></header>"#)
        #expect(!WebAppManifest.isWorthFetching(strong.logoCandidates, evidence: strong.logoEvidence))
        // A strong raster header logo still leaves room for an SVG from the manifest.
        let raster = analyse(#"<header><a href="/"><img src="/logo.png" alt="Logo"></a></header>"#)
        #expect(WebAppManifest.isWorthFetching(raster.logoCandidates, evidence: raster.logoEvidence))
    }

    @Test func brokenManifestsGiveNothing() {
        #expect(WebAppManifest.iconEvidence(Data("not json".utf8), manifestURL: Self.site, site: Self.site).isEmpty)
        #expect(WebAppManifest.iconEvidence(Data(#"{"icons":"x"}"#.utf8), manifestURL: Self.site, site: Self.site).isEmpty)
    }
}
