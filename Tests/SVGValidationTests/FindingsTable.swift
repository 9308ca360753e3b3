import Foundation

/// The code column of the table in docs/svg-findings.md, read from the source tree.
enum FindingsTable {
    static func documentedCodes(filePath: String = #filePath) throws -> Set<String> {
        let docs = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/svg-findings.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        var codes: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(3).prefix { $0 != "`" }
            codes.insert(String(cell))
        }
        return codes
    }
}
