import CurlHTTP
import Foundation
import TestSupport
import Testing

/// The in-memory site trees answer as the loopback test web does (status, final URL, redirects,
/// content type, body), so a suite that uses them tests the same sites.
@Suite struct SiteTreeFetcherTests {
    static let urls: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: sitesPath)) ?? []).sorted()
        .filter { !$0.hasPrefix(".") && !unanswered.contains($0) }.map { "https://\($0)/" }
        + [
            "http://www.nkom.no/",  // https_only
            "https://nkom.no/om/?x=1",  // redirect_all keeps path and query
            "https://www.smaavik.test/kontakt/",  // http_only, and a charset from _config.json
            "https://www.skatteetaten.no/",  // redirects: 302
            "https://www.arbeidstilsynet.no/kontakt",  // a folder without its slash
            "https://www.brreg.no/favicon.svg",  // headers: Content-Type
            "https://www.brreg.no/_config.json",  // never served
            "https://www.digdir.no/no-such-page/",  // 404
            "https://www.digdir.no/%2e%2e/_config.json",  // never above the host folder
            "http://no-such-host.test/",
        ]

    /// Hosts where the loopback test web answers no request (a reset, TLS failures).
    static let unanswered = ["www.nedetid.test", "selfsigned.test", "wrong-name.test"]

    static var sitesPath: String { TestWeb.testWebDirectory.appendingPathComponent("sites").path }

    @Test func everySiteIsCompared() {
        #expect(Self.urls.count > 40)
    }

    @Test(arguments: urls)
    func answersAsTheTestWebDoes(url: String) async throws {
        let request = HTTPRequest(url: url, kind: .page)
        let inMemory = try? await SiteTreeFetcher().fetch(request)
        let loopback = try? await CurlHTTPClient(settings: TestWeb.shared.settings(maxRetries: 0)).fetch(request)
        let expected = try #require(loopback, "the test web did not answer \(url)")
        let answer = try #require(inMemory, "the site trees did not answer \(url)")
        #expect(answer.status == expected.status)
        #expect(answer.effectiveURL == expected.effectiveURL)
        #expect(answer.redirectCount == expected.redirectCount)
        #expect(answer.header("content-type") == expected.header("content-type"))
        #expect(answer.header("location") == expected.header("location"))
        #expect(answer.body == expected.body)
    }

    @Test func aHostThatResetsEveryConnectionFailsToo() async {
        await #expect(throws: HTTPError.self) {
            try await SiteTreeFetcher().fetch(HTTPRequest(url: "https://www.nedetid.test/", kind: .page))
        }
    }

    @Test func theRegisterAndWikidataAreOnlyOnTheTestWeb() async throws {
        for url in ["https://data.brreg.no/enhetsregisteret/api/enheter/991825827", "https://www.wikidata.org/w/api.php"] {
            #expect(try await SiteTreeFetcher().fetch(HTTPRequest(url: url, kind: .other)).status == 404)
        }
    }

    @Test func theBodyLimitHolds() async throws {
        let error = await #expect(throws: HTTPError.self) {
            try await SiteTreeFetcher().fetch(HTTPRequest(url: "https://www.digdir.no/", kind: .page, bodyLimit: 100))
        }
        #expect(error?.code == .bodyTooLarge)
    }
}
