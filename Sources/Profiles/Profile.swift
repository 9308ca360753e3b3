import Foundation
import LogoRendering
import OrgModel
import SVGValidation

/// One sender profile: the JSON document consumers read from `<cache-dir>/profiles/<orgnr>.json`.
/// The format is versioned by `schemaVersion` and described by `schema/profile.schema.json`.
/// Additive changes keep the version; a removed or renamed key bumps it. Version 2 added what
/// rendering tells (`logo.kind`, `theme`, `brandColours`, `rendering`, `renditions`); version 1
/// profiles, which lack them, are still read.
public struct Profile: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 2

    public enum Status: String, Codable, Sendable {
        /// Active in the register.
        case active
        /// Deleted in the register (`slettedato`); values are kept but no longer refreshed.
        case deleted
        /// Removed from open data for legal reasons (HTTP 410): everything but this tombstone is purged.
        case removed
        /// The register no longer knows the number (404); earlier values are kept, marked stale.
        case unknown
    }

    public struct Name: Codable, Sendable, Equatable {
        /// As registered, usually in capitals: `DIGITALISERINGSDIREKTORATET`.
        public var registered: String
        /// As shown to citizens: `Digitaliseringsdirektoratet`.
        public var display: String
        /// Where the display casing came from: `json-ld`, `og:site_name`, `logo-alt`, `title`, or
        /// `sentence-case` when the organisation's own site did not spell the name.
        public var displaySource: String
        /// A short name the organisation goes by on its own site (`NAV`, `DSB`), when it has one.
        public var short: String?
        /// Where `short` came from: `og:site_name`, `json-ld`, `logo-alt` or `title`.
        public var shortSource: String?

        public init(registered: String, display: String, displaySource: String, short: String? = nil, shortSource: String? = nil) {
            self.registered = registered
            self.display = display
            self.displaySource = displaySource
            self.short = short
            self.shortSource = shortSource
        }
    }

    public struct CodeAndDescription: Codable, Sendable, Equatable {
        public var code: String
        public var description: String?
    }

    public struct Logo: Codable, Sendable, Equatable {
        /// Path of the SVG file relative to the cache directory: `logos/<orgnr>-<sha256 prefix>.svg`.
        public var file: String
        /// The SVG file's URL; for an SVG inline in the page, the page's URL (then `foundBy` is `inline-svg`).
        public var sourceURL: String?
        /// The page the logo was found on.
        public var foundOn: String?
        public var sha256: String
        /// `header-home-link`, `inline-svg`, `json-ld`, `icon-link`, `mask-icon`, `favicon-svg`, `hand-supplied`…
        public var foundBy: SourceCode
        /// 0...1: how sure discovery is that this is the organisation's logo.
        public var confidence: Double
        public var validation: SVGReport
        /// True when this logo was kept from an earlier refresh because the latest one failed.
        public var stale: Bool
        public var retrievedAt: Date
        /// `wordmark`, `symbol` or `icon`, from the rendered drawing (nil in version 1 profiles).
        public var kind: LogoKind?
        /// `dark`: dark marks, shows on white; `light`: made for dark backgrounds.
        public var theme: LogoTheme?
        /// Up to three colours covering the most ink, most first, `#rrggbb`.
        public var brandColours: [String]?
        /// What the rendering measured, and its findings (`usability.invisible-on-white`, ...).
        public var rendering: Rendering?
        /// PNGs of the trimmed logo beside the SVG, one per height (64 and 256 px).
        public var renditions: [Rendition]?
        /// The organisation's symbol when its site shows both a wordmark (this logo) and a symbol.
        public var symbol: Symbol?

        /// A symbol kept beside the wordmark: its own SVG file and renditions, named like the logo's.
        public struct Symbol: Codable, Sendable, Equatable {
            /// `logos/<orgnr>-<sha256 prefix>.svg`.
            public var file: String
            public var sourceURL: String?
            public var sha256: String
            /// How discovery found it (`header-home-link`, `inline-svg`, ...).
            public var foundBy: SourceCode
            /// `symbol` or `icon`.
            public var kind: LogoKind?
            public var theme: LogoTheme?
            public var brandColours: [String]?
            /// PNGs of the trimmed symbol, 64 and 256 px high.
            public var renditions: [Rendition]?

            /// The SVG and its renditions.
            public var files: [String] { [file] + (renditions ?? []).map(\.file) }
        }

        public struct Rendering: Codable, Sendable, Equatable {
            /// The analysis canvas in pixels: the logo's own aspect ratio, longest side 512.
            public var canvas: PixelSize
            /// The drawing's bounding box on that canvas (every pixel with any ink).
            public var trimmedBox: PixelBox
            /// `trimmedBox` width / height.
            public var aspectRatio: Double
            public var measures: InkMeasures
            public var findings: [SVGFinding]
        }

        public struct Rendition: Codable, Sendable, Equatable {
            /// Relative to the cache directory: `logos/<orgnr>-<sha256 prefix>-h<height>.png`.
            public var file: String
            /// `png`.
            public var format: String
            public var width: Int
            public var height: Int
        }

        /// The SVG Tiny PS (BIMI) copy beside the logo, or why there is none; absent in profiles
        /// written before the copy existed.
        public var tinyPS: TinyPS? = nil

        /// Every file of the cache directory this logo names: the SVG, its renditions, its Tiny PS
        /// copy and the symbol's files.
        public var files: [String] {
            [file] + (renditions ?? []).map(\.file) + (tinyPS?.file.map { [$0] } ?? []) + (symbol?.files ?? [])
        }
    }

    /// An SVG Tiny PS copy of the logo that differs from it only where the drawing stays the same
    /// (`TinyPSCopy`): written beside the logo as `logos/<logo name>.tiny-ps.svg`.
    public struct TinyPS: Codable, Sendable, Equatable {
        /// Path of the copy relative to the cache directory; null when the logo cannot be made
        /// Tiny PS without changing its drawing (then `blockers` says why).
        public var file: String?
        /// SHA-256 of the copy's bytes, when there is one.
        public var sha256: String?
        /// What the copy changed (`version`, `base-profile`, `title`, …; docs/svg-findings.md), also when blocked.
        public var fixes: [TinyPSFix]
        /// Our Tiny PS check's errors that only a change to the drawing could fix; empty when `file` is set.
        public var blockers: [SVGFinding]

        public init(file: String?, sha256: String?, fixes: [TinyPSFix], blockers: [SVGFinding]) {
            self.file = file
            self.sha256 = sha256
            self.fixes = fixes
            self.blockers = blockers
        }

        // `file` is always written, as null when blocked, so a consumer can test one key.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encodeIfPresent(sha256, forKey: .sha256)
            try container.encode(fixes, forKey: .fixes)
            try container.encode(blockers, forKey: .blockers)
        }
        private enum CodingKeys: String, CodingKey { case file, sha256, fixes, blockers }
    }

    /// The site's raster header logo, kept while there is no SVG logo (`logo` is nil) so staff see
    /// what the site shows while they ask for an SVG. Not a logo: the problems still say
    /// `logo.none-found`. Written beside the profile; removed once an SVG logo is found.
    public struct RasterFallback: Codable, Sendable, Equatable {
        /// Relative to the cache directory: `logos/<orgnr>-<sha256 prefix>.png|jpg|webp`.
        public var file: String
        /// The image's URL.
        public var sourceURL: String
        /// The page that shows it.
        public var foundOn: String?
        /// `header-home-link`, `logo-image`, `json-ld`, `itemprop-logo`, `og-logo`.
        public var foundBy: SourceCode
        /// `png`, `jpeg` or `webp`, read from the bytes.
        public var format: String
        /// Pixels, from the image header.
        public var width: Int
        public var height: Int
        public var byteCount: Int
        public var sha256: String
        /// True when kept from an earlier refresh because the latest one found no usable raster logo.
        public var stale: Bool
        public var retrievedAt: Date
    }

    public struct Email: Codable, Sendable, Equatable {
        public var value: String
        /// `mailto`, `json-ld`, `text`, `registry`…
        public var foundBy: SourceCode
        public var foundAt: String?
        public var stale: Bool
    }

    public struct Phone: Codable, Sendable, Equatable {
        /// `+4722451000`.
        public var e164: String
        /// Norwegian display form: `22 45 10 00`, `815 55 555`.
        public var display: String
        /// `tel`, `json-ld`, `text`, `registry`…
        public var foundBy: SourceCode
        public var foundAt: String?
        public var stale: Bool
    }

    public struct Problem: Codable, Sendable, Equatable {
        /// Stable code, e.g. `site.unreachable`, `logo.none-found`, `registry.unreachable`.
        public var code: ProblemCode
        public var message: String

        public init(code: ProblemCode, message: String) {
            self.code = code
            self.message = message
        }
    }

    public var schemaVersion: Int
    public var organisationNumber: String
    public var status: Status
    public var name: Name?
    public var organisationForm: CodeAndDescription?
    /// Where the register entry was read.
    public var registryURL: String?
    /// The website as registered (`hjemmeside`), with a scheme.
    public var website: String?
    /// The home page URL after redirects.
    public var websiteResolved: String?
    public var deletedOn: String?
    public var logo: Logo?
    /// Only while `logo` is nil: the site's raster header logo (see `RasterFallback`).
    public var logoRasterFallback: RasterFallback? = nil
    public var email: Email?
    public var phone: Phone?
    /// Everything that went wrong or is missing in the latest refresh; empty when all is well.
    public var problems: [Problem]
    /// When the latest refresh that reached the register finished.
    public var refreshedAt: Date
    /// The values staff approved (pinned) on the review page, only those fields; absent when none.
    /// The approvals themselves live in `<state-dir>/review/<orgnr>.json`.
    public var approved: ReviewApprovals? = nil
    /// Approved fields (`logo`, `email`, `phone`) for which the latest refresh found a different
    /// value: the approved value is kept in `logo`/`email`/`phone`; absent when none.
    public var changedSinceApproval: [String]? = nil
}

extension Profile {
    /// Encoder with the on-disk conventions: sorted keys, ISO-8601 dates, no escaped slashes.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
