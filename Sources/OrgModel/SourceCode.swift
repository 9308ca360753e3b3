/// How a profile value was found: `foundBy` of a profile's logo, email and phone, and of discovery's
/// contact candidates. Documented in `docs/profile.schema.json`; add new ones there too. Encodes as
/// its plain string, so profiles read and write exactly as they did when sources were strings, and a
/// code written by a newer version is kept as it is.
public struct SourceCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    // A logo on the organisation's own site (the raw values of Discovery's `LogoSource`).
    public static let headerHomeLink = SourceCode(rawValue: "header-home-link")
    public static let inlineSVG = SourceCode(rawValue: "inline-svg")
    public static let logoImage = SourceCode(rawValue: "logo-image")
    public static let itempropLogo = SourceCode(rawValue: "itemprop-logo")
    public static let ogLogo = SourceCode(rawValue: "og-logo")
    public static let iconLink = SourceCode(rawValue: "icon-link")
    public static let maskIcon = SourceCode(rawValue: "mask-icon")
    public static let faviconSVG = SourceCode(rawValue: "favicon-svg")
    /// A logo from the organisation's Wikidata item.
    public static let wikidata = SourceCode(rawValue: "wikidata")

    /// JSON-LD on the page: an Organization's `logo`, `email` or `telephone`.
    public static let jsonLD = SourceCode(rawValue: "json-ld")

    // Email and phone on the site.
    public static let mailto = SourceCode(rawValue: "mailto")
    public static let tel = SourceCode(rawValue: "tel")
    /// Visible text, read with Norwegian rules.
    public static let text = SourceCode(rawValue: "text")
    /// An address behind Cloudflare's email protection, decoded.
    public static let cloudflare = SourceCode(rawValue: "cloudflare")
    /// A reply-to address in the page's `<meta>` tags.
    public static let meta = SourceCode(rawValue: "meta")
    /// The register's own `epostadresse` / `telefon`.
    public static let registry = SourceCode(rawValue: "registry")

    /// Supplied by hand (operator overrides); wins over everything found.
    public static let handSupplied = SourceCode(rawValue: "hand-supplied")
}
