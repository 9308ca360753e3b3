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

    public init(maxFetches: Int = 8, maxLogoFetches: Int = 4, maxContactPages: Int = 3, maxMetaRefreshHops: Int = 2,
                nameHintFromPageText: Bool = false) {
        self.maxFetches = maxFetches
        self.maxLogoFetches = maxLogoFetches
        self.maxContactPages = maxContactPages
        self.maxMetaRefreshHops = maxMetaRefreshHops
        self.nameHintFromPageText = nameHintFromPageText
    }
}
