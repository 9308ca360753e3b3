import SVGValidation

/// What a logo looks like once drawn: the answer of `LogoRenderer.render(_:)`. A plain value;
/// every measure is defined in `InkAnalysis` and documented in docs/svg-findings.md.
public struct RenderReport: Sendable, Codable, Equatable {
    /// `usability.render-failed`, `usability.render-timeout`, `usability.blank-render` (errors: the
    /// logo is rejected), `usability.invisible-on-white`, `usability.mostly-margin` (warnings).
    public var findings: [SVGFinding]
    /// The analysis canvas: the document's own aspect ratio, longest side `Limits.analysisSide`.
    public var canvas: PixelSize?
    /// The smallest box of the canvas holding every pixel with any ink (alpha > 0); nil when blank.
    public var trimmedBox: PixelBox?
    /// `trimmedBox` width / height.
    public var aspectRatio: Double?
    /// Up to three colours that cover the most ink, most first, `#rrggbb`.
    public var brandColours: [String]
    public var kind: LogoKind?
    public var theme: LogoTheme?
    /// The numbers the findings, kind and theme were decided from.
    public var measures: InkMeasures?

    public init(
        findings: [SVGFinding], canvas: PixelSize? = nil, trimmedBox: PixelBox? = nil, aspectRatio: Double? = nil,
        brandColours: [String] = [], kind: LogoKind? = nil, theme: LogoTheme? = nil, measures: InkMeasures? = nil
    ) {
        self.findings = findings
        self.canvas = canvas
        self.trimmedBox = trimmedBox
        self.aspectRatio = aspectRatio
        self.brandColours = brandColours
        self.kind = kind
        self.theme = theme
        self.measures = measures
    }

    /// False when a finding is an error: the logo did not render, or nothing is visible.
    public var isUsable: Bool { !findings.contains { $0.severity == .error } }

    public var codes: [String] { findings.map(\.code) }
}

public struct PixelSize: Sendable, Codable, Equatable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// A rectangle of whole pixels; `x`, `y` from the top-left corner of the canvas.
public struct PixelBox: Sendable, Codable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// `wordmark`: the name is drawn (wide, or a row of letter-like shapes), possibly with a symbol;
/// `symbol`: a mark without a row of letters; `icon`: a near-square, filled tile or badge.
public enum LogoKind: String, Sendable, Codable, Equatable {
    case wordmark, symbol, icon
}

/// `dark`: dark marks, made for light backgrounds (shows on white); `light`: light marks, made for
/// dark backgrounds (`usability.invisible-on-white`).
public enum LogoTheme: String, Sendable, Codable, Equatable {
    case dark, light
}

/// The measured quantities behind a report (analysis canvas pixels; alpha counted 0...1).
public struct InkMeasures: Sendable, Codable, Equatable {
    /// Sum of alpha over the canvas: the area of fully opaque ink it amounts to, in pixels.
    public var ink: Double
    /// Share of the ink (alpha-weighted) whose colour, drawn on white, has a WCAG contrast
    /// ratio against white below `InkAnalysis.faintContrast`.
    public var faintOnWhiteShare: Double
    /// `ink` divided by the trimmed box's area: how much of its box the drawing fills.
    public var fill: Double
    /// The most separate shapes one horizontal line crosses (letters of a word make many).
    public var shapesInARow: Int

    public init(ink: Double, faintOnWhiteShare: Double, fill: Double, shapesInARow: Int) {
        self.ink = ink
        self.faintOnWhiteShare = faintOnWhiteShare
        self.fill = fill
        self.shapesInARow = shapesInARow
    }
}

/// A PNG of the trimmed logo at one height, on a transparent background.
public struct Rendition: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var png: [UInt8]

    public init(width: Int, height: Int, png: [UInt8]) {
        self.width = width
        self.height = height
        self.png = png
    }
}

/// A report and the renditions asked for (none when the report says the logo is not usable).
public struct RenderResult: Sendable, Equatable {
    public var report: RenderReport
    public var renditions: [Rendition]

    public init(report: RenderReport, renditions: [Rendition]) {
        self.report = report
        self.renditions = renditions
    }
}

extension SVGFinding.Code {
    // Rendering (librsvg): what a person would see. Documented in docs/svg-findings.md.
    public static let renderFailed = SVGFinding.Code(rawValue: "usability.render-failed")
    public static let renderTimeout = SVGFinding.Code(rawValue: "usability.render-timeout")
    public static let blankRender = SVGFinding.Code(rawValue: "usability.blank-render")
    public static let invisibleOnWhite = SVGFinding.Code(rawValue: "usability.invisible-on-white")
    public static let mostlyMargin = SVGFinding.Code(rawValue: "usability.mostly-margin")

    /// Every code the renderer can report (each documented in docs/logo-rendering.md).
    public static let rendering: [SVGFinding.Code] = [.renderFailed, .renderTimeout, .blankRender, .invisibleOnWhite, .mostlyMargin]
}
