import Foundation
import Testing
import SVGValidation

/// Prints every corpus report when SVG_DUMP=1; a development aid, asserts nothing about content.
@Test(.enabled(if: ProcessInfo.processInfo.environment["SVG_DUMP"] == "1"))
func dumpCorpusReports() throws {
    for folder in ["accept", "reject"] {
        for name in Corpus.files(folder) {
            let report = SVGValidator().validate(try Corpus.bytes(folder, name))
            print("== \(folder)/\(name): \(report.verdict) tinyPS=\(report.tinyPS?.conforms.description ?? "-")")
            for f in report.findings { print("   \(f.severity) \(f.code) L\(f.line ?? 0) x\(f.count): \(f.message)") }
        }
    }
}
