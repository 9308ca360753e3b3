import Foundation

/// Icons declared in a web app manifest (`<link rel="manifest">`), as logo evidence. Only
/// fetched when the page itself offers no strong SVG-capable candidate.
enum WebAppManifest {
    static let headers: [(name: String, value: String)] = [
        ("Accept", "application/manifest+json,application/json;q=0.9,*/*;q=0.1"),
    ]

    /// `icons[]` entries with their `src` resolved against the manifest's own URL.
    static func iconEvidence(_ data: Data, manifestURL: WebAddress, site: WebAddress) -> [LogoEvidence] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let icons = object["icons"] as? [Any] else { return [] }
        var result: [LogoEvidence] = []
        for (offset, value) in icons.enumerated() {
            guard let icon = value as? [String: Any], let src = icon["src"] as? String,
                  let address = manifestURL.resolve(src) else { continue }
            let type = icon["type"] as? String
            let sizes = icon["sizes"] as? String
            let purpose = icon["purpose"] as? String
            let details = [type, sizes, purpose.map { "purpose \($0)" }].compactMap { $0 }.joined(separator: ", ")
            var evidence = LogoEvidence(source: .iconLink, url: address.description,
                                        element: "link[rel=\"manifest\"] icons[\(offset)]" + (details.isEmpty ? "" : " (\(details))"),
                                        documentOrder: 10_000_000 + offset)
            evidence.format = LogoCandidateCollector.formatHint(url: address, type: type)
            evidence.thirdPartyHost = !address.isSameSite(as: site)
            evidence.relTokens = ["manifest"]
            result.append(evidence)
        }
        return result
    }

    /// The first `<link rel="manifest">`.
    static func link(in tree: HTMLTree, resolver: DocumentURLResolver) -> WebAddress? {
        for index in tree.elements(named: "link") where LogoCandidateCollector.relTokens(tree[index]).contains("manifest") {
            if let href = tree[index].attribute("href"), let address = resolver.resolve(href) { return address }
        }
        return nil
    }

    /// Worth a request only when nothing on the page is a strong candidate that may be SVG.
    static func isWorthFetching(_ ranked: [LogoCandidate], evidence: [LogoEvidence]) -> Bool {
        let rasterURLs = Set(evidence.filter { $0.format == .raster }.compactMap(\.url))
        return !ranked.contains { $0.score >= 50 && !($0.url.map(rasterURLs.contains) ?? false) }
    }
}
