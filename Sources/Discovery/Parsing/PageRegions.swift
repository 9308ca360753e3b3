/// Where on the page an element sits, read from its ancestors: header, navigation, footer,
/// cookie banner, partner strip. Used for logos and contacts alike.
struct PageRegion: Sendable, Equatable {
    var inHeader = false
    var inNav = false
    var inFooter = false
    var inCookieBanner = false
    var inPartnerSection = false
    /// Inside an article's own content (`<article>`, `itemprop=articleBody`, `.article-body`, a
    /// byline): addresses there are usually the author's, not the organisation's.
    var inArticle = false
    /// Within the first quarter of the page's elements (sites without a `<header>` element).
    var earlyInPage = false
    /// The nearest enclosing landmark as a short selector (`header`, `footer`, `nav`, `[role=banner]`).
    var landmark: String?
}

struct PageRegions {
    let tree: HTMLTree
    private let bodyStart: Int
    private let elementCount: Int
    /// Per-element facts from the element itself, computed on first use (many candidates share
    /// ancestors, and a page can have tens of thousands of elements).
    private let ownFacts = FactCache()

    private final class FactCache {
        var facts: [Int: OwnFacts] = [:]
        /// `region(of:)` before the per-element adjustments.
        var inherited: [Int: PageRegion] = [:]
    }

    private struct OwnFacts {
        var footer = false, header = false, nav = false, cookie = false, partner = false, article = false
        var landmark: String?
    }

    init(tree: HTMLTree) {
        self.tree = tree
        bodyStart = tree.first("body") ?? 0
        elementCount = tree.nodes.count
    }

    func region(of index: Int) -> PageRegion {
        var region = inheritedRegion(of: index)
        let span = max(1, elementCount - bodyStart)
        region.earlyInPage = index > bodyStart && Double(index - bodyStart) / Double(span) < 0.25
        // A footer's own heading elements are named "header" in some themes; the footer wins.
        if region.inFooter { region.inHeader = false }
        return region
    }

    /// The facts of the element and all its ancestors (the nearest landmark wins), remembered per
    /// element: walking every ancestor for every candidate costs the page's depth each time, and
    /// pages can be nested hundreds of thousands of levels deep.
    private func inheritedRegion(of index: Int) -> PageRegion {
        var unknown: [Int] = []
        var region = PageRegion()
        var current: Int? = index
        while let node = current {
            if let known = ownFacts.inherited[node] {
                region = known
                break
            }
            unknown.append(node)
            current = tree[node].parent
        }
        for node in unknown.reversed() {
            let facts = ownFacts(of: node)
            if facts.footer { region.inFooter = true }
            if facts.header { region.inHeader = true }
            if facts.nav { region.inNav = true }
            if facts.cookie { region.inCookieBanner = true }
            if facts.partner { region.inPartnerSection = true }
            if facts.article { region.inArticle = true }
            if let landmark = facts.landmark { region.landmark = landmark }
            ownFacts.inherited[node] = region
        }
        return region
    }

    private func ownFacts(of index: Int) -> OwnFacts {
        if let cached = ownFacts.facts[index] { return cached }
        var facts = OwnFacts()
        let node = tree[index]
        // Body classes such as `has-cookie-banner` or `with-header` describe the page, not a region.
        if node.kind == .element, node.name != "html", node.name != "body" {
            let role = node.attribute("role")?.lowercased()
            let marks = PageRegions.markers(of: node)
            if node.name == "footer" || role == "contentinfo" || PageRegions.containsAny(marks, ["footer", "bunnfelt", "site-foot", "page-foot"]) {
                facts.footer = true
                facts.landmark = node.name == "footer" ? "footer" : "[role=contentinfo]"
            }
            if node.name == "header" || role == "banner"
                || PageRegions.containsAny(marks, ["header", "masthead", "topbar", "top-bar", "site-head", "navbar", "toppfelt", "branding"]) {
                facts.header = true
                facts.landmark = facts.landmark ?? (node.name == "header" ? "header" : "[role=banner]")
            }
            if node.name == "nav" || role == "navigation" {
                facts.nav = true
                facts.landmark = facts.landmark ?? "nav"
            }
            facts.article = node.name == "article" || role == "article" || node.attribute("itemprop")?.lowercased() == "articlebody"
                || PageRegions.containsAny(marks, ["article-body", "articlebody", "article__body", "story-body", "entry-content",
                                                   "post-content", "byline", "author"])
            facts.cookie = PageRegions.containsAny(marks, ["cookie", "consent", "gdpr", "samtykke", "cookiebot", "onetrust", "cc-banner", "cc-window"])
            facts.partner = PageRegions.containsAny(marks, ["partner", "samarbeid", "sponsor", "supported-by", "stottet-av", "logo-wall", "logowall"])
                || hasPartnerHeading(index)
        }
        ownFacts.facts[index] = facts
        return facts
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

    /// Substring search on UTF-8 bytes; Foundation's `contains` is slow on Linux and this runs
    /// for every ancestor of every candidate.
    static func containsAny(_ text: String, _ needles: [String]) -> Bool {
        guard !text.isEmpty else { return false }
        let haystack = Array(text.utf8)
        return needles.contains { needle in
            let pattern = Array(needle.utf8)
            guard let first = pattern.first, pattern.count <= haystack.count else { return false }
            var start = 0
            while start + pattern.count <= haystack.count {
                if haystack[start] == first && haystack[start..<start + pattern.count].elementsEqual(pattern) { return true }
                start += 1
            }
            return false
        }
    }
}
