/// One change the Tiny PS copy made. Stable codes, documented in `docs/svg-findings.md`
/// ("The Tiny PS copy"); none changes what is drawn.
public enum TinyPSFix: String, Sendable, Codable, CaseIterable, Comparable {
    /// `version="1.2"` set on `<svg>`.
    case version
    /// `baseProfile="tiny-ps"` set on `<svg>`.
    case baseProfile = "base-profile"
    /// `<title>` written as the first child of `<svg>` (the organisation's name), other titles removed.
    case title
    /// `x`/`y` removed from the root `<svg>` (they have no effect on an outermost `<svg>`).
    case rootPosition = "root-position"
    /// Root attributes with a value Tiny PS forbids and no effect on a still picture removed
    /// (`zoomAndPan`, `focusable`, `externalResourcesRequired`, `playbackOrder`, `snapshotTime`, `timelineBegin`).
    case fixedAttributes = "fixed-attributes"
    /// A relative `width`/`height` (`100%`) removed from `<svg>`; the viewBox gives the shape.
    case relativeSize = "relative-size"
    /// A missing viewBox written from an absolute `width` and `height` (`0 0 W H` in pixels).
    case viewBox = "viewbox"
    /// A bare external DOCTYPE removed.
    case doctype
    case comments
    /// `<metadata>` removed (with the RDF editors put there).
    case metadata
    /// Elements, attributes and namespace declarations of editors (Inkscape, Sodipodi, Illustrator, Sketch, Serif) removed.
    case editorMarkup = "editor-markup"
    /// Elements in any other namespace than SVG removed: renderers never draw them.
    case foreignElements = "foreign-elements"
    /// Attributes that never draw removed: `data-*`, `aria-*`, `tabindex`, `enable-background`,
    /// XLink attributes other than `href`, and the same names inside `style`.
    case invisibleAttributes = "invisible-attributes"
    /// `<title>`/`<desc>` outside the root's children, and empty `<desc>`, removed.
    case documentation
    /// `<defs>` children nothing references, and empty `<defs>`, removed.
    case unusedDefinitions = "unused-definitions"
    /// `xlink:href` on `<use>` written as `href`.
    case useHref = "use-href"
    /// A `<style>` sheet of plain class rules written onto the elements as presentation attributes, then removed.
    case stylesheet
    /// `style` attributes written as presentation attributes.
    case styleAttributes = "style-attributes"

    public static func < (lhs: TinyPSFix, rhs: TinyPSFix) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The outcome of `TinyPSCopy.make`: the copy's bytes when it conforms, what was changed, and
/// what keeps it from conforming otherwise.
public struct TinyPSCopyResult: Sendable {
    /// The copy, or nil when it cannot be made Tiny PS without changing the drawing.
    public let bytes: [UInt8]?
    /// What the copy changed, in a fixed order; also filled when the copy is blocked.
    public let fixes: [TinyPSFix]
    /// Why there is no copy: the errors our Tiny PS check still finds after every fix (or the
    /// original's own errors when it is not an accepted logo). Empty when `bytes` is set.
    public let blockers: [SVGFinding]
    /// Warnings the copy still has (non-square viewBox, one colour, a long title).
    public let warnings: [SVGFinding]
}

/// Makes an SVG Tiny PS (BIMI) copy of an accepted logo with only changes that leave the
/// drawing as it was: the profile's root attributes, a `<title>`, and markup that is never drawn
/// removed or rewritten (see `TinyPSFix`). What is left is judged by the same validator with the
/// `.tinyPS` profile; any error left is a blocker and no copy is made.
public enum TinyPSCopy {
    /// - Parameters:
    ///   - title: the organisation's display name for `<title>`; nil keeps the logo's own first
    ///     non-empty title (and blocks when it has none).
    public static func make(_ bytes: [UInt8], title: String?, limits: SVGLimits = .default) -> TinyPSCopyResult {
        let original = SVGValidator(limits: limits, profile: .default).validate(bytes)
        guard original.verdict == .accepted else {
            // Only an accepted logo is copied: a fix must never turn a rejected file into one that passes.
            return TinyPSCopyResult(bytes: nil, fixes: [], blockers: original.findings(atLeast: .error), warnings: [])
        }
        guard let (copy, fixSet) = TinyPSRewriter.rewrite(bytes, title: title) else {
            let finding = SVGFinding(
                .malformed, severity: .error, line: nil, message: "The logo could not be parsed again to make its Tiny PS copy.")
            return TinyPSCopyResult(bytes: nil, fixes: [], blockers: [finding], warnings: [])
        }
        let fixes = fixSet.sorted()
        // The copy is judged by the same rules as any logo, with every Tiny PS MUST rule an error.
        let report = SVGValidator(limits: limits, profile: .tinyPS).validate(copy)
        let errors = report.findings(atLeast: .error)
        guard errors.isEmpty else { return TinyPSCopyResult(bytes: nil, fixes: fixes, blockers: errors, warnings: []) }
        let warnings = report.tinyPS?.findings.filter { $0.severity == .warning } ?? []
        return TinyPSCopyResult(bytes: copy, fixes: fixes, blockers: [], warnings: warnings)
    }
}
