import SVGValidation
import Testing

/// Editors export repeated layer names as repeated ids. That alone draws the same everywhere; only a
/// reference to such an id is ambiguous (viewers may pick different elements).
@Suite("Duplicate ids")
struct DuplicateIDTests {
    let validator = SVGValidator()

    func report(_ body: String, rootAttributes: String = "") -> SVGReport {
        validator.validate(
            Array(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\" \(rootAttributes)>\(body)</svg>"
                    .utf8))
    }

    func duplicateFindings(_ report: SVGReport) -> [SVGFinding] {
        report.findings.filter { $0.code == "security.duplicate-id" }
    }

    @Test("An unreferenced duplicate id is a warning and the logo is accepted")
    func unreferencedDuplicateWarns() throws {
        let result = report("<path id=\"Vector\" d=\"M0 0h5v5z\"/><path id=\"Vector\" d=\"M5 5h5v5z\"/>")
        #expect(result.verdict == .accepted, "\(result.findings)")
        let finding = try #require(duplicateFindings(result).first)
        #expect(finding.severity == .warning)
    }

    @Test(
        "A reference to a duplicated id rejects the logo",
        arguments: [
            ("<rect id=\"a\" width=\"5\" height=\"5\"/><rect id=\"a\" width=\"9\" height=\"9\"/><use href=\"#a\"/>", ""),
            ("<rect id=\"a\" width=\"5\" height=\"5\"/><circle id=\"a\" r=\"5\"/><use xlink:href=\"#a\"/>", ""),
            (
                "<linearGradient id=\"g\"/><linearGradient id=\"g\"/><rect width=\"5\" height=\"5\" fill=\"url(#g)\"/>",
                ""
            ),
            ("<style>rect{fill:url(#g)}</style><linearGradient id=\"g\"/><radialGradient id=\"g\"/><rect width=\"5\" height=\"5\"/>", ""),
            ("<title id=\"t\">A</title><desc id=\"t\">B</desc><rect width=\"5\" height=\"5\"/>", "aria-labelledby=\"x t\""),
            ("<title id=\"t\">A</title><desc id=\"t\">B</desc><rect width=\"5\" height=\"5\"/>", "aria-describedby=\"t\""),
        ])
    func referencedDuplicateRejects(_ body: String, _ rootAttributes: String) throws {
        let result = report(body, rootAttributes: rootAttributes)
        #expect(result.verdict == .rejected, "\(result.findings)")
        let finding = try #require(duplicateFindings(result).first)
        #expect(finding.severity == .error)
        #expect(finding.message.contains("refer"), "\(finding.message)")
    }

    @Test("A reference to a unique id next to an unreferenced duplicate stays a warning")
    func referenceToUniqueIDIsFine() {
        let result = report(
            "<rect id=\"u\" width=\"5\" height=\"5\"/><use href=\"#u\"/><path id=\"v\" d=\"M0 0h1v1z\"/><path id=\"v\" d=\"M1 1h1v1z\"/>",
            rootAttributes: "aria-labelledby=\"u\"")
        #expect(result.verdict == .accepted, "\(result.findings)")
        #expect(duplicateFindings(result).allSatisfy { $0.severity == .warning })
    }
}
