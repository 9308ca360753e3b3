import SVGValidation
import Testing

@Suite("Finding codes")
struct SVGFindingCodeTests {
    @Test("Every code the validator can emit is documented, and the table has no stale codes")
    func codesAndTableAgree() throws {
        let documented = try FindingsTable.documentedCodes()
        let emitted = Set(SVGFinding.Code.all.map(\.rawValue))
        #expect(emitted.subtracting(documented).isEmpty, "undocumented: \(emitted.subtracting(documented).sorted())")
        #expect(documented.subtracting(emitted).isEmpty, "documented but unknown: \(documented.subtracting(emitted).sorted())")
    }

    @Test("Codes are unique and dotted lower-case")
    func codesAreWellFormed() {
        let raw = SVGFinding.Code.all.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        for code in raw {
            let parts = code.split(separator: ".")
            #expect(parts.count == 2, "\(code)")
            #expect(["limits", "parse", "security", "usability", "tinyps"].contains(String(parts[0])), "\(code)")
            #expect(code.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" }, "\(code)")
        }
    }

    @Test("SVGReport(findings:) still decides the verdict from errors alone")
    func contractInitialiser() {
        let warning = SVGFinding(code: "usability.no-dimensions", severity: .warning, line: 1, message: "m")
        let error = SVGFinding(code: "security.script-element", severity: .error, line: 2, message: "m")
        #expect(SVGReport(findings: [warning]).verdict == .accepted)
        #expect(SVGReport(findings: [warning, error]).verdict == .rejected)
        #expect(SVGReport(findings: []).tinyPS == nil)
    }
}
