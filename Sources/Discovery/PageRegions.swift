/// Where on the page an element sits, read from its ancestors: header, navigation, footer,
/// cookie banner, partner strip. Used for logos and contacts alike.
struct PageRegion: Sendable, Equatable {
    var inHeader = false
    var inNav = false
    var inFooter = false
    var inCookieBanner = false
    var inPartnerSection = false
    /// Within the first quarter of the page's elements (sites without a `<header>` element).
    var earlyInPage = false
    /// The nearest enclosing landmark as a short selector (`header`, `footer`, `nav`, `[role=banner]`).
    var landmark: String?
}

struct PageRegions {
    let tree: HTMLTree
    private let bodyStart: Int
    private let elementCount: Int

    init(tree: HTMLTree) {
        self.tree = tree
        bodyStart = tree.first("body") ?? 0
        elementCount = tree.nodes.count
    }

    func region(of index: Int) -> PageRegion {
        var region = PageRegion()
        let span = max(1, elementCount - bodyStart)
        region.earlyInPage = index > bodyStart && Double(index - bodyStart) / Double(span) < 0.25
        for ancestor in [index] + tree.ancestors(of: index) {
            let node = tree[ancestor]
            // Body classes such as `has-cookie-banner` or `with-header` describe the page, not a region.
            guard node.kind == .element, node.name != "html", node.name != "body" else { continue }
            let role = node.attribute("role")?.lowercased()
            let marks = PageRegions.markers(of: node)
            if node.name == "footer" || role == "contentinfo" || PageRegions.containsAny(marks, ["footer", "bunnfelt", "site-foot", "page-foot"]) {
                region.inFooter = true
                region.landmark = region.landmark ?? (node.name == "footer" ? "footer" : "[role=contentinfo]")
            }
            if node.name == "header" || role == "banner"
                || PageRegions.containsAny(marks, ["header", "masthead", "topbar", "top-bar", "site-head", "navbar", "toppfelt", "branding"]) {
                region.inHeader = true
                region.landmark = region.landmark ?? (node.name == "header" ? "header" : "[role=banner]")
            }
            if node.name == "nav" || role == "navigation" {
                region.inNav = true
                region.landmark = region.landmark ?? "nav"
            }
            if PageRegions.containsAny(marks, ["cookie", "consent", "gdpr", "samtykke", "cookiebot", "onetrust", "cc-banner", "cc-window", "personvern-banner"]) {
                region.inCookieBanner = true
            }
            if PageRegions.containsAny(marks, ["partner", "samarbeid", "sponsor", "supported-by", "stottet-av", "logo-wall", "logowall"]) || hasPartnerHeading(ancestor) {
                region.inPartnerSection = true
            }
        }
        // A footer's own heading elements are named "header" in some themes; the footer wins.
        if region.inFooter { region.inHeader = false }
        return region
    }

    /// A direct child heading such as "Samarbeidspartnere" or "Våre partnere".
    private func hasPartnerHeading(_ index: Int) -> Bool {
        for child in tree[index].children where ["h1", "h2", "h3", "h4", "h5", "h6"].contains(tree[child].name) {
            let text = tree.textContent(of: child).lowercased()
            if text.contains("partner") || text.contains("samarbeid") || text.contains("sponsor") || text.contains("støttet av") {
                return true
            }
        }
        return false
    }

    /// Lower-cased class, id and aria-label of an element, joined.
    static func markers(of node: HTMLTree.Node) -> String {
        [node.attribute("class"), node.attribute("id"), node.attribute("aria-label")]
            .compactMap { $0 }.joined(separator: " ").lowercased()
    }

    static func containsAny(_ text: String, _ needles: [String]) -> Bool {
        needles.contains { text.contains($0) }
    }
}
