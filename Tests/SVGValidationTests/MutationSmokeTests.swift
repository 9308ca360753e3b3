import SVGValidation
import TestSupport
import Testing

/// A small deterministic mutation run over the real logos: whatever the bytes, the validator
/// answers quickly and the same way twice, never accepts a mutant that XML itself forbids (a NUL
/// byte, bytes that are not UTF-8, a root element that is never closed), and never accepts a file
/// into which a script was inserted. (Coverage-guided fuzzing: `scripts/fuzz-svg`.)
@Suite("Mutation smoke test")
struct MutationSmokeTests {
    static let fragments: [[UInt8]] = [
        "<", ">", "&", "&#0;", "&#xD800;", "]]>", "<!--", "-->", "<?", "?>", "<![CDATA[", "\"", "'", "\0",
        "<!DOCTYPE svg [<!ENTITY a \"b\">]>", "xmlns:x=\"y\" ", " x:y=\"1\"", "<g>", "</g>", "url(", "\\", "\u{FEFF}",
    ].map { Array($0.utf8) }

    static func mutate(_ bytes: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &random) where !result.isEmpty {
            let at = Int.random(in: 0..<result.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: result[at] = UInt8.random(in: 0...255, using: &random)
            case 1: result.removeSubrange(at..<min(result.count, at + Int.random(in: 1...64, using: &random)))
            case 2: result.insert(contentsOf: fragments.randomElement(using: &random)!, at: at)
            default: result = Array(result[..<at])
            }
        }
        return result
    }

    @Test("Mutated logos give consistent reports", arguments: Corpus.files("accept"))
    func mutatedLogos(_ name: String) throws {
        let original = try Corpus.bytes("accept", name)
        var random = SplitMix64(seed: UInt64(truncatingIfNeeded: name.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
        let validator = SVGValidator()
        let clock = ContinuousClock()
        var spent = Duration.zero
        var rejected = 0
        for round in 0..<60 {
            let mutant = Self.mutate(original, using: &random)
            let start = clock.now
            let report = validator.validate(mutant)
            spent += clock.now - start
            #expect(validator.validate(mutant) == report, "round \(round): a second run gave another report")
            #expect(report.findings.allSatisfy { !$0.message.isEmpty && $0.count >= 1 })
            if let reason = Self.notWellFormed(mutant) {
                #expect(report.verdict == .rejected, "round \(round): accepted although \(reason)")
            }
            if report.verdict == .rejected { rejected += 1 }
        }
        // The harness: mutating must break most files, or this test shows nothing.
        #expect(rejected >= 20, "only \(rejected) of 60 mutants were rejected")
        #expect(spent < .seconds(10))
    }

    /// Why XML 1.0 forbids these bytes as a document, judged without the validator: nil when
    /// nothing this simple rules them out. The corpus files are UTF-8 and close their root.
    static func notWellFormed(_ bytes: [UInt8]) -> String? {
        if bytes.contains(0) { return "it has a NUL byte" }
        if String(validating: bytes, as: UTF8.self) == nil { return "it is not UTF-8" }
        let closing = Array("</svg".utf8)
        if bytes.count < closing.count || !(0...(bytes.count - closing.count)).contains(where: { bytes[$0..<($0 + closing.count)].elementsEqual(closing) }) {
            return "its root element is never closed"
        }
        return nil
    }

    @Test("A script element inserted anywhere between elements is always caught", arguments: Corpus.files("accept"))
    func insertedScript(_ name: String) throws {
        let original = try Corpus.bytes("accept", name)
        let closing = Array("</svg>".utf8)
        // Insert right before the final </svg>: always inside the root, always well-formed.
        guard let at = (0...(original.count - closing.count)).last(where: { original[$0..<($0 + closing.count)].elementsEqual(closing) })
        else {
            Issue.record("no </svg> in \(name)")
            return
        }
        var bytes = original
        bytes.insert(contentsOf: Array("<script>alert(1)</script>".utf8), at: at)
        let report = SVGValidator().validate(bytes)
        #expect(report.verdict == .rejected)
        #expect(report.codes.contains("security.script-element"))
    }
}
