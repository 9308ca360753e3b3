import Foundation

/// Checks JSON documents against a JSON Schema with python's `jsonschema` (Debian's
/// python3-jsonschema), through `Tests/TestWeb/tools/check_schema.py`.
public struct JSONSchemaCheck {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    let schemaFile: URL

    public init(schemaFile: URL) throws {
        guard FileManager.default.isReadableFile(atPath: schemaFile.path) else {
            throw Unavailable(description: "\(schemaFile.path): the schema file cannot be read")
        }
        self.schemaFile = schemaFile
    }

    public static var profileSchema: URL { TestWeb.repositoryRoot.appendingPathComponent("docs/profile.schema.json") }

    static var checker: URL { TestWeb.testWebDirectory.appendingPathComponent("tools/check_schema.py") }

    /// One line per violation, `<JSON pointer>: <message>`; empty when the document is valid.
    /// Throws when the check cannot run (no python3, no jsonschema).
    public func violations(_ data: Data) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.checker.path, schemaFile.path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return []
        case 1: return printed.split(separator: "\n").map(String.init)
        default:
            throw Unavailable(description: "the schema check did not run (exit \(process.terminationStatus)): \(complaint)")
        }
    }
}
