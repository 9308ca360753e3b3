import LogoRendering

/// Bounds on how much discovery does for one site. The defaults keep a site to at most 8
/// requests: the home page (with scheme/host fallbacks and meta refreshes), a few logo files,
/// and a few contact pages when the home page lacks an email or phone.
public struct DiscoveryOptions: Sendable, Equatable {
    /// Total HTTP requests per site, all kinds. Default 8.
    public var maxFetches: Int
    /// Remote logo candidates fetched and validated (including `/favicon.svg`). Default 4.
    public var maxLogoFetches: Int
    /// Same-site contact pages followed when the home page lacks an email or phone. Default 3.
    public var maxContactPages: Int
    /// `<meta http-equiv="refresh">` hops followed from the home page. Default 2.
    public var maxMetaRefreshHops: Int
    /// Adds a `NameHint` with source `page-text`: the registered name as the page's visible
    /// text spells it (e.g. "Registerenheten i Brønnøysund" in a footer). Default off: the
    /// profile schema's `displaySource` does not list `page-text` yet.
    public var nameHintFromPageText: Bool
    /// Look the organisation up on Wikidata (by organisation number, P2333) when its site has no
    /// acceptable SVG logo. Needs the number (`discover(website:organisationName:organisationNumber:…)`).
    /// Costs at most 4 requests to the two hosts below, outside `maxFetches` (which bounds the
    /// organisation's own site). Default true.
    public var useWikidata: Bool
    /// The MediaWiki API of Wikidata (`action=query&list=search`, `action=wbgetentities`).
    /// Default `https://www.wikidata.org/w/api.php`.
    public var wikidataAPIURL: String
    /// Prefix a Commons file name is appended to (spaces as `_`, percent-encoded); the server
    /// redirects to the file itself. Default `https://commons.wikimedia.org/wiki/Special:FilePath/`.
    public var commonsFilePathURL: String
    /// Time budget for one organisation's site (home page, logos, contact pages, Wikidata), from
    /// the first request: requests still open then are cancelled, later ones are not made, the
    /// result holds what was found before, and `site.timeout` says so. nil (the default): none.
    /// The daemon's `organisation-timeout` sets it (default 90 s).
    public var organisationTimeout: Duration?
    /// Time one logo may take to draw (`LogoRenderer.Limits.timeLimit`), for the variant step here
    /// and the profile's renditions. The daemon's `render-time-limit` sets it (default 5 s).
    public var renderTimeLimit: Duration = LogoRenderer.Limits.default.timeLimit

    /// The renderer's limits with `renderTimeLimit`.
    public var renderLimits: LogoRenderer.Limits {
        var limits = LogoRenderer.Limits.default
        limits.timeLimit = renderTimeLimit
        return limits
    }

    public init(maxFetches: Int = 8, maxLogoFetches: Int = 4, maxContactPages: Int = 3, maxMetaRefreshHops: Int = 2,
                nameHintFromPageText: Bool = false, useWikidata: Bool = true,
                wikidataAPIURL: String = "https://www.wikidata.org/w/api.php",
                commonsFilePathURL: String = "https://commons.wikimedia.org/wiki/Special:FilePath/",
                organisationTimeout: Duration? = nil) {
        self.organisationTimeout = organisationTimeout
        self.useWikidata = useWikidata
        self.wikidataAPIURL = wikidataAPIURL
        self.commonsFilePathURL = commonsFilePathURL
        self.maxFetches = maxFetches
        self.maxLogoFetches = maxLogoFetches
        self.maxContactPages = maxContactPages
        self.maxMetaRefreshHops = maxMetaRefreshHops
        self.nameHintFromPageText = nameHintFromPageText
    }
}
