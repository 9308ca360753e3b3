import Testing

@testable import SVGValidation

@Suite("Repair")
struct RepairTests {
    let validator = SVGValidator()

    /// What a renderer draws from: SVG elements outside `<metadata>` and `<defs>`, each with its
    /// attributes outside editor namespaces, in document order.
    static func drawn(_ bytes: [UInt8]) -> [String] {
        guard let root = LibXML2Parser.parse(bytes, limits: .default).root else { return [] }
        var result: [String] = []
        root.forEachElement { element in
            guard element.isSVG, element.name != "metadata", element.name != "defs",
                !element.hasAncestor(where: { $0.name == "metadata" || $0.name == "defs" })
            else { return }
            let attributes = element.attributes
                .filter { !LibXML2Rewriter.editorNamespaces.contains($0.namespaceURI ?? "") }
                .map { "\($0.namespaceURI ?? "")|\($0.name)=\($0.value)" }
                .sorted()
            result.append("\(element.name)[\(attributes.joined(separator: " "))]\(element.text.trimmingWhitespace)")
        }
        return result
    }

    static func svg(_ body: String, extraNamespaces: String = "") -> [UInt8] {
        Array(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"\(extraNamespaces) viewBox=\"0 0 10 10\">\(body)</svg>"
                .utf8)
    }

    @Test("A real logo's repaired copy is accepted, no larger, draws the same, and repairs to itself", arguments: Corpus.files("accept"))
    func realLogo(_ name: String) throws {
        let bytes = try Corpus.bytes("accept", name)
        let result = SVGRepair.repair(bytes, validator: validator)
        let copy = try #require(result.repaired, "\(name): \(result.refusal ?? "")")
        #expect(result.original.verdict == .accepted)
        #expect(result.repairedReport?.verdict == .accepted, "\(name): \(result.repairedReport?.findings(atLeast: .error) ?? [])")
        #expect(copy.count <= bytes.count)
        #expect(Self.drawn(copy) == Self.drawn(bytes), "\(name): drawn content changed")
        if result.removals.total == 0 { #expect(copy == bytes, "\(name): nothing removed, so the bytes must not change") }
        let again = SVGRepair.repair(copy, validator: validator)
        #expect(again.removals.total == 0, "\(name): second repair removed \(again.removals.summary)")
    }

    @Test("Editor leftovers in the real logos go", arguments: ["dpa.svg", "tffa.svg", "nkom.svg"])
    func editorLeftoversGo(_ name: String) throws {
        let copy = try #require(SVGRepair.repair(try Corpus.bytes("accept", name), validator: validator).repaired)
        let text = String(decoding: copy, as: UTF8.self)
        for leftover in ["sodipodi", "inkscape", "<!--", "<!DOCTYPE"] {
            #expect(!text.contains(leftover), "\(name) still has \(leftover)")
        }
    }

    @Test("A hostile file is never repaired into an accepted logo", arguments: Corpus.files("reject"))
    func hostileFile(_ name: String) throws {
        let result = SVGRepair.repair(try Corpus.bytes("reject", name), validator: validator)
        #expect(result.original.verdict == .rejected)
        let security = result.original.findings.contains { $0.severity == .error && $0.code.hasPrefix("security.") }
        if security {
            #expect(result.repaired == nil && result.refusal != nil, "\(name) has a security error but was repaired")
        }
        if let report = result.repairedReport {
            #expect(report.verdict == .rejected, "\(name): repair turned a rejected file into an accepted one")
        }
    }

    @Test("Comments, metadata, editor elements, attributes and namespace declarations are removed")
    func removesEditorData() throws {
        let bytes = Self.svg(
            "<!-- made by hand --><metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></metadata>"
                + "<sodipodi:namedview pagecolor=\"#fff\"/><rect inkscape:label=\"box\" width=\"5\" height=\"5\" fill=\"#c00\"/>",
            extraNamespaces:
                " xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\""
        )
        let result = SVGRepair.repair(bytes, validator: validator)
        let copy = String(decoding: try #require(result.repaired), as: UTF8.self)
        #expect(result.removals.comments == 1)
        #expect(result.removals.metadata == 1)
        #expect(result.removals.editorElements == 1)
        #expect(result.removals.editorAttributes == 1)
        #expect(result.removals.namespaceDeclarations == 2)
        #expect(
            copy
                == "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\"><rect width=\"5\" height=\"5\" fill=\"#c00\"/></svg>\n"
        )
    }

    @Test("Unused definitions go, used ones stay, also when used only from a style sheet or another used definition")
    func unusedDefinitions() throws {
        let bytes = Self.svg(
            "<style>.a{fill:url(#fromCSS)}</style><defs>"
                + "<linearGradient id=\"base\"><stop offset=\"0\" stop-color=\"#000\"/></linearGradient>"
                + "<linearGradient id=\"used\" xlink:href=\"#base\"/>"
                + "<linearGradient id=\"fromCSS\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient>"
                + "<linearGradient id=\"unusedBase\"><stop offset=\"0\" stop-color=\"#00f\"/></linearGradient>"
                + "<linearGradient id=\"unused\" href=\"#unusedBase\"/>"
                + "<path d=\"M0 0h1\"/></defs>"
                + "<rect class=\"a\" width=\"5\" height=\"5\"/><rect x=\"5\" width=\"5\" height=\"5\" fill=\"url(#used)\"/>")
        let result = SVGRepair.repair(bytes, validator: validator)
        let copy = String(decoding: try #require(result.repaired), as: UTF8.self)
        #expect(result.removals.unusedDefinitions == 3)
        for kept in ["id=\"base\"", "id=\"used\"", "id=\"fromCSS\""] { #expect(copy.contains(kept), "\(kept) was removed") }
        for removed in ["unusedBase", "id=\"unused\"", "<path"] { #expect(!copy.contains(removed), "\(removed) was kept") }
        #expect(result.repairedReport?.verdict == .accepted)
    }

    @Test(
        "When references may be spelled in ways the scan cannot see, no definition is removed",
        arguments: ["<style>.a{fill:url(#\\67 )}</style>", "<animate attributeName=\"x\" begin=\"g.end\" dur=\"1s\"/>"])
    func unsureReferencesKeepDefinitions(_ extra: String) throws {
        let bytes = Self.svg("\(extra)<defs><linearGradient id=\"g\"/></defs><rect class=\"a\" width=\"5\" height=\"5\"/>")
        let result = SVGRepair.repair(bytes, validator: validator)
        #expect(result.removals.unusedDefinitions == 0)
    }

    @Test("Whitespace inside text is kept; layout whitespace next to removed nodes goes")
    func whitespace() throws {
        let bytes = Self.svg("<text x=\"1\" y=\"5\">A <!-- c --> B</text>\n  <!-- layout -->\n  <rect width=\"1\" height=\"1\"/>")
        let copy = String(decoding: try #require(SVGRepair.repair(bytes, validator: validator).repaired), as: UTF8.self)
        #expect(copy.contains("<text x=\"1\" y=\"5\">A  B</text>\n  <rect"))
    }

    @Test("A file with a security error is not repaired even when the repair would remove its cause")
    func securityErrorBlocksRepair() {
        // The script sits in a comment-free editor element the repair would drop.
        let bytes = Self.svg(
            "<rect width=\"5\" height=\"5\"/><sodipodi:x><script>alert(1)</script></sodipodi:x>",
            extraNamespaces: " xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\"")
        let result = SVGRepair.repair(bytes, validator: validator)
        #expect(result.original.verdict == .rejected)
        #expect(result.repaired == nil)
        #expect(result.refusal?.contains("security") == true)
    }

    @Test("Under the tiny-ps profile the repair can remove what the profile forbids, and both verdicts are kept")
    func tinyPSProfile() throws {
        let strict = SVGValidator(limits: .default, profile: .tinyPS)
        let bytes = Array(
            ("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 10 10\">"
                + "<title>Etaten</title><metadata><x:y xmlns:x=\"http://ns.adobe.com/xap/1.0/\"/></metadata>"
                + "<rect width=\"5\" height=\"5\" fill=\"#c00\"/><rect x=\"5\" width=\"5\" height=\"5\" fill=\"#00c\"/></svg>").utf8)
        let result = SVGRepair.repair(bytes, validator: strict)
        #expect(result.original.verdict == .rejected, "\(result.original.findings)")
        #expect(result.repairedReport?.verdict == .accepted, "\(result.repairedReport?.findings ?? [])")
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(
            unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed().map(Character.init)
        )
    }
}
