/// Hard bounds on what the validator will read. Anything over a bound is an error finding, and
/// the work stops there, so hostile input cannot make validation slow or large.
public struct SVGLimits: Sendable, Equatable, Codable {
    /// Largest input accepted, in bytes, checked before parsing. Default 1 MiB: real logos are
    /// far smaller (the largest in our corpus is 62 KB), BIMI's own 32 KB bar is reported separately.
    public var maxBytes: Int
    /// Deepest element nesting. Default 32 (libxml2 itself stops at 256).
    public var maxDepth: Int
    /// Most elements in the document. Default 5 000.
    public var maxElements: Int
    /// Most attributes on one element. Default 64 (real logos peak near 15).
    public var maxAttributesPerElement: Int
    /// Most nodes a `<use>`/`href` expansion may produce before it counts as amplification. Default 20 000.
    public var maxExpandedNodes: Int

    public init(
        maxBytes: Int = 1 << 20,
        maxDepth: Int = 32,
        maxElements: Int = 5_000,
        maxAttributesPerElement: Int = 64,
        maxExpandedNodes: Int = 20_000
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxElements = maxElements
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxExpandedNodes = maxExpandedNodes
    }

    public static let `default` = SVGLimits()
}

/// Which bar a logo must clear.
public enum SVGProfile: String, Sendable, Codable, CaseIterable {
    /// Safe and usable: the security and usability rules. Tiny PS conformance is only reported.
    case `default`
    /// As `default`, and every SVG Tiny PS (BIMI) MUST rule becomes an error.
    case tinyPS = "tiny-ps"
}
