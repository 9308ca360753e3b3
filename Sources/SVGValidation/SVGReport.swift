/// How serious a finding is. Any `error` rejects the logo.
public enum SVGSeverity: String, Sendable, Codable, Comparable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
    public static func < (lhs: SVGSeverity, rhs: SVGSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// One thing the validator noticed, with a stable code (documented in docs/svg-findings.md).
public struct SVGFinding: Sendable, Codable, Equatable {
    /// Stable dotted code such as `security.script-element`.
    public let code: String
    public let severity: SVGSeverity
    /// 1-based line in the input, when known.
    public let line: Int?
    /// One sentence a person can act on.
    public let message: String

    public init(code: String, severity: SVGSeverity, line: Int?, message: String) {
        self.code = code
        self.severity = severity
        self.line = line
        self.message = message
    }
}

/// The validator's answer for one document.
public enum SVGVerdict: String, Sendable, Codable {
    /// Safe to show and usable as a logo.
    case accepted
    /// At least one error finding.
    case rejected
}

public struct SVGReport: Sendable, Codable, Equatable {
    public let verdict: SVGVerdict
    public let findings: [SVGFinding]

    public init(findings: [SVGFinding]) {
        self.findings = findings
        self.verdict = findings.contains { $0.severity == .error } ? .rejected : .accepted
    }
}
