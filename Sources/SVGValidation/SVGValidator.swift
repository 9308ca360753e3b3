import CLibXML2

/// Validates untrusted SVG bytes. (First version pending: see issue 2.)
public struct SVGValidator: Sendable {
    public init() {}

    public func validate(_ bytes: [UInt8]) -> SVGReport {
        SVGReport(findings: [SVGFinding(code: "parse.not-implemented", severity: .error, line: nil, message: "validator not built yet")])
    }
}
