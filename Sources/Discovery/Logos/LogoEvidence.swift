/// What the page says about one possible logo, before scoring. Collected by
/// `LogoCandidateCollector`, scored by `LogoRanking` (a pure function of these values).
struct LogoEvidence: Sendable, Equatable {
    struct SpriteReference: Sendable, Equatable {
        /// As written in the page, which is what the serialised SVG contains.
        var written: String
        /// Absolute, with the fragment naming the symbol.
        var url: String
    }

    enum FormatHint: String, Sendable, Equatable {
        case svg, raster, unknown
    }

    var source: LogoSource
    /// Absolute http(s) URL; nil for inline SVG.
    var url: String?
    var inlineSVG: String?
    /// Inline SVG only: `<use href="/sprite.svg#logo">` resolved to an absolute URL (with its
    /// fragment); the sprite is fetched and the symbol copied in before validation.
    var spriteReference: SpriteReference?
    /// Short selector-like description of the element.
    var element: String
    /// Position in the document (smaller is earlier); breaks ties.
    var documentOrder: Int
    var format: FormatHint = .unknown

    // Where the element sits.
    var region = PageRegion()
    /// Inside an `<a>` that leads to the site's home page.
    var inHomeLink = false
    /// Inside an `<a>` that leads to another site.
    var linksToOtherSite = false
    /// Inside an `<a>` that leads to the front page of another host of the same site
    /// (`mail.`, `app.`, `shop.`): a sub-product, not this site's home.
    var linksToSubProduct = false
    var isSocialIcon = false
    /// `icon` in the element's own class or id (and no `logo`): a UI icon such as a house.
    var iconMarker = false
    /// Inside a breadcrumb trail, whose first link is "home" and often an icon.
    var inBreadcrumb = false
    /// `logo`/`brand` in the class or id of the element, its link or a close ancestor.
    var logoMarker = false
    /// `avatar`, `author`, `profile`, `portrait` or `photo` in the element's own class or id.
    var photoMarker = false
    /// alt, title, aria-label and link text seen on the element and its link.
    var labels: [String] = []
    var declaredWidth: Int?
    var declaredHeight: Int?
    /// The image is on a host outside the site (not inline, not a same-site CDN).
    var thirdPartyHost = false

    // Declared sources.
    /// JSON-LD: the organisation node's name matches the organisation.
    var declaringNodeMatchesName = false
    /// JSON-LD: the organisation node's `url` is this site.
    var declaringNodeMatchesSite = false
    /// JSON-LD: the organisation node names an organisation, or a site, other than this one.
    var declaringNodeNamesOther = false
    /// `link rel` tokens, for icon links.
    var relTokens: [String] = []
    /// An image in a `<picture>`: the other `<source>`s (and the `<img>`) with their `media`, the
    /// variants of this logo the page itself declares (`prefers-color-scheme`).
    var pictureAlternatives: [PictureAlternative] = []

    struct PictureAlternative: Sendable, Equatable {
        /// Absolute URL of another `<source>` (or the `<img>`) of the same `<picture>`.
        var url: String
        /// Its `media` attribute, lower-cased, when it has one.
        var media: String?
    }
}
