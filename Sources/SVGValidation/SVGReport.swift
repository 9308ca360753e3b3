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
    /// Stable dotted code such as `security.script-element` (see `SVGFinding.Code`).
    public let code: String
    public let severity: SVGSeverity
    /// 1-based line in the input, when known (the first occurrence when `count > 1`).
    public let line: Int?
    /// One sentence a person can act on.
    public let message: String
    /// How many times the same code and message occurred (repeats are folded into one finding).
    public let count: Int

    public init(code: String, severity: SVGSeverity, line: Int?, message: String) {
        self.init(code: code, severity: severity, line: line, message: message, count: 1)
    }

    public init(code: String, severity: SVGSeverity, line: Int?, message: String, count: Int) {
        self.code = code
        self.severity = severity
        self.line = line
        self.message = message
        self.count = max(1, count)
    }

    public init(_ code: Code, severity: SVGSeverity, line: Int?, message: String, count: Int = 1) {
        self.init(code: code.rawValue, severity: severity, line: line, message: message, count: count)
    }

    private enum CodingKeys: String, CodingKey { case code, severity, line, message, count }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try container.decode(String.self, forKey: .code),
            severity: try container.decode(SVGSeverity.self, forKey: .severity),
            line: try container.decodeIfPresent(Int.self, forKey: .line),
            message: try container.decode(String.self, forKey: .message),
            count: try container.decodeIfPresent(Int.self, forKey: .count) ?? 1)
    }
}

/// The validator's answer for one document.
public enum SVGVerdict: String, Sendable, Codable {
    /// Safe to show and usable as a logo.
    case accepted
    /// At least one error finding.
    case rejected
}

/// Size the logo declares for itself, from `width`/`height` and `viewBox` on the root.
public struct SVGIntrinsicSize: Sendable, Codable, Equatable {
    /// `width` in CSS pixels when it is absolute (unitless, px, pt, pc, mm, cm, in).
    public var width: Double?
    /// `height` in CSS pixels when it is absolute.
    public var height: Double?
    /// `viewBox` as min-x, min-y, width, height, when well formed.
    public var viewBox: [Double]?

    public init(width: Double? = nil, height: Double? = nil, viewBox: [Double]? = nil) {
        self.width = width
        self.height = height
        self.viewBox = viewBox
    }

    /// Width divided by height, from width/height when both are absolute, else from the viewBox.
    public var aspectRatio: Double? {
        if let width, let height, width > 0, height > 0 { return width / height }
        if let viewBox, viewBox.count == 4, viewBox[2] > 0, viewBox[3] > 0 { return viewBox[2] / viewBox[3] }
        return nil
    }
}

/// Conformance to SVG Tiny Portable/Secure (the BIMI logo profile), reported beside the verdict.
public struct SVGTinyPSReport: Sendable, Codable, Equatable {
    /// Each violated rule, severity as the profile states it (MUST → error, SHOULD → warning).
    public let findings: [SVGFinding]

    public init(findings: [SVGFinding]) { self.findings = findings }

    /// True when no MUST rule of the profile is broken.
    public var conforms: Bool { !findings.contains { $0.severity == .error } }
}

public struct SVGReport: Sendable, Codable, Equatable {
    public let verdict: SVGVerdict
    public let findings: [SVGFinding]
    /// Size of the input in bytes, as given to the validator.
    public let byteCount: Int?
    /// The declared size, when the document got far enough to be read.
    public let intrinsicSize: SVGIntrinsicSize?
    /// SVG Tiny PS conformance, when the document parsed; `nil` when it never got that far.
    public let tinyPS: SVGTinyPSReport?

    public init(findings: [SVGFinding]) {
        self.init(findings: findings, byteCount: nil, intrinsicSize: nil, tinyPS: nil)
    }

    public init(findings: [SVGFinding], byteCount: Int?, intrinsicSize: SVGIntrinsicSize?, tinyPS: SVGTinyPSReport?) {
        self.findings = findings
        self.verdict = findings.contains { $0.severity == .error } ? .rejected : .accepted
        self.byteCount = byteCount
        self.intrinsicSize = intrinsicSize
        self.tinyPS = tinyPS
    }

    /// Codes of all findings, in order, for quick checks (`report.codes.contains(...)`).
    public var codes: [String] { findings.map(\.code) }

    /// Findings at or above a severity.
    public func findings(atLeast severity: SVGSeverity) -> [SVGFinding] {
        findings.filter { $0.severity >= severity }
    }
}
