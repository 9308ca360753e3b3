import Testing

@testable import SVGValidation

@Suite("Parsing, lines and encodings")
struct ParsingTests {
    let validator = SVGValidator()

    func finding(_ code: String, in text: String) -> SVGFinding? {
        validator.validate(Array(text.utf8)).findings.first { $0.code == code }
    }

    @Test("Security findings carry the line of the offending element")
    func securityLines() {
        let text = """
            <?xml version="1.0"?>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
              <rect width="10" height="10"/>

              <g>
                <rect width="1" height="1"
                      onclick="alert(1)"/>
                <script>alert(1)</script>
              </g>
              <foreignObject
                  width="10"
                  height="10"/>
            </svg>
            """
        // The attribute's own line, not the element's.
        #expect(finding("security.event-attribute", in: text)?.line == 7)
        #expect(finding("security.script-element", in: text)?.line == 8)
        // Where the start tag begins, not where libxml2 finished reading it.
        #expect(finding("security.foreign-object", in: text)?.line == 10)
    }

    @Test("Parse errors carry the libxml2 line and message")
    func malformedLine() throws {
        let text = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n<rect/>\n</svg>\n"
        let malformed = try #require(finding("parse.malformed", in: text))
        #expect(malformed.line == 4)
        #expect(malformed.message.contains("mismatch"))
    }

    @Test("Line numbers stay right past 65 535 lines")
    func bigLines() {
        let text =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">" + String(repeating: "\n", count: 70_000)
            + "<rect width=\"1\" height=\"1\"/><script>x</script></svg>"
        #expect(finding("security.script-element", in: text)?.line == 70_001)
        let leaves =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"1\" height=\"1\"/>"
            + String(repeating: "\n", count: 70_000)
            + "<!-- <b> -->\n<?php x ?></svg>"
        #expect(finding("security.markup-in-comment", in: leaves)?.line == 70_001)
        #expect(finding("security.processing-instruction", in: leaves)?.line == 70_002)
    }

    @Test("Comments and PIs before, inside and after the DOCTYPE get their own lines")
    func prologLines() {
        let text =
            "<?xml version=\"1.0\"?>\n<?a?>\n<!DOCTYPE svg [\n<?b?>\n]>\n<?c?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/></svg>\n<?d?>"
        let lines = validator.validate(Array(text.utf8)).findings.filter { $0.code == "security.processing-instruction" }.map(\.line)
        #expect(lines == [2, 4, 6, 8])
    }

    @Test("Invalid UTF-8 is reported with its line, before libxml2 sees it")
    func invalidUTF8Line() {
        var bytes = Array("<svg xmlns=\"http://www.w3.org/2000/svg\">\n\n<title>".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("</title></svg>".utf8)
        let report = validator.validate(bytes)
        #expect(report.codes == ["parse.invalid-utf8"])
        #expect(report.findings.first?.line == 3)
    }

    @Test("A UTF-8 BOM and CRLF line ends are accepted")
    func bomAndCRLF() {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\r\n<rect width=\"10\" height=\"10\"/>\r\n</svg>\r\n"
                    .utf8)
        let report = validator.validate(bytes)
        #expect(report.verdict == .accepted, "\(report.findings)")
    }

    @Test(
        "A declared 8-bit charset is accepted while every byte is ASCII, refused otherwise",
        arguments: ["ISO-8859-1", "windows-1252"])
    func asciiCompatibleCharset(_ charset: String) {
        let ascii =
            "<?xml version=\"1.0\" encoding=\"\(charset)\"?><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>"
        #expect(validator.validate(Array(ascii.utf8)).verdict == .accepted)
        var latin = Array(ascii.utf8)
        latin.insert(0xE6, at: latin.count - 6)  // 'æ' in Latin-1, invalid as UTF-8
        #expect(validator.validate(latin).verdict == .rejected)
    }

    @Test("Declared UTF-16 on ASCII bytes is refused")
    func declaredUTF16() {
        let text =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>"
        #expect(validator.validate(Array(text.utf8)).codes.contains("parse.unsupported-encoding"))
    }

    @Test("Predefined and numeric character references are ordinary text")
    func characterReferences() {
        let text =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>A &amp; B &#xE6;&#248;</title><rect width=\"10\" height=\"10\"/></svg>"
        #expect(validator.validate(Array(text.utf8)).verdict == .accepted)
    }

    @Test("An entity declaration is reported even when the document never uses it")
    func unusedEntity() {
        let text =
            "<!DOCTYPE svg [<!ENTITY e \"x\">]><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>"
        let report = validator.validate(Array(text.utf8))
        #expect(report.codes.contains("parse.entity-declaration"))
        #expect(report.verdict == .rejected)
    }

    @Test("A bare external DOCTYPE is only a warning, and is never loaded")
    func externalDoctype() {
        let text =
            "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"file:///etc/passwd\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>"
        let report = validator.validate(Array(text.utf8))
        #expect(report.verdict == .accepted)
        #expect(report.codes.contains("parse.external-doctype"))
        #expect(!report.codes.contains("parse.malformed"))
    }

    @Test("Same bytes, same report")
    func deterministic() throws {
        for name in Corpus.files("reject").prefix(20) + Corpus.files("accept") {
            let folder = Corpus.files("accept").contains(name) ? "accept" : "reject"
            let bytes = try Corpus.bytes(folder, name)
            #expect(validator.validate(bytes) == validator.validate(bytes), "\(name)")
        }
    }

    @Test("Validation from many tasks at once gives the sequential answers")
    func concurrentValidation() async throws {
        var inputs: [(String, [UInt8])] = []
        for name in Corpus.files("accept") { inputs.append((name, try Corpus.bytes("accept", name))) }
        for name in Corpus.files("reject") { inputs.append((name, try Corpus.bytes("reject", name))) }
        let shared = self.validator
        let sequential = inputs.map { shared.validate($0.1) }
        let concurrent = await withTaskGroup(of: (Int, SVGReport).self) { group in
            for _ in 0..<4 {
                for (index, input) in inputs.enumerated() {
                    let bytes = input.1
                    group.addTask { (index, shared.validate(bytes)) }
                }
            }
            var results: [(Int, SVGReport)] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(concurrent.count == inputs.count * 4)
        for (index, report) in concurrent {
            #expect(report == sequential[index], "\(inputs[index].0)")
        }
    }

    @Test("The plain-ASCII fast path never skips a byte the full UTF-8 and character checks would refuse")
    func asciiFastPathAgreesWithFullChecks() {
        for value in 0...255 {
            let bytes = Array("<a>".utf8) + [UInt8(value)] + Array("</a>".utf8)
            let slowPasses = ByteInspection.firstInvalidUTF8Line(bytes) == nil && ByteInspection.firstForbiddenCharacter(bytes) == nil
            if ByteInspection.isPlainASCIIText(bytes) {
                #expect(slowPasses, "byte \(value)")
            }
            #expect(
                ByteInspection.isPlainASCIIText(bytes) == ((0x20..<0x7F).contains(value) || [0x09, 0x0A, 0x0D].contains(value)),
                "byte \(value)")
        }
    }
}
