import Foundation
import Testing
@testable import Discovery

@Suite("Charset and HTML parsing")
struct HTMLDecodingTests {
    /// "Sauda kommune – Bærum" in windows-1252 bytes.
    static let latin1Title: [UInt8] = Array("<html><head>".utf8) + Array("<title>Sauda kommune ".utf8) + [0x96]
        + Array(" B".utf8) + [0xE6]
        + Array("rum</title></head><body></body></html>".utf8)

    @Test func latin1DeclaredInHeaderDecodesAsWindows1252() {
        let page = analyse(bytes: Self.latin1Title, contentType: "text/html; charset=ISO-8859-1")
        #expect(page.charset == .windows1252)
        #expect(page.nameHints.first { $0.source == "title" }?.text == "Sauda kommune – Bærum")
    }

    @Test func latin1DeclaredOnlyInMetaIsFound() {
        let bytes = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">".utf8) + Self.latin1Title
        let page = analyse(bytes: bytes, contentType: "text/html")
        #expect(page.charset == .windows1252)
        #expect(page.nameHints.first { $0.source == "title" }?.text == "Sauda kommune – Bærum")
    }

    @Test func metaCharsetAttribute() {
        let bytes = Array("<!doctype html><meta charset='latin1'>".utf8) + Self.latin1Title
        #expect(HTMLTextDecoder.decode(bytes, contentType: nil).origin == .meta)
        #expect(analyse(bytes: bytes, contentType: nil).nameHints.first { $0.source == "title" }?.text == "Sauda kommune – Bærum")
    }

    @Test func byteOrderMarkWinsOverHeader() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<title>Bærum</title>".utf8)
        let decoded = HTMLTextDecoder.decode(bytes, contentType: "text/html; charset=iso-8859-1")
        #expect(decoded.origin == .byteOrderMark)
        #expect(String(decoding: decoded.utf8, as: UTF8.self) == "<title>Bærum</title>")
    }

    @Test func headerWinsOverMeta() {
        let bytes = Array("<meta charset=\"iso-8859-1\"><title>Bærum</title>".utf8)
        let decoded = HTMLTextDecoder.decode(bytes, contentType: "text/html;charset=\"UTF-8\"")
        #expect(decoded.charset == .utf8)
        #expect(decoded.origin == .header)
    }

    @Test func undeclaredInvalidUTF8FallsBackToWindows1252() {
        let bytes = Array("<title>Tr".utf8) + [0xF8] + Array("ndelag</title>".utf8)
        let decoded = HTMLTextDecoder.decode(bytes, contentType: "text/html")
        #expect(decoded.charset == .windows1252)
        #expect(String(decoding: decoded.utf8, as: UTF8.self) == "<title>Trøndelag</title>")
    }

    @Test(arguments: [
        ("ISO-8859-1", HTMLTextDecoder.Charset.windows1252), ("latin1", .windows1252), ("us-ascii", .windows1252),
        ("UTF8", .utf8), ("iso-8859-15", .iso885915), ("koi8-r", nil),
    ] as [(String, HTMLTextDecoder.Charset?)])
    func charsetLabels(label: String, expected: HTMLTextDecoder.Charset?) {
        #expect(HTMLTextDecoder.charset(forLabel: label) == expected)
    }

    @Test func entitiesAreDecodedAndNamesLowerCased() {
        let tree = parse("<DIV Class=\"Logo\">Tr&oslash;ndelag &amp; S&#248;r</DIV>")
        let div = tree.first("div")!
        #expect(tree[div].attribute("class") == "Logo")
        #expect(tree.textContent(of: div) == "Trøndelag & Sør")
    }

    @Test func scriptContentIsKeptRaw() {
        let tree = parse("<script type=\"application/ld+json\">{\"a\": \"<b>x</b>\"}</script>")
        #expect(tree.rawText(of: tree.first("script")!) == "{\"a\": \"<b>x</b>\"}")
    }

    @Test func brokenMarkupIsRecovered() {
        let tree = parse("<header><a href=/><img src=logo.svg alt=Sauda></a><p>unclosed<div>x</header><footer>f")
        #expect(tree.first("img") != nil)
        #expect(tree.first("footer") != nil)
    }
}
