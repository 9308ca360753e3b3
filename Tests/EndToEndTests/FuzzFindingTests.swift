import Foundation
import TestSupport
import Testing

/// Inputs the fuzz targets (scripts/fuzz, docs/fuzzing.md) found to crash, run the way an operator
/// would hit them: through the built binary, so a crash fails the test instead of the test run.
@Suite struct FuzzFindingTests {
    let web = TestWeb.shared

    /// `scripts/fuzz orgnr` (Sources/ParserFuzz/Seeds/orgnr/crash-variation-selector-after-digit.txt):
    /// "991", U+FE0F, "825828" is nine graphemes that each compare as a digit, but one has no digit
    /// value, so the check-digit step indexed past the end (SIGILL, exit 132).
    @Test func aDigitWithAVariationSelectorIsAClearErrorNotACrash() async throws {
        let cache = Scratch.url.appendingPathComponent("orgprofile-fuzz-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let result = try await BuiltBinary.run(["refresh", "991\u{FE0F}825828", "--cache-dir", cache] + web.operatorArguments)
        #expect(result.status == 65, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("organisation number"), "\(result.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(written.isEmpty, "\(written)")
    }
}
