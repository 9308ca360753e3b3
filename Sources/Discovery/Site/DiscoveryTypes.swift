import Foundation
import OrgModel
import SVGValidation

// The contract between discovery and the rest of orgprofile. Profiles and the CLI use only
// these types and `SiteDiscoverer`; everything else in this module is internal detail.

/// Where on a page a logo candidate came from. Raw values are stable (they appear in profiles).
public enum LogoSource: String, Sendable, Codable, CaseIterable {
    case headerHomeLink = "header-home-link"
    case inlineSVG = "inline-svg"
    case jsonLD = "json-ld"
    case itemprop = "itemprop-logo"
    case ogLogo = "og-logo"
    case iconLink = "icon-link"
    case maskIcon = "mask-icon"
    case faviconSVG = "favicon-svg"
    /// An `<img>`/`<object>` marked as a logo (class, id, alt or file name) outside a home link,
    /// e.g. a footer or partner-strip logo. Added after the first contract; switch with `default`.
    case logoImage = "logo-image"
    case handSupplied = "hand-supplied"
    /// The organisation's Wikidata item (logo P154 or coat of arms P94, a file on Commons),
    /// used only when the site has no acceptable SVG logo. `url` is the `Special:FilePath` URL.
    case wikidata = "wikidata"

    /// The profile's `foundBy` for a logo found this way (the same string).
    public var sourceCode: SourceCode {
        switch self {
        case .headerHomeLink: .headerHomeLink
        case .inlineSVG: .inlineSVG
        case .jsonLD: .jsonLD
        case .itemprop: .itempropLogo
        case .ogLogo: .ogLogo
        case .iconLink: .iconLink
        case .maskIcon: .maskIcon
        case .faviconSVG: .faviconSVG
        case .logoImage: .logoImage
        case .handSupplied: .handSupplied
        case .wikidata: .wikidata
        }
    }
}

/// One possible logo, with provenance and the reasons behind its score.
public struct LogoCandidate: Sendable, Codable, Equatable {
    public var source: LogoSource
    /// Absolute URL, resolved against `<base href>` and the document URL; nil for inline SVG,
    /// except an inline `<svg>` that only `<use>`s a symbol of a same-site sprite file: then the
    /// file's URL with the fragment (the drawing lives there; `inlineSVG` holds it copied in).
    public var url: String?
    /// Serialised inline `<svg>` element (with its namespace) when the logo is inline.
    public var inlineSVG: String?
    /// Short description of the element it came from, e.g. `header > a[href="/"] > img`.
    public var element: String
    public var score: Double
    public var reasons: [String]

    public init(source: LogoSource, url: String?, inlineSVG: String?, element: String, score: Double, reasons: [String]) {
        self.source = source
        self.url = url
        self.inlineSVG = inlineSVG
        self.element = element
        self.score = score
        self.reasons = reasons
    }
}

/// A candidate after it was fetched (if remote) and validated.
public struct EvaluatedLogoCandidate: Sendable, Codable, Equatable {
    public var candidate: LogoCandidate
    /// `accepted`, `rejected`, `raster`, `raster-in-svg`, `not-svg`, `unreachable` or `not-fetched`
    /// (each explained on `CandidateOutcome`). A raster page logo tried as the raster fallback keeps
    /// `raster` (its `detail` says whether it was kept, or why not), or becomes
    /// `not-svg`/`unreachable` when its bytes are no image or it could not be fetched.
    public var outcome: CandidateOutcome
    public var validation: SVGReport?
    /// Bytes of the SVG as a refresh would save it: kept on the winner, and on every inline SVG
    /// candidate that was validated (its serialised markup, with any sprite symbol copied in).
    public var svg: Data?
    /// One sentence on what happened when it was fetched ("HTTP 404", "PNG image, 12 KB").
    public var detail: String?
    /// Winner only: how sure discovery is that this is the organisation's logo (0…1), from its
    /// score and its lead over the next accepted candidate.
    public var confidence: Double?

    public init(candidate: LogoCandidate, outcome: CandidateOutcome, validation: SVGReport?, svg: Data?,
                detail: String? = nil, confidence: Double? = nil) {
        self.candidate = candidate
        self.outcome = outcome
        self.validation = validation
        self.svg = svg
        self.detail = detail
        self.confidence = confidence
    }
}

/// A raster header logo kept because no SVG logo was chosen: what the site shows, so staff see
/// it while an SVG is asked for. Never "the logo" (`DiscoveryResult.logo` stays nil). Its bytes
/// were checked as a still PNG, JPEG or WebP by their signature and header, never by extension
/// or Content-Type, and are within the size and pixel limits.
public struct RasterLogo: Sendable, Codable, Equatable {
    /// The image's URL as the page names it (resolved).
    public var url: String
    /// Where on the page it was found (`header-home-link`, `logo-image`, `json-ld`...).
    public var foundBy: LogoSource
    public var element: String
    public var format: RasterImageFormat
    public var width: Int
    public var height: Int
    /// The file as fetched.
    public var bytes: Data

    public init(url: String, foundBy: LogoSource, element: String, format: RasterImageFormat, width: Int, height: Int, bytes: Data) {
        self.url = url
        self.foundBy = foundBy
        self.element = element
        self.format = format
        self.width = width
        self.height = height
        self.bytes = bytes
    }
}

/// An email address or phone number with where it was found.
public struct ContactCandidate: Sendable, Codable, Equatable {
    /// Email: lower-cased address. Phone: E.164 (`+4722451000`).
    public var value: String
    /// Phone only: Norwegian display form (`22 45 10 00`).
    public var display: String?
    /// `mailto`, `tel`, `json-ld`, `text`, `cloudflare` (decoded email protection), `registry`.
    public var foundBy: SourceCode
    /// Page URL, or the registry URL.
    public var foundAt: String?
    public var score: Double
    public var reasons: [String]

    public init(value: String, display: String? = nil, foundBy: SourceCode, foundAt: String?, score: Double, reasons: [String]) {
        self.value = value
        self.display = display
        self.foundBy = foundBy
        self.foundAt = foundAt
        self.score = score
        self.reasons = reasons
    }
}

/// Something that went wrong or was missing, kept in the profile's `problems`.
public struct DiscoveryProblem: Sendable, Codable, Equatable {
    /// Stable code. Site: `site.unreachable`, `site.blocked` (bot wall), `site.http-error`,
    /// `site.no-html`, `site.invalid-address`; notes that do not stop discovery: `site.no-https`
    /// (https failed to connect or verify, the site was read over http), `site.script-only` (a
    /// JavaScript shell with little static HTML), `site.other-organisation-number` (the site
    /// prints organisation numbers, none of them the one looked up).
    /// Logo: `logo.none-found` whenever no SVG logo was chosen, together with `logo.all-rejected`
    /// (SVGs found, none passed validation) or `logo.only-raster` (only PNG/JPEG/ICO found; its
    /// message says when the page's raster logo is kept as `DiscoveryResult.rasterFallback`) when
    /// that is why; `logo.low-confidence` when a logo was chosen but only from a weak source
    /// (a favicon or mask icon, or a Wikidata item that names no website), for a person to check;
    /// `logo.raster-page-logo` when the chosen SVG is an icon while the page's own logo (header,
    /// JSON-LD…) is a raster image, whose URL the message gives.
    /// Wikidata fallback: `logo.from-wikidata` (the site had no acceptable SVG logo; the logo
    /// comes from the organisation's Wikidata item; replaces `logo.none-found`),
    /// `logo.wikidata-mismatch` (the item's official website is another site, so its logo was not
    /// used), `logo.wikidata-unusable` (the item's images were not acceptable SVGs).
    /// Contacts: `email.none-found`, `phone.none-found`, `contact.registry-disagrees` (the site's
    /// and the register's email or phone differ; the message names both and which won, and why).
    public var code: ProblemCode
    public var message: String

    public init(code: ProblemCode, message: String) {
        self.code = code
        self.message = message
    }
}

/// What the organisation calls itself on its own site, for display-name casing.
public struct NameHint: Sendable, Codable, Equatable {
    /// `json-ld`, `og:site_name`, `logo-alt`, `title`; and `page-text` (the registered name as
    /// the page's visible text spells it) when `DiscoveryOptions.nameHintFromPageText` is on.
    public var source: String
    public var text: String

    public init(source: String, text: String) {
        self.source = source
        self.text = text
    }
}

/// Everything discovery found for one website.
public struct DiscoveryResult: Sendable, Codable, Equatable {
    /// The URL of the home page after redirects, nil when it could not be fetched.
    public var documentURL: String?
    /// Every candidate, best first, with its outcome.
    public var candidates: [EvaluatedLogoCandidate]
    /// The winning candidate (an accepted SVG), with its bytes in `svg`.
    public var logo: EvaluatedLogoCandidate?
    public var emails: [ContactCandidate]
    public var phones: [ContactCandidate]
    public var nameHints: [NameHint]
    public var problems: [DiscoveryProblem]
    /// Valid organisation numbers printed on the site ("Org.nr. 974 760 673"), to check that the
    /// site belongs to the organisation it was looked up for. Empty when none were printed.
    public var organisationNumbers: [String]
    /// Only when `logo` is nil: the page's own raster logo, checked by its bytes (see `RasterLogo`).
    public var rasterFallback: RasterLogo?

    public init(documentURL: String?, candidates: [EvaluatedLogoCandidate], logo: EvaluatedLogoCandidate?,
                emails: [ContactCandidate], phones: [ContactCandidate], nameHints: [NameHint], problems: [DiscoveryProblem],
                organisationNumbers: [String] = [], rasterFallback: RasterLogo? = nil) {
        self.documentURL = documentURL
        self.candidates = candidates
        self.logo = logo
        self.emails = emails
        self.phones = phones
        self.nameHints = nameHints
        self.problems = problems
        self.organisationNumbers = organisationNumbers
        self.rasterFallback = rasterFallback
    }

    private enum CodingKeys: String, CodingKey {
        case documentURL, candidates, logo, emails, phones, nameHints, problems, organisationNumbers, rasterFallback
    }

    /// Tolerates results encoded before `organisationNumbers` and `rasterFallback` existed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        documentURL = try container.decodeIfPresent(String.self, forKey: .documentURL)
        candidates = try container.decode([EvaluatedLogoCandidate].self, forKey: .candidates)
        logo = try container.decodeIfPresent(EvaluatedLogoCandidate.self, forKey: .logo)
        emails = try container.decode([ContactCandidate].self, forKey: .emails)
        phones = try container.decode([ContactCandidate].self, forKey: .phones)
        nameHints = try container.decode([NameHint].self, forKey: .nameHints)
        problems = try container.decode([DiscoveryProblem].self, forKey: .problems)
        organisationNumbers = try container.decodeIfPresent([String].self, forKey: .organisationNumbers) ?? []
        rasterFallback = try container.decodeIfPresent(RasterLogo.self, forKey: .rasterFallback)
    }

    /// The best email and phone (first of each list).
    public var email: ContactCandidate? { emails.first }
    public var phone: ContactCandidate? { phones.first }
}
