/// Validates untrusted SVG bytes as a logo to show to citizens.
///
/// Order matters: cheap, bounded byte checks first; then a linear pre-scan of tag shapes
/// (`MarkupPrescan`, because libxml2 is quadratic in attributes per tag); then libxml2 with the safe option set
/// (see `LibXML2Parser`); then native rules on a copied tree under `SVGLimits`. No global
/// libxml2 state is touched, so one validator can be used from many tasks at once.
public struct SVGValidator: Sendable {
    public let limits: SVGLimits
    public let profile: SVGProfile

    public init() {
        self.init(limits: .default, profile: .default)
    }

    /// - Parameters:
    ///   - limits: hard bounds on size and shape (see `SVGLimits` for the defaults).
    ///   - profile: `.default` reports SVG Tiny PS only in `SVGReport.tinyPS`; `.tinyPS` also
    ///     turns every Tiny PS violation into a finding with the profile's severity.
    public init(limits: SVGLimits = .default, profile: SVGProfile = .default) {
        self.limits = limits
        self.profile = profile
    }

    public func validate(_ bytes: [UInt8]) -> SVGReport {
        var collector = FindingCollector()
        collector.add(contentsOf: ByteInspection.inspect(bytes, limits: limits))
        if collector.hasError {
            return SVGReport(findings: Self.ordered(collector.findings), byteCount: bytes.count, intrinsicSize: nil, tinyPS: nil)
        }

        let prescan = MarkupPrescan.check(bytes, limits: limits)
        if let finding = prescan.finding {
            collector.add(finding)
            return SVGReport(findings: Self.ordered(collector.findings), byteCount: bytes.count, intrinsicSize: nil, tinyPS: nil)
        }

        let parsed = LibXML2Parser.parse(bytes, limits: limits, tagLines: prescan.tags)
        DocumentRules.check(parsed, into: &collector)
        guard parsed.wellFormed, let root = parsed.root else {
            if !collector.hasError {
                collector.add(.malformed, .error, line: nil, "The file is not well-formed XML; re-export the SVG.")
            }
            return SVGReport(findings: Self.ordered(collector.findings), byteCount: bytes.count, intrinsicSize: nil, tinyPS: nil)
        }
        collector.add(contentsOf: parsed.limitFindings)

        let references = SecurityRules.check(root, into: &collector)
        ReferenceGraph.check(root, references: references, limits: limits, into: &collector)

        // A truncated tree would give misleading usability and profile answers.
        guard parsed.limitFindings.isEmpty else {
            return SVGReport(findings: Self.ordered(collector.findings), byteCount: bytes.count, intrinsicSize: nil, tinyPS: nil)
        }
        let size = UsabilityRules.check(root, byteCount: bytes.count, into: &collector)
        let tinyPS = SVGTinyPSReport(findings: TinyPSRules.check(root, byteCount: bytes.count))
        if profile == .tinyPS {
            collector.add(contentsOf: tinyPS.findings)
        }
        return SVGReport(findings: Self.ordered(collector.findings), byteCount: bytes.count, intrinsicSize: size, tinyPS: tinyPS)
    }

    /// Errors first, then warnings, then info; within a severity, by line.
    private static func ordered(_ findings: [SVGFinding]) -> [SVGFinding] {
        findings.enumerated().sorted { lhs, rhs in
            if lhs.element.severity != rhs.element.severity { return lhs.element.severity > rhs.element.severity }
            let left = lhs.element.line ?? Int.max
            let right = rhs.element.line ?? Int.max
            if left != right { return left < right }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
