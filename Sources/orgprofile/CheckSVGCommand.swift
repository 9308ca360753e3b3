import ArgumentParser
import Foundation
import SVGValidation

struct CheckSVGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-svg",
        abstract: "Check SVG logos: safe to show and usable as a logo. Exit 0 when all are accepted, 1 when any is rejected, 2 when a file cannot be read.")

    @Flag(name: .long, help: "Print [{file, verdict, findings:[{code, severity, line, message}]}].")
    var json = false

    @Argument(help: "SVG files.")
    var files: [String]

    struct FileReport: Encodable {
        var file: String
        var verdict: String
        var findings: [SVGFinding]
        var error: String?
    }

    func run() throws {
        let validator = SVGValidator()
        var reports: [FileReport] = []
        var unreadable = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                unreadable = true
                let reason = FileManager.default.fileExists(atPath: file) ? "cannot be read" : "does not exist"
                reports.append(FileReport(file: file, verdict: "unreadable", findings: [], error: "\(file) \(reason)"))
                if !json { printError("\(file) \(reason)") }
                continue
            }
            let report = validator.validate([UInt8](data))
            reports.append(FileReport(file: file, verdict: report.verdict.rawValue, findings: report.findings, error: nil))
            if !json {
                for finding in report.findings {
                    let line = finding.line.map { ":\($0)" } ?? ""
                    print("\(file)\(line): \(finding.severity.rawValue)[\(finding.code)]: \(finding.message)")
                }
                print("\(file): \(report.verdict.rawValue)")
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
        }
        if unreadable { throw ExitCode(2) }
        if reports.contains(where: { $0.verdict == SVGVerdict.rejected.rawValue }) { throw Exit.rejected }
    }
}
