import Testing

@testable import Discovery

/// Shapes of real pages where the top-ranked candidate used to be something other than the
/// site's logo (issue 13), each written as a small page of its own.
@Suite("Logo ranking on real-page shapes")
struct LogoRankingRealShapesTests {
    func top(_ html: String, url: String = "https://www.avisa.no/", organisation: String? = "Avisa") -> LogoCandidate? {
        analyse(html, url: url, organisation: organisation).logoCandidates.first
    }

    @Test func aLinkToASubProductIsNotTheHomeLink() {
        let best = top("""
            <header>
              <a href="https://mail.avisa.no/"><svg width="24" height="24" viewBox="0 0 24 24"><path d="M1 1h22v22H1z"/></svg>Mail</a>
              <a href="/" class="site-logo"><img src="/static/avisa-wordmark.svg" alt="Avisa"></a>
            </header>
            """)
        #expect(best?.url == "https://www.avisa.no/static/avisa-wordmark.svg")
    }

    @Test func aUIGlyphInTheHomeLinkIsNotTheLogo() {
        let best = top("""
            <nav><a href="/" aria-label="Home"><svg width="16" height="16" viewBox="0 0 16 16"><path d="M8 1l7 7H1z"/></svg></a></nav>
            <header><div class="brand"><img src="/img/avisa.png" alt="Avisa" width="180" height="40"></div>
              <a href="/sok"><img src="/img/arrow-right.svg" width="12" height="12" alt=""></a></header>
            """)
        #expect(best?.url == "https://www.avisa.no/img/avisa.png")
    }

    @Test func theHeaderWordmarkBeatsFaviconPinnedTabAndTouchIcons() {
        let best = top("""
            <head><link rel="icon" type="image/svg+xml" href="/favicon.svg"><link rel="mask-icon" href="/pinned.svg" color="#000">
            <link rel="apple-touch-icon" href="/touch.png"></head>
            <body><div class="masthead"><span class="logo"><img src="/assets/masthead-logo.png" alt="Avisa"></span></div></body>
            """)
        #expect(best?.url == "https://www.avisa.no/assets/masthead-logo.png")
        // With no page logo at all, the declared icons still come before the guessed /favicon.svg.
        let iconsOnly = analyse("<head><link rel=\"mask-icon\" href=\"/pinned.svg\"></head><body><p>Hei</p></body>", url: "https://www.avisa.no/")
        #expect(iconsOnly.logoCandidates.first?.url == "https://www.avisa.no/pinned.svg")
    }

    @Test func anotherOrganisationsJSONLDLogoDoesNotBeatTheHeader() {
        let best = top("""
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Article",
              "publisher":{"@type":"Organization","name":"Stiftelsen Eier","url":"https://www.eier.org/","logo":"https://www.eier.org/logo.png"}}</script>
            <div role="banner"><a class="mw-logo" href="/wiki/Main_Page"><img class="mw-logo-wordmark" src="/static/avisa-wordmark.svg" alt="Avisa"></a></div>
            """)
        #expect(best?.url == "https://www.avisa.no/static/avisa-wordmark.svg")
    }

    @Test func aLazyLoadPlaceholderIsNotTheLogo() {
        let best = top("""
            <header><a href="/"><img src="data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%20200%2050'%3E%3C/svg%3E"
              data-lazy-src="/wp-content/uploads/avisa-logo.svg" alt="Avisa"></a></header>
            """)
        #expect(best?.url == "https://www.avisa.no/wp-content/uploads/avisa-logo.svg")
    }

    @Test func aFaviconSizedJSONLDLogoDoesNotBeatTheHeader() {
        let best = top("""
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Avisa",
              "url":"https://www.avisa.no/","logo":"https://www.avisa.no/favicon-192x192.png"}</script>
            <header><a href="/"><img src="/assets/avisa-logo.svg" alt="Avisa"></a></header>
            <script type="application/ld+json">{"@type":"Organization","name":"Avisa","logo":{"@type":"ImageObject","url":"https://www.avisa.no/icon.png","width":32,"height":32}}</script>
            """)
        #expect(best?.url == "https://www.avisa.no/assets/avisa-logo.svg")
        let jsonLD = analyse("""
            <script type="application/ld+json">{"@type":"Organization","name":"Avisa","logo":"https://www.avisa.no/apple-touch-icon.png"}</script>
            <div class="logo"><img src="/gfx/avisa.png" alt="Avisa"></div>
            """, url: "https://www.avisa.no/", organisation: "Avisa").logoCandidates
        #expect(jsonLD.first?.url == "https://www.avisa.no/gfx/avisa.png")
    }

    @Test func aPhotoOrArticleImageInTheHeaderIsNotTheLogo() {
        let best = top("""
            <header><a href="/"><img src="/logo/avisa.svg" alt="Avisa"></a>
              <a href="/profil"><img class="avatar" src="/users/kari-hansen.jpg" alt="Kari Hansen" width="32" height="32"></a></header>
            <article><header><a href="/"><img src="/images/2024/storm-over-byen.jpg" alt="Avisa: storm over byen"></a></header></article>
            """)
        #expect(best?.url == "https://www.avisa.no/logo/avisa.svg")
    }

    @Test func aHomeLinkWithATrackingQueryOrAHomeWordIsStillHome() {
        #expect(WebAddress("https://money.avisa.no/?iid=badge_money")!.isHomePath)
        #expect(WebAddress("https://www.avisa.de/DE/Startseite/Startseite_node.html")!.isHomePath)
        #expect(!WebAddress("https://www.avisa.no/?p=1234")!.isHomePath)
        #expect(!WebAddress("https://www.avisa.no/nyheter/2024/sak.html")!.isHomePath)
    }
}
