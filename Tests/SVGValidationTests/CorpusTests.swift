import SVGValidation
import Testing

@Suite("Corpus")
struct CorpusTests {
    let validator = SVGValidator()

    @Test("Real agency logos are accepted", arguments: Corpus.files("accept"))
    func realLogoIsAccepted(_ name: String) throws {
        let report = validator.validate(try Corpus.bytes("accept", name))
        #expect(report.verdict == .accepted, "\(name): \(report.findings(atLeast: .error).map(\.message))")
        #expect(report.intrinsicSize?.aspectRatio != nil, "\(name) should have a usable size")
    }

    @Test("Hostile files are rejected with their code", arguments: Corpus.files("reject"))
    func hostileFileIsRejected(_ name: String) throws {
        let expected = try #require(try Corpus.expectations()[name], "\(name) has no entry in expected.json")
        let report = validator.validate(try Corpus.bytes("reject", name))
        #expect(report.verdict == .rejected, "\(name) was accepted: \(report.findings)")
        for code in expected.codes {
            #expect(report.codes.contains(code), "\(name): expected \(code), got \(report.codes)")
        }
    }

    @Test("expected.json and the reject folder list the same files")
    func expectationsMatchFiles() throws {
        let listed = Set(try Corpus.expectations().keys)
        let present = Set(Corpus.files("reject"))
        #expect(listed == present, "only listed: \(listed.subtracting(present)); only present: \(present.subtracting(listed))")
        #expect(present.count >= 50)
    }

    @Test("Every code a reject file expects is documented in docs/svg-findings.md")
    func expectedCodesAreDocumented() throws {
        let documented = try FindingsTable.documentedCodes()
        for (name, expectation) in try Corpus.expectations() {
            for code in expectation.codes {
                #expect(documented.contains(code), "\(name): \(code) is not in docs/svg-findings.md")
            }
        }
    }
}
