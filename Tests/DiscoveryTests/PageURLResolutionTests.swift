import Testing

@testable import Discovery

/// Every URL-resolution case of issue 4 part 2, as a logo in a real page: the candidate (or the
/// sprite file an inline `<svg>` needs) must come out at exactly this absolute URL.
@Suite("URL resolution in pages")
struct PageURLResolutionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var document: String
        var html: String
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "base href, itself relative, resolved against the document",
            document: "https://www.x.no/nb/tjenester/",
            html: #"<head><base href="../static/"></head><header><a href="/"><img src="img/logo.svg" alt="X"></a></header>"#,
            expected: "https://www.x.no/nb/static/img/logo.svg"),
        Case(
            name: "document-relative", document: "https://www.x.no/nb/start.html",
            html: #"<header><a href="/"><img src="gfx/logo.svg" alt="X"></a></header>"#, expected: "https://www.x.no/nb/gfx/logo.svg"),
        Case(
            name: "root-relative", document: "https://www.x.no/nb/start.html",
            html: #"<header><a href="/"><img src="/gfx/logo.svg" alt="X"></a></header>"#, expected: "https://www.x.no/gfx/logo.svg"),
        Case(
            name: "protocol-relative takes the document's scheme", document: "http://www.x.no/",
            html: #"<header><a href="/"><img src="//cdn.x.no/logo.svg" alt="X"></a></header>"#, expected: "http://cdn.x.no/logo.svg"),
        Case(
            name: "the candidate's own scheme is kept", document: "http://www.x.no/",
            html: #"<header><a href="/"><img src="https://cdn.x.no/logo.svg" alt="X"></a></header>"#, expected: "https://cdn.x.no/logo.svg"),
        Case(
            name: "whitespace, newlines and tabs around and inside", document: "https://www.x.no/",
            html: "<header><a href=\"/\"><img src=\" \n\t/gfx/lo\tgo.svg \n\" alt=\"X\"></a></header>",
            expected: "https://www.x.no/gfx/logo.svg"),
        Case(
            name: "character references in the attribute", document: "https://www.x.no/",
            html: #"<header><a href="/"><img src="/handler.ashx?id=7&amp;name=logo&#46;svg" alt="X"></a></header>"#,
            expected: "https://www.x.no/handler.ashx?id=7&name=logo.svg"),
        Case(
            name: "IDN host in the reference", document: "https://www.x.no/",
            html: #"<header><a href="/"><img src="https://bærum.kommune.no/logo.svg" alt="X"></a></header>"#,
            expected: "https://xn--brum-voa.kommune.no/logo.svg"),
        Case(
            name: "IDN document host", document: "https://bærum.kommune.no/",
            html: #"<header><a href="/"><img src="/logo.svg" alt="Bærum kommune"></a></header>"#,
            expected: "https://xn--brum-voa.kommune.no/logo.svg"),
        Case(
            name: "srcset: the largest width descriptor", document: "https://www.x.no/",
            html: #"<header><a href="/"><img srcset="/l-200.png 200w, /l-800.png 800w,/l-400.png 400w" alt="X"></a></header>"#,
            expected: "https://www.x.no/l-800.png"),
        Case(
            name: "srcset: the largest density descriptor beats src", document: "https://www.x.no/",
            html: #"<header><a href="/"><img src="/l.png" srcset="/l@2x.png 2x, /l@3x.png 3x" alt="X"></a></header>"#,
            expected: "https://www.x.no/l@3x.png"),
        Case(
            name: "picture source typed image/svg+xml", document: "https://www.x.no/",
            html:
                #"<header><a href="/"><picture><source type="image/webp" srcset="/l.webp"><source type="image/svg+xml" srcset="/l.svg"><img src="/l.png" alt="X"></picture></a></header>"#,
            expected: "https://www.x.no/l.svg"),
        Case(
            name: "lazy-load data-src behind a placeholder", document: "https://www.x.no/",
            html:
                #"<header><a href="/"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/lazy/logo.svg" alt="X"></a></header>"#,
            expected: "https://www.x.no/lazy/logo.svg"),
        Case(
            name: "lazy-load data-lazy-src with an empty src", document: "https://www.x.no/",
            html: #"<header><a href="/"><img src="" data-lazy-src="/lazy/logo2.svg" alt="X"></a></header>"#,
            expected: "https://www.x.no/lazy/logo2.svg"),
        Case(
            name: "object data", document: "https://www.x.no/a/",
            html: #"<header><a href="/"><object type="image/svg+xml" data="logo.svg">X</object></a></header>"#,
            expected: "https://www.x.no/a/logo.svg"),
        Case(
            name: "svg image href", document: "https://www.x.no/",
            html: #"<header><a href="/"><svg viewBox="0 0 10 10"><image href="/media/l.svg" width="10" height="10"/></svg></a></header>"#,
            expected: "https://www.x.no/media/l.svg"),
        Case(
            name: "CSS background-image in a logo-classed element's inline style", document: "https://www.x.no/",
            html:
                #"<header><div class="site-logo" style="width:200px; background-image: url( &quot;../img/bg-logo.svg&quot; )"></div></header>"#,
            expected: "https://www.x.no/img/bg-logo.svg"),
        Case(
            name: "ASP.NET ~/ path", document: "https://www.x.no/a/b/",
            html: #"<head><link rel="icon" type="image/svg+xml" href="~/kunde/favicon.svg"></head>"#,
            expected: "https://www.x.no/kunde/favicon.svg"),
    ]

    @Test func darkModePictureSourceIsNotPreferred() {
        let page = analyse(
            #"<header><a href="/"><picture><source type="image/svg+xml" media="(prefers-color-scheme: dark)" srcset="/l-dark.svg"><img src="/l.svg" alt="X"></picture></a></header>"#,
            url: "https://www.x.no/", organisation: "X")
        #expect(page.logoCandidates.first?.url == "https://www.x.no/l.svg")
        let onlyDark = analyse(
            #"<header><a href="/"><picture><source type="image/svg+xml" media="(prefers-color-scheme: dark)" srcset="/l-dark.svg"><img src="/l.png" alt="X"></picture></a></header>"#,
            url: "https://www.x.no/", organisation: "X")
        #expect(onlyDark.logoCandidates.first?.url == "https://www.x.no/l-dark.svg")
    }

    @Test(arguments: cases)
    func candidateURL(_ example: Case) {
        let page = analyse(example.html, url: example.document, organisation: "X")
        #expect(
            page.logoCandidates.contains { $0.url == example.expected },
            "got \(page.logoCandidates.map { $0.url ?? "inline" })")
    }

    @Test func useHrefIntoASpriteFileIsResolved() {
        let page = analyse(
            #"<head><base href="/assets/"></head><header><a href="/"><svg class="logo" aria-label="X"><use href="icons/sprite.svg#logo"/></svg></a></header>"#,
            url: "https://www.x.no/nb/", organisation: "X")
        let sprite = page.logoEvidence.compactMap(\.spriteReference).first
        #expect(sprite?.url == "https://www.x.no/assets/icons/sprite.svg#logo")
        #expect(sprite?.written == "icons/sprite.svg#logo")
    }

    @Test(arguments: ["javascript:void(0)", " JAVASCRIPT:go()", "#", "#top", "", "   "])
    func referencesThatLeadNowhereAreNotCandidates(reference: String) {
        let page = analyse(
            """
            <head><link rel="icon" type="image/svg+xml" href="\(reference)"><meta property="og:logo" content="\(reference)"></head>
            <header><a href="/"><img src="\(reference)" alt="X logo"></a><a href="\(reference)"><img src="/ok.svg" alt="X"></a></header>
            """, url: "https://www.x.no/side/", organisation: "X")
        #expect(
            page.logoCandidates.allSatisfy { $0.url == "https://www.x.no/ok.svg" || $0.url == "https://www.x.no/favicon.svg" },
            "got \(page.logoCandidates.map { $0.url ?? "inline" })")
        // An empty or fragment link around an image does not make it a home-link logo.
        #expect(page.logoCandidates.first { $0.url == "https://www.x.no/ok.svg" }?.source != .headerHomeLink)
    }
}
