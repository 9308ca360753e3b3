import Foundation
import OrgModel
import Testing
@testable import Discovery

@Suite("Logo candidates and ranking")
struct LogoCandidateTests {
    static let organisation = "Sauda kommune"

    @Test func headerHomeLinkLogoBeatsFooterPartnerLogo() {
        let page = analyse("""
            <html><body>
            <header class="site-header"><a href="/" class="logo-link"><img src="/gfx/sauda-logo.svg" alt="Sauda kommune"></a></header>
            <main><p>Velkommen</p></main>
            <footer><section class="partners"><h2>Samarbeidspartnere</h2>
              <a href="https://www.haugesund.kommune.no/"><img src="/gfx/haugesund-logo.svg" alt="Haugesund kommune logo"></a>
            </section></footer>
            </body></html>
            """, organisation: Self.organisation)
        let best = page.logoCandidates.first
        #expect(best?.url == "https://www.sauda.kommune.no/gfx/sauda-logo.svg")
        #expect(best?.source == .headerHomeLink)
        #expect(best?.element == "header > a[href=\"/\"] > img[src=\"/gfx/sauda-logo.svg\"]")
        let partner = page.logoCandidates.first { $0.url?.hasSuffix("haugesund-logo.svg") == true }
        #expect(partner != nil)
        #expect(partner!.score < 0)
        #expect(partner!.reasons.contains { $0.contains("partner") })
        #expect(partner!.reasons.contains { $0.contains("footer") })
    }

    @Test func cookieBannerAndSocialIconsLose() {
        let page = analyse("""
            <body>
            <div id="CybotCookiebotDialog"><img src="/cookiebot-logo.svg" alt="Cookiebot logo"></div>
            <div class="top"><a href="/"><svg viewBox="0 0 10 10" aria-label="Sauda kommune"><path d="M0 0h10v10z"/></svg></a></div>
            <ul class="social"><li><a href="https://www.facebook.com/sauda"><img src="/fb-logo.svg" alt="Facebook logo"></a></li></ul>
            </body>
            """, organisation: Self.organisation)
        #expect(page.logoCandidates.first?.source == .inlineSVG)
        let cookie = page.logoCandidates.first { $0.url?.hasSuffix("cookiebot-logo.svg") == true }
        let social = page.logoCandidates.first { $0.url?.hasSuffix("fb-logo.svg") == true }
        #expect(cookie?.reasons.contains { $0.contains("cookie banner") } == true)
        #expect(social?.reasons.contains { $0.contains("social") } == true)
        #expect(cookie!.score < page.logoCandidates.first!.score - 50)
        #expect(social!.score < page.logoCandidates.first!.score - 50)
    }

    @Test func inlineSVGIsSerialisedWithNamespaceAndCamelCase() throws {
        let page = analyse("""
            <header><a href="/" aria-label="Til forsiden">
              <svg viewBox="0 0 100 20" xmlns:xlink="http://www.w3.org/1999/xlink" sketch:type="MSPage">
                <title>Sauda kommune</title>
                <defs><linearGradient id="g" gradientUnits="userSpaceOnUse"><stop offset="0"/></linearGradient>
                  <clipPath id="c"><rect width="10" height="10"/></clipPath></defs>
                <path d="M0 0h10" fill="url(#g)"/><use xlink:href="#c"/><text>A &amp; B &lt; C</text>
              </svg></a></header>
            """, organisation: Self.organisation)
        let svg = try #require(page.logoCandidates.first?.inlineSVG)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("viewBox=\"0 0 100 20\""))
        #expect(svg.contains("<linearGradient id=\"g\" gradientUnits=\"userSpaceOnUse\">"))
        #expect(svg.contains("<clipPath id=\"c\">"))
        #expect(svg.contains("xmlns:xlink=\"http://www.w3.org/1999/xlink\""))
        #expect(svg.contains("xlink:href=\"#c\""))
        #expect(!svg.contains("sketch:type"))  // undeclared prefix would make the XML ill-formed
        #expect(svg.contains("A &amp; B &lt; C"))
        #expect(XMLWellFormedness.check(svg))
        #expect(page.logoCandidates.first?.reasons.contains { $0.contains("label equals the organisation name") } == true)
    }

    @Test func inlineSVGWithFrameworkAttributesAndControlCharactersStaysWellFormed() throws {
        let page = analyse("<header><a href=\"/\"><svg @click=\"go()\" :class=\"x\" v-bind:y=\"z\" data-x=\"1\" viewBox=\"0 0 1 1\">"
            + "<text>a\u{01}b</text><path d=\"M0 0\"/></svg></a></header>")
        let svg = try #require(page.logoCandidates.first { $0.source == .inlineSVG }?.inlineSVG)
        #expect(XMLWellFormedness.check(svg))
        #expect(svg.contains("data-x=\"1\""))
        #expect(!svg.contains("@click"))
        #expect(!XMLWellFormedness.check("<svg><path></svg>"))  // the check itself can fail
    }

    @Test func inlineSVGAddsXlinkDeclarationWhenMissingAndCopiesSpriteSymbols() throws {
        let page = analyse("""
            <body><svg style="display:none"><symbol id="logo-mark" viewBox="0 0 10 10"><path d="M0 0h10"/></symbol></svg>
            <header><a href="https://www.sauda.kommune.no/"><svg class="logo"><use xlink:href="#logo-mark"/></svg></a></header></body>
            """, organisation: Self.organisation)
        let svg = try #require(page.logoCandidates.first { $0.source == .inlineSVG }?.inlineSVG)
        #expect(svg.contains("xmlns:xlink=\"http://www.w3.org/1999/xlink\""))
        #expect(svg.contains("<defs><symbol id=\"logo-mark\" viewBox=\"0 0 10 10\">"))
        #expect(XMLWellFormedness.check(svg))
    }

    @Test func jsonLDGraphLogoIsFoundAsStringOrImageObject() {
        let page = analyse("""
            <head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"https://www.sauda.kommune.no/#website","publisher":{"@id":"https://www.sauda.kommune.no/#org"}},
              {"@type":["GovernmentOrganization"],"@id":"https://www.sauda.kommune.no/#org","name":"Sauda kommune",
               "logo":{"@type":"ImageObject","@id":"https://www.sauda.kommune.no/#logo","url":"/media/sauda.svg","width":300,"height":60},
               "email":"postmottak@sauda.kommune.no","telephone":"+47 52 78 62 00"},
            ]}
            </script>
            <script type="application/ld+json">{"@type":"Organization","name":"Annen","logo":"https://cdn.example.com/annen.png"}</script>
            </head><body></body>
            """, organisation: Self.organisation)
        let jsonLD = page.logoCandidates.filter { $0.source == .jsonLD }
        #expect(jsonLD.map(\.url) == ["https://www.sauda.kommune.no/media/sauda.svg", "https://cdn.example.com/annen.png"])
        #expect(jsonLD[0].reasons.contains { $0.contains("name matches") })
        #expect(page.nameHints.first == NameHint(source: "json-ld", text: "Sauda kommune"))
        #expect(page.emails.contains { $0.address == "postmottak@sauda.kommune.no" && $0.foundBy == .jsonLD })
        #expect(page.phones.contains { $0.number.e164 == "+4752786200" && $0.foundBy == .jsonLD })
    }

    @Test func iconLinksAndDeclaredLogosRankBelowHeaderLogo() {
        let page = analyse("""
            <head>
              <link rel="icon" type="image/svg+xml" href="/icon.svg">
              <link rel="mask-icon" href="/safari-pinned-tab.svg" color="#000">
              <link rel="apple-touch-icon" href="/apple-touch-icon.png">
              <meta property="og:logo" content="/og-logo.svg">
              <meta itemprop="logo" content="/itemprop-logo.svg">
            </head>
            <body><header><a href="/"><img src="/logo.svg" alt="Logo"></a></header></body>
            """, organisation: Self.organisation)
        let order = page.logoCandidates.map { $0.source }
        #expect(order.first == .headerHomeLink)
        let rank = { (suffix: String) in page.logoCandidates.firstIndex { $0.url?.hasSuffix(suffix) == true }! }
        #expect(rank("/og-logo.svg") < rank("/icon.svg"))
        #expect(rank("/itemprop-logo.svg") < rank("/icon.svg"))
        #expect(rank("/icon.svg") < rank("/safari-pinned-tab.svg"))
        #expect(rank("/safari-pinned-tab.svg") < rank("/favicon.svg"))
        #expect(rank("/favicon.svg") < rank("/apple-touch-icon.png"))
        #expect(page.logoEvidence.first { $0.url?.hasSuffix("apple-touch-icon.png") == true }?.format == .raster)
    }

    @Test func rasterHeaderLogoIsKeptAndMarkedRaster() {
        let page = analyse(#"<header><a href="/"><img src="/logo.png" alt="Sauda kommune"></a></header>"#, organisation: Self.organisation)
        #expect(page.logoCandidates.first?.url == "https://www.sauda.kommune.no/logo.png")
        #expect(page.logoCandidates.first?.reasons.contains { $0.contains("raster") } == true)
    }

    @Test func pictureSourceSVGAndLazySrcAreUsed() {
        let page = analyse("""
            <header>
              <a href="/"><picture><source type="image/svg+xml" srcset="/logo.svg"><img src="/logo.png" alt="Sauda kommune"></picture></a>
              <div class="logo"><img src="data:image/gif;base64,R0lGOD" data-src="/lazy-logo.svg" alt="x"></div>
            </header>
            """, organisation: Self.organisation)
        #expect(page.logoCandidates.first?.url == "https://www.sauda.kommune.no/logo.svg")
        #expect(page.logoCandidates.contains { $0.url == "https://www.sauda.kommune.no/lazy-logo.svg" })
    }

    @Test func svgImageElementPointsAtTheFile() {
        let page = analyse(#"<header><a href="/"><svg width="200" height="50"><image xlink:href="/media/logo.svg" width="200" height="50"/></svg></a></header>"#,
                           organisation: Self.organisation)
        let file = page.logoCandidates.first { $0.url == "https://www.sauda.kommune.no/media/logo.svg" }
        #expect(file?.source == .headerHomeLink)
        #expect(file?.element == "header > a[href=\"/\"] > image[href=\"/media/logo.svg\"]")
    }

    @Test func dataURISVGBecomesInlineCandidate() {
        let page = analyse("""
            <header><a href="/"><img alt="Sauda kommune" src="data:image/svg+xml;base64,\(Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8).base64EncodedString())"></a></header>
            """, organisation: Self.organisation)
        #expect(page.logoCandidates.first?.inlineSVG == "<svg xmlns='http://www.w3.org/2000/svg'/>")
        #expect(page.logoCandidates.first?.url == nil)
    }

    @Test func homeLinkVariantsCount() {
        for href in ["/", "https://www.sauda.kommune.no", "/nb/", "https://sauda.kommune.no/", "index.html"] {
            let page = analyse(#"<header><a href="\#(href)"><img src="/a.svg"></a></header>"#)
            #expect(page.logoEvidence.first { $0.url?.hasSuffix("/a.svg") == true }?.inHomeLink == true, "href \(href)")
        }
        let other = analyse(#"<header><a href="/tjenester/"><img src="/a.svg"></a></header>"#)
        #expect(other.logoEvidence.first { $0.url?.hasSuffix("/a.svg") == true } == nil)  // not a logo at all
    }

    @Test func tinyIconInHomeLinkIsPenalised() {
        let page = analyse("""
            <header><nav><a href="/"><img src="/house.svg" width="16" height="16" alt="Hjem"></a></nav>
            <a href="/"><img src="/sauda.svg" alt="Sauda kommune"></a></header>
            """, organisation: Self.organisation)
        #expect(page.logoCandidates.first?.url?.hasSuffix("/sauda.svg") == true)
        #expect(page.logoCandidates.first { $0.url?.hasSuffix("/house.svg") == true }?.reasons.contains { $0.contains("UI icon") } == true)
    }

    @Test func duplicatesAreMergedWithBothProvenances() {
        let page = analyse("""
            <head><script type="application/ld+json">{"@type":"Organization","logo":"https://www.sauda.kommune.no/logo.svg"}</script></head>
            <body><header><a href="/"><img src="/logo.svg" alt="Sauda kommune"></a></header></body>
            """, organisation: Self.organisation)
        let matching = page.logoCandidates.filter { $0.url == "https://www.sauda.kommune.no/logo.svg" }
        #expect(matching.count == 1)
        #expect(matching.first?.source == .headerHomeLink)
        #expect(matching.first?.reasons.contains { $0.contains("also found as json-ld") } == true)
    }

    @Test func rankingIsDeterministic() {
        let html = #"<header><a href="/"><img src="/a-logo.svg"></a><a href="/"><img src="/b-logo.svg"></a></header>"#
        let first = analyse(html).logoCandidates.map(\.url)
        #expect(first.prefix(2) == ["https://www.sauda.kommune.no/a-logo.svg", "https://www.sauda.kommune.no/b-logo.svg"])
        #expect(analyse(html).logoCandidates.map(\.url) == first)
    }

    @Test func nameHintsComeFromSiteNameLogoAltAndTitle() {
        let page = analyse("""
            <head><title>Forside - Sauda kommune</title><meta property="og:site_name" content="Sauda kommune"></head>
            <body><header><a href="/"><img src="/l.svg" alt="Sauda kommune logo"></a></header></body>
            """)
        #expect(page.nameHints == [
            NameHint(source: "og:site_name", text: "Sauda kommune"),
            NameHint(source: "logo-alt", text: "Sauda kommune"),
            NameHint(source: "title", text: "Forside - Sauda kommune"),
        ])
    }
}

@Suite("Logo look-alikes")
struct LogoLookAlikeTests {
    @Test func breadcrumbHomeIconLosesToJSONLDLogo() {
        let page = analyse("""
            <head><script type="application/ld+json">{"@type":"GovernmentOrganization","name":"Sauda kommune","logo":"/logo.svg"}</script></head>
            <body><header><div class="brand-sprite"></div></header>
            <nav class="breadcrumb"><a href="/" aria-label="Forside"><svg class="icon icon-home" viewBox="0 0 24 24"><path d="M0 0"/></svg></a></nav></body>
            """, organisation: "Sauda kommune")
        #expect(page.logoCandidates.first?.source == .jsonLD)
        let crumb = page.logoCandidates.first { $0.source == .inlineSVG }
        #expect(crumb?.reasons.contains { $0.contains("breadcrumb") } == true)
        #expect(crumb?.reasons.contains { $0.contains("says icon") } == true)
    }

    @Test func smallSquareIconsAndSelfReferencesLose() {
        let page = analyse("""
            <head><link rel="icon" href="/"><link rel="icon" href="?"></head>
            <header><a href="/"><img src="/search-32.svg" width="32" height="32" alt="Sauda kommune"></a>
            <a href="/"><img src="/sauda-logo.svg" width="180" height="48" alt="Sauda kommune"></a><img src="" class="logo"></header>
            """, organisation: "Sauda kommune")
        #expect(page.logoCandidates.first?.url?.hasSuffix("/sauda-logo.svg") == true)
        #expect(page.logoCandidates.first { $0.url?.hasSuffix("/search-32.svg") == true }?.reasons.contains { $0.contains("small square") } == true)
        #expect(!page.logoCandidates.contains { $0.url == "https://www.sauda.kommune.no/" })
    }

    @Test func headerImageNamedAfterTheOrganisationIsACandidate() {
        let page = analyse(#"<header><img src="/img/s.svg" alt="Sauda kommune"></header><main><img src="/img/sauda-bilde.jpg" alt="Sauda sentrum"></main>"#,
                           organisation: "Sauda kommune")
        #expect(page.logoCandidates.first?.url == "https://www.sauda.kommune.no/img/s.svg")
        #expect(page.logoCandidates.first?.source == .logoImage)
        #expect(!page.logoCandidates.contains { $0.url?.hasSuffix("sauda-bilde.jpg") == true })
    }

    @Test func windowsTileImagesAreIconCandidates() {
        let page = analyse(##"<head><meta name="msapplication-TileImage" content="/mstile-144.png"><meta name="msapplication-square150x150logo" content="/tile.svg"><meta name="msapplication-TileColor" content="#ffffff"></head>"##)
        let tile = page.logoCandidates.first { $0.url == "https://www.sauda.kommune.no/mstile-144.png" }
        #expect(tile?.source == .iconLink)
        #expect(page.logoCandidates.first { $0.url == "https://www.sauda.kommune.no/tile.svg" }?.reasons.contains("+18 SVG icon link") == true)
        #expect(!page.logoCandidates.contains { $0.url?.contains("ffffff") == true })
    }
}
