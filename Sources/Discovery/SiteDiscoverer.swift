import CurlHTTP
import Foundation
import SVGValidation

/// Runs discovery for one organisation's website. (Pending.)
public struct SiteDiscoverer: Sendable {
    public let http: any HTTPFetching
    public let validator: SVGValidator

    public init(http: any HTTPFetching, validator: SVGValidator) {
        self.http = http
        self.validator = validator
    }

    /// `website` is the register's `hjemmeside` (no scheme) or a full URL.
    /// `registryEmail`/`registryPhone` are the register's own values, which become candidates too.
    public func discover(website: String, organisationName: String, registryEmail: String?, registryPhone: String?) async -> DiscoveryResult {
        DiscoveryResult(documentURL: nil, candidates: [], logo: nil, emails: [], phones: [], nameHints: [],
                        problems: [DiscoveryProblem(code: "discovery.not-implemented", message: "discovery is not built yet")])
    }

    /// Discovery over a saved page: `html` is treated as if fetched from `url`.
    public func discover(html: Data, url: String, organisationName: String?) async -> DiscoveryResult {
        DiscoveryResult(documentURL: url, candidates: [], logo: nil, emails: [], phones: [], nameHints: [],
                        problems: [DiscoveryProblem(code: "discovery.not-implemented", message: "discovery is not built yet")])
    }
}
