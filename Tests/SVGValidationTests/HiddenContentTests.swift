import SVGValidation
import Testing

/// SVG content that one kind of viewer draws and another skips: SVG elements under an element of
/// another namespace, and SVG element names taken out of the SVG namespace by a default-namespace
/// switch. Editor data in other namespaces (Inkscape, RDF, Illustrator) stays accepted.
@Suite("Hidden content")
struct HiddenContentTests {
    let validator = SVGValidator()
    let visible = "<rect width=\"10\" height=\"10\" fill=\"#123456\"/>"

    func report(_ body: String) -> SVGReport {
        validator.validate(Array("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\(visible)\(body)</svg>".utf8))
    }

    @Test(
        "Drawing hidden behind another namespace is rejected",
        arguments: [
            "<x:wrap xmlns:x=\"urn:x\"><circle r=\"4\"/></x:wrap>",
            "<x:wrap xmlns:x=\"urn:x\"><x:inner><g><path d=\"M0 0h1v1z\"/></g></x:inner></x:wrap>",
            "<g xmlns=\"\"><path d=\"M0 0h1v1z\"/></g>",
            "<g xmlns=\"urn:other\"><rect width=\"1\" height=\"1\"/></g>",
            "<s:g xmlns:s=\"http://www.w3.org/2000/svg\" xmlns=\"\"><use href=\"#x\"/></s:g>",
            "<text xmlns=\"urn:other\">Hei</text>",
        ])
    func hiddenDrawingIsRejected(_ body: String) {
        let result = report(body)
        #expect(result.verdict == .rejected, "\(result.findings)")
        #expect(result.codes.contains("security.hidden-content"), "\(result.codes)")
    }

    @Test(
        "Editor data in other namespaces stays accepted",
        arguments: [
            "<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><rdf:Description><dc:title>Logo</dc:title></rdf:Description></rdf:RDF></metadata>",
            "<metadata><sfw xmlns=\"http://ns.adobe.com/SaveForWeb/1.0/\"><slices/><sliceSourceBounds x=\"0\" y=\"0\"/></sfw></metadata>",
            "<sodipodi:namedview xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\"><inkscape:page x=\"0\"/></sodipodi:namedview>",
            "<defs><inkscape:path-effect xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" effect=\"spiro\" id=\"pe\"/></defs>",
            "<x:path xmlns:x=\"urn:x\" d=\"M0 0\"/>",
        ])
    func editorDataIsAccepted(_ body: String) {
        let result = report(body)
        #expect(result.verdict == .accepted, "\(result.findings)")
        #expect(!result.codes.contains("security.hidden-content"))
    }
}
