import ArgumentParser
import Foundation
import LogoRendering
import SVGValidation

struct CheckSVGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-svg",
        abstract: "Check SVG logos: safe to show and usable as a logo, with SVG Tiny PS (BIMI) conformance reported beside it.",
        discussion: """
            Accepted files are also drawn (librsvg) to tell what a person would see: blank, invisible on \
            white, mostly margin; kind, theme, brand colours and the trimmed box. A file that draws as \
            nothing, or cannot be drawn, is rejected. Exit status: 0 when every file is accepted, 1 when \
            any is rejected (or, with --repair, when the file was not repaired or its copy is rejected; \
            with --tiny-ps-copy, when no copy was written; with --render, when it was not rendered), 2 \
            when a file cannot be read or written.
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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write a PNG of the one input file, trimmed to its drawing, on a transparent background (only when accepted).",
            valueName: "OUT.png"))
    var render: String?

    @Option(name: .long, help: "Height of the --render PNG in pixels (1 to 4096).")
    var height: Int = 256

    @Argument(help: "SVG files.")
    var files: [String]

    func validate() throws {
        if let render {
            guard files.count == 1 else { throw ValidationError("--render takes exactly one input file.") }
            guard repair == nil && tinyPSCopy == nil else {
                throw ValidationError("--render cannot be combined with --repair or --tiny-ps-copy; make the copy first, then render it.")
            }
            if URL(fileURLWithPath: render).standardizedFileURL == URL(fileURLWithPath: files[0]).standardizedFileURL {
                throw ValidationError("--render must write to a different file than the input.")
            }
        }
        let tallest = LogoRenderer.Limits.default.maxRenditionHeight
        guard (1...tallest).contains(height) else { throw ValidationError("--height must be 1 to \(tallest), not \(height).") }
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
        /// What the drawn logo shows; `null` when the file was not drawn (rejected by the validator).
        var rendering: Rendering?
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

        struct Rendering: Encodable {
            var canvas: PixelSize?
            var trimmedBox: PixelBox?
            var aspectRatio: Double?
            var kind: LogoKind?
            var theme: LogoTheme?
            var brandColours: [String]
            var measures: InkMeasures?
        }

        // `tinyPS` is always written, as null when unknown, so every report has the same keys.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(tinyPS, forKey: .tinyPS)
            try container.encode(findings, forKey: .findings)
            try container.encode(rendering, forKey: .rendering)
            try container.encodeIfPresent(error, forKey: .error)
            try container.encodeIfPresent(repairedFrom, forKey: .repairedFrom)
            try container.encodeIfPresent(removed, forKey: .removed)
            try container.encodeIfPresent(tinyPSCopy, forKey: .tinyPSCopy)
        }
        private enum CodingKeys: String, CodingKey {
            case file, verdict, tinyPS, findings, rendering, error, repairedFrom, removed, tinyPSCopy
        }
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
            // Only what the validator accepted is drawn.
            let drawn =
                report.verdict == .accepted
                ? renderer.renderBlocking(bytes, renditionHeights: render == nil ? [] : [height]) : nil
            reports.append(fileReport(file, report, drawn: drawn?.report))
            if !json { printHuman(file, report, drawn: drawn?.report) }
            if let render { try writeRendering(drawn, to: render) }
        }
        if json { try printJSON(reports) }
        if unreadable { throw ExitCode(2) }
        if reports.contains(where: { $0.verdict == SVGVerdict.rejected.rawValue }) { throw Exit.rejected }
    }

    private var renderer: LogoRenderer { LogoRenderer() }

    /// `--render`: the PNG when the file was drawn, else why not (exit 1).
    private func writeRendering(_ drawn: RenderResult?, to output: String) throws {
        guard let drawn, let rendition = drawn.renditions.first else {
            let why = drawn.map { $0.report.findings.map(\.message).joined(separator: "; ") } ?? "the validator rejected it"
            if json { printError("\(output) not rendered: \(why)") } else { print("\(output): not rendered: \(why)") }
            throw Exit.rejected
        }
        do {
            try Data(rendition.png).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            printError("cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        if !json { print("\(output): \(rendition.width)×\(rendition.height) PNG, trimmed, transparent background") }
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

    /// The validator's report with the rendering's findings after its own; a rendering error
    /// (blank, not drawable) rejects the file.
    private func fileReport(_ file: String, _ report: SVGReport, drawn: RenderReport? = nil) -> FileReport {
        let rejected = report.verdict == .rejected || drawn?.isUsable == false
        return FileReport(
            file: file, verdict: (rejected ? SVGVerdict.rejected : .accepted).rawValue,
            tinyPS: report.tinyPS.map { FileReport.TinyPS(conforms: $0.conforms, findings: $0.findings) },
            findings: report.findings + (drawn?.findings ?? []),
            rendering: drawn.map {
                FileReport.Rendering(
                    canvas: $0.canvas, trimmedBox: $0.trimmedBox, aspectRatio: $0.aspectRatio, kind: $0.kind, theme: $0.theme,
                    brandColours: $0.brandColours, measures: $0.measures)
            }, error: nil)
    }

    /// Compiler-style lines; in the default profile the Tiny PS findings follow as "tiny-ps" notes,
    /// so they never read as reasons for the verdict. A drawn file gets one line of what it shows.
    private func printHuman(_ file: String, _ report: SVGReport, drawn: RenderReport? = nil, label: String = "") {
        for finding in report.findings + (drawn?.findings ?? []) {
            print(line(file, finding, prefix: ""))
        }
        if profile == .default, let tinyPS = report.tinyPS {
            for finding in tinyPS.findings { print(line(file, finding, prefix: "tiny-ps ")) }
        }
        if let drawn, drawn.isUsable, let kind = drawn.kind, let theme = drawn.theme, let box = drawn.trimmedBox,
            let canvas = drawn.canvas, let aspect = drawn.aspectRatio
        {
            print(
                "\(file): drawn: \(kind.rawValue), theme \(theme.rawValue), colours \(drawn.brandColours.joined(separator: " ")); "
                    + "drawing \(box.width)×\(box.height) at (\(box.x), \(box.y)) of \(canvas.width)×\(canvas.height), aspect "
                    + String(format: "%.2f", aspect))
        }
        let rejected = report.verdict == .rejected || drawn?.isUsable == false
        print("\(file): \((rejected ? SVGVerdict.rejected : .accepted).rawValue)\(label); \(tinyPSSummary(report.tinyPS))")
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
