import Foundation
import LogoRendering
import SVGValidation
import Testing

@Suite struct RenderingCodesTests {
    /// The code column of the findings table in docs/logo-rendering.md.
    static func documentedCodes() throws -> Set<String> {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/logo-rendering.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        return Set(text.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { String($0.dropFirst(3).prefix { $0 != "`" }) })
    }

    @Test("Every rendering code is documented, the table has no others, and none is a validator code")
    func codesAndTableAgree() throws {
        let emitted = Set(SVGFinding.Code.rendering.map(\.rawValue))
        #expect(try Self.documentedCodes() == emitted)
        #expect(emitted.isDisjoint(with: SVGFinding.Code.all.map(\.rawValue)))
    }
}
