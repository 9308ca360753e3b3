import CurlHTTP
import Foundation
import OrgModel

/// Counts requests so one site never costs more than `DiscoveryOptions.maxFetches`.
struct FetchBudget: Sendable {
    private(set) var used = 0
    let limit: Int

    var remaining: Int { max(0, limit - used) }

    /// Takes `count` requests if available; returns how many were granted.
    mutating func take(_ count: Int = 1) -> Int {
        let granted = min(count, remaining)
        used += granted
        return granted
    }
}

/// The register's `hjemmeside` ("www.digdir.no", "http://x.kommune.no/", " WWW.X.NO ") as the
/// URLs to try, in order.
enum SiteAddress {
    /// The first address to fetch; nil when the text cannot be a web address.
    static func startAddress(_ website: String) -> WebAddress? {
        var text = website.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, !text.contains(" ") else { return nil }
        if text.lowercased().hasPrefix("www.") == false, text.contains("://") == false, text.hasPrefix("//") { text.removeFirst(2) }
        if !text.contains("://") { text = "https://" + text }
        guard let address = WebAddress(text), address.host.contains(".") else { return nil }
        return address
    }

    /// `www.x.no` ↔ `x.no`.
    static func toggledWWW(_ address: WebAddress) -> WebAddress {
        var copy = address
        copy.host = address.host.hasPrefix("www.") ? String(address.host.dropFirst(4)) : "www." + address.host
        return copy
    }
}

/// Fetches an organisation's home page: https first, http when https cannot connect or fails
/// TLS, the other of `www.`/apex when the name does not resolve; then follows
/// `<meta http-equiv="refresh">` on the same site.
struct HomePageFetcher {
    let http: any HTTPFetching

    static let pageHeaders: [(name: String, value: String)] = [
        ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"),
        ("Accept-Language", "nb-NO,nb;q=0.9,no;q=0.8,nn;q=0.7,en;q=0.5"),
    ]

    enum Outcome {
        /// The page, and a note when it was only reached after falling back (https → http).
        case page(HTTPResponse, WebAddress, DiscoveryProblem?)
        case failed(DiscoveryProblem)
    }

    func fetch(_ start: WebAddress, budget: inout FetchBudget) async -> Outcome {
        var attempts: [WebAddress] = [start]
        var lastError: HTTPError?
        var tried: Set<String> = []
        while let address = attempts.first {
            attempts.removeFirst()
            guard tried.insert(address.description).inserted else { continue }
            guard budget.take() == 1 else { break }
            do {
                let response = try await http.fetch(HTTPRequest(url: address.description, kind: .page, headers: Self.pageHeaders))
                var note: DiscoveryProblem?
                if let lastError, address.scheme == "http", start.scheme == "https" {
                    note = DiscoveryProblem(code: .siteNoHTTPS,
                                            message: "\(lastError.url): \(lastError.message); the site was read over plain http")
                }
                return .page(response, WebAddress(response.effectiveURL) ?? address, note)
            } catch let error as HTTPError {
                lastError = error
                if error.code == .couldNotResolve, tried.count < 3 {
                    attempts.append(SiteAddress.toggledWWW(address))
                } else if (error.code == .couldNotConnect || error.code == .tlsFailure), address.scheme == "https", tried.count < 3 {
                    var plain = address
                    plain.scheme = "http"
                    attempts.append(plain)
                }
            } catch {
                lastError = HTTPError(code: .transport, url: address.description, message: "\(error)")
            }
        }
        let message = lastError.map { "\($0.url): \($0.message)" } ?? "\(start): no request could be made"
        return .failed(DiscoveryProblem(code: .siteUnreachable, message: message))
    }

    /// A problem for a completed response that is not a usable HTML page, or nil.
    static func problem(with response: HTTPResponse) -> DiscoveryProblem? {
        let url = response.effectiveURL
        if !(200..<300).contains(response.status) {
            if [403, 429, 503].contains(response.status), let wall = botWall(response) {
                return DiscoveryProblem(code: .siteBlocked, message: "\(url): HTTP \(response.status) from \(wall) bot protection; try again later")
            }
            return DiscoveryProblem(code: .siteHTTPError, message: "\(url): HTTP \(response.status)")
        }
        let type = response.header("content-type")
        guard ContentSniffer.isHTML(contentType: type, body: Array(response.body.prefix(4096))) else {
            return DiscoveryProblem(code: .siteNoHTML, message: "\(url): not an HTML page (\(type ?? "no Content-Type"))")
        }
        return nil
    }

    /// Cloudflare, Incapsula/Imperva, Akamai, DDoS-Guard and similar challenge pages.
    static func botWall(_ response: HTTPResponse) -> String? {
        let headers = response.headers.map { "\($0.name): \($0.value)".lowercased() }.joined(separator: "\n")
        let body = String(decoding: response.body.prefix(16384), as: UTF8.self).lowercased()
        if headers.contains("cf-mitigated:") || headers.contains("cf-chl") || body.contains("cf-chl") || body.contains("/cdn-cgi/challenge-platform")
            || (headers.contains("server: cloudflare") && (body.contains("just a moment") || body.contains("attention required"))) {
            return "Cloudflare"
        }
        if headers.contains("x-iinfo:") || headers.contains("incap_ses") || headers.contains("visid_incap")
            || headers.contains("x-cdn: imperva") || headers.contains("x-cdn: incapsula") || body.contains("_incapsula_resource")
            || body.contains("incapsula incident") {
            return "Incapsula"
        }
        if headers.contains("server: ddos-guard") || body.contains("ddos-guard") { return "DDoS-Guard" }
        if headers.contains("server: akamaighost") && body.contains("access denied") { return "Akamai" }
        if body.contains("captcha") && body.count < 20000 { return "a CAPTCHA" }
        return nil
    }
}
