import Foundation
import SVGValidation
import TestSupport
@testable import Discovery

/// Runs the pure page analysis on an inline HTML string.
func analyse(_ html: String, url: String = "https://www.sauda.kommune.no/", organisation: String? = nil,
             contentType: String? = "text/html; charset=utf-8", pageTextNameHint: Bool = false) -> PageAnalysis {
    PageAnalyser.analyse(bytes: Array(html.utf8), contentType: contentType, url: WebAddress(url)!,
                         organisationName: organisation, pageTextNameHint: pageTextNameHint)
}

func analyse(bytes: [UInt8], url: String = "https://www.sauda.kommune.no/", contentType: String?) -> PageAnalysis {
    PageAnalyser.analyse(bytes: bytes, contentType: contentType, url: WebAddress(url)!, organisationName: nil)
}

func parse(_ html: String) -> HTMLTree {
    HTMLParser.parse(utf8: Array(html.utf8))
}

/// Discovery over the test web's site trees served in memory (`SiteTreeFetcher`), run on a thread
/// of its own (`OffPoolExecutor`): with no I/O to wait for, it would otherwise hold the
/// cooperative pool that the timing tests of other suites need.
struct SiteTreeDiscoverer: Sendable {
    let discoverer: SiteDiscoverer

    init(_ options: DiscoveryOptions = DiscoveryOptions()) {
        discoverer = SiteDiscoverer(http: SiteTreeFetcher(), validator: SVGValidator(), options: options)
    }

    func discover(
        website: String, organisationName: String, organisationNumber: String? = nil, registryEmail: String?,
        registryPhone: String?
    ) async -> DiscoveryResult {
        let discoverer = discoverer
        return await withTaskExecutorPreference(OffPoolExecutor.shared) {
            await discoverer.discover(
                website: website, organisationName: organisationName, organisationNumber: organisationNumber,
                registryEmail: registryEmail, registryPhone: registryPhone)
        }
    }

    func discover(html: Data, url: String, organisationName: String?) async -> DiscoveryResult {
        let discoverer = discoverer
        return await withTaskExecutorPreference(OffPoolExecutor.shared) {
            await discoverer.discover(html: html, url: url, organisationName: organisationName)
        }
    }
}
