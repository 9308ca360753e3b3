import CurlHTTP
import Foundation
import OrgModel
import SVGValidation
import Testing
import TestSupport
@testable import Discovery

/// Orchestration against the loopback test web with the real HTTP client: failures become the
/// right problems, the fetch budget holds, and saved pages work.
@Suite struct SiteFetchTests {
    static func discoverer(_ options: DiscoveryOptions = DiscoveryOptions()) -> SiteDiscoverer {
        SiteDiscoverer(http: CurlHTTPClient(settings: TestWeb.shared.settings(maxRetries: 0)), validator: SVGValidator(),
                       options: options)
    }

    @Test(arguments: [
        ("https://faults.test/status/404", ProblemCode.siteHTTPError),
        ("https://faults.test/status/403", .siteHTTPError),  // a 403 without bot-wall markers is just an error
        ("https://faults.test/", .siteNoHTML),  // text/plain
        ("www.nedetid.test", .siteUnreachable),  // resets every connection
        ("https://faults.test/redirect-loop", .siteUnreachable),
        ("https://faults.test/redirect-private", .siteUnreachable),  // the address guard refuses 10.x
        ("not a website", .siteInvalidAddress),
    ])
    func unusableSitesBecomeProblems(website: String, code: ProblemCode) async {
        let result = await Self.discoverer().discover(website: website, organisationName: "X", registryEmail: "Post@X.no",
                                                      registryPhone: "22 33 44 55")
        #expect(result.problems.first?.code == code, "\(result.problems)")
        #expect(result.logo == nil)
        #expect(result.candidates.isEmpty)
        // The register's own contacts still come through.
        #expect(result.email?.value == "post@x.no")
        #expect(result.email?.foundBy == .registry)
        #expect(result.phone?.value == "+4722334455")
    }

    @Test func svgIconChosenOverARasterHeaderLogoSaysSo() async throws {
        // Sokkeldirektoratet: the header logo is a PNG; the SVG is only an icon link.
        let result = await Self.discoverer().discover(website: "www.sodir.no", organisationName: "SOKKELDIREKTORATET",
                                                      registryEmail: nil, registryPhone: nil)
        #expect(result.logo?.candidate.source == .iconLink)
        let note = try #require(result.problems.first { $0.code == .logoRasterPageLogo }, "\(result.problems)")
        let header = try #require(result.candidates.first { $0.candidate.source == .headerHomeLink })
        #expect(header.outcome == .raster)
        #expect(note.message.contains(header.candidate.url ?? "-"))
    }

    @Test func pageLogoWinningIsNotFlagged() async {
        let result = await Self.discoverer().discover(website: "www.mattilsynet.no", organisationName: "MATTILSYNET",
                                                      registryEmail: nil, registryPhone: nil)
        #expect(result.logo?.candidate.source == .headerHomeLink)
        #expect(!result.problems.contains { $0.code == .logoRasterPageLogo })
    }

    @Test func siteThatPrintsAnotherOrganisationNumberIsFlagged() async {
        // Datatilsynet's footer prints "Org.nr. 974 761 467".
        let other = await Self.discoverer().discover(website: "www.datatilsynet.no", organisationName: "DATATILSYNET",
                                                     organisationNumber: "974760673", registryEmail: nil, registryPhone: nil)
        let flag = other.problems.first { $0.code == .siteOtherOrganisationNumber }
        #expect(flag?.message.contains("974761467") == true, "\(other.problems)")
        let own = await Self.discoverer().discover(website: "www.datatilsynet.no", organisationName: "DATATILSYNET",
                                                   organisationNumber: "974761467", registryEmail: nil, registryPhone: nil)
        #expect(own.organisationNumbers == ["974761467"])
        #expect(!own.problems.contains { $0.code == .siteOtherOrganisationNumber })
    }

    @Test func pagesAreAskedForInNorwegianAsHTML() async throws {
        var budget = FetchBudget(limit: 1)
        let outcome = await HomePageFetcher(http: CurlHTTPClient(settings: TestWeb.shared.settings(maxRetries: 0)))
            .fetch(WebAddress("https://faults.test/echo-headers")!, budget: &budget)
        guard case .page(let response, _, _) = outcome else { Issue.record("not fetched: \(outcome)"); return }
        let headers = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: String])
        let languages = (headers["accept-language"] ?? "").split(separator: ",").map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces) }
        #expect(languages == ["nb-NO", "nb", "no", "nn", "en"])
        #expect(headers["accept"]?.hasPrefix("text/html,application/xhtml+xml") == true)
    }

    @Test(arguments: ["selfsigned.test", "wrong-name.test"])
    func tlsFailureFallsBackToPlainHTTP(website: String) async {
        let result = await Self.discoverer().discover(website: website, organisationName: "X", registryEmail: nil, registryPhone: nil)
        #expect(result.documentURL == "http://\(website)/")
        #expect(result.problems.first?.code == .siteNoHTTPS, "\(result.problems)")
        #expect(result.problems.first?.message.contains("https://\(website)/") == true)
    }

    @Test func fetchBudgetOfOneReadsOnlyTheHomePage() async {
        let result = await Self.discoverer(DiscoveryOptions(maxFetches: 1))
            .discover(website: "www.arbeidstilsynet.no", organisationName: "ARBEIDSTILSYNET", registryEmail: nil, registryPhone: "73199700")
        #expect(result.documentURL == "https://www.arbeidstilsynet.no/")
        #expect(!result.candidates.isEmpty)
        #expect(result.candidates.allSatisfy { $0.outcome == .notFetched || $0.outcome == .raster || $0.candidate.inlineSVG != nil })
        // Email and phone are only on /kontakt/, which the budget does not reach; the register's phone remains.
        #expect(result.problems.map(\.code).contains(.emailNoneFound))
        #expect(result.phone?.value == "+4773199700")
        #expect(result.phone?.foundBy == .registry)
    }

    @Test func contactPagesAreFollowedWhenTheHomePageHasNoContacts() async {
        let result = await Self.discoverer()
            .discover(website: "www.arbeidstilsynet.no", organisationName: "ARBEIDSTILSYNET", registryEmail: nil, registryPhone: nil)
        #expect(result.email?.value == "post@arbeidstilsynet.no")
        #expect(result.email?.foundAt?.contains("/kontakt") == true)
    }

    @Test func registryAgreeingWithTheSiteIsNotDuplicated() async {
        let result = await Self.discoverer()
            .discover(website: "www.digdir.no", organisationName: "DIGITALISERINGSDIREKTORATET",
                      registryEmail: "postmottak@digdir.no", registryPhone: "22 45 10 00")
        #expect(result.emails.filter { $0.value == "postmottak@digdir.no" }.count == 1)
        #expect(result.email?.value == "postmottak@digdir.no")
        #expect(result.email?.reasons.contains { $0.contains("also found by") } == true)
        #expect(result.phone?.value == "+4722451000")
    }

    @Test func registryDisagreeingWithTheSiteSaysWhichWonAndWhy() async throws {
        let result = await Self.discoverer()
            .discover(website: "www.digdir.no", organisationName: "DIGITALISERINGSDIREKTORATET",
                      registryEmail: "digdir@gmail.com", registryPhone: "22 33 44 55")
        // The site's own role inbox and labelled switchboard beat the register's values here.
        #expect(result.email?.value == "postmottak@digdir.no")
        #expect(result.phone?.value == "+4722451000")
        let disagreements = result.problems.filter { $0.code == .contactRegistryDisagrees }
        #expect(disagreements.count == 2, "\(result.problems)")
        let email = try #require(disagreements.first { $0.message.contains("email") })
        #expect(email.message.contains("postmottak@digdir.no") && email.message.contains("digdir@gmail.com"))
        #expect(email.message.contains("the site's was chosen"))
        let phone = try #require(disagreements.first { $0.message.contains("phone") })
        #expect(phone.message.contains("22 45 10 00") && phone.message.contains("22 33 44 55"))
        #expect(result.email?.reasons.contains("+0 chosen over the register's digdir@gmail.com") == true)
        #expect(result.phone?.reasons.contains("+0 chosen over the register's +4722334455") == true)
    }

    @Test func registryAgreeingIsNoDisagreement() async {
        let result = await Self.discoverer()
            .discover(website: "www.digdir.no", organisationName: "DIGITALISERINGSDIREKTORATET",
                      registryEmail: "postmottak@digdir.no", registryPhone: "22451000")
        #expect(!result.problems.contains { $0.code == .contactRegistryDisagrees }, "\(result.problems)")
    }

    @Test func savedPageIsAnalysedAsIfFetchedFromItsURL() async {
        let html = """
            <html><head><title>Lagret side</title></head><body>
            <header><a href="/"><img src="_/asset/no.mattilsynet.web:1731400000/img/mattilsynet-logo.svg" alt="Mattilsynet"></a></header>
            <footer>Sentralbord: 22 40 00 00 · <a href="mailto:postmottak@mattilsynet.no">postmottak@mattilsynet.no</a></footer>
            </body></html>
            """
        let result = await Self.discoverer().discover(html: Data(html.utf8), url: "https://www.mattilsynet.no/", organisationName: "Mattilsynet")
        #expect(result.documentURL == "https://www.mattilsynet.no/")
        let top = result.candidates.first
        #expect(top?.candidate.url == "https://www.mattilsynet.no/_/asset/no.mattilsynet.web:1731400000/img/mattilsynet-logo.svg")
        #expect(top?.outcome == .accepted || top?.outcome == .rejected)  // fetched and sniffed as SVG
        #expect(result.email?.value == "postmottak@mattilsynet.no")
        #expect(result.phone?.display == "22 40 00 00")
        #expect(result.nameHints.contains(NameHint(source: "title", text: "Lagret side")))
    }

    @Test func inlineSVGUsingASpriteFileGetsTheSymbolCopiedIn() async throws {
        let html = """
            <header><a href="/"><svg viewBox="0 0 300 80" aria-label="Sokkeldirektoratet"><use xlink:href="/icons/sodir.svg#Layer_1"></use></svg></a></header>
            """
        let result = await Self.discoverer().discover(html: Data(html.utf8), url: "https://www.sodir.no/", organisationName: "SOKKELDIREKTORATET")
        let inline = try #require(result.candidates.first { $0.candidate.inlineSVG != nil })
        #expect(inline.detail?.contains("copied from https://www.sodir.no/icons/sodir.svg#Layer_1") == true, "\(inline.detail ?? "")")
        // The page's <svg> draws nothing itself: the symbol in the sprite file is the logo's provenance.
        #expect(inline.candidate.url == "https://www.sodir.no/icons/sodir.svg#Layer_1")
        #expect(inline.candidate.source == .headerHomeLink)
        let svg = try #require(inline.candidate.inlineSVG)
        #expect(svg.contains("<defs><svg"))
        #expect(svg.contains("xlink:href=\"#Layer_1\""))
        #expect(XMLWellFormedness.check(svg))
        #expect(
            result.logo?.candidate.source == .headerHomeLink,
            "\(result.candidates.map { "\($0.candidate.source) \($0.outcome) \($0.validation?.findings.map(\.code) ?? [])" })")
    }

    @Test func missingSpriteLeavesTheInlineSVGAsItIs() async throws {
        let html = #"<header><a href="/"><svg viewBox="0 0 10 10" class="logo"><use href="/no-such-sprite.svg#logo"/></svg></a></header>"#
        let result = await Self.discoverer().discover(html: Data(html.utf8), url: "https://www.sodir.no/", organisationName: "X")
        let inline = try #require(result.candidates.first { $0.candidate.inlineSVG != nil })
        #expect(inline.detail?.contains("HTTP 404") == true, "\(inline.detail ?? "")")
        #expect(inline.candidate.inlineSVG?.contains("/no-such-sprite.svg#logo") == true)
    }

    @Test func softNotFoundFaviconIsNotACandidate() async {
        // www.brreg.no answers /favicon.svg with a 200 HTML page.
        let result = await Self.discoverer()
            .discover(website: "www.brreg.no", organisationName: "REGISTERENHETEN I BRØNNØYSUND", registryEmail: nil, registryPhone: nil)
        #expect(!result.candidates.contains { $0.candidate.source == .faviconSVG })
        let handler = result.candidates.first { $0.candidate.url?.contains("/handlers/bv.ashx/") == true }
        #expect(handler?.outcome == .accepted || handler?.outcome == .rejected)  // octet-stream, sniffed as SVG
    }
}

@Suite("Bot walls")
struct BotWallTests {
    static func response(_ status: Int, _ headers: [(String, String)], _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers.map { (name: $0.0.lowercased(), value: $0.1) }, body: Data(body.utf8),
                     effectiveURL: "https://www.x.no/", redirectCount: 0)
    }

    @Test func cloudflareChallengeIsBlocked() {
        let problem = HomePageFetcher.problem(with: Self.response(403, [("cf-mitigated", "challenge"), ("server", "cloudflare")],
                                                                  "<title>Just a moment...</title>"))
        #expect(problem?.code == .siteBlocked)
        #expect(problem?.message.contains("Cloudflare") == true)
    }

    @Test func incapsulaIsBlocked() {
        let problem = HomePageFetcher.problem(with: Self.response(503, [("set-cookie", "incap_ses_123=abc; path=/")],
                                                                  "<html><body>Request unsuccessful. Incapsula incident ID: 1</body></html>"))
        #expect(problem?.code == .siteBlocked)
        #expect(problem?.message.contains("Incapsula") == true)
    }

    @Test func plainServerErrorIsNotBlocked() {
        #expect(HomePageFetcher.problem(with: Self.response(503, [("server", "nginx")], "Service Unavailable"))?.code == .siteHTTPError)
        #expect(HomePageFetcher.problem(with: Self.response(200, [("content-type", "text/html")], "<p>ok</p>")) == nil)
        #expect(HomePageFetcher.problem(with: Self.response(200, [("content-type", "image/png")], "x"))?.code == .siteNoHTML)
    }

    @Test(arguments: [
        ("www.digdir.no", "https://www.digdir.no/"), (" WWW.Digdir.NO ", "https://www.digdir.no/"),
        ("http://x.kommune.no/", "http://x.kommune.no/"), ("https://www.statsforvalteren.no/nb/vestfold-og-telemark/",
                                                           "https://www.statsforvalteren.no/nb/vestfold-og-telemark/"),
    ])
    func registerWebsitesAreNormalised(website: String, expected: String) {
        #expect(SiteAddress.startAddress(website)?.description == expected)
    }
}
