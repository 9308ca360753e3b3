/// The stable code of a profile problem (`problems[].code` in a profile, `DiscoveryProblem.code`).
/// Each is documented in README's "problems" list; add new ones there too. Encodes as its plain
/// string, so profiles read and write exactly as they did when codes were strings.
public struct ProblemCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    // The register (Enhetsregisteret).
    public static let registryUnreachable = ProblemCode(rawValue: "registry.unreachable")
    public static let registryNotFound = ProblemCode(rawValue: "registry.not-found")
    public static let registryDeleted = ProblemCode(rawValue: "registry.deleted")
    public static let registryRemoved = ProblemCode(rawValue: "registry.removed")

    // The website: what stopped discovery, and notes that did not.
    public static let siteNoneRegistered = ProblemCode(rawValue: "site.none-registered")
    public static let siteInvalidAddress = ProblemCode(rawValue: "site.invalid-address")
    public static let siteUnreachable = ProblemCode(rawValue: "site.unreachable")
    public static let siteBlocked = ProblemCode(rawValue: "site.blocked")
    public static let siteHTTPError = ProblemCode(rawValue: "site.http-error")
    public static let siteNoHTML = ProblemCode(rawValue: "site.no-html")
    public static let siteTimeout = ProblemCode(rawValue: "site.timeout")
    public static let siteNoHTTPS = ProblemCode(rawValue: "site.no-https")
    public static let siteScriptOnly = ProblemCode(rawValue: "site.script-only")
    public static let siteOtherOrganisationNumber = ProblemCode(rawValue: "site.other-organisation-number")

    // The logo.
    public static let logoNoneFound = ProblemCode(rawValue: "logo.none-found")
    public static let logoAllRejected = ProblemCode(rawValue: "logo.all-rejected")
    public static let logoOnlyRaster = ProblemCode(rawValue: "logo.only-raster")
    public static let logoKeptStale = ProblemCode(rawValue: "logo.kept-stale")
    public static let logoLowConfidence = ProblemCode(rawValue: "logo.low-confidence")
    public static let logoRasterPageLogo = ProblemCode(rawValue: "logo.raster-page-logo")
    public static let logoFromWikidata = ProblemCode(rawValue: "logo.from-wikidata")
    public static let logoWikidataMismatch = ProblemCode(rawValue: "logo.wikidata-mismatch")
    public static let logoWikidataUnusable = ProblemCode(rawValue: "logo.wikidata-unusable")
    /// The chosen logo rendered as nothing visible, or could not be rendered: it was not used.
    public static let logoRenderRejected = ProblemCode(rawValue: "logo.render-rejected")
    /// The logo is too light to see on white and the site offers no variant for light
    /// backgrounds: kept, with `theme: light`; a version for light backgrounds must be asked for.
    public static let logoLightOnly = ProblemCode(rawValue: "logo.light-only")

    // Email and phone.
    public static let emailNoneFound = ProblemCode(rawValue: "email.none-found")
    public static let phoneNoneFound = ProblemCode(rawValue: "phone.none-found")
    public static let contactRegistryDisagrees = ProblemCode(rawValue: "contact.registry-disagrees")

    // Hand-supplied values (overrides).
    public static let overrideUnreadable = ProblemCode(rawValue: "override.unreadable")
    public static let overrideLogoRejected = ProblemCode(rawValue: "override.logo-rejected")
    public static let overrideEmailInvalid = ProblemCode(rawValue: "override.email-invalid")
    public static let overridePhoneInvalid = ProblemCode(rawValue: "override.phone-invalid")
    public static let overrideUnknownKeys = ProblemCode(rawValue: "override.unknown-keys")

    // Review: values staff approved.
    /// The refresh found a value other than the approved one; the approved one is kept.
    public static let reviewChangedSinceApproval = ProblemCode(rawValue: "review.changed-since-approval")
}
