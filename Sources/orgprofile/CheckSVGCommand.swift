import ArgumentParser
import Foundation
import SVGValidation

struct CheckSVGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-svg",
        abstract: "Check SVG logos: safe to show and usable as a logo, with SVG Tiny PS (BIMI) conformance reported beside it.",
        discussion: """
            Exit status: 0 when every file is accepted, 1 when any is rejected (or, with --repair, \
            when the file was not repaired or its copy is rejected; with --tiny-ps-copy, when no copy \
            was written), 2 when a file cannot be read or written.
            """)

    @Flag(name: .long, help: "Print [{file, verdict, tinyPS, findings:[{code, severity, line, message}]}].")
    var json = false

    @Option(
        name: .long,
        help: "default: safe and usable logo, Tiny PS only reported; tiny-ps: Tiny PS violations are findings too (MUST rules reject).")
    var profile: SVGProfile = .default

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write a cleaned copy of the one input file (comments, metadata, editor namespaces, unused definitions removed), then check it. Files with security errors are not repaired.",
            valueName: "OUT.svg"))
    var repair: String?

    @Option(
        name: .customLong("tiny-ps-copy"),
        help: ArgumentHelp(
            "Write an SVG Tiny PS (BIMI) copy of the one input file when only changes that leave the drawing as it was are needed; print what was fixed, or what blocks the copy.",
            valueName: "OUT.svg"))
    var tinyPSCopy: String?

    @Option(name: .long, help: "With --tiny-ps-copy: the organisation's name for <title> (default: the logo's own title).")
    var title: String?

    @Argument(help: "SVG files.")
    var files: [String]

    func validate() throws {
        if title != nil && tinyPSCopy == nil { throw ValidationError("--title is only used with --tiny-ps-copy.") }
        if repair != nil && tinyPSCopy != nil { throw ValidationError("Use --repair or --tiny-ps-copy, not both.") }
        for (flag, output) in [("--repair", repair), ("--tiny-ps-copy", tinyPSCopy)] {
            guard let output else { continue }
            guard files.count == 1 else { throw ValidationError("\(flag) takes exactly one input file.") }
            if URL(fileURLWithPath: output).standardizedFileURL == URL(fileURLWithPath: files[0]).standardizedFileURL {
                throw ValidationError("\(flag) must write to a different file than the input; the original stays as published.")
            }
        }
    }

    /// One element of the JSON array.
    struct FileReport: Encodable {
        struct TinyPS: Encodable {
            /// No MUST rule of the profile is broken.
            var conforms: Bool
            var findings: [SVGFinding]
        }
        var file: String
        var verdict: String
        /// SVG Tiny PS conformance; `null` when the file did not parse far enough to tell.
        var tinyPS: TinyPS?
        var findings: [SVGFinding]
        var error: String?
        /// Only on the report of a repaired copy: the input it was made from and what was removed.
        var repairedFrom: String?
        var removed: SVGRepairRemovals?
        /// Only with --tiny-ps-copy: the copy written (or null), what it fixed and what blocks it.
        var tinyPSCopy: TinyPSCopyReport?

        struct TinyPSCopyReport: Encodable {
            var file: String?
            var fixes: [TinyPSFix]
            var blockers: [SVGFinding]
            var warnings: [SVGFinding]

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(file, forKey: .file)
                try container.encode(fixes, forKey: .fixes)
                try container.encode(blockers, forKey: .blockers)
                try container.encode(warnings, forKey: .warnings)
            }
            private enum CodingKeys: String, CodingKey { case file, fixes, blockers, warnings }
        }

        // `tinyPS` is always written, as null when unknown, so every report has the same keys.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(tinyPS, forKey: .tinyPS)
            try container.encode(findings, forKey: .findings)
            try container.encodeIfPresent(error, forKey: .error)
            try container.encodeIfPresent(repairedFrom, forKey: .repairedFrom)
            try container.encodeIfPresent(removed, forKey: .removed)
            try container.encodeIfPresent(tinyPSCopy, forKey: .tinyPSCopy)
        }
        private enum CodingKeys: String, CodingKey { case file, verdict, tinyPS, findings, error, repairedFrom, removed, tinyPSCopy }
    }

    func run() throws {
        let validator = SVGValidator(limits: .default, profile: profile)
        if let repair { return try runRepair(validator: validator, output: repair) }
        if let tinyPSCopy { return try runTinyPSCopy(validator: validator, output: tinyPSCopy) }
        var reports: [FileReport] = []
        var unreadable = false
        for file in files {
            guard let bytes = read(file) else {
                unreadable = true
                let reason = FileManager.default.fileExists(atPath: file) ? "cannot be read" : "does not exist"
                reports.append(FileReport(file: file, verdict: "unreadable", tinyPS: nil, findings: [], error: "\(file) \(reason)"))
                if !json { printError("\(file) \(reason)") }
                continue
            }
            let report = validator.validate(bytes)
            reports.append(fileReport(file, report))
            if !json { printHuman(file, report) }
        }
        if json { try printJSON(reports) }
        if unreadable { throw ExitCode(2) }
        if reports.contains(where: { $0.verdict == SVGVerdict.rejected.rawValue }) { throw Exit.rejected }
    }

    private func runRepair(validator: SVGValidator, output: String) throws {
        let input = files[0]
        guard let bytes = read(input) else {
            printError("\(input) \(FileManager.default.fileExists(atPath: input) ? "cannot be read" : "does not exist")")
            throw ExitCode(2)
        }
        let result = SVGRepair.repair(bytes, validator: validator)
        var reports = [fileReport(input, result.original)]
        if !json { printHuman(input, result.original, label: " (original)") }
        guard let repaired = result.repaired, let repairedReport = result.repairedReport else {
            let refusal = result.refusal ?? "Not repaired."
            reports[0].error = refusal
            if json { try printJSON(reports) } else { print("\(input): \(refusal) \(output) was not written.") }
            throw Exit.rejected
        }
        do {
            try Data(repaired).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            printError("cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        var copy = fileReport(output, repairedReport)
        copy.repairedFrom = input
        copy.removed = result.removals
        reports.append(copy)
        if json {
            try printJSON(reports)
        } else {
            print("\(output): repaired from \(input): removed \(result.removals.summary); \(bytes.count) -> \(repaired.count) bytes")
            printHuman(output, repairedReport, label: " (repaired copy)")
        }
        if repairedReport.verdict == .rejected { throw Exit.rejected }
    }

    private func runTinyPSCopy(validator: SVGValidator, output: String) throws {
        let input = files[0]
        guard let bytes = read(input) else {
            printError("\(input) \(FileManager.default.fileExists(atPath: input) ? "cannot be read" : "does not exist")")
            throw ExitCode(2)
        }
        var report = fileReport(input, validator.validate(bytes))
        if !json { printHuman(input, validator.validate(bytes)) }
        let result = TinyPSCopy.make(bytes, title: title)
        let fixed = result.fixes.isEmpty ? "nothing" : result.fixes.map(\.rawValue).joined(separator: ", ")
        guard let copy = result.bytes else {
            report.tinyPSCopy = .init(file: nil, fixes: result.fixes, blockers: result.blockers, warnings: [])
            if json {
                try printJSON([report])
            } else {
                print(
                    "\(input): no Tiny PS copy: blocked by \(result.blockers.count) problem\(result.blockers.count == 1 ? "" : "s") "
                        + "that cannot be fixed without changing the drawing (would have fixed: \(fixed)); \(output) was not written.")
                for blocker in result.blockers { print(line(input, blocker, prefix: "blocker ")) }
                if title == nil && result.blockers.contains(where: { $0.findingCode == .tinyPSTitle }) {
                    print("\(input): pass --title with the organisation's name to write the <title> Tiny PS needs.")
                }
            }
            throw Exit.rejected
        }
        do {
            try Data(copy).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            printError("cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        report.tinyPSCopy = .init(file: output, fixes: result.fixes, blockers: [], warnings: result.warnings)
        if json {
            try printJSON([report])
        } else {
            print("\(output): Tiny PS copy of \(input): fixed: \(fixed); \(bytes.count) -> \(copy.count) bytes")
            for warning in result.warnings { print(line(output, warning, prefix: "tiny-ps ")) }
            let count = result.warnings.count
            print("\(output): Tiny PS: conforms\(count == 0 ? "" : " (\(count) warning\(count == 1 ? "" : "s"))")")
        }
    }

    private func read(_ file: String) -> [UInt8]? {
        FileManager.default.contents(atPath: file).map { [UInt8]($0) }
    }

    private func fileReport(_ file: String, _ report: SVGReport) -> FileReport {
        FileReport(
            file: file, verdict: report.verdict.rawValue,
            tinyPS: report.tinyPS.map { FileReport.TinyPS(conforms: $0.conforms, findings: $0.findings) },
            findings: report.findings, error: nil)
    }

    /// Compiler-style lines; in the default profile the Tiny PS findings follow as "tiny-ps" notes,
    /// so they never read as reasons for the verdict.
    private func printHuman(_ file: String, _ report: SVGReport, label: String = "") {
        for finding in report.findings {
            print(line(file, finding, prefix: ""))
        }
        if profile == .default, let tinyPS = report.tinyPS {
            for finding in tinyPS.findings { print(line(file, finding, prefix: "tiny-ps ")) }
        }
        print("\(file): \(report.verdict.rawValue)\(label); \(tinyPSSummary(report.tinyPS))")
    }

    private func line(_ file: String, _ finding: SVGFinding, prefix: String) -> String {
        let line = finding.line.map { ":\($0)" } ?? ""
        let count = finding.count > 1 ? " (\(finding.count) times)" : ""
        return "\(file)\(line): \(prefix)\(finding.severity.rawValue)[\(finding.code)]: \(finding.message)\(count)"
    }

    private func tinyPSSummary(_ tinyPS: SVGTinyPSReport?) -> String {
        guard let tinyPS else { return "Tiny PS: not checked (the file was not read far enough)" }
        let errors = tinyPS.findings.filter { $0.severity == .error }.count
        let warnings = tinyPS.findings.filter { $0.severity == .warning }.count
        if tinyPS.conforms {
            return warnings == 0 ? "Tiny PS: conforms" : "Tiny PS: conforms (\(warnings) warning\(warnings == 1 ? "" : "s"))"
        }
        return "Tiny PS: does not conform (\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"))"
    }

    private func printJSON(_ reports: [FileReport]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(reports), as: UTF8.self))
    }
}

extension SVGProfile: ExpressibleByArgument {}
