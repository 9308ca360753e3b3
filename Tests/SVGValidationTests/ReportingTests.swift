import Foundation
import Testing

@testable import SVGValidation

@Suite("Reporting")
struct ReportingTests {
    @Test("Repeats fold into one finding with a count and the first line")
    func folding() {
        var collector = FindingCollector()
        collector.add(.brokenReference, .warning, line: 7, "same")
        collector.add(.brokenReference, .warning, line: 3, "same")
        collector.add(.brokenReference, .warning, line: 9, "other")
        #expect(collector.findings.count == 2)
        #expect(collector.findings[0].count == 2 && collector.findings[0].line == 7)
    }

    @Test("The overflow note never hides an error")
    func overflowKeepsErrors() {
        var collector = FindingCollector()
        for index in 0..<(FindingCollector.maxDistinct + 10) {
            collector.add(.brokenReference, .warning, line: index, "warning \(index)")
        }
        #expect(collector.findings.count == FindingCollector.maxDistinct + 1)
        #expect(collector.findings.last?.code == "limits.too-many-findings")
        #expect(!collector.hasError)
        collector.add(.scriptElement, .error, line: 1, "dropped error")
        #expect(collector.hasError)
        #expect(SVGReport(findings: collector.findings).verdict == .rejected)
    }

    @Test("Many distinct problems in one file still give a bounded report")
    func boundedReport() {
        let uses = (0..<400).map { "<use href=\"#missing\($0)\"/>" }.joined()
        let text = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/>\(uses)</svg>"
        let report = SVGValidator().validate(Array(text.utf8))
        #expect(report.findings.count <= FindingCollector.maxDistinct + 1)
        #expect(report.codes.contains("limits.too-many-findings"))
        #expect(report.verdict == .accepted)
    }

    @Test("Reports round-trip through JSON, and old JSON without count still decodes")
    func codable() throws {
        let text = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 2 1\" onload=\"x\"><rect width=\"1\" height=\"1\"/></svg>"
        let report = SVGValidator().validate(Array(text.utf8))
        let decoded = try JSONDecoder().decode(SVGReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
        let old = Data(#"{"code":"parse.malformed","severity":"error","line":3,"message":"m"}"#.utf8)
        let finding = try JSONDecoder().decode(SVGFinding.self, from: old)
        #expect(finding.count == 1 && finding.line == 3)
    }

    @Test("Attacker text in messages is bounded and control characters are escaped")
    func quoting() {
        let long = String(repeating: "x", count: 500)
        let text =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/><use href=\"https://e.example/\(long)\"/><use href=\"https://e.example/&#x85;&#x202E;gpj.exe\"/></svg>"
        let report = SVGValidator().validate(Array(text.utf8))
        let messages = report.findings.filter { $0.code == "security.external-reference" }.map(\.message)
        #expect(messages.count == 2)
        for message in messages {
            #expect(message.count < 200)
            #expect(!message.unicodeScalars.contains { [.control, .format].contains($0.properties.generalCategory) }, "\(message)")
        }
        #expect(SVGText.quote("a\u{1B}[31m\u{202E}b") == "a\\u{1b}[31m\\u{202e}b")
    }

    @Test("Errors come first, then by line")
    func ordering() {
        let text =
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect width=\"1\" height=\"1\"/>\n<use href=\"#nope\"/>\n<script>x</script></svg>"
        let report = SVGValidator().validate(Array(text.utf8))
        let severities = report.findings.map(\.severity)
        #expect(severities == severities.sorted(by: >))
        #expect(report.findings.first?.code == "security.script-element")
    }
}
