/// Gathers findings, folding repeats (same code and message) into one with a count, and
/// bounding how many distinct findings a hostile file can produce.
struct FindingCollector {
    static let maxDistinct = 100

    private(set) var findings: [SVGFinding] = []
    private var indexByKey: [String: Int] = [:]
    private var overflowIndex: Int?

    mutating func add(_ code: SVGFinding.Code, _ severity: SVGSeverity, line: Int?, _ message: String) {
        add(SVGFinding(code, severity: severity, line: line, message: message))
    }

    mutating func add(_ finding: SVGFinding) {
        let key = "\(finding.code)\u{0}\(finding.severity.rawValue)\u{0}\(finding.message)"
        if let index = indexByKey[key] {
            let existing = findings[index]
            findings[index] = SVGFinding(
                code: existing.code, severity: existing.severity, line: existing.line ?? finding.line,
                message: existing.message, count: existing.count + finding.count)
            return
        }
        guard findings.count < Self.maxDistinct else {
            // Never drop an error silently: the overflow note carries the worst dropped severity.
            let worst = max(finding.severity, overflowIndex.map { findings[$0].severity } ?? .info)
            let note = SVGFinding(
                .tooManyFindings, severity: worst, line: nil,
                message: "More than \(Self.maxDistinct) distinct problems; only the first are listed.")
            if let overflowIndex {
                findings[overflowIndex] = note
            } else {
                overflowIndex = findings.count
                findings.append(note)
            }
            return
        }
        indexByKey[key] = findings.count
        findings.append(finding)
    }

    mutating func add(contentsOf other: [SVGFinding]) {
        for finding in other { add(finding) }
    }

    var hasError: Bool { findings.contains { $0.severity == .error } }
}
