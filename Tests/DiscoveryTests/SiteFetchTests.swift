import CurlHTTP
import Foundation
import SVGValidation
import Testing
import TestSupport
@testable import Discovery

/// Orchestration against the loopback test web with the real HTTP client: unusable sites become
/// the right problems, pages are asked for as HTML in Norwegian, TLS failures fall back to HTTP.
/// What discovery makes of the sites' contents: `SiteDiscoveryTests`.
@Suite struct SiteFetchTests {
    static func discoverer(_ options: DiscoveryOptions = DiscoveryOptions()) -> SiteDiscoverer {
        SiteDiscoverer(http: CurlHTTPClient(settings: TestWeb.shared.settings(maxRetries: 0)), validator: SVGValidator(),
                       options: options)
    }

    @Test(arguments: [
        ("https://faults.test/status/404", "site.http-error"),
        ("https://faults.test/status/403", "site.http-error"),  // a 403 without bot-wall markers is just an error
        ("https://faults.test/", "site.no-html"),  // text/plain
        ("www.nedetid.test", "site.unreachable"),  // resets every connection
        ("https://faults.test/redirect-loop", "site.unreachable"),
        ("https://faults.test/redirect-private", "site.unreachable"),  // the address guard refuses 10.x
        ("not a website", "site.invalid-address"),
    ])
    func unusableSitesBecomeProblems(website: String, code: String) async {
        let result = await Self.discoverer().discover(website: website, organisationName: "X", registryEmail: "Post@X.no",
                                                      registryPhone: "22 33 44 55")
        #expect(result.problems.first?.code == code, "\(result.problems)")
        #expect(result.logo == nil)
        #expect(result.candidates.isEmpty)
        // The register's own contacts still come through.
        #expect(result.email?.value == "post@x.no")
        #expect(result.email?.foundBy == "registry")
        #expect(result.phone?.value == "+4722334455")
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
        #expect(result.problems.first?.code == "site.no-https", "\(result.problems)")
        #expect(result.problems.first?.message.contains("https://\(website)/") == true)
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
        #expect(problem?.code == "site.blocked")
        #expect(problem?.message.contains("Cloudflare") == true)
    }

    @Test func incapsulaIsBlocked() {
        let problem = HomePageFetcher.problem(with: Self.response(503, [("set-cookie", "incap_ses_123=abc; path=/")],
                                                                  "<html><body>Request unsuccessful. Incapsula incident ID: 1</body></html>"))
        #expect(problem?.code == "site.blocked")
        #expect(problem?.message.contains("Incapsula") == true)
    }

    @Test func plainServerErrorIsNotBlocked() {
        #expect(HomePageFetcher.problem(with: Self.response(503, [("server", "nginx")], "Service Unavailable"))?.code == "site.http-error")
        #expect(HomePageFetcher.problem(with: Self.response(200, [("content-type", "text/html")], "<p>ok</p>")) == nil)
        #expect(HomePageFetcher.problem(with: Self.response(200, [("content-type", "image/png")], "x"))?.code == "site.no-html")
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
